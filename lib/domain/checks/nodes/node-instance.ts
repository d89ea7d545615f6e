import type { CheckInput } from '../check.js';
import type { Instance, KubeNode } from '../../model/account-view.js';
import { isLiveInstance } from '../../membership.js';
import { instanceIndex } from './instance-index.js';
import { parseProviderId, type ParsedProviderId } from './provider-id-format.js';

/**
 * How a Kubernetes node maps to an EC2 instance here, following the provider's `getInstanceByNodeName`:
 *
 * 1. By name. With the CCM (`cloud-provider-aws`, and `kops`, which runs it since kops 1.23) a name starting with
 *    `i-` is a resource-based name: the instance id is everything before the first `.` (`i-0abc` or
 *    `i-0abc.us-west-1.compute.internal`), looked up by id, whatever the state. Any other name, and every name
 *    with the in-tree provider, must equal the PrivateDnsName of a non-terminated instance; members are preferred
 *    when private DNS names repeat across VPCs.
 * 2. Else by providerID, like the provider falling back to the node informer's `spec.providerID`. A resource-based
 *    name that names no instance does not fall back (the provider returns "instance not found").
 *
 * Nodes that are not EC2 instances (EKS Fargate and hybrid nodes) are skipped by every node check.
 */
export type NameResolution =
  | { kind: 'found'; rule: NameRule; instance: Instance }
  | { kind: 'ambiguous'; rule: NameRule; instances: Instance[] }
  | { kind: 'not-found'; rule: NameRule; instanceId?: string };

export type NameRule = 'private-dns' | 'resource-name';

/** True when the preset's provider accepts resource-based node names (`i-...`). */
export function acceptsResourceNames(input: CheckInput): boolean {
  return input.cluster.preset !== 'in-tree';
}

/** Resolves a node name to an instance (step 1 above). */
export function resolveNodeName(input: CheckInput, node: KubeNode): NameResolution {
  const { view, membership } = input;
  if (acceptsResourceNames(input) && node.name.startsWith('i-')) {
    const instanceId = node.name.split('.')[0] as string;
    const instance = instanceIndex(view).byId.get(instanceId);
    return instance ? { kind: 'found', rule: 'resource-name', instance } : { kind: 'not-found', rule: 'resource-name', instanceId };
  }
  const name = node.name.toLowerCase();
  const matches = [...(instanceIndex(view).byPrivateDns.get(name) ?? [])];
  const members = matches.filter((i) => membership.reasons[i.instanceId] !== undefined);
  const pool = members.length > 0 ? members : matches;
  if (pool.length === 1) return { kind: 'found', rule: 'private-dns', instance: pool[0] as Instance };
  if (pool.length > 1) return { kind: 'ambiguous', rule: 'private-dns', instances: pool };
  return { kind: 'not-found', rule: 'private-dns' };
}

/** What a node's providerID points at. */
export interface ProviderIdResolution {
  parsed: ParsedProviderId;
  /** The instance it names, when parsable and present in the view (any state). */
  instance?: Instance;
}

/** Resolves a node's providerID (step 2 above); undefined when the node has none. */
export function resolveProviderId(input: CheckInput, node: KubeNode): ProviderIdResolution | undefined {
  if (!node.providerId) return undefined;
  const parsed = parseProviderId(node.providerId);
  if (parsed.form === 'invalid') return { parsed };
  const instance = instanceIndex(input.view).byId.get(parsed.instanceId);
  return instance ? { parsed, instance } : { parsed };
}

/** The instance a node maps to: by name first, then by providerID; undefined when neither resolves. */
export function nodeInstance(input: CheckInput, node: KubeNode): Instance | undefined {
  const byName = resolveNodeName(input, node);
  if (byName.kind === 'found') return byName.instance;
  if (byName.kind === 'ambiguous' || byName.rule === 'resource-name') return undefined;
  return resolveProviderId(input, node)?.instance;
}

/** True for instances that are going away: their nodes are removed by the node lifecycle controller. */
export function isGone(instance: Instance): boolean {
  return !isLiveInstance(instance);
}

/** EKS Fargate and hybrid nodes have no EC2 instance behind them. */
export function isNonEc2Node(node: KubeNode): boolean {
  const computeType = node.labels['eks.amazonaws.com/compute-type'];
  return (
    computeType === 'fargate' ||
    computeType === 'hybrid' ||
    node.name.startsWith('fargate-') ||
    node.providerId?.startsWith('eks-hybrid:') === true
  );
}
