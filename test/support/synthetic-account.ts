import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SyntheticAccountOptions {
  cluster: string;
  instances: number;
  /** Subnets the instances are spread over (one AZ each, round robin over 3 AZs). */
  subnets?: number;
  account?: string;
  region?: string;
}

/**
 * Writes a compliant single-cluster account of N instances in the snapshot directory format (AWS CLI JSON shapes):
 * every instance tagged, one tagged SG, tagged subnets, one tagged route table. The worker role has exactly its
 * preset actions; the control-plane role has only ec2:DescribeInstances, so IAM findings are expected for it.
 * Used by call-count tests and benchmarks, where only the size varies.
 */
export function writeSyntheticAccount(dir: string, opts: SyntheticAccountOptions): void {
  const account = opts.account ?? '123456789012';
  const region = opts.region ?? 'us-west-1';
  const azs = ['a', 'b', 'c'].map((s) => `${region}${s}`);
  const subnetCount = opts.subnets ?? 3;
  const tag = { Key: `kubernetes.io/cluster/${opts.cluster}`, Value: 'owned' };
  const vpcId = 'vpc-0synthetic';
  const subnets = Array.from({ length: subnetCount }, (_, i) => ({
    SubnetId: `subnet-${hex(i, 17)}`,
    VpcId: vpcId,
    AvailabilityZone: azs[i % azs.length],
    CidrBlock: `10.${i}.0.0/16`,
    AvailableIpAddressCount: 65000,
    MapPublicIpOnLaunch: false,
    DefaultForAz: false,
    Tags: [{ ...tag, Value: 'shared' }, { Key: 'kubernetes.io/role/internal-elb', Value: '1' }],
  }));
  const profileArn = (role: string) => `arn:aws:iam::${account}:instance-profile/${opts.cluster}-${role}`;
  const instances = Array.from({ length: opts.instances }, (_, i) => {
    const subnet = subnets[i % subnets.length]!;
    const ip = `10.${i % subnetCount}.${Math.floor(i / 250)}.${(i % 250) + 4}`;
    return {
      InstanceId: `i-${hex(i, 17)}`,
      ImageId: 'ami-0123456789abcdef0',
      InstanceType: 'm6g.large',
      LaunchTime: '2026-11-01T00:00:00+00:00',
      State: { Code: 16, Name: 'running' },
      PrivateDnsName: `ip-${ip.replace(/\./g, '-')}.${region}.compute.internal`,
      PrivateIpAddress: ip,
      Placement: { AvailabilityZone: subnet.AvailabilityZone, Tenancy: 'default' },
      SubnetId: subnet.SubnetId,
      VpcId: vpcId,
      SecurityGroups: [{ GroupId: 'sg-0synthetic00000001', GroupName: `${opts.cluster}-nodes` }],
      IamInstanceProfile: { Arn: profileArn(i < 3 ? 'control-plane' : 'worker'), Id: 'AIPAEXAMPLE' },
      MetadataOptions: { State: 'applied', HttpTokens: 'required', HttpPutResponseHopLimit: 2, HttpEndpoint: 'enabled' },
      Tags: [tag, { Key: 'Name', Value: `${opts.cluster}-${i}` }],
    };
  });
  const reservations = chunk(instances, 50).map((group, i) => ({ ReservationId: `r-${hex(i, 17)}`, OwnerId: account, Groups: [], Instances: group }));
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
  const role = (name: string, actions: string[]) => {
    const arn = `arn:aws:iam::${account}:role/${opts.cluster}-${name}`;
    const ip = { Path: '/', InstanceProfileName: `${opts.cluster}-${name}`, InstanceProfileId: 'AIPAEXAMPLE', Arn: profileArn(name), CreateDate: '2026-01-01T00:00:00+00:00', Roles: [{ Path: '/', RoleName: `${opts.cluster}-${name}`, RoleId: 'AROAEXAMPLE', Arn: arn, CreateDate: '2026-01-01T00:00:00+00:00', AssumeRolePolicyDocument: trust }] };
    return {
      Path: '/', RoleName: `${opts.cluster}-${name}`, RoleId: 'AROAEXAMPLE', Arn: arn, CreateDate: '2026-01-01T00:00:00+00:00',
      AssumeRolePolicyDocument: trust, InstanceProfileList: [ip],
      RolePolicyList: [{ PolicyName: 'cloud-provider', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] } }],
      AttachedManagedPolicies: [], Tags: [],
    };
  };
  const ecr = ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:GetRepositoryPolicy', 'ecr:DescribeRepositories', 'ecr:ListImages', 'ecr:BatchGetImage'];
  mkdirSync(dir, { recursive: true });
  const write = (file: string, body: unknown) => writeFileSync(join(dir, file), JSON.stringify(body, null, 1));
  write('ec2-describe-instances.json', { Reservations: reservations });
  write('ec2-describe-subnets.json', { Subnets: subnets });
  write('ec2-describe-route-tables.json', {
    RouteTables: [{ RouteTableId: 'rtb-0synthetic0000001', VpcId: vpcId, Associations: [{ Main: true, RouteTableAssociationId: 'rtbassoc-0synthetic01', RouteTableId: 'rtb-0synthetic0000001' }], Routes: [{ DestinationCidrBlock: '10.0.0.0/8', GatewayId: 'local', State: 'active' }], Tags: [tag] }],
  });
  write('ec2-describe-security-groups.json', { SecurityGroups: [{ GroupId: 'sg-0synthetic00000001', GroupName: `${opts.cluster}-nodes`, Description: 'nodes', VpcId: vpcId, OwnerId: account, Tags: [tag] }] });
  write('iam-get-account-authorization-details.json', { UserDetailList: [], GroupDetailList: [], RoleDetailList: [role('control-plane', ['ec2:DescribeInstances']), role('worker', ['ec2:DescribeInstances', 'ec2:DescribeRegions', ...ecr])], Policies: [] });
  write('meta.json', { account, region });
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
