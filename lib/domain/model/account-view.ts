/**
 * The normalised picture of one AWS account and region that every check reads.
 * Produced by an adapter (snapshot reader or live collector); never by a check.
 * Tags are always a plain record (missing/empty AWS `Tags` becomes `{}`).
 */
export type Tags = Record<string, string>;

/** A parsed IAM policy document (JSON object). Adapters decode URL-encoded strings before building the view. */
export type PolicyDocument = {
  Version?: string;
  Id?: string;
  Statement: unknown;
  [key: string]: unknown;
};

/** An inline policy embedded in a role. */
export interface InlinePolicy {
  name: string;
  document: PolicyDocument;
}

/** A managed policy (customer or AWS) with its default version's document. */
export interface ManagedPolicy {
  arn: string;
  name: string;
  defaultVersionId?: string;
  document: PolicyDocument;
}

export interface AttachedPolicyRef {
  arn: string;
  name: string;
}

export interface InstanceProfileRef {
  arn: string;
  name: string;
}

export interface Role {
  arn: string;
  name: string;
  path: string;
  roleId?: string;
  /** AssumeRolePolicyDocument; undefined when the source did not provide it. */
  trustPolicy?: PolicyDocument;
  inlinePolicies: InlinePolicy[];
  attachedPolicies: AttachedPolicyRef[];
  /** ARN of the managed policy used as permissions boundary. */
  permissionsBoundaryArn?: string;
  instanceProfiles: InstanceProfileRef[];
  tags: Tags;
}

export interface InstanceProfile {
  arn: string;
  name: string;
  /** ARNs of the roles in the profile (IAM allows at most one). */
  roleArns: string[];
}

/** EC2 instance state names as returned by DescribeInstances. */
export type InstanceState = 'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped' | string;

export interface Instance {
  instanceId: string;
  state: InstanceState;
  /** Empty string when the VPC has no DNS hostnames (AWS returns ""). */
  privateDnsName: string;
  privateIpAddress?: string;
  availabilityZone?: string;
  subnetId?: string;
  vpcId?: string;
  securityGroupIds: string[];
  /** ARN of the attached instance profile, if any. */
  instanceProfileArn?: string;
  /** `MetadataOptions` of DescribeInstances; undefined when the source did not carry it. */
  metadataOptions?: InstanceMetadataOptions;
  tags: Tags;
}

/** The instance metadata service settings of an instance (DescribeInstances `MetadataOptions`). */
export interface InstanceMetadataOptions {
  /** `enabled` | `disabled`; AWS omits nothing here for a running instance. */
  httpEndpoint?: string;
  /** `optional` (IMDSv1 and v2) | `required` (IMDSv2 only). */
  httpTokens?: string;
  /** How many network hops the PUT response of an IMDSv2 token may travel (1-64). */
  httpPutResponseHopLimit?: number;
  /** `pending` | `applied`. */
  state?: string;
}

export interface Subnet {
  subnetId: string;
  vpcId: string;
  availabilityZone: string;
  cidrBlock?: string;
  /** Set when the subnet is on an AWS Outpost (its AvailabilityZone is then the Outpost's parent AZ). */
  outpostArn?: string;
  tags: Tags;
}

/** One zone of the region as DescribeAvailabilityZones returns it. */
export interface AvailabilityZone {
  zoneName: string;
  zoneId?: string;
  /** `availability-zone` | `local-zone` | `wavelength-zone`. */
  zoneType?: string;
}

export interface RouteTableAssociation {
  subnetId?: string;
  main: boolean;
}

export interface Route {
  destinationCidrBlock?: string;
  destinationIpv6CidrBlock?: string;
  gatewayId?: string;
  natGatewayId?: string;
  instanceId?: string;
  state?: string;
}

export interface RouteTable {
  routeTableId: string;
  vpcId: string;
  associations: RouteTableAssociation[];
  routes: Route[];
  tags: Tags;
}

export interface SecurityGroup {
  groupId: string;
  groupName: string;
  vpcId?: string;
  tags: Tags;
}

/** A Kubernetes Node object, reduced to what the node identity checks need. */
export interface KubeNode {
  name: string;
  providerId?: string;
  internalIps: string[];
  internalDnsNames: string[];
  labels: Record<string, string>;
  taints: { key: string; value?: string; effect: string }[];
}

/** The resource kinds an adapter collects; used to say which kind could not be collected. */
export const RESOURCE_KINDS = ['roles', 'managedPolicies', 'instances', 'subnets', 'routeTables', 'securityGroups', 'nodes'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/**
 * Something the collector could not see. Checks that depend on the kind must emit `status: error`
 * findings instead of passing (docs/architecture.md "Could not look is never a pass").
 */
export interface CollectionGap {
  kind: ResourceKind;
  /** A single resource id/ARN when only that one is missing; absent when the whole kind is unavailable. */
  resourceId?: string;
  /** The API operation or file that failed, e.g. `ec2:DescribeSubnets` or `ec2-describe-subnets.json`. */
  source: string;
  /** Human-readable reason, e.g. `AccessDenied: not authorized to perform ec2:DescribeSubnets`. */
  reason: string;
}

export interface AccountView {
  account?: string;
  region?: string;
  roles: Role[];
  managedPolicies: ManagedPolicy[];
  instanceProfiles: InstanceProfile[];
  instances: Instance[];
  subnets: Subnet[];
  routeTables: RouteTable[];
  securityGroups: SecurityGroup[];
  /** undefined: no node data was given (node.provider-id / node.name checks do not run). */
  nodes?: KubeNode[];
  /**
   * Set when `nodes` is one shared `kubectl get nodes` output whose cluster is not known yet (a snapshot's
   * `kubectl-get-nodes.json` with several clusters configured): the hints evaluate decides the owner with
   * (lib/domain/cluster-facts.ts). Absent when the nodes are known to be the cluster's own.
   */
  sharedNodes?: SharedNodesHints;
  /**
   * The region's zones with their types (DescribeAvailabilityZones); undefined when not collected, and zone types are
   * then derived from the zone names (docs/provider-rules.md "Zone types").
   */
  availabilityZones?: AvailabilityZone[];
  gaps: CollectionGap[];
}

/** What is known about whose a shared node list is (see {@link AccountView.sharedNodes}). */
export interface SharedNodesHints {
  /** The cluster meta.json names in `nodesCluster`. */
  nodesCluster?: string;
  /** The names of the configured clusters (with exactly one, the list is its own). */
  configuredClusters?: readonly string[];
}

/** An empty view, handy for builders and tests. */
export function emptyAccountView(overrides: Partial<AccountView> = {}): AccountView {
  return {
    roles: [],
    managedPolicies: [],
    instanceProfiles: [],
    instances: [],
    subnets: [],
    routeTables: [],
    securityGroups: [],
    gaps: [],
    ...overrides,
  };
}
