import type { Severity } from '../findings/severity.js';

/** The check families, as accepted by `--checks` (`nodes` is the CLI name of the `node.*` family). */
export const CHECK_FAMILIES = ['iam', 'tags', 'nodes'] as const;
export type CheckFamily = (typeof CHECK_FAMILIES)[number];

/** Metadata of one check, kept as data (docs/architecture.md "A check is one unit"). */
export interface CheckMeta {
  id: string;
  family: CheckFamily;
  title: string;
  severity: Severity;
  /** The unit a finding is emitted per (docs/contracts.md "Check ids"). */
  unit: string;
  /** Why it matters. */
  risk: string;
  /** Generic remediation; findings usually carry a ready command instead. */
  remediation: string;
}

/** Every check of the contract (docs/contracts.md "Check ids"). Ids are stable: never rename one. */
export const CHECKS = [
  // ---- IAM
  { id: 'iam.role.missing', family: 'iam', severity: 'high', unit: 'role',
    title: 'Configured role does not exist',
    risk: 'Nothing the cloud provider does with this role can work; instances using it cannot be checked.',
    remediation: 'Create the role or fix the ARN in the config.' },
  { id: 'iam.role.trust', family: 'iam', severity: 'high', unit: 'role',
    title: 'Trust policy does not let ec2.amazonaws.com assume the role',
    risk: 'EC2 cannot deliver the role\'s credentials to instances, so the cloud provider runs without permissions.',
    remediation: 'aws iam update-assume-role-policy --role-name ROLE --policy-document \'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}\'' },
  { id: 'iam.required.denied', family: 'iam', severity: 'high', unit: 'role+action',
    title: 'Required action is not allowed',
    risk: 'The cloud provider call fails, usually silently: load balancers, volumes or routes are not reconciled.',
    remediation: 'Grant the action (see `kube-aws-audit policy`) or remove the deny that blocks it.' },
  { id: 'iam.optional.denied', family: 'iam', severity: 'info', unit: 'role+action',
    title: 'Feature-dependent action is not allowed',
    risk: 'The feature that needs this action (tagging controller, Fargate, target-group attributes) will fail if enabled.',
    remediation: 'Grant the action only if the feature is used.' },
  { id: 'iam.excess.admin', family: 'iam', severity: 'critical', unit: 'role',
    title: 'Role allows every action ("*")',
    risk: 'Any workload that reaches the instance metadata service gets full control of the account.',
    remediation: 'Replace the grant with the least-privilege policy from `kube-aws-audit policy`.' },
  { id: 'iam.excess.service-wildcard', family: 'iam', severity: 'medium', unit: 'role+service',
    title: 'Role allows every action of a service',
    risk: 'A service wildcard grants destructive and future actions the cloud provider never calls.',
    remediation: 'Replace the wildcard with the actions of `kube-aws-audit policy`.' },
  { id: 'iam.excess.actions', family: 'iam', severity: 'low', unit: 'role+service',
    title: 'Role allows actions beyond the requirement',
    risk: 'Extra permissions widen what a compromised pod can do through the node\'s credentials.',
    remediation: 'Remove the listed actions, or list them in allowedExcess if they are needed.' },
  { id: 'iam.excess.privilege-escalation', family: 'iam', severity: 'critical', unit: 'role+action',
    title: 'Role can escalate its own privileges',
    risk: 'The role can grant itself or another principal more permissions, up to account takeover.',
    remediation: 'Remove the action, or scope it to specific resources.' },
  // ---- Tags
  { id: 'tags.instance.missing', family: 'tags', severity: 'high', unit: 'instance',
    title: 'Cluster instance without the cluster tag',
    risk: 'The cloud provider skips untagged instances: the node is not found by name and is dropped from load-balancer backends.',
    remediation: 'aws ec2 create-tags --resources INSTANCE --tags Key=kubernetes.io/cluster/CLUSTER,Value=owned' },
  { id: 'tags.legacy-conflict', family: 'tags', severity: 'high', unit: 'resource',
    title: 'Legacy KubernetesCluster tag conflicts with the cluster tag',
    risk: 'The cloud provider refuses to start on such an instance ("clusterID tags did not match") or mis-assigns the resource.',
    remediation: 'Make the KubernetesCluster value equal the cluster name, or remove the legacy tag.' },
  { id: 'tags.value.invalid', family: 'tags', severity: 'low', unit: 'resource',
    title: 'Cluster tag value is neither owned nor shared',
    risk: 'Only "owned" lets the provider delete security groups it created; other values suggest a typo.',
    remediation: 'Set the value to owned or shared.' },
  { id: 'tags.foreign-owned', family: 'tags', severity: 'high', unit: 'resource',
    title: 'Resource owned by another cluster is used by this one',
    risk: 'Its lifecycle belongs to the other cluster, whose teardown may delete it. (The provider does not refuse such a resource: its "has tag belonging to another cluster" error is about its own load-balancer security groups.)',
    remediation: 'Change the other cluster\'s tag value to shared, or stop using the resource in this cluster.' },
  { id: 'tags.sg.multiple-tagged', family: 'tags', severity: 'high', unit: 'instance',
    title: 'Instance has more than one cluster-tagged security group',
    risk: 'Service load balancers fail: "Multiple tagged security groups found for instance".',
    remediation: 'Remove the cluster tag from all but the Kubernetes security group.' },
  { id: 'tags.sg.none-tagged', family: 'tags', severity: 'high', unit: 'instance',
    title: 'Instance has several security groups and none is tagged',
    risk: 'Service load balancers fail: "Multiple untagged security groups found for instance".',
    remediation: 'Tag exactly one security group (the Kubernetes one) with the cluster tag.' },
  { id: 'tags.subnet.missing', family: 'tags', severity: 'medium', unit: 'subnet',
    title: 'Subnet hosting cluster instances lacks the cluster tag',
    risk: 'Load-balancer subnet discovery may pick the wrong subnet or none; another cluster may claim the subnet.',
    remediation: 'aws ec2 create-tags --resources SUBNET --tags Key=kubernetes.io/cluster/CLUSTER,Value=shared' },
  { id: 'tags.subnet.role-missing', family: 'tags', severity: 'low', unit: 'vpc+az+load-balancer type',
    title: 'Load-balancer subnet of an AZ is chosen by subnet id',
    risk: 'Several subnets of the AZ tie on the role tag of the load-balancer type and on the cluster tag; the provider takes the lowest id, which may be the wrong one and changes when a subnet is added.',
    remediation: 'Tag the intended subnet with kubernetes.io/role/elb (internet-facing) or kubernetes.io/role/internal-elb (internal), and only that one.' },
  { id: 'tags.route-table.missing', family: 'tags', severity: 'medium', unit: 'vpc',
    title: 'No route table of the cluster VPC carries the cluster tag',
    risk: 'With cloud routes on, the route controller, which searches every route table of the region for the tag (or uses cloud-config RouteTableID), fails ("unable to find route table for AWS cluster") or writes to a table of another VPC.',
    remediation: 'aws ec2 create-tags --resources ROUTE_TABLE --tags Key=kubernetes.io/cluster/CLUSTER,Value=owned' },
  { id: 'tags.route-table.ambiguous', family: 'tags', severity: 'high', unit: 'vpc',
    title: 'Several route tables of the region carry the cluster tag',
    risk: 'With cloud routes on, the route controller, which searches every route table of the region, fails: "found multiple matching AWS route tables".',
    remediation: 'Keep the cluster tag on exactly one route table of the region.' },
  { id: 'tags.subnet.no-public', family: 'tags', severity: 'medium', unit: 'vpc',
    title: 'No public load-balancer subnet in any AZ of the VPC',
    risk: 'Internet-facing Services of type LoadBalancer stay Pending: "could not find any suitable subnets for creating the ELB". Internal ones may still work.',
    remediation: 'Make a public subnet (route to an internet gateway) a candidate in each AZ: cluster tag (or no kubernetes.io/cluster/ key) and kubernetes.io/role/elb.' },
  // ---- Node identity
  { id: 'node.private-dns.missing', family: 'nodes', severity: 'high', unit: 'instance',
    title: 'Cluster instance without a private DNS name',
    risk: 'The node cannot be named after its instance; the cloud provider cannot map it and leaves it uninitialized.',
    remediation: 'aws ec2 modify-vpc-attribute --vpc-id VPC --enable-dns-hostnames',
  },
  { id: 'node.instance-profile.missing', family: 'nodes', severity: 'high', unit: 'instance',
    title: 'Cluster instance without an instance profile',
    risk: 'The kubelet and cloud provider on this instance have no AWS credentials.',
    remediation: 'aws ec2 associate-iam-instance-profile --instance-id INSTANCE --iam-instance-profile Name=PROFILE' },
  { id: 'node.instance-profile.unexpected', family: 'nodes', severity: 'medium', unit: 'instance',
    title: 'Instance profile role is neither configured cluster role',
    risk: 'The instance runs with permissions this audit does not check, possibly too few or too many.',
    remediation: 'aws ec2 replace-iam-instance-profile-association --association-id ASSOC --iam-instance-profile Name=PROFILE' },
  { id: 'node.provider-id.missing', family: 'nodes', severity: 'high', unit: 'node',
    title: 'Node has no providerID',
    risk: 'The providerID is only set at registration and never backfilled: load balancers and volumes cannot target the node.',
    remediation: 'Restart the kubelet with the cloud provider flag, delete the Node object and let it re-register.' },
  { id: 'node.provider-id.mismatch', family: 'nodes', severity: 'high', unit: 'node',
    title: 'Node providerID does not match its instance',
    risk: 'The cloud provider acts on the wrong instance or none.',
    remediation: 'Delete the Node object and let the kubelet re-register with the cloud provider.' },
  { id: 'node.name.mismatch', family: 'nodes', severity: 'high', unit: 'node',
    title: 'Node name resolves to no cluster instance',
    risk: 'The node stays tainted node.cloudprovider.kubernetes.io/uninitialized and gets no addresses or zone labels.',
    remediation: 'Name the node after the instance private DNS name (or instance id with the CCM).' },
  { id: 'node.imds.disabled', family: 'nodes', severity: 'high', unit: 'instance',
    title: 'Instance metadata service is off where the provider reads it',
    risk: 'The provider reads its region, instance id and VPC from IMDS even with IRSA; with HttpEndpoint disabled it does not start on that instance.',
    remediation: 'aws ec2 modify-instance-metadata-options --instance-id INSTANCE --http-endpoint enabled --http-tokens required' },
  { id: 'node.imds.hop-limit', family: 'nodes', severity: 'medium', unit: 'instance',
    title: 'IMDSv2 hop limit 1 on a control-plane instance of a containerised cloud controller',
    risk: 'The IMDSv2 token does not reach the controller pod (one hop more than the limit) and IMDSv1 is refused: the cloud controller does not start.',
    remediation: 'aws ec2 modify-instance-metadata-options --instance-id INSTANCE --http-put-response-hop-limit 2' },
] as const satisfies readonly CheckMeta[];

export type CheckId = (typeof CHECKS)[number]['id'];

const BY_ID: ReadonlyMap<string, CheckMeta> = new Map(CHECKS.map((c) => [c.id, c]));

/** Metadata of a check id; throws for an unknown id (a programming error, not user input). */
export function checkMeta(id: string): CheckMeta {
  const meta = BY_ID.get(id);
  if (!meta) throw new Error(`unknown check id ${id}`);
  return meta;
}

export function isCheckId(id: string): id is CheckId {
  return BY_ID.has(id);
}
