import { beforeEach, describe, expect, it } from '@jest/globals';
import { GetAccountAuthorizationDetailsCommand, IAMClient } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsCallError } from '../../../lib/adapters/aws/errors.js';
import { sweepAccount } from '../../../lib/adapters/iam/account-sweep-fetch.js';
import { testContext } from '../aws/support/contexts.js';
import { awsError, recorded } from '../aws/support/recorded.js';
import { iamClient } from './support/mock-iam.js';

const iam = mockClient(IAMClient);

describe('sweepAccount', () => {
  beforeEach(() => {
    iam.reset();
  });

  it('pages GetAccountAuthorizationDetails (Role + managed policies, 1000 a page) to the end', async () => {
    // Arrange
    iam
      .on(GetAccountAuthorizationDetailsCommand)
      .resolvesOnce(recorded('iam.GetAccountAuthorizationDetails_1'))
      .resolvesOnce(recorded('iam.GetAccountAuthorizationDetails_2'));
    // Act
    const sweep = await sweepAccount({ iam: iamClient(), call: testContext() });
    // Assert
    const inputs = iam.commandCalls(GetAccountAuthorizationDetailsCommand).map((c) => c.args[0].input);
    expect(inputs).toEqual([
      { Filter: ['Role', 'LocalManagedPolicy', 'AWSManagedPolicy'], MaxItems: 1000, Marker: undefined },
      { Filter: ['Role', 'LocalManagedPolicy', 'AWSManagedPolicy'], MaxItems: 1000, Marker: 'AAEAAUaZ...page2' },
    ]);
    expect(sweep.roleDetails.map((r) => r.RoleName)).toEqual(['k8s-control-plane', 'legacy-nodes', 'k8s-worker']);
    expect(sweep.policies.map((p) => p.PolicyName)).toEqual(['k8s-boundary', 'k8s-ecr-read']);
  });

  it('never returns a partial sweep: a failing page fails the sweep', async () => {
    iam
      .on(GetAccountAuthorizationDetailsCommand)
      .resolvesOnce(recorded('iam.GetAccountAuthorizationDetails_1'))
      .rejectsOnce(awsError('Throttling', 'Rate exceeded', 400, { attempts: 6 }));
    const failure = await sweepAccount({ iam: iamClient(), call: testContext() }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AwsCallError);
    expect(failure).toMatchObject({ operation: 'iam:GetAccountAuthorizationDetails', kind: 'throttled' });
  });
});
