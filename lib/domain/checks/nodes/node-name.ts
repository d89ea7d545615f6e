import type { CheckEvaluator, CheckInput, CheckMeta } from '../check.js';
import type { FindingDraft } from '../../findings/finding.js';
import type { Instance, KubeNode } from '../../model/account-view.js';
import { shellWord } from '../../tags/commands.js';
import { acceptsResourceNames, isGone, resolveNodeName, resolveProviderId } from './node-instance.js';
import { instancesGapReason, nodeError, nodeRef, nodesToCheck } from './node-scope.js';
import { indexInstances } from './instance-index.js';

/** The checks this module evaluates (docs/architecture.md "A check is one unit"). */
export const CHECKS = [
  { id: 'node.name.mismatch', family: 'nodes', severity: 'high', unit: 'node',
    title: 'Node name resolves to no cluster instance',
    risk: 'The node stays tainted node.cloudprovider.kubernetes.io/uninitialized and gets no addresses or zone labels.',
    remediation: 'Name the node after the instance private DNS name (or instance id with the CCM).',
    reads: ['instances', 'nodes'] },
] as const satisfies readonly CheckMeta[];

export const CHECK_ID = CHECKS[0].id;

const UNINITIALIZED =
  'the cloud provider cannot map it to an instance, so the node stays tainted node.cloudprovider.kubernetes.io/uninitialized and gets no addresses, zone labels or load-balancer traffic';

/**
 * `node.name.mismatch`, per node (only with node data): the node must map to a member instance, by name first, then
 * by providerID (node-instance.ts documents the rules). Nodes whose instance is terminated or shutting down are
 * skipped: the node lifecycle controller removes them.
 */
export const checkNodeNames: CheckEvaluator = (input) => {
  const { nodes, errors } = nodesToCheck(CHECK_ID, input);
  const drafts: FindingDraft[] = [...errors];
  const gapReason = instancesGapReason(input);
  for (const node of nodes) {
    if (gapReason) {
      drafts.push(nodeError(CHECK_ID, node, gapReason));
      continue;
    }
    const draft = checkNode(input, node);
    if (draft) drafts.push(draft);
  }
  return drafts;
};

function checkNode(input: CheckInput, node: KubeNode): FindingDraft | undefined {
  const { membership, cluster } = input;
  const byName = resolveNodeName(input, node);
  const isMember = (i: Instance) => membership.reasons[i.instanceId] !== undefined;

  if (byName.kind === 'found') {
    if (isGone(byName.instance) || isMember(byName.instance)) return undefined;
    return draft(input, node, `resolves to instance ${byName.instance.instanceId}, which is not part of cluster ${cluster.name} (no cluster tag, no configured role, no listed Auto Scaling group)`, byName.instance);
  }
  if (byName.kind === 'ambiguous') {
    return draft(
      input,
      node,
      `matches the PrivateDnsName of several instances (${byName.instances.map((i) => i.instanceId).join(', ')}): the cloud provider fails with "multiple instances found for name: ${node.name}"`,
    );
  }
  if (byName.rule === 'resource-name') {
    return draft(input, node, `is a resource-based name for instance ${byName.instanceId}, which does not exist in ${input.view.region ?? cluster.region}; ${UNINITIALIZED}`);
  }
  const byId = resolveProviderId(input, node);
  const viaId = byId?.instance;
  if (viaId && isGone(viaId)) return undefined;
  if (viaId && isMember(viaId)) return undefined;
  const guess = viaId ?? guessByIp(input, node);
  const expected = acceptsResourceNames(input) ? 'the PrivateDnsName of its instance, or its instance id (i-...)' : 'the PrivateDnsName of its instance (the in-tree provider forces it)';
  const idPart = viaId
    ? `; its providerID names ${viaId.instanceId}, which is not part of cluster ${cluster.name}`
    : node.providerId
      ? `; its providerID ${node.providerId} names no instance either`
      : '';
  return draft(input, node, `matches no instance: a node name must be ${expected}${idPart}; ${UNINITIALIZED}`, guess);
}

/** The member whose private IP is one of the node's internal IPs, as a hint for the fix. */
function guessByIp(input: CheckInput, node: KubeNode): Instance | undefined {
  const byIp = indexInstances(input.membership.instances).byPrivateIp;
  const members = node.internalIps.flatMap((ip) => byIp.get(ip) ?? []);
  // The first member in membership order, as a scan of the members would find it.
  return members.length <= 1 ? members[0] : members.reduce((a, b) => (input.membership.instances.indexOf(a) <= input.membership.instances.indexOf(b) ? a : b));
}

function draft(input: CheckInput, node: KubeNode, problem: string, instance?: Instance): FindingDraft {
  const suggestedName = instance?.privateDnsName || (instance && acceptsResourceNames(input) ? instance.instanceId : undefined);
  return {
    check: CHECK_ID,
    resource: nodeRef(node),
    detail: `Node name ${node.name} ${problem}.`,
    evidence: {
      node: node.name,
      providerId: node.providerId ?? null,
      internalIps: node.internalIps,
      ...(instance ? { instanceId: instance.instanceId, privateDnsName: instance.privateDnsName } : {}),
    },
    remediation: suggestedName
      ? `Name the kubelet ${suggestedName} (the instance's ${suggestedName === instance?.privateDnsName ? 'PrivateDnsName' : 'id'}), then re-register: kubectl delete node ${shellWord(node.name)}`
      : `Name the kubelet after its instance's PrivateDnsName${acceptsResourceNames(input) ? ' or instance id' : ''}, make sure the instance is part of cluster ${input.cluster.name}, then re-register: kubectl delete node ${shellWord(node.name)}`,
  };
}

/** This module's evaluate function (the registry runs it). */
export const evaluate: CheckEvaluator = checkNodeNames;
