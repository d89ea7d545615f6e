import type { CheckId } from '../check-ids.js';
import type { CheckInput } from '../check.js';
import { RESOURCE_TYPES, type FindingDraft, type ResourceRef } from '../../findings/finding.js';
import type { KubeNode } from '../../model/account-view.js';
import { gapText } from '../../membership.js';
import { couldNotCheck, kindGapDrafts } from '../../membership/unresolved-drafts.js';
import { isNonEc2Node } from './node-instance.js';

/** The unit of the node checks. */
export function nodeRef(node: KubeNode): ResourceRef {
  return { type: RESOURCE_TYPES.node, id: node.name };
}

/**
 * The nodes a node check looks at, and the errors it owes up front: a cluster-scope error when the nodes could not be
 * collected; none when no node data was given at all (the checks do not run). Fargate and hybrid nodes are left out.
 */
export function nodesToCheck(check: CheckId, input: CheckInput): { nodes: KubeNode[]; errors: FindingDraft[] } {
  const errors = kindGapDrafts(check, input, 'nodes', 'the Kubernetes nodes');
  const nodes = (input.view.nodes ?? []).filter((n) => !isNonEc2Node(n));
  return { nodes, errors };
}

/** The reason instances could not be read, when a whole-kind gap exists. */
export function instancesGapReason(input: CheckInput): string | undefined {
  const gap = input.membership.unresolved.kinds.instances;
  return gap ? `the EC2 instances could not be collected (${gapText(gap)})` : undefined;
}

/** An error draft for a node that cannot be checked. */
export function nodeError(check: CheckId, node: KubeNode, reason: string): FindingDraft {
  return couldNotCheck(check, nodeRef(node), reason, { providerId: node.providerId ?? null });
}
