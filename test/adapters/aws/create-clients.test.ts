import { afterEach, describe, expect, it } from '@jest/globals';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { createClients, DEFAULT_MAX_ATTEMPTS } from '../../../lib/adapters/aws/create-clients.js';

class Captured extends Error {
  constructor(readonly url: string) {
    super('captured');
  }
}

describe('createClients', () => {
  afterEach(() => {
    delete process.env.AWS_ENDPOINT_URL;
  });

  it('builds the four clients for the region with adaptive retries', async () => {
    // Act
    const clients = createClients({ region: 'eu-central-1' });
    // Assert
    expect(Object.keys(clients).sort()).toEqual(['ec2', 'iam', 'sns', 'sts']);
    await expect(clients.ec2.config.region()).resolves.toBe('eu-central-1');
    await expect(clients.iam.config.maxAttempts()).resolves.toBe(DEFAULT_MAX_ATTEMPTS);
    expect(clients.sts.config.retryMode).toBe('adaptive');
    await expect(clients.sts.config.retryStrategy()).resolves.toMatchObject({ mode: 'adaptive' });
  });

  it('takes the endpoint from the standard SDK configuration (AWS_ENDPOINT_URL), never a hard-coded one', async () => {
    // Arrange
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:45999';
    const { ec2 } = createClients({ region: 'us-west-1', maxAttempts: 1 });
    ec2.middlewareStack.add(
      () => (args) => {
        const request = args.request as { protocol: string; hostname: string; port?: number };
        throw new Captured(`${request.protocol}//${request.hostname}:${request.port ?? ''}`);
      },
      { step: 'finalizeRequest' },
    );
    // Act
    const failure = await ec2.send(new DescribeRegionsCommand({})).catch((e: unknown) => e);
    // Assert
    expect(failure).toBeInstanceOf(Captured);
    expect((failure as Captured).url).toBe('http://127.0.0.1:45999');
  });

  it('uses the credentials it is given', async () => {
    const credentials = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' };
    const { iam } = createClients({ region: 'us-west-1', credentials });
    await expect(iam.config.credentials()).resolves.toMatchObject({ accessKeyId: 'ASIAEXAMPLE' });
  });
});
