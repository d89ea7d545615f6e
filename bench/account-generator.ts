/**
 * A seeded, deterministic generator of realistic AWS accounts in the snapshot directory format (the AWS CLI v2 JSON
 * that `aws ec2 describe-instances` etc. print: 4-space indentation, every field a real instance carries, about 8 KB
 * per instance), plus the matching config. The same size and seed always write the same bytes.
 *
 * Sizes (issue 12): S 1 cluster / 50 instances; M 5 clusters / 1,000; L 20 clusters / 10,000 instances, 2,000 subnets,
 * 4,000 security groups, 40 roles. The clusters share one account and region, each in its own VPC; each has a
 * control-plane and a worker role with the `cloud-provider-aws` preset's generated policy (so IAM is compliant),
 * instances tagged for the cluster (a few drifted: untagged members found through their instance profile, stopped or
 * terminated instances), one tagged security group per cluster among many untagged ones, subnets tagged with the
 * ELB roles, and one route table per ten subnets plus the VPC's main table.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePolicy } from '../lib/domain/requirements/generate-policy.js';

export const SIZES = {
  S: { clusters: 1, instances: 50, subnets: 6, securityGroups: 12 },
  M: { clusters: 5, instances: 1_000, subnets: 150, securityGroups: 300 },
  L: { clusters: 20, instances: 10_000, subnets: 2_000, securityGroups: 4_000 },
} as const;
export type SizeName = keyof typeof SIZES;

export interface GeneratedAccount {
  dir: string;
  account: string;
  region: string;
  clusters: string[];
  /** The config (JSON) written next to the snapshot: `<dir>/config.json`. */
  configFile: string;
  /** Counts as written. */
  counts: { instances: number; subnets: number; routeTables: number; securityGroups: number; roles: number; policies: number };
  /** Bytes of every file of the snapshot. */
  bytes: number;
}

/** mulberry32: a small seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes the account of `size` into `dir` (created): the six snapshot files, meta.json and config.json.
 * @param scale instances are `SIZES[size].instances * scale` (for linearity measurements); subnets and groups unchanged
 */
export function generateAccount(dir: string, size: SizeName, options: { seed?: number; scale?: number } = {}): GeneratedAccount {
  const spec = SIZES[size];
  const random = prng(options.seed ?? 12);
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  const account = '123456789012';
  const region = 'us-west-1';
  const azs = [
    { name: 'us-west-1a', id: 'usw1-az3' },
    { name: 'us-west-1c', id: 'usw1-az1' },
  ];
  const instanceCount = Math.round(spec.instances * (options.scale ?? 1));
  const clusters = Array.from({ length: spec.clusters }, (_, i) => `bench-${String(i + 1).padStart(2, '0')}`);
  const perCluster = <T>(total: number, make: (cluster: number, index: number) => T): T[] =>
    Array.from({ length: total }, (_, i) => make(i % clusters.length, Math.floor(i / clusters.length)));
  const vpcs = clusters.map(() => `vpc-${hex(17)}`);
  const clusterTag = (c: number, value = 'owned') => ({ Key: `kubernetes.io/cluster/${clusters[c]}`, Value: value });

  const subnets = perCluster(spec.subnets, (c, i) => {
    const az = azs[i % azs.length]!;
    const isPublic = i % 2 === 1;
    return {
      AvailabilityZoneId: az.id,
      MapCustomerOwnedIpOnLaunch: false,
      OwnerId: account,
      AssignIpv6AddressOnCreation: false,
      Ipv6CidrBlockAssociationSet: [],
      Tags: [
        { Key: 'Name', Value: `${clusters[c]}-${isPublic ? 'public' : 'private'}-${az.name}-${i}` },
        clusterTag(c, 'shared'),
        { Key: isPublic ? 'kubernetes.io/role/elb' : 'kubernetes.io/role/internal-elb', Value: '1' },
      ],
      SubnetArn: '',
      EnableDns64: false,
      Ipv6Native: false,
      PrivateDnsNameOptionsOnLaunch: { HostnameType: 'ip-name', EnableResourceNameDnsARecord: false, EnableResourceNameDnsAAAARecord: false },
      BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
      SubnetId: `subnet-${hex(17)}`,
      State: 'available',
      VpcId: vpcs[c]!,
      CidrBlock: `10.${c}.${i % 256}.0/24`,
      AvailableIpAddressCount: 200 + Math.floor(random() * 50),
      AvailabilityZone: az.name,
      DefaultForAz: false,
      MapPublicIpOnLaunch: isPublic,
    };
  });
  for (const s of subnets) s.SubnetArn = `arn:aws:ec2:${region}:${account}:subnet/${s.SubnetId}`;
  const subnetsOf = clusters.map((_, c) => subnets.filter((s) => s.VpcId === vpcs[c] && s.MapPublicIpOnLaunch === false));

  const groups = perCluster(spec.securityGroups, (c, i) => ({
    GroupId: `sg-${hex(17)}`,
    IpPermissionsEgress: [{ IpProtocol: '-1', UserIdGroupPairs: [], IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [] }],
    Tags: i === 0 ? [clusterTag(c), { Key: 'Name', Value: `${clusters[c]}-nodes` }] : [{ Key: 'Name', Value: `${clusters[c]}-app-${i}` }],
    VpcId: vpcs[c]!,
    SecurityGroupArn: '',
    OwnerId: account,
    GroupName: i === 0 ? `${clusters[c]}-nodes` : `${clusters[c]}-app-${i}`,
    Description: i === 0 ? 'Kubernetes nodes' : `application ${i}`,
    IpPermissions: [
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, UserIdGroupPairs: [], IpRanges: [{ CidrIp: `10.${c}.0.0/16` }], Ipv6Ranges: [], PrefixListIds: [] },
      { IpProtocol: 'tcp', FromPort: 10250, ToPort: 10250, UserIdGroupPairs: [], IpRanges: [{ CidrIp: `10.${c}.0.0/16` }], Ipv6Ranges: [], PrefixListIds: [] },
    ],
  }));
  for (const g of groups) g.SecurityGroupArn = `arn:aws:ec2:${region}:${account}:security-group/${g.GroupId}`;
  const nodeGroup = clusters.map((_, c) => groups.find((g) => g.VpcId === vpcs[c])!);
  const appGroups = clusters.map((_, c) => groups.filter((g) => g.VpcId === vpcs[c]).slice(1));

  const routeTables = clusters.flatMap((_, c) => {
    const own = subnets.filter((s) => s.VpcId === vpcs[c]);
    const tables = [];
    for (let t = 0; t * 10 < own.length || t === 0; t += 1) {
      const id = `rtb-${hex(17)}`;
      const main = t === 0;
      tables.push({
        Associations: [
          ...(main ? [{ Main: true, RouteTableAssociationId: `rtbassoc-${hex(17)}`, RouteTableId: id, AssociationState: { State: 'associated' } }] : []),
          ...own.slice(t * 10, t * 10 + 10).map((s) => ({ Main: false, RouteTableAssociationId: `rtbassoc-${hex(17)}`, RouteTableId: id, SubnetId: s.SubnetId, AssociationState: { State: 'associated' } })),
        ],
        PropagatingVgws: [],
        RouteTableId: id,
        Routes: [
          { DestinationCidrBlock: `10.${c}.0.0/16`, GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' },
          { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: `nat-${hex(17)}`, Origin: 'CreateRoute', State: 'active' },
        ],
        Tags: main ? [clusterTag(c), { Key: 'Name', Value: `${clusters[c]}-main` }] : [{ Key: 'Name', Value: `${clusters[c]}-private-${t}` }],
        VpcId: vpcs[c]!,
        OwnerId: account,
      });
    }
    return tables;
  });

  const profileArn = (c: number, role: string) => `arn:aws:iam::${account}:instance-profile/${clusters[c]}-${role}`;
  const launch = (i: number) => new Date(Date.UTC(2026, 9, 1) + i * 61_000).toISOString().replace('.000Z', '+00:00');
  const instances = perCluster(instanceCount, (c, i) => {
    const subnet = subnetsOf[c]![i % subnetsOf[c]!.length]!;
    const controlPlane = i < 3;
    const ip = `10.${c}.${Number(subnet.CidrBlock.split('.')[2])}.${(i % 250) + 4}`;
    const dns = `ip-${ip.replace(/\./g, '-')}.${region}.compute.internal`;
    const id = `i-${hex(17)}`;
    const state = i % 97 === 50 ? { Code: 80, Name: 'stopped' } : i % 131 === 70 ? { Code: 48, Name: 'terminated' } : { Code: 16, Name: 'running' };
    // Every 40th worker lost its cluster tag: a member only through its instance profile (tags.instance.missing).
    const untagged = !controlPlane && i % 40 === 39;
    const asg = `${clusters[c]}-workers-${subnet.AvailabilityZone}`;
    const sgs = [nodeGroup[c]!, appGroups[c]![i % Math.max(1, appGroups[c]!.length)]].filter((g) => g !== undefined).map((g) => ({ GroupId: g.GroupId, GroupName: g.GroupName }));
    const eni = `eni-${hex(17)}`;
    return {
      Architecture: 'x86_64',
      BlockDeviceMappings: [
        { DeviceName: '/dev/xvda', Ebs: { AttachTime: launch(i), DeleteOnTermination: true, Status: 'attached', VolumeId: `vol-${hex(17)}` } },
      ],
      ClientToken: `fleet-${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
      EbsOptimized: true,
      EnaSupport: true,
      Hypervisor: 'xen',
      IamInstanceProfile: { Arn: profileArn(c, controlPlane ? 'control-plane' : 'worker'), Id: `AIPA${hex(17).toUpperCase()}` },
      NetworkInterfaces: [
        {
          Attachment: { AttachTime: launch(i), AttachmentId: `eni-attach-${hex(17)}`, DeleteOnTermination: true, DeviceIndex: 0, Status: 'attached', NetworkCardIndex: 0 },
          Description: '',
          Groups: sgs,
          Ipv6Addresses: [],
          MacAddress: `02:${hex(2)}:${hex(2)}:${hex(2)}:${hex(2)}:${hex(2)}`,
          NetworkInterfaceId: eni,
          OwnerId: account,
          PrivateDnsName: dns,
          PrivateIpAddress: ip,
          PrivateIpAddresses: [
            { Primary: true, PrivateDnsName: dns, PrivateIpAddress: ip },
            ...[1].map((k) => ({ Primary: false, PrivateDnsName: `ip-10-${c}-${k}-${i % 250}.${region}.compute.internal`, PrivateIpAddress: `10.${c}.${k}.${i % 250}` })),
          ],
          SourceDestCheck: true,
          Status: 'in-use',
          SubnetId: subnet.SubnetId,
          VpcId: subnet.VpcId,
          InterfaceType: 'interface',
          Operator: { Managed: false },
        },
      ],
      RootDeviceName: '/dev/xvda',
      RootDeviceType: 'ebs',
      SecurityGroups: sgs,
      SourceDestCheck: true,
      Tags: [
        { Key: 'Name', Value: `${clusters[c]}-${controlPlane ? 'control-plane' : 'worker'}-${i}` },
        ...(untagged ? [] : [clusterTag(c)]),
        ...(controlPlane ? [{ Key: 'k8s.io/role/control-plane', Value: '1' }] : [{ Key: 'aws:autoscaling:groupName', Value: asg }, { Key: 'k8s.io/role/node', Value: '1' }]),
        { Key: 'aws:ec2launchtemplate:id', Value: `lt-${hex(17)}` },
        { Key: 'aws:ec2launchtemplate:version', Value: String(1 + (i % 7)) },
        { Key: 'team', Value: ['platform', 'payments', 'search', 'data'][i % 4]! },
        { Key: 'cost-center', Value: `cc-${1000 + (c % 50)}` },
        { Key: 'environment', Value: 'production' },
        { Key: 'managed-by', Value: 'terraform' },
      ],
      VirtualizationType: 'hvm',
      CpuOptions: { CoreCount: 2, ThreadsPerCore: 2 },
      CapacityReservationSpecification: { CapacityReservationPreference: 'open' },
      HibernationOptions: { Configured: false },
      MetadataOptions: { State: 'applied', HttpTokens: 'required', HttpPutResponseHopLimit: 2, HttpEndpoint: 'enabled', HttpProtocolIpv6: 'disabled', InstanceMetadataTags: 'disabled' },
      EnclaveOptions: { Enabled: false },
      BootMode: 'uefi-preferred',
      PlatformDetails: 'Linux/UNIX',
      UsageOperation: 'RunInstances',
      UsageOperationUpdateTime: launch(i),
      PrivateDnsNameOptions: { HostnameType: 'ip-name', EnableResourceNameDnsARecord: false, EnableResourceNameDnsAAAARecord: false },
      MaintenanceOptions: { AutoRecovery: 'default', RebootMigration: 'default' },
      CurrentInstanceBootMode: 'legacy-bios',
      NetworkPerformanceOptions: { BandwidthWeighting: 'default' },
      Operator: { Managed: false },
      InstanceId: id,
      ImageId: `ami-${hex(17)}`,
      State: state,
      PrivateDnsName: state.Name === 'terminated' ? '' : dns,
      PublicDnsName: '',
      StateTransitionReason: state.Name === 'running' ? '' : `User initiated (${launch(i + 500).slice(0, 19).replace('T', ' ')} GMT)`,
      KeyName: clusters[c]!,
      AmiLaunchIndex: 0,
      ProductCodes: [],
      InstanceType: controlPlane ? 'm6i.xlarge' : ['m6i.large', 'm6g.large', 'c6i.2xlarge', 'r6i.large'][i % 4]!,
      LaunchTime: launch(i),
      Placement: { GroupName: '', Tenancy: 'default', AvailabilityZoneId: subnet.AvailabilityZoneId, AvailabilityZone: subnet.AvailabilityZone },
      Monitoring: { State: 'disabled' },
      SubnetId: subnet.SubnetId,
      VpcId: subnet.VpcId,
      PrivateIpAddress: ip,
    };
  });
  // 25 instances a reservation, as fleets launch them.
  const reservations: unknown[] = [];
  for (let i = 0; i < instances.length; i += 25) {
    reservations.push({ Groups: [], Instances: instances.slice(i, i + 25), OwnerId: account, ReservationId: `r-${hex(17)}` });
  }

  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
  const created = '2025-03-11T08:12:31+00:00';
  const policies: unknown[] = [];
  const roles = clusters.flatMap((cluster, c) =>
    (['control-plane', 'worker'] as const).map((role) => {
      const roleName = `${cluster}-${role}`;
      const arn = `arn:aws:iam::${account}:role/${roleName}`;
      const roleId = `AROA${hex(17).toUpperCase()}`;
      const policyArn = `arn:aws:iam::${account}:policy/kubernetes/${roleName}-cloud-provider`;
      const document = generatePolicy({ preset: 'cloud-provider-aws', role: role === 'worker' ? 'worker' : 'controlPlane', cluster });
      policies.push({
        PolicyName: `${roleName}-cloud-provider`,
        PolicyId: `ANPA${hex(17).toUpperCase()}`,
        Arn: policyArn,
        Path: '/kubernetes/',
        DefaultVersionId: 'v1',
        AttachmentCount: 1,
        PermissionsBoundaryUsageCount: 0,
        IsAttachable: true,
        CreateDate: created,
        UpdateDate: created,
        PolicyVersionList: [{ Document: document, VersionId: 'v1', IsDefaultVersion: true, CreateDate: created }],
      });
      return {
        Path: '/',
        RoleName: roleName,
        RoleId: roleId,
        Arn: arn,
        CreateDate: created,
        AssumeRolePolicyDocument: trust,
        InstanceProfileList: [
          {
            Path: '/',
            InstanceProfileName: roleName,
            InstanceProfileId: `AIPA${hex(17).toUpperCase()}`,
            Arn: profileArn(c, role),
            CreateDate: created,
            Roles: [{ Path: '/', RoleName: roleName, RoleId: roleId, Arn: arn, CreateDate: created, AssumeRolePolicyDocument: trust }],
            Tags: [],
          },
        ],
        RolePolicyList: [
          { PolicyName: 'protect-volumes', PolicyDocument: { Version: '2012-10-17', Statement: [{ Sid: 'NeverDeleteVolumes', Effect: 'Deny', Action: 'ec2:DeleteVolume', Resource: '*', Condition: { StringNotEquals: { [`aws:ResourceTag/kubernetes.io/cluster/${cluster}`]: 'owned' } } }] } },
        ],
        AttachedManagedPolicies: [{ PolicyName: `${roleName}-cloud-provider`, PolicyArn: policyArn }],
        Tags: [{ Key: 'cluster', Value: cluster }, { Key: 'managed-by', Value: 'terraform' }],
        RoleLastUsed: {},
      };
    }),
  );

  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  const write = (file: string, body: unknown, snapshot = true) => {
    const text = `${JSON.stringify(body, null, 4)}\n`;
    if (snapshot) bytes += Buffer.byteLength(text);
    writeFileSync(join(dir, file), text);
  };
  write('ec2-describe-instances.json', { Reservations: reservations });
  write('ec2-describe-subnets.json', { Subnets: subnets });
  write('ec2-describe-route-tables.json', { RouteTables: routeTables });
  write('ec2-describe-security-groups.json', { SecurityGroups: groups });
  write('iam-get-account-authorization-details.json', { UserDetailList: [], GroupDetailList: [], RoleDetailList: roles, Policies: policies });
  write('ec2-describe-availability-zones.json', {
    AvailabilityZones: azs.map((az) => ({
      OptInStatus: 'opt-in-not-required',
      Messages: [],
      RegionName: region,
      ZoneName: az.name,
      ZoneId: az.id,
      GroupName: region,
      NetworkBorderGroup: region,
      ZoneType: 'availability-zone',
      GroupLongName: 'US West (N. California)',
      State: 'available',
    })),
  });
  write('meta.json', { account, region });
  const configFile = join(dir, 'config.json');
  write(
    'config.json',
    {
      clusters: clusters.map((name) => ({
        name,
        region,
        account,
        preset: 'cloud-provider-aws',
        roles: { controlPlane: `arn:aws:iam::${account}:role/${name}-control-plane`, worker: `arn:aws:iam::${account}:role/${name}-worker` },
      })),
    },
    false,
  );
  return {
    dir,
    account,
    region,
    clusters,
    configFile,
    counts: { instances: instances.length, subnets: subnets.length, routeTables: routeTables.length, securityGroups: groups.length, roles: roles.length, policies: policies.length },
    bytes,
  };
}
