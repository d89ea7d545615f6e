import type { CheckEvaluator, CheckMeta } from '../check.js';
import { RESOURCE_TYPES, type FindingDraft } from '../../findings/finding.js';
import { ec2Ref, regionOf } from '../../membership/resource-refs.js';
import { kindGapDrafts, missingReferenceErrors } from '../../membership/unresolved-drafts.js';
import { clustersTaggedFor, clusterTagKey, hasClusterTag } from '../../tags/cluster-tag.js';
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
 * `tags.subnet.missing`, per subnet hosting member instances: the subnet carries no cluster tag (either form).
 * Load-balancer subnet discovery then depends on the subnet having no cluster tag at all, and another cluster tagging
 * it silently removes it from this cluster's candidates.
 */
export const checkSubnetMissing: CheckEvaluator = (input) => {
  const { membership, cluster } = input;
  const drafts: FindingDraft[] = [
    ...kindGapDrafts(CHECK_ID, input, 'instances', 'the instances'),
    ...missingReferenceErrors(CHECK_ID, input, RESOURCE_TYPES.subnet, membership.unresolved.subnets),
  ];
  for (const subnet of membership.subnets) {
    if (hasClusterTag(subnet.tags, cluster.name)) continue;
    const hosted = membership.instances.filter((i) => i.subnetId === subnet.subnetId).map((i) => i.instanceId);
    const others = clustersTaggedFor(subnet.tags);
    const consequence =
      others.length > 0
        ? `It is tagged for ${others.join(', ')} only, so the cloud provider excludes it when it picks subnets for this cluster's load balancers.`
        : `The cloud provider still considers it for load balancers only because it carries no cluster tag at all; once another cluster tags it, it drops out of this cluster's candidates.`;
    drafts.push({
      check: CHECK_ID,
      resource: ec2Ref(input, RESOURCE_TYPES.subnet, subnet.subnetId),
      detail: `Subnet ${subnet.subnetId} (${subnet.availabilityZone}, ${subnet.vpcId}) hosts cluster instances ${hosted.join(', ')} but carries no ${clusterTagKey(cluster.name)} tag. ${consequence}`,
      evidence: { subnetId: subnet.subnetId, vpcId: subnet.vpcId, availabilityZone: subnet.availabilityZone, instanceIds: hosted, tags: subnet.tags },
      remediation: createTagsCommand([subnet.subnetId], clusterTagKey(cluster.name), 'shared', regionOf(input)),
    });
  }
  return drafts;
};

/** This module's evaluate function (the registry runs it). */
export const evaluate: CheckEvaluator = checkSubnetMissing;
