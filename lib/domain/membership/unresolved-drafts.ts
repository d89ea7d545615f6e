import type { CheckId } from '../checks/check-ids.js';
import type { CheckInput } from '../checks/check.js';
import type { FindingDraft, ResourceRef } from '../findings/finding.js';
import { RESOURCE_TYPES } from '../findings/finding.js';
import { gapText, type MissingReference } from '../membership.js';
import type { ResourceKind } from '../model/account-view.js';
import { clusterScopeRef, ec2Ref } from './resource-refs.js';

/** A `status: error` draft: the unit could not be checked, and why. Never a pass. */
export function couldNotCheck(check: CheckId, resource: ResourceRef, reason: string, evidence?: Record<string, unknown>): FindingDraft {
  return { check, resource, status: 'error', detail: `Could not check ${resource.id}: ${reason}`, ...(evidence ? { evidence } : {}) };
}

/** One cluster-scope error when a whole kind is missing from the view, else nothing. */
export function kindGapDrafts(check: CheckId, input: CheckInput, kind: ResourceKind, what: string): FindingDraft[] {
  const gap = input.membership.unresolved.kinds[kind];
  if (!gap) return [];
  return [
    couldNotCheck(check, clusterScopeRef(input), `${what} of cluster ${input.cluster.name} could not be collected (${gapText(gap)})`, {
      gap,
    }),
  ];
}

/**
 * Errors for the instances a per-instance check cannot see: one cluster-scope draft when the instances could not be
 * collected at all, one per instance named by a per-instance gap.
 */
export function instanceUnitErrors(check: CheckId, input: CheckInput): FindingDraft[] {
  return [
    ...kindGapDrafts(check, input, 'instances', 'the instances'),
    ...input.membership.unresolved.instances.map((ref) =>
      couldNotCheck(check, ec2Ref(input, RESOURCE_TYPES.instance, ref.id), `the instance could not be collected (${ref.reason})`),
    ),
  ];
}

/** Errors for references of one kind that membership could not resolve, one per referenced resource. */
export function missingReferenceErrors(
  check: CheckId,
  input: CheckInput,
  type: typeof RESOURCE_TYPES.subnet | typeof RESOURCE_TYPES.securityGroup,
  refs: readonly MissingReference[],
): FindingDraft[] {
  return refs.map((ref) =>
    couldNotCheck(check, ec2Ref(input, type, ref.id), `${ref.reason}; it is used by cluster instances ${ref.instanceIds.join(', ')}`, {
      instanceIds: ref.instanceIds,
      ...(ref.vpcId ? { vpcId: ref.vpcId } : {}),
    }),
  );
}

/** Errors for subnets whose route table is unknown, grouped into one draft per VPC (cluster scope when the VPC is unknown). */
export function unknownRouteTableErrors(check: CheckId, input: CheckInput): FindingDraft[] {
  const byVpc = new Map<string, MissingReference[]>();
  for (const ref of input.membership.unresolved.routeTables) {
    const key = ref.vpcId ?? '';
    byVpc.set(key, [...(byVpc.get(key) ?? []), ref]);
  }
  return [...byVpc.entries()].map(([vpcId, refs]) =>
    couldNotCheck(
      check,
      vpcId ? ec2Ref(input, RESOURCE_TYPES.vpc, vpcId) : clusterScopeRef(input),
      `the route tables of subnets ${refs.map((r) => r.id).join(', ')} are unknown (${unique(refs.map((r) => r.reason)).join('; ')})`,
      { subnetIds: refs.map((r) => r.id) },
    ),
  );
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
