import {
  DescribeInstancesCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeAvailabilityZonesCommand,
  DescribeSubnetsCommand,
  type DescribeInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import { GetInstanceProfileCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsStub } from 'aws-sdk-client-mock';
import { clusterSchema, type ClusterConfig } from '../../../../lib/domain/config/schema.js';
import { assumeRoleOutput, recorded } from '../../aws/support/recorded.js';
import { ACCOUNT, CONTROL_PLANE, replayRoleScoped, WORKER } from '../../iam/support/mock-iam.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Stub = AwsStub<any, any, any>;

/** The prod-east cluster of the recorded account. */
export const cluster = (overrides: Record<string, unknown> = {}): ClusterConfig =>
  clusterSchema.parse({
    name: 'prod-east',
    region: 'us-west-1',
    account: ACCOUNT,
    roles: { controlPlane: CONTROL_PLANE, worker: WORKER },
    autoScalingGroups: ['alpha-workers'],
    ...overrides,
  });

/** Recorded DescribeInstances pages by filter name (and NextToken). */
const INSTANCE_FIXTURES: Record<string, string> = {
  'tag-key': 'ec2.DescribeInstances_tag-key_1',
  'tag-key eyJ2IjoiMiIsImMiOiJwYWdlMiJ9': 'ec2.DescribeInstances_tag-key_2',
  'tag:KubernetesCluster': 'ec2.DescribeInstances_legacy-tag_1',
  'iam-instance-profile.arn': 'ec2.DescribeInstances_profile_1',
  'tag:aws:autoscaling:groupName': 'ec2.DescribeInstances_asg_1',
};

/** Replays the recorded account (STS, role-scoped IAM, EC2) on the mocked clients. */
export function replayAccount(sts: Stub, iam: Stub, ec2: Stub): void {
  sts.on(GetCallerIdentityCommand).resolves(recorded('sts.GetCallerIdentity_1'));
  sts.on(AssumeRoleCommand).resolves(assumeRoleOutput(new Date(Date.now() + 3600_000)));
  replayRoleScoped(iam);
  iam.on(GetInstanceProfileCommand, { InstanceProfileName: 'legacy-nodes' }).resolves(recorded('iam.GetInstanceProfile_legacy'));
  ec2.on(DescribeInstancesCommand).callsFake((input: DescribeInstancesCommandInput) => {
    const fixture = INSTANCE_FIXTURES[`${input.Filters?.[0]?.Name ?? ''} ${input.NextToken ?? ''}`.trim()];
    if (fixture === undefined) throw new Error(`no recorded DescribeInstances for ${JSON.stringify(input)}`);
    return recorded(fixture);
  });
  ec2.on(DescribeSubnetsCommand).resolves(recorded('ec2.DescribeSubnets_1'));
  ec2.on(DescribeRouteTablesCommand).resolves(recorded('ec2.DescribeRouteTables_1'));
  ec2.on(DescribeSecurityGroupsCommand).resolves(recorded('ec2.DescribeSecurityGroups_1'));
  ec2.on(DescribeAvailabilityZonesCommand).resolves(recorded('ec2.DescribeAvailabilityZones_1'));
}

