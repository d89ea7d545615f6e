import type { CheckEvaluator, CheckMeta } from '../check.js';
import { RESOURCE_TYPES, type FindingDraft } from '../../findings/finding.js';
import { ec2Ref, regionOf } from '../../membership/resource-refs.js';
import { kindGapDrafts, missingReferenceErrors } from '../../membership/unresolved-drafts.js';
import { providerClusterId } from '../../provider/cluster-id.js';
import { clusterSubnetSelection } from '../../provider/cluster-subnets.js';
import { clusterTagKey, hasClusterTag, LEGACY_CLUSTER_TAG, prefixedClusterIds } from '../../tags/cluster-tag.js';
import { createTagsCommand } from '../../tags/commands.js';

/** The checks this module evaluates (docs/architecture.md "A check is one unit"). */
export const CHECKS = [
  { id: 'tags.subnet.missing', family: 'tags', severity: 'medium', unit: 'subnet',
    title: 'Subnet hosting cluster instances lacks the cluster tag',
    risk: 'Load-balancer subnet discovery may pick the wrong subnet or none; another cluster may claim the subnet.',
    remediation: 'aws ec2 create-tags --resources SUBNET --tags Key=kubernetes.io/cluster/CLUSTER,Value=shared',
    reads: ['instances', 'subnets'] },
] as const satisfies readonly CheckMeta[];

export const CHECK_ID = CHECKS[0].id;

/**
 * `tags.subnet.missing`, per subnet hosting member instances: the subnet carries no cluster tag (either form). Whether
 * the provider still considers it for load balancers follows findSubnets (aws.go:1662-1668): a subnet with no
 * `kubernetes.io/cluster/` key at all is a candidate (a legacy `KubernetesCluster` key of another cluster does not
 * exclude it, tags.go:188-195); one with another cluster's `kubernetes.io/cluster/` key is not. The detail says which.
 */
export const checkSubnetMissing: CheckEvaluator = (input) => {
  const { membership, cluster } = input;
  const clusterId = providerClusterId(cluster);
  const drafts: FindingDraft[] = [
    ...kindGapDrafts(CHECK_ID, input, 'instances', 'the instances'),
    ...missingReferenceErrors(CHECK_ID, input, RESOURCE_TYPES.subnet, membership.unresolved.subnets),
  ];
  const selection = clusterSubnetSelection(input.view, cluster, membership);
  for (const subnet of membership.subnets) {
    if (hasClusterTag(subnet.tags, clusterId)) continue;
    const hosted = membership.instances.filter((i) => i.subnetId === subnet.subnetId).map((i) => i.instanceId);
    const others = prefixedClusterIds(subnet.tags);
    const legacy = subnet.tags[LEGACY_CLUSTER_TAG];
    const chosenFor = selection.vpcs
      .flatMap((v) => (['internet-facing', 'internal'] as const).filter((t) => v.byType[t].subnetIds.includes(subnet.subnetId)));
    const candidate = others.length === 0;
    let consequence: string;
    if (!candidate) {
      consequence = `It carries ${others.map((o) => `kubernetes.io/cluster/${o}`).join(', ')}, so the provider does not consider it for this cluster's load balancers.`;
    } else {
      const legacyText = legacy !== undefined && legacy !== '' ? ` (its ${LEGACY_CLUSTER_TAG}=${legacy} does not exclude it: the provider only looks for kubernetes.io/cluster/ keys there)` : '';
      const chosenText = chosenFor.length > 0 ? ` and today it is the ${chosenFor.join(' and ')} load-balancer subnet of ${subnet.availabilityZone}` : '';
      consequence =
        `It is still a load-balancer candidate only because it carries no kubernetes.io/cluster/ key at all${legacyText}${chosenText}; ` +
        `as soon as another cluster tags it with its own kubernetes.io/cluster/ key it drops out of this cluster's candidates.`;
    }
    drafts.push({
      check: CHECK_ID,
      resource: ec2Ref(input, RESOURCE_TYPES.subnet, subnet.subnetId),
      detail: `Subnet ${subnet.subnetId} (${subnet.availabilityZone}, ${subnet.vpcId}) hosts cluster instances ${hosted.join(', ')} but carries no ${clusterTagKey(clusterId)} tag. ${consequence}`,
      evidence: {
        subnetId: subnet.subnetId,
        vpcId: subnet.vpcId,
        availabilityZone: subnet.availabilityZone,
        instanceIds: hosted,
        loadBalancerCandidate: candidate,
        ...(chosenFor.length > 0 ? { chosenFor } : {}),
        tags: subnet.tags,
      },
      remediation: createTagsCommand([subnet.subnetId], clusterTagKey(clusterId), 'shared', regionOf(input)),
    });
  }
  return drafts;
};

/** This module's evaluate function (the registry runs it). */
export const evaluate: CheckEvaluator = checkSubnetMissing;
