import { describe, expect, it } from '@jest/globals';
import type { ManagedPolicyDetail, RoleDetail } from '@aws-sdk/client-iam';
import { instanceProfileFromSdk, managedPolicyFromDetail, roleFromDetail } from '../../../lib/adapters/iam/to-view.js';
import { PolicyDocumentError } from '../../../lib/domain/policy/errors.js';
import { recorded } from '../aws/support/recorded.js';

const gaad = recorded<{ RoleDetailList: RoleDetail[]; Policies: ManagedPolicyDetail[] }>('iam.GetAccountAuthorizationDetails_2');

describe('roleFromDetail', () => {
  it('decodes the URL-encoded documents the SDK returns', () => {
    const role = roleFromDetail(gaad.RoleDetailList[0] as RoleDetail);
    expect(role.inlinePolicies[0]).toMatchObject({ name: 'k8s-worker-ec2', document: { Version: '2012-10-17' } });
    expect(role.trustPolicy).toMatchObject({ Statement: [{ Principal: { Service: 'ec2.amazonaws.com' } }] });
  });

  it('turns missing optional parts into empty lists and an empty tag record', () => {
    const role = roleFromDetail({ RoleName: 'r', Arn: 'arn:aws:iam::123456789012:role/r' });
    expect(role).toEqual({ arn: 'arn:aws:iam::123456789012:role/r', name: 'r', path: '/', inlinePolicies: [], attachedPolicies: [], instanceProfiles: [], tags: {} });
  });

  it('throws PolicyDocumentError for a document that is not a policy', () => {
    expect(() => roleFromDetail({ RoleName: 'r', RolePolicyList: [{ PolicyName: 'p', PolicyDocument: 'plain text' }] })).toThrow(PolicyDocumentError);
  });
});

describe('managedPolicyFromDetail', () => {
  it('takes the default version\'s document', () => {
    const policy = managedPolicyFromDetail(gaad.Policies[0] as ManagedPolicyDetail);
    expect(policy).toMatchObject({ arn: 'arn:aws:iam::123456789012:policy/k8s-ecr-read', name: 'k8s-ecr-read', defaultVersionId: 'v2' });
    expect(policy.document.Statement).toHaveLength(1);
  });

  it('refuses a policy without a default version document', () => {
    expect(() => managedPolicyFromDetail({ Arn: 'arn:aws:iam::123456789012:policy/x', DefaultVersionId: 'v3', PolicyVersionList: [{ VersionId: 'v1', Document: '%7B%7D' }] })).toThrow(PolicyDocumentError);
  });
});

describe('instanceProfileFromSdk', () => {
  it('lists the profile\'s role ARNs', () => {
    expect(instanceProfileFromSdk(recorded<{ InstanceProfile: never }>('iam.GetInstanceProfile_legacy').InstanceProfile)).toEqual({
      arn: 'arn:aws:iam::123456789012:instance-profile/legacy-nodes',
      name: 'legacy-nodes',
      roleArns: ['arn:aws:iam::123456789012:role/legacy-nodes'],
    });
  });
});
