/**
 * Builders for AccountView pieces and cluster configs (docs/architecture.md "Tests": domain tests use builders).
 *
 * Every builder returns a compliant default that belongs to the default cluster `prod` in us-west-1 / account
 * 123456789012, and takes a partial override. Ids default from a per-file counter so "several resources" tests need
 * no bookkeeping; pass explicit ids when a test asserts on them.
 *
 *     const view = aView({ instances: [anInstance(), anInstance({ tags: {} })], subnets: [aSubnet()] });
 *     const input = aCheckInput({ view });
 */
import type { ClusterConfig } from '../../lib/domain/config/schema.js';
import type { CheckInput } from '../../lib/domain/checks/check.js';
import { computeMembership } from '../../lib/domain/membership.js';
import {
  emptyAccountView,
  type AccountView,
  type CollectionGap,
  type Instance,
  type InstanceProfile,
  type KubeNode,
  type Role,
  type RouteTable,
  type SecurityGroup,
  type Subnet,
  type Tags,
} from '../../lib/domain/model/account-view.js';

/** Shared defaults: one cluster, one VPC, one AZ, one subnet, one security group. */
export const DEFAULTS = {
  account: '123456789012',
  region: 'us-west-1',
  cluster: 'prod',
  vpcId: 'vpc-0a1b2c3d',
  az: 'us-west-1a',
  subnetId: 'subnet-0a1b2c3d',
  securityGroupId: 'sg-0a1b2c3d',
  routeTableId: 'rtb-0a1b2c3d',
  workerRoleArn: 'arn:aws:iam::123456789012:role/k8s-worker',
  controlPlaneRoleArn: 'arn:aws:iam::123456789012:role/k8s-control-plane',
  workerProfileArn: 'arn:aws:iam::123456789012:instance-profile/k8s-worker',
  controlPlaneProfileArn: 'arn:aws:iam::123456789012:instance-profile/k8s-control-plane',
} as const;

let counter = 0;
/** Next number of the per-file sequence used in default ids. */
function next(): number {
  counter += 1;
  return counter;
}
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** `{ 'kubernetes.io/cluster/<cluster>': value }`. */
export function clusterTag(cluster: string = DEFAULTS.cluster, value = 'owned'): Tags {
  return { [`kubernetes.io/cluster/${cluster}`]: value };
}

/** `{ KubernetesCluster: cluster }`. */
export function legacyClusterTag(cluster: string = DEFAULTS.cluster): Tags {
  return { KubernetesCluster: cluster };
}

/** A cluster config as the zod schema outputs it (defaults applied). */
export function aCluster(overrides: Partial<ClusterConfig> = {}): ClusterConfig {
  return {
    name: DEFAULTS.cluster,
    region: DEFAULTS.region,
    account: DEFAULTS.account,
    preset: 'cloud-provider-aws',
    roles: { controlPlane: DEFAULTS.controlPlaneRoleArn, worker: DEFAULTS.workerRoleArn },
    cloudRoutes: true,
    suppressions: [],
    ...overrides,
  };
}

/**
 * A running worker instance of the default cluster: tagged `owned`, worker profile, default subnet and SG,
 * private DNS name derived from its IP.
 */
export function anInstance(overrides: Partial<Instance> = {}): Instance {
  const n = next();
  const ip = `10.0.${Math.floor(n / 250)}.${(n % 250) + 4}`;
  return {
    instanceId: `i-${hex(n, 17)}`,
    state: 'running',
    privateDnsName: `ip-${ip.replace(/\./g, '-')}.${DEFAULTS.region}.compute.internal`,
    privateIpAddress: ip,
    availabilityZone: DEFAULTS.az,
    subnetId: DEFAULTS.subnetId,
    vpcId: DEFAULTS.vpcId,
    securityGroupIds: [DEFAULTS.securityGroupId],
    instanceProfileArn: DEFAULTS.workerProfileArn,
    metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 2, state: 'applied' },
    tags: clusterTag(),
    ...overrides,
  };
}

/** A running control-plane instance of the default cluster (control-plane instance profile). */
export function aControlPlaneInstance(overrides: Partial<Instance> = {}): Instance {
  return anInstance({ instanceProfileArn: DEFAULTS.controlPlaneProfileArn, ...overrides });
}

/** The default subnet (tagged `shared` for the default cluster) or a numbered one. */
export function aSubnet(overrides: Partial<Subnet> = {}): Subnet {
  return {
    subnetId: overrides.subnetId ?? DEFAULTS.subnetId,
    vpcId: DEFAULTS.vpcId,
    availabilityZone: DEFAULTS.az,
    cidrBlock: '10.0.0.0/24',
    tags: clusterTag(DEFAULTS.cluster, 'shared'),
    ...overrides,
  };
}

/** A fresh subnet id (`subnet-...`) from the sequence. */
export function aSubnetId(): string {
  return `subnet-${hex(next(), 17)}`;
}

/** The main route table of the default VPC, tagged for the default cluster, with a local and an IGW route. */
export function aRouteTable(overrides: Partial<RouteTable> = {}): RouteTable {
  return {
    routeTableId: overrides.routeTableId ?? DEFAULTS.routeTableId,
    vpcId: DEFAULTS.vpcId,
    associations: [{ main: true }],
    routes: [
      { destinationCidrBlock: '10.0.0.0/16', gatewayId: 'local', state: 'active' },
      { destinationCidrBlock: '0.0.0.0/0', gatewayId: 'igw-0a1b2c3d', state: 'active' },
    ],
    tags: clusterTag(DEFAULTS.cluster, 'owned'),
    ...overrides,
  };
}

/** A route table explicitly associated with the given subnets (not main, no cluster tag unless given). */
export function anAssociatedRouteTable(subnetIds: string[], overrides: Partial<RouteTable> = {}): RouteTable {
  return aRouteTable({
    routeTableId: `rtb-${hex(next(), 17)}`,
    associations: subnetIds.map((subnetId) => ({ subnetId, main: false })),
    tags: {},
    ...overrides,
  });
}

/** The default security group (tagged `owned` for the default cluster) or a numbered one. */
export function aSecurityGroup(overrides: Partial<SecurityGroup> = {}): SecurityGroup {
  const groupId = overrides.groupId ?? DEFAULTS.securityGroupId;
  return {
    groupId,
    groupName: `${groupId}-name`,
    vpcId: DEFAULTS.vpcId,
    tags: clusterTag(),
    ...overrides,
  };
}

/** A fresh security group id from the sequence. */
export function aSecurityGroupId(): string {
  return `sg-${hex(next(), 17)}`;
}

/** An IAM role with an EC2 trust policy and one instance profile of the same name. */
export function aRole(overrides: Partial<Role> = {}): Role {
  const name = overrides.name ?? `role-${next()}`;
  const path = overrides.path ?? '/';
  return {
    arn: `arn:aws:iam::${DEFAULTS.account}:role${path}${name}`,
    name,
    path,
    trustPolicy: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    },
    inlinePolicies: [],
    attachedPolicies: [],
    instanceProfiles: [{ arn: `arn:aws:iam::${DEFAULTS.account}:instance-profile/${name}`, name }],
    tags: {},
    ...overrides,
  };
}

/** An instance profile holding the given role ARNs (default: the worker role). */
export function anInstanceProfile(overrides: Partial<InstanceProfile> = {}): InstanceProfile {
  const name = overrides.name ?? `profile-${next()}`;
  return {
    arn: `arn:aws:iam::${DEFAULTS.account}:instance-profile/${name}`,
    name,
    roleArns: [DEFAULTS.workerRoleArn],
    ...overrides,
  };
}

/** The two configured roles (control plane, worker) with their instance profiles. */
export function clusterRoles(): Role[] {
  return [aRole({ name: 'k8s-control-plane' }), aRole({ name: 'k8s-worker' })];
}

/** The instance profiles of the two configured roles. */
export function clusterInstanceProfiles(): InstanceProfile[] {
  return [
    { arn: DEFAULTS.controlPlaneProfileArn, name: 'k8s-control-plane', roleArns: [DEFAULTS.controlPlaneRoleArn] },
    { arn: DEFAULTS.workerProfileArn, name: 'k8s-worker', roleArns: [DEFAULTS.workerRoleArn] },
  ];
}

/** A Kubernetes node; `aNodeFor(instance)` is usually what a test wants. */
export function aNode(overrides: Partial<KubeNode> = {}): KubeNode {
  return {
    name: `ip-10-9-9-${next()}.${DEFAULTS.region}.compute.internal`,
    internalIps: [],
    internalDnsNames: [],
    labels: {},
    taints: [],
    ...overrides,
  };
}

/** The node a correctly registered kubelet on `instance` creates: named after its private DNS name, with providerID. */
export function aNodeFor(instance: Instance, overrides: Partial<KubeNode> = {}): KubeNode {
  return aNode({
    name: instance.privateDnsName,
    providerId: `aws:///${instance.availabilityZone ?? DEFAULTS.az}/${instance.instanceId}`,
    internalIps: instance.privateIpAddress ? [instance.privateIpAddress] : [],
    internalDnsNames: instance.privateDnsName ? [instance.privateDnsName] : [],
    ...overrides,
  });
}

/** A collection gap for a whole kind (or one resource with `resourceId`). */
export function aGap(kind: CollectionGap['kind'], overrides: Partial<CollectionGap> = {}): CollectionGap {
  const source = {
    roles: 'iam:GetAccountAuthorizationDetails',
    managedPolicies: 'iam:GetAccountAuthorizationDetails',
    instances: 'ec2:DescribeInstances',
    subnets: 'ec2:DescribeSubnets',
    routeTables: 'ec2:DescribeRouteTables',
    securityGroups: 'ec2:DescribeSecurityGroups',
    nodes: 'kubectl get nodes',
  }[kind];
  return { kind, source, reason: `AccessDenied: not authorized to perform ${source}`, ...overrides };
}

/**
 * An account view in the default account/region with the configured roles and their instance profiles.
 * Pass `instances`, `subnets`, ... to fill it; nothing else is added.
 */
export function aView(overrides: Partial<AccountView> = {}): AccountView {
  return emptyAccountView({
    account: DEFAULTS.account,
    region: DEFAULTS.region,
    roles: clusterRoles(),
    instanceProfiles: clusterInstanceProfiles(),
    ...overrides,
  });
}

/**
 * A compliant cluster: `count` tagged worker instances in the default subnet with the default SG, the tagged
 * subnet, SG and main route table. Override any part afterwards.
 */
export function aCompliantView(count = 2, overrides: Partial<AccountView> = {}): AccountView {
  return aView({
    instances: Array.from({ length: count }, () => anInstance()),
    subnets: [aSubnet()],
    routeTables: [aRouteTable()],
    securityGroups: [aSecurityGroup()],
    ...overrides,
  });
}

/** The input a check family receives, membership computed from the view. */
export function aCheckInput(parts: { view?: AccountView; cluster?: ClusterConfig } = {}): CheckInput {
  const view = parts.view ?? aView();
  const cluster = parts.cluster ?? aCluster();
  return { view, cluster, membership: computeMembership(view, cluster) };
}
