import type { CheckEvaluator, CheckInput, CheckMeta } from '../check.js';
import { RESOURCE_TYPES, type FindingDraft } from '../../findings/finding.js';
import { gapText } from '../../membership.js';
import { ec2Ref, regionOf } from '../../membership/resource-refs.js';
import { couldNotCheck, kindGapDrafts } from '../../membership/unresolved-drafts.js';
import { clusterSubnetSelection } from '../../provider/cluster-subnets.js';
import type { SubnetFacts, VpcSubnetSelection } from '../../provider/subnet-selection.js';
import { providerUsesZone } from '../../provider/zone-types.js';
import { clusterTagKey } from '../../tags/cluster-tag.js';
import { createTagsCommand } from '../../tags/commands.js';
import { ELB_ROLE_TAG } from '../../tags/elb-role.js';
import { candidateEvidence } from './subnet-role-missing.js';

/** The checks this module evaluates (docs/architecture.md "A check is one unit"). */
export const CHECKS = [
  { id: 'tags.subnet.no-public', family: 'tags', severity: 'medium', unit: 'vpc',
    title: 'No public load-balancer subnet in any AZ of the VPC',
    risk: 'Internet-facing Services of type LoadBalancer stay Pending: "could not find any suitable subnets for creating the ELB". Internal ones may still work.',
    remediation: 'Make a public subnet (route to an internet gateway) a candidate in each AZ: cluster tag (or no kubernetes.io/cluster/ key) and kubernetes.io/role/elb.',
    reads: ['instances', 'subnets', 'routeTables'] },
] as const satisfies readonly CheckMeta[];

export const CHECK_ID = CHECKS[0].id;

/** The provider's error when the selection is empty (aws.go:2471 and 2682). */
export const NO_SUBNETS_ERROR = 'could not find any suitable subnets for creating the ELB';

/**
 * `tags.subnet.no-public`, per VPC the controller runs in: no AZ has a public candidate subnet in a regular zone, so
 * findELBSubnets returns nothing for an internet-facing load balancer and every internet-facing Service of type
 * LoadBalancer stays Pending with "could not find any suitable subnets for creating the ELB" (aws.go:1718-1721,
 * 1781-1789, 2680-2683). Internal load balancers are judged separately and the detail says whether they still work.
 * When no subnet is a candidate at all, the provider falls back to the controller's own subnet (aws.go:1673-1684):
 * the finding then depends on that subnet. docs/provider-rules.md "Load-balancer subnets".
 */
export const checkSubnetNoPublic: CheckEvaluator = (input) => {
  const { membership } = input;
  const drafts: FindingDraft[] = [...kindGapDrafts(CHECK_ID, input, 'instances', 'the instances')];
  const gap = membership.unresolved.kinds.subnets ?? membership.unresolved.kinds.routeTables;
  for (const vpc of clusterSubnetSelection(input.view, input.cluster, membership).vpcs) {
    const ref = ec2Ref(input, RESOURCE_TYPES.vpc, vpc.vpcId);
    if (gap) {
      drafts.push(couldNotCheck(CHECK_ID, ref, `the subnets and route tables of ${vpc.vpcId} are needed and could not be collected (${gapText(gap)})`));
      continue;
    }
    if (vpc.byType['internet-facing'].subnetIds.length > 0) continue;
    const missing = membership.unresolved.subnets.filter((r) => r.vpcId === vpc.vpcId);
    if (missing.length > 0 || vpc.unknownRouteTable.length > 0) {
      const what = [...missing.map((m) => `subnet ${m.id} (${m.reason})`), ...vpc.unknownRouteTable.map((id) => `the route table of ${id}`)];
      drafts.push(couldNotCheck(CHECK_ID, ref, `no public candidate subnet was found, but these could not be examined: ${what.join('; ')}`, { vpcId: vpc.vpcId }));
      continue;
    }
    if (vpc.fallback && vpc.fallbackSubnets.length === 0) {
      drafts.push(
        couldNotCheck(
          CHECK_ID,
          ref,
          `no subnet of ${vpc.vpcId} is a load-balancer candidate for cluster ${vpc.clusterId}, so the provider falls back to the subnet of the instance it runs on, and no control-plane instance of the cluster was identified in ${vpc.vpcId} (configure roles.controlPlane)`,
          { vpcId: vpc.vpcId },
        ),
      );
      continue;
    }
    drafts.push(noPublic(input, vpc));
  }
  return drafts;
};

function noPublic(input: CheckInput, vpc: VpcSubnetSelection): FindingDraft {
  const region = regionOf(input);
  const key = clusterTagKey(vpc.clusterId);
  const pool = vpc.fallback ? vpc.subnets.filter((f) => vpc.fallbackSubnets.includes(f.subnetId)) : vpc.subnets.filter((f) => f.candidate);
  const publicInOtherZones = pool.filter((f) => f.public === true && !providerUsesZone(f.zone));
  const publicNotCandidates = vpc.subnets.filter((f) => !f.candidate && f.public === true && providerUsesZone(f.zone));
  const internal = vpc.byType.internal.subnetIds;

  const why = vpc.fallback
    ? `No subnet of ${vpc.vpcId} is a load-balancer candidate for cluster ${vpc.clusterId} (each carries another cluster's kubernetes.io/cluster/ key), so the provider falls back to the subnet of the instance it runs on ` +
      `(${vpc.fallbackSubnets.join(' or ')}), which is private.`
    : `None of the ${pool.length} candidate subnets of ${vpc.vpcId} for cluster ${vpc.clusterId} (${pool.map((f) => f.subnetId).join(', ')}) is public in a regular availability zone: ` +
      `the provider needs a route to an igw- gateway in the subnet's route table (explicit, else the VPC's main table).` +
      (publicInOtherZones.length > 0 ? ` The public ones (${publicInOtherZones.map((f) => `${f.subnetId} in ${f.availabilityZone}, a ${f.zone.zoneType}`).join('; ')}) are dropped: Classic and Network Load Balancers are not placed there.` : '');
  const internalText =
    internal.length > 0
      ? ` Internal load balancers still work (subnets ${internal.join(', ')}).`
      : ` Internal load balancers fail the same way: no candidate is left for them either.`;
  const commands =
    publicNotCandidates.length > 0
      ? publicNotCandidates.slice(0, 6).map((f) => `${createTagsCommand([f.subnetId], key, 'shared', region)} && ${createTagsCommand([f.subnetId], ELB_ROLE_TAG, '1', region)}`)
      : [];
  return {
    check: CHECK_ID,
    resource: ec2Ref(input, RESOURCE_TYPES.vpc, vpc.vpcId),
    detail:
      `${why} Every internet-facing Service of type LoadBalancer stays Pending with "${NO_SUBNETS_ERROR}", unless it names its subnets ` +
      `(service.beta.kubernetes.io/aws-load-balancer-subnets).${internalText}`,
    evidence: {
      vpcId: vpc.vpcId,
      fallback: vpc.fallback,
      ...(vpc.fallback ? { fallbackSubnets: vpc.fallbackSubnets } : {}),
      candidates: pool.map((f: SubnetFacts) => ({ ...candidateEvidence(f), availabilityZone: f.availabilityZone, zoneType: f.zone.zoneType })),
      ...(publicNotCandidates.length > 0 ? { publicSubnetsOfOtherClusters: publicNotCandidates.map((f) => ({ subnetId: f.subnetId, taggedFor: f.taggedForOtherClusters })) } : {}),
      internalSubnets: internal,
    },
    remediation:
      commands.length > 0
        ? `Make the public subnets of ${vpc.vpcId} candidates for this cluster (shared with the other clusters): ${commands.join(' && ')}`
        : `Create one public subnet per AZ in ${vpc.vpcId} (a route table with 0.0.0.0/0 to an internet gateway) and tag it ${ELB_ROLE_TAG}=1 ` +
          `(plus ${key}=shared if another cluster tags it), or give internet-facing Services explicit subnets with service.beta.kubernetes.io/aws-load-balancer-subnets.`,
  };
}

/** This module's evaluate function (the registry runs it). */
export const evaluate: CheckEvaluator = checkSubnetNoPublic;
