import type { CheckEvaluator, CheckInput, CheckMeta } from '../check.js';
import type { FindingDraft } from '../../findings/finding.js';
import type { KubeNode } from '../../model/account-view.js';
import { shellWord } from '../../tags/commands.js';
import { isGone, nodeInstance, resolveNodeName, resolveProviderId } from './node-instance.js';
import { instancesGapReason, nodeError, nodeRef, nodesToCheck } from './node-scope.js';
import { canonicalProviderId } from './provider-id-format.js';

/** The checks this module evaluates (docs/architecture.md "A check is one unit"). */
export const CHECKS = [
  { id: 'node.provider-id.missing', family: 'nodes', severity: 'high', unit: 'node',
    title: 'Node has no providerID',
    risk: 'The providerID is only set at registration and never backfilled: load balancers and volumes cannot target the node.',
    remediation: 'Restart the kubelet with the cloud provider flag, delete the Node object and let it re-register.',
    reads: ['instances', 'nodes'] },
  { id: 'node.provider-id.mismatch', family: 'nodes', severity: 'high', unit: 'node',
    title: 'Node providerID does not match its instance',
    risk: 'The cloud provider acts on the wrong instance or none.',
    remediation: 'Delete the Node object and let the kubelet re-register with the cloud provider.',
    reads: ['instances', 'nodes'] },
] as const satisfies readonly CheckMeta[];

export const MISSING = CHECKS[0].id;
export const MISMATCH = CHECKS[1].id;

/**
 * `node.provider-id.missing` and `node.provider-id.mismatch`, per node (only with node data). The providerID must be
 * `aws:///<availability-zone>/<instance-id>` naming an existing instance in that zone, the same instance the node
 * name maps to (see node-instance.ts). Nodes whose instance is terminated or shutting down are skipped: the node
 * lifecycle controller removes them.
 */
export const checkProviderIds: CheckEvaluator = (input) => {
  const missing = nodesToCheck(MISSING, input);
  const mismatch = nodesToCheck(MISMATCH, input);
  const drafts: FindingDraft[] = [...missing.errors, ...mismatch.errors];
  const gapReason = instancesGapReason(input);
  for (const node of missing.nodes) {
    if (!node.providerId) {
      const mapped = gapReason ? undefined : nodeInstance(input, node);
      if (mapped && isGone(mapped)) continue;
      drafts.push(missingDraft(input, node, mapped?.availabilityZone && mapped.instanceId ? canonicalProviderId(mapped.availabilityZone, mapped.instanceId) : undefined));
      continue;
    }
    if (gapReason) {
      drafts.push(nodeError(MISMATCH, node, gapReason));
      continue;
    }
    const draft = mismatchDraft(input, node);
    if (draft) drafts.push(draft);
  }
  return drafts;
};

function missingDraft(input: CheckInput, node: KubeNode, expected: string | undefined): FindingDraft {
  const flag = input.cluster.preset === 'in-tree' ? '--cloud-provider=aws' : '--cloud-provider=external';
  return {
    check: MISSING,
    resource: nodeRef(node),
    detail:
      `Node ${node.name} has no spec.providerID: the kubelet registered without the cloud provider, and the providerID is never backfilled later. ` +
      `Load balancers and volumes cannot target it ("node ${JSON.stringify(node.name)} did not have ProviderID set").`,
    evidence: { node: node.name, ...(expected ? { expectedProviderId: expected } : {}) },
    remediation:
      `Restart the kubelet on the node with ${flag}${expected ? ` (or --provider-id=${expected})` : ''}, then re-register it: kubectl delete node ${shellWord(node.name)}`,
  };
}

function mismatchDraft(input: CheckInput, node: KubeNode): FindingDraft | undefined {
  const providerId = node.providerId as string;
  const byId = resolveProviderId(input, node);
  if (!byId) return undefined;
  const byName = resolveNodeName(input, node);
  const named = byName.kind === 'found' ? byName.instance : undefined;
  const problems: string[] = [];

  if (byId.parsed.form === 'invalid') {
    problems.push(`the cloud provider cannot parse it ("Invalid format for AWS instance (${providerId})")`);
  } else {
    const { instanceId } = byId.parsed;
    if (byId.parsed.form === 'tolerated') problems.push(`it is not in the form aws:///<availability-zone>/<instance-id> the kubelet and the cloud provider set`);
    const instance = byId.instance;
    if (!instance) {
      const gap = input.view.gaps.find((g) => g.kind === 'instances' && g.resourceId === instanceId);
      if (gap) return nodeError(MISMATCH, node, `instance ${instanceId} named by providerID ${providerId} could not be collected (${gap.source}: ${gap.reason})`);
      problems.push(`instance ${instanceId} does not exist in ${input.view.region ?? input.cluster.region}`);
    } else if (isGone(instance)) {
      // A stale node of a terminated instance is removed by the node lifecycle controller, unless the name now maps
      // to another, live instance (a new instance reused the private IP and the old Node object stayed).
      if (!named || named.instanceId === instance.instanceId || isGone(named)) return undefined;
      problems.push(`it names ${instance.instanceId}, which is ${instance.state}`);
    } else if (byId.parsed.availabilityZone && instance.availabilityZone && byId.parsed.availabilityZone !== instance.availabilityZone) {
      problems.push(`it says zone ${byId.parsed.availabilityZone} but ${instance.instanceId} is in ${instance.availabilityZone}`);
    }
    if (named && !isGone(named) && named.instanceId !== instanceId) {
      problems.push(`the node name maps to ${named.instanceId} (${byName.rule === 'resource-name' ? 'resource-based name' : 'its PrivateDnsName'}), not to ${instanceId}`);
    }
  }
  const target = named && !isGone(named) ? named : byId.instance && !isGone(byId.instance) ? byId.instance : undefined;
  const expected = target?.availabilityZone ? canonicalProviderId(target.availabilityZone, target.instanceId) : undefined;
  if (problems.length === 0) return undefined;
  return {
    check: MISMATCH,
    resource: nodeRef(node),
    detail: `Node ${node.name} has providerID ${providerId}, but ${problems.join('; ')}. The cloud provider acts on the instance the providerID names, or fails.`,
    evidence: { node: node.name, providerId, ...(expected ? { expectedProviderId: expected } : {}), ...(named ? { instanceByName: named.instanceId } : {}) },
    remediation: `Delete the Node object and let the kubelet re-register${expected ? ` with providerID ${expected}` : ''}: kubectl delete node ${shellWord(node.name)}`,
  };
}

/** This module's evaluate function (the registry runs it). */
export const evaluate: CheckEvaluator = checkProviderIds;
