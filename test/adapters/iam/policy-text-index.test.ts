import { describe, expect, it } from '@jest/globals';
import type { ManagedPolicyDetail, RoleDetail } from '@aws-sdk/client-iam';
import { PolicyTextIndex } from '../../../lib/adapters/iam/policy-text-index.js';
import { recorded } from '../aws/support/recorded.js';
import { BOUNDARY, ECR_POLICY, WORKER } from './support/mock-iam.js';

const page2 = recorded<{ RoleDetailList: RoleDetail[]; Policies: ManagedPolicyDetail[] }>('iam.GetAccountAuthorizationDetails_2');
const page1 = recorded<{ RoleDetailList: RoleDetail[]; Policies: ManagedPolicyDetail[] }>('iam.GetAccountAuthorizationDetails_1');
const index = new PolicyTextIndex({ roleDetails: page2.RoleDetailList, policies: [...page1.Policies, ...page2.Policies] });

describe('PolicyTextIndex', () => {
  it('finds an inline policy by name (SourcePolicyType role) with its decoded text', () => {
    const found = index.find(WORKER, 'k8s-worker-ec2', 'role');
    expect(found).toMatchObject({ policyId: 'k8s-worker-ec2', policyType: 'inline' });
    expect(found?.text.split('\n')[4]).toBe('            "Sid": "DescribeForCloudProvider",');
  });

  it('finds an attached managed policy by name or ARN and reports its ARN', () => {
    expect(index.find(WORKER, 'k8s-ecr-read', 'user-managed')).toMatchObject({ policyId: ECR_POLICY, policyType: 'managed' });
    expect(index.find(WORKER, ECR_POLICY, 'user-managed')).toMatchObject({ policyId: ECR_POLICY, policyType: 'managed' });
  });

  it('knows the permissions boundary as a boundary', () => {
    expect(index.find(WORKER, 'k8s-boundary', 'user-managed')).toMatchObject({ policyId: BOUNDARY, policyType: 'boundary' });
  });

  it('resolves source types outside the API model (IAM Policy) to an attached policy, else an inline one', () => {
    expect(index.find(WORKER, 'k8s-worker-ec2', 'IAM Policy')).toMatchObject({ policyId: 'k8s-worker-ec2', policyType: 'inline' });
    expect(index.find(WORKER, 'k8s-ecr-read', 'IAM Policy')).toMatchObject({ policyId: ECR_POLICY, policyType: 'managed' });
    expect(index.find(WORKER, 'k8s-boundary', 'PermissionsBoundaryPolicy')).toMatchObject({ policyId: BOUNDARY, policyType: 'boundary' });
    expect(index.find(WORKER, 'k8s-worker-ec2', 'user-managed')).toBeUndefined();
  });

  it('finds nothing for policies the role does not have, or unknown roles', () => {
    expect(index.find(WORKER, 'other', 'role')).toBeUndefined();
    expect(index.find('arn:aws:iam::123456789012:role/nope', 'k8s-worker-ec2', 'role')).toBeUndefined();
  });
});
