import type { CheckEvaluator, CheckInput, CheckMeta } from '../check.js';
import { RESOURCE_TYPES, type FindingDraft, type ResourceRef } from '../../findings/finding.js';
import type { Subnet } from '../../model/account-view.js';
import { gapText } from '../../membership.js';
import { regionOf } from '../../membership/resource-refs.js';
import { couldNotCheck, kindGapDrafts } from '../../membership/unresolved-drafts.js';
import { hasClusterTag, hasNoClusterPrefixTag } from '../../tags/cluster-tag.js';
import { createTagsCommand } from '../../tags/commands.js';
import { ELB_ROLE_TAG, hasElbRoleTag, INTERNAL_ELB_ROLE_TAG } from '../../tags/elb-role.js';
import { isSubnetPublic } from './subnet-public.js';

/** The checks this module evaluates (docs/architecture.md "A check is one unit"). */
export const CHECKS = [
  { id: 'tags.subnet.role-missing', family: 'tags', severity: 'low', unit: 'vpc+az',
    title: 'Several candidate subnets in one AZ and no ELB role tag',
    risk: 'The provider picks a load-balancer subnet by id order, which may be private for an internet-facing ELB.',
    remediation: 'Tag the intended subnet with kubernetes.io/role/elb (public) or kubernetes.io/role/internal-elb (private).',
    reads: ['instances', 'subnets', 'routeTables'] },
] as const satisfies readonly CheckMeta[];

export const CHECK_ID = CHECKS[0].id;

/** The unit of this check: `vpc-0abc/us-west-1a`. */
export function vpcAzRef(vpcId: string, az: string): ResourceRef {
  return { type: RESOURCE_TYPES.vpc, id: `${vpcId}/${az}` };
}

/**
 * A load-balancer subnet candidate for this cluster (aws.go `findSubnets`): tagged for the cluster, or carrying no
 * `kubernetes.io/cluster/` key at all.
 */
export function isElbCandidate(subnet: Subnet, cluster: string): boolean {
  return hasClusterTag(subnet.tags, cluster) || hasNoClusterPrefixTag(subnet.tags);
}

/** The provider's tie-break among same-AZ candidates without role tags: cluster tag first, then lowest subnet id. */
function providerOrder(subnets: readonly Subnet[], cluster: string): Subnet[] {
  return [...subnets].sort(
    (a, b) => Number(hasClusterTag(b.tags, cluster)) - Number(hasClusterTag(a.tags, cluster)) || a.subnetId.localeCompare(b.subnetId),
  );
}

/**
 * `tags.subnet.role-missing`, per cluster VPC and AZ: several load-balancer candidate subnets share the AZ and none
 * carries `kubernetes.io/role/elb` or `kubernetes.io/role/internal-elb`, so the provider picks one by tag and id
 * order ("Found multiple subnets in AZ ..."), possibly a private subnet for an internal ELB meant to be public, or
 * the other way round.
 */
export const checkSubnetRoleMissing: CheckEvaluator = (input) => {
  const { view, membership, cluster } = input;
  const drafts: FindingDraft[] = [...kindGapDrafts(CHECK_ID, input, 'instances', 'the instances')];
  const subnetsGap = membership.unresolved.kinds.subnets;
  for (const vpcId of membership.vpcIds) {
    const memberAzs = unique(membership.instances.filter((i) => (i.vpcId ?? subnetVpc(input, i.subnetId)) === vpcId).map((i) => i.availabilityZone ?? '')).filter((az) => az !== '');
    if (subnetsGap) {
      for (const az of memberAzs.length > 0 ? memberAzs : ['*']) {
        drafts.push(couldNotCheck(CHECK_ID, vpcAzRef(vpcId, az), `the subnets of ${vpcId} could not be collected (${gapText(subnetsGap)})`));
      }
      continue;
    }
    const candidates = view.subnets.filter((s) => s.vpcId === vpcId && s.availabilityZone !== '' && isElbCandidate(s, cluster.name));
    const azs = unique([...candidates.map((s) => s.availabilityZone), ...memberAzs]).sort();
    for (const az of azs) {
      const inAz = candidates.filter((s) => s.availabilityZone === az);
      if (inAz.some((s) => hasElbRoleTag(s.tags))) continue;
      const missing = membership.unresolved.subnets.filter((r) => r.vpcId === vpcId && membership.instances.some((i) => r.instanceIds.includes(i.instanceId) && i.availabilityZone === az));
      if (missing.length > 0) {
        drafts.push(
          couldNotCheck(
            CHECK_ID,
            vpcAzRef(vpcId, az),
            `cluster subnets ${missing.map((m) => m.id).join(', ')} in ${az} are not in the collected data (${missing.map((m) => m.reason).join('; ')}), so it is unknown whether a subnet of the AZ carries a load-balancer role tag`,
          ),
        );
        continue;
      }
      if (inAz.length < 2) continue;
      drafts.push(roleMissing(input, vpcId, az, inAz));
    }
  }
  return drafts;
};

function roleMissing(input: CheckInput, vpcId: string, az: string, inAz: Subnet[]): FindingDraft {
  const { view, cluster } = input;
  const ordered = providerOrder(inAz, cluster.name);
  const described = ordered.map((s) => ({ subnetId: s.subnetId, public: isSubnetPublic(view, s), clusterTagged: hasClusterTag(s.tags, cluster.name) }));
  const internalPick = ordered[0] as Subnet;
  const publicPick = ordered.find((s) => isSubnetPublic(view, s) === true);
  const firstPrivate = ordered.find((s) => isSubnetPublic(view, s) === false);
  const region = regionOf(input);
  const commands = [
    ...(publicPick ? [createTagsCommand([publicPick.subnetId], ELB_ROLE_TAG, '1', region)] : []),
    ...(firstPrivate ? [createTagsCommand([firstPrivate.subnetId], INTERNAL_ELB_ROLE_TAG, '1', region)] : []),
  ];
  const fallback = `${createTagsCommand([internalPick.subnetId], ELB_ROLE_TAG, '1', region)}  # or ${INTERNAL_ELB_ROLE_TAG} for the subnet internal load balancers should use`;
  return {
    check: CHECK_ID,
    resource: vpcAzRef(vpcId, az),
    detail:
      `${inAz.length} subnets of ${vpcId} in ${az} are load-balancer candidates for cluster ${cluster.name} (${ordered.map((s) => s.subnetId).join(', ')}) and none carries ` +
      `${ELB_ROLE_TAG} or ${INTERNAL_ELB_ROLE_TAG}. The cloud provider logs "Found multiple subnets in AZ ${JSON.stringify(az)}" and picks by cluster tag, then lowest id: ` +
      `${internalPick.subnetId} for internal load balancers${publicPick ? `, ${publicPick.subnetId} for internet-facing ones` : ', and finds no public subnet for internet-facing ones'}; that may not be the subnet you intend.`,
    evidence: { vpcId, availabilityZone: az, candidates: described },
    remediation: commands.length > 0 ? commands.join(' && ') : fallback,
  };
}

function subnetVpc(input: CheckInput, subnetId: string | undefined): string | undefined {
  return subnetId ? input.view.subnets.find((s) => s.subnetId === subnetId)?.vpcId : undefined;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** This module's evaluate function (the registry runs it). */
export const evaluate: CheckEvaluator = checkSubnetRoleMissing;
