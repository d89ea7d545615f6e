import type { CheckEvaluator, CheckMeta } from '../check.js';
import { RESOURCE_TYPES, type FindingDraft } from '../../findings/finding.js';
import type { MembershipReason } from '../../membership.js';
import { ec2Ref, regionOf } from '../../membership/resource-refs.js';
import { couldNotCheck, instanceUnitErrors } from '../../membership/unresolved-drafts.js';
import { clusterTagKey, hasClusterTag, LEGACY_CLUSTER_TAG } from '../../tags/cluster-tag.js';
import { createTagsCommand } from '../../tags/commands.js';
import { providerClusterId } from '../../provider/cluster-id.js';

/** The checks this module evaluates (docs/architecture.md "A check is one unit"). */
export const CHECKS = [
  { id: 'tags.instance.missing', family: 'tags', severity: 'high', unit: 'instance',
    title: 'Cluster instance without the cluster tag',
    risk: 'The cloud provider skips untagged instances: the node is not found by name and is dropped from load-balancer backends.',
    remediation: 'aws ec2 create-tags --resources INSTANCE --tags Key=kubernetes.io/cluster/CLUSTER,Value=owned',
    reads: ['instances', 'roles'] },
] as const satisfies readonly CheckMeta[];

export const CHECK_ID = CHECKS[0].id;

/**
 * `tags.instance.missing`: a member found through its role or Auto Scaling group that carries neither form of the
 * cluster tag. The provider filters instances by the tag (`describeInstances` keeps only `hasClusterTag`), so it does
 * not find the node by private DNS name and leaves it out of load-balancer backends.
 */
export const checkInstanceMissing: CheckEvaluator = (input) => {
  const { membership, cluster } = input;
  const drafts: FindingDraft[] = [...instanceUnitErrors(CHECK_ID, input)];
  const clusterId = providerClusterId(cluster);
  for (const instance of membership.instances) {
    if (hasClusterTag(instance.tags, clusterId)) continue;
    const reasons = membership.reasons[instance.instanceId] ?? [];
    drafts.push({
      check: CHECK_ID,
      resource: ec2Ref(input, RESOURCE_TYPES.instance, instance.instanceId),
      detail:
        `Instance ${instance.instanceId} belongs to cluster ${cluster.name} (${reasons.map(describeReason).join('; ')}) but carries neither ` +
        `${clusterTagKey(clusterId)} nor ${LEGACY_CLUSTER_TAG}=${clusterId}: the cloud provider only considers tagged instances, ` +
        `so it does not find this node by its private DNS name and silently drops it from Service load-balancer backends.`,
      evidence: { instanceId: instance.instanceId, membership: reasons, tags: instance.tags },
      remediation: createTagsCommand([instance.instanceId], clusterTagKey(clusterId), 'owned', regionOf(input)),
    });
  }
  for (const ref of membership.unresolved.undecidedInstances) {
    drafts.push(
      couldNotCheck(
        CHECK_ID,
        ec2Ref(input, RESOURCE_TYPES.instance, ref.id),
        `instance ${ref.id} carries no cluster tag and ${ref.reason}; if it is a cluster node it lacks the cluster tag`,
      ),
    );
  }
  return drafts;
};

/** Human-readable membership reason. */
export function describeReason(reason: MembershipReason): string {
  switch (reason.kind) {
    case 'tag':
      return `tag ${reason.key}=${reason.value}`;
    case 'role':
      return `instance profile ${reason.instanceProfileArn} holds the configured ${reason.role === 'controlPlane' ? 'control-plane' : 'worker'} role ${reason.roleArn}`;
    case 'autoScalingGroup':
      return `launched by the configured Auto Scaling group ${reason.name}`;
  }
}

/** This module's evaluate function (the registry runs it). */
export const evaluate: CheckEvaluator = checkInstanceMissing;
