import { beforeEach, describe, expect, it } from '@jest/globals';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsCallError } from '../../../lib/adapters/aws/errors.js';
import { AssumedRoleCredentialCache, roleSessionName } from '../../../lib/adapters/sts/assumed-role-credentials.js';
import { testContext } from '../aws/support/contexts.js';
import { assumeRoleOutput, awsError } from '../aws/support/recorded.js';

const sts = mockClient(STSClient);
const ROLE = 'arn:aws:iam::123456789012:role/audit-reader';


describe('AssumedRoleCredentialCache', () => {
  beforeEach(() => {
    sts.reset();
  });

  it('assumes the role with the external id and the cluster session name', async () => {
    // Arrange
    sts.on(AssumeRoleCommand).resolves(assumeRoleOutput(new Date(Date.now() + 3600_000)));
    const cache = new AssumedRoleCredentialCache();
    // Act
    const credentials = await cache.get({ sts: new STSClient({}), context: testContext(), roleArn: ROLE, externalId: 'ext-1234', sessionName: roleSessionName('prod-east') });
    // Assert
    expect(credentials).toMatchObject({ accessKeyId: 'ASIAEXAMPLEASSUMED01', sessionToken: 'FwoGZXIvYXdzEXAMPLE' });
    expect(sts.commandCalls(AssumeRoleCommand)[0]?.args[0].input).toEqual({
      RoleArn: ROLE,
      ExternalId: 'ext-1234',
      RoleSessionName: 'kube-aws-audit-prod-east',
      DurationSeconds: 3600,
    });
  });

  it('caches per role ARN: concurrent and later calls share one AssumeRole', async () => {
    sts.on(AssumeRoleCommand).resolves(assumeRoleOutput(new Date(Date.now() + 3600_000)));
    const cache = new AssumedRoleCredentialCache();
    const provider = cache.provider({ sts: new STSClient({}), context: testContext(), roleArn: ROLE, sessionName: 'kube-aws-audit-a' });
    await Promise.all([provider(), provider(), provider()]);
    await provider();
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
  });

  it('assumes separately for another role', async () => {
    sts.on(AssumeRoleCommand).resolves(assumeRoleOutput(new Date(Date.now() + 3600_000)));
    const cache = new AssumedRoleCredentialCache();
    const base = { sts: new STSClient({}), context: testContext(), sessionName: 'kube-aws-audit-a' };
    await cache.get({ ...base, roleArn: ROLE });
    await cache.get({ ...base, roleArn: 'arn:aws:iam::210987654321:role/audit-reader' });
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(2);
  });

  it('refreshes the credentials shortly before they expire', async () => {
    // Arrange
    let now = Date.parse('2026-09-01T12:00:00Z');
    sts
      .on(AssumeRoleCommand)
      .resolvesOnce(assumeRoleOutput(new Date('2026-09-01T13:00:00Z')))
      .resolvesOnce(assumeRoleOutput(new Date('2026-09-01T14:00:00Z'), 'ASIAEXAMPLEREFRESHED'));
    const cache = new AssumedRoleCredentialCache({ now: () => now });
    const provider = cache.provider({ sts: new STSClient({}), context: testContext(), roleArn: ROLE, sessionName: 's1' });
    // Act
    const first = await provider();
    now = Date.parse('2026-09-01T12:50:00Z');
    const stillCached = await provider();
    now = Date.parse('2026-09-01T12:56:00Z');
    const refreshed = await provider();
    // Assert
    expect(stillCached).toBe(first);
    expect(refreshed.accessKeyId).toBe('ASIAEXAMPLEREFRESHED');
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(2);
  });

  it('does not cache a failure: the next call tries again', async () => {
    sts
      .on(AssumeRoleCommand)
      .rejectsOnce(awsError('AccessDenied', 'User is not authorized to perform: sts:AssumeRole', 403))
      .resolves(assumeRoleOutput(new Date(Date.now() + 3600_000)));
    const cache = new AssumedRoleCredentialCache();
    const request = { sts: new STSClient({}), context: testContext(), roleArn: ROLE, sessionName: 's1' };
    const failure = await cache.get(request).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AwsCallError);
    expect(failure).toMatchObject({ operation: 'sts:AssumeRole', arn: ROLE, kind: 'access-denied' });
    await expect(cache.get(request)).resolves.toMatchObject({ accessKeyId: 'ASIAEXAMPLEASSUMED01' });
  });
});

describe('roleSessionName', () => {
  it('is kube-aws-audit-<cluster>, cut to 64 characters', () => {
    expect(roleSessionName('prod-east')).toBe('kube-aws-audit-prod-east');
    expect(roleSessionName('x'.repeat(100))).toHaveLength(64);
  });
});
