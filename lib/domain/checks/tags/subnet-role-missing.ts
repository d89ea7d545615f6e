import type { CheckEvaluator, CheckInput, CheckMeta } from '../check.js';
import { RESOURCE_TYPES, type FindingDraft, type ResourceRef } from '../../findings/finding.js';
import { gapText } from '../../membership.js';
import { regionOf } from '../../membership/resource-refs.js';
import { couldNotCheck, kindGapDrafts } from '../../membership/unresolved-drafts.js';
import { clusterSubnetSelection } from '../../provider/cluster-subnets.js';
import { roleTagFor, type AzChoice, type SubnetFacts, type VpcSubnetSelection } from '../../provider/subnet-selection.js';
import { createTagsCommand } from '../../tags/commands.js';

/** The checks this module evaluates (docs/architecture.md "A check is one unit"). */
export const CHECKS = [
  { id: 'tags.subnet.role-missing', family: 'tags', severity: 'low', unit: 'vpc+az+load-balancer type',
    title: 'Load-balancer subnet of an AZ is chosen by subnet id',
    risk: 'Several subnets of the AZ tie on the role tag of the load-balancer type and on the cluster tag; the provider takes the lowest id, which may be the wrong one and changes when a subnet is added.',
    remediation: 'Tag the intended subnet with kubernetes.io/role/elb (internet-facing) or kubernetes.io/role/internal-elb (internal), and only that one.',
    reads: ['instances', 'subnets', 'routeTables'] },
] as const satisfies readonly CheckMeta[];

export const CHECK_ID = CHECKS[0].id;

/**
 * The unit of this check: `vpc-0abc/us-west-1a/internet-facing` (per VPC, AZ and load-balancer type). Before the
 * split the id was `vpc-0abc/us-west-1a`; a suppression naming that older id still matches both types
 * (lib/domain/findings/suppress.ts).
 */
export function vpcAzRef(vpcId: string, az: string, lbType?: string): ResourceRef {
  return { type: RESOURCE_TYPES.vpc, id: lbType === undefined ? `${vpcId}/${az}` : `${vpcId}/${az}/${lbType}` };
}

/**
 * `tags.subnet.role-missing`, per VPC, AZ and load-balancer type: the provider's choice of the load-balancer subnet in
 * the AZ falls to the lowest subnet id, because two or more competing subnets tie on the type's role key
 * (`kubernetes.io/role/elb` for internet-facing, `kubernetes.io/role/internal-elb` for internal; presence only) and on
 * the cluster tag (aws.go:1723-1769). That covers AZs whose public subnets carry only `internal-elb` and AZs where two
 * subnets carry the same role key. docs/provider-rules.md "Load-balancer subnets".
 */
export const checkSubnetRoleMissing: CheckEvaluator = (input) => {
  const { membership } = input;
  const drafts: FindingDraft[] = [...kindGapDrafts(CHECK_ID, input, 'instances', 'the instances')];
  const gap = membership.unresolved.kinds.subnets ?? membership.unresolved.kinds.routeTables;
  const selection = clusterSubnetSelection(input.view, input.cluster, membership);
  for (const vpc of selection.vpcs) {
    if (gap) {
      // One error per AZ where the cluster has instances (the unit the choice is made in), both types at once.
      const azs = [...new Set(membership.instances.filter((i) => (i.vpcId ?? input.view.subnets.find((x) => x.subnetId === i.subnetId)?.vpcId) === vpc.vpcId).map((i) => i.availabilityZone ?? ''))]
        .filter((az) => az !== '')
        .sort();
      for (const az of azs.length > 0 ? azs : ['*']) {
        drafts.push(couldNotCheck(CHECK_ID, vpcAzRef(vpc.vpcId, az), `the subnets and route tables of ${vpc.vpcId} are needed and could not be collected (${gapText(gap)})`));
      }
      continue;
    }
    const unknown = unknownAzErrors(input, vpc);
    drafts.push(...unknown.drafts);
    for (const type of ['internet-facing', 'internal'] as const) {
      for (const choice of vpc.byType[type].azs) {
        if (choice.decidedBy !== 'lowest-id' || choice.droppedZone || unknown.azs.has(choice.availabilityZone)) continue;
        drafts.push(roleMissing(input, vpc, choice));
      }
    }
  }
  return drafts;
};

/**
 * Could-not-check, per AZ (`<vpc>/<az>`, both types), where the choice depends on a cluster subnet missing from the
 * data or on a subnet whose route table is unknown (the provider itself would fail there: "could not locate routing
 * table for subnet"). Other AZs are judged as usual.
 */
function unknownAzErrors(input: CheckInput, vpc: VpcSubnetSelection): { azs: Set<string>; drafts: FindingDraft[] } {
  const reasons = new Map<string, string[]>();
  const add = (az: string, reason: string) => reasons.set(az, [...(reasons.get(az) ?? []), reason]);
  for (const ref of input.membership.unresolved.subnets.filter((r) => r.vpcId === vpc.vpcId)) {
    const azs = new Set(input.membership.instances.filter((i) => ref.instanceIds.includes(i.instanceId)).map((i) => i.availabilityZone ?? '*'));
    for (const az of azs) add(az, `subnet ${ref.id} of cluster instances is not in the collected data (${ref.reason})`);
  }
  for (const id of vpc.unknownRouteTable) {
    const az = vpc.subnets.find((s) => s.subnetId === id)?.availabilityZone ?? '*';
    add(az, `the route table of ${id} is unknown, so whether it is public is unknown (the provider itself fails with "could not locate routing table for subnet ${id}")`);
  }
  const drafts = [...reasons.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([az, why]) => couldNotCheck(CHECK_ID, vpcAzRef(vpc.vpcId, az), why.join('; '), { vpcId: vpc.vpcId, availabilityZone: az }));
  return { azs: new Set(reasons.keys()), drafts };
}

function roleMissing(input: CheckInput, vpc: VpcSubnetSelection, choice: AzChoice): FindingDraft {
  const tag = roleTagFor(choice.lbType);
  const facts = (id: string) => vpc.subnets.find((s) => s.subnetId === id) as SubnetFacts;
  const tied = (choice.tied ?? []).map(facts);
  const others = tied.filter((f) => f.subnetId !== choice.chosen);
  const sameKey = tied.every((f) => (choice.lbType === 'internal' ? f.roleTags.internalElb : f.roleTags.elb));
  const otherKey = choice.lbType === 'internet-facing' ? tied.filter((f) => f.roleTags.internalElb).map((f) => f.subnetId) : tied.filter((f) => f.roleTags.elb).map((f) => f.subnetId);
  const why = sameKey
    ? `all ${tied.length} carry ${tag}, so the key settles nothing`
    : `none carries ${tag}${otherKey.length > 0 ? ` (${otherKey.join(', ')} carr${otherKey.length === 1 ? 'ies' : 'y'} only ${roleTagFor(choice.lbType === 'internal' ? 'internet-facing' : 'internal')}, which does not count for ${choice.lbType} load balancers)` : ''}`;
  const clusterTie = tied[0]?.clusterTagged ? 'all carry the cluster tag' : 'none carries the cluster tag';
  // For internal load balancers the provider's own comment prefers private subnets; suggest one when tied.
  const suggested = choice.lbType === 'internal' ? (tied.find((f) => f.public === false) ?? facts(choice.chosen)) : facts(choice.chosen);
  const region = regionOf(input);
  const remediation = sameKey
    ? `Keep ${tag} on one subnet of ${choice.availabilityZone} only: aws ec2 delete-tags --resources ${others.map((f) => f.subnetId).join(' ')} --tags Key=${tag} --region ${region}`
    : `${createTagsCommand([suggested.subnetId], tag, '1', region)}   # or tag the subnet ${choice.lbType} load balancers should use in ${choice.availabilityZone}`;
  return {
    check: CHECK_ID,
    resource: vpcAzRef(vpc.vpcId, choice.availabilityZone, choice.lbType),
    detail:
      `In ${choice.availabilityZone} of ${vpc.vpcId}, ${tied.length} subnets compete for ${choice.lbType} load balancers of cluster ${vpc.clusterId} ` +
      `(${tied.map((f) => f.subnetId).join(', ')}): ${why}, and ${clusterTie}. The provider logs "Found multiple subnets in AZ ${JSON.stringify(choice.availabilityZone)}" ` +
      `and takes the lowest subnet id, ${choice.chosen}${facts(choice.chosen).outpostArn ? ' (an Outpost subnet, where Classic and Network Load Balancers cannot be placed)' : ''}. ` +
      `A subnet created later with a lower id silently takes its place.`,
    evidence: {
      vpcId: vpc.vpcId,
      availabilityZone: choice.availabilityZone,
      loadBalancerType: choice.lbType,
      chosen: choice.chosen,
      decidedBy: choice.decidedBy,
      candidates: choice.competing.map((id) => candidateEvidence(facts(id))),
    },
    remediation,
  };
}

/** The evidence of one competing subnet. */
export function candidateEvidence(f: SubnetFacts): Record<string, unknown> {
  return {
    subnetId: f.subnetId,
    public: f.public,
    routeTable: f.routeTableId === undefined ? undefined : `${f.routeTableId} (${f.routeTableVia})`,
    elb: f.roleTags.elb,
    internalElb: f.roleTags.internalElb,
    clusterTagged: f.clusterTagged,
    ...(f.legacyOtherCluster ? { legacyKubernetesCluster: f.legacyOtherCluster } : {}),
    ...(f.outpostArn ? { outpostArn: f.outpostArn } : {}),
  };
}

/** This module's evaluate function (the registry runs it). */
export const evaluate: CheckEvaluator = checkSubnetRoleMissing;
