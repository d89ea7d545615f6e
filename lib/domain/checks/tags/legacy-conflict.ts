import type { CheckEvaluator, CheckMeta } from '../check.js';
import type { FindingDraft } from '../../findings/finding.js';
import { regionOf } from '../../membership/resource-refs.js';
import { clusterTagKey, LEGACY_CLUSTER_TAG, CLUSTER_TAG_PREFIX } from '../../tags/cluster-tag.js';
import { createTagsCommand, deleteTagsCommand } from '../../tags/commands.js';
import { legacyConflict, type LegacyConflict } from '../../tags/legacy-conflict.js';
import { clusterResources, kindLabel, unresolvedResourceErrors, type TaggedResource } from './cluster-resources.js';
import { providerClusterId } from '../../provider/cluster-id.js';

/** The checks this module evaluates (docs/architecture.md "A check is one unit"). */
export const CHECKS = [
  { id: 'tags.legacy-conflict', family: 'tags', severity: 'high', unit: 'resource',
    title: 'Legacy KubernetesCluster tag conflicts with the cluster tag',
    risk: 'The cloud provider refuses to start on such an instance ("clusterID tags did not match") or mis-assigns the resource.',
    remediation: 'Make the KubernetesCluster value equal the cluster name, or remove the legacy tag.',
    reads: ['instances', 'subnets', 'routeTables', 'securityGroups'] },
] as const satisfies readonly CheckMeta[];

export const CHECK_ID = CHECKS[0].id;

const KINDS = ['instance', 'subnet', 'routeTable', 'securityGroup'] as const;

/**
 * `tags.legacy-conflict`, per instance, subnet, route table and security group of the cluster: the legacy
 * `KubernetesCluster` value names a cluster no `kubernetes.io/cluster/*` key names, or an instance carries two
 * `kubernetes.io/cluster/*` keys. On the instance the controller runs on, both stop the provider at start-up.
 */
export const checkLegacyConflict: CheckEvaluator = (input) => {
  const drafts: FindingDraft[] = unresolvedResourceErrors(CHECK_ID, input, KINDS);
  for (const resource of clusterResources(input, KINDS)) {
    const conflict = legacyConflict(resource.tags, resource.kind === 'instance');
    if (conflict) drafts.push(draftFor(resource, conflict, providerClusterId(input.cluster), regionOf(input)));
  }
  return drafts;
};

function draftFor(resource: TaggedResource, conflict: LegacyConflict, cluster: string, region: string): FindingDraft {
  const label = `${kindLabel(resource.kind)} ${resource.id}`;
  const evidence = { tags: resource.tags, conflict };
  if (conflict.kind === 'multiple-prefix') {
    const others = conflict.clusterIds.filter((id) => id !== cluster);
    return {
      check: CHECK_ID,
      resource: resource.ref,
      detail:
        `The ${label} carries ${conflict.clusterIds.length} cluster keys (${conflict.clusterIds.map((id) => CLUSTER_TAG_PREFIX + id).join(', ')}). ` +
        `If the cloud provider runs on it, it refuses to start: "${conflict.providerError}".`,
      evidence,
      remediation: deleteTagsCommand([resource.id], others.map((id) => CLUSTER_TAG_PREFIX + id), region),
    };
  }
  const consequence =
    resource.kind === 'instance'
      ? ` If the cloud provider runs on it, it refuses to start: "${conflict.providerError ?? ''}".`
      : ` Cluster ${conflict.legacyId} treats it as its own through the legacy tag while ${conflict.clusterIds.join(', ')} claim${conflict.clusterIds.length === 1 ? 's' : ''} it through the new key; the legacy tag cannot express "shared".`;
  return {
    check: CHECK_ID,
    resource: resource.ref,
    detail: `The ${label} has ${LEGACY_CLUSTER_TAG}=${conflict.legacyId} but its cluster key names ${conflict.clusterIds.join(', ')}.${consequence}`,
    evidence,
    remediation: legacyRemediation(resource, conflict, cluster, region),
  };
}

/** Which tag to fix depends on which of the two names this cluster. */
function legacyRemediation(resource: TaggedResource, conflict: LegacyConflict & { kind: 'legacy-mismatch' }, cluster: string, region: string): string {
  if (conflict.clusterIds.includes(cluster)) {
    // The new key is this cluster's: the legacy value is stale.
    return `${deleteTagsCommand([resource.id], [LEGACY_CLUSTER_TAG], region)}   # or, if the legacy tag is still in use: ${createTagsCommand([resource.id], LEGACY_CLUSTER_TAG, cluster, region)}`;
  }
  if (conflict.legacyId === cluster) {
    // The legacy tag is this cluster's: add its new key; an instance may carry only one new key.
    const add = createTagsCommand([resource.id], clusterTagKey(cluster), resource.kind === 'instance' ? 'owned' : 'shared', region);
    return resource.kind === 'instance' ? `${deleteTagsCommand([resource.id], conflict.clusterIds.map((id) => CLUSTER_TAG_PREFIX + id), region)} && ${add}` : add;
  }
  return `${deleteTagsCommand([resource.id], [LEGACY_CLUSTER_TAG], region)}   # the resource is used by ${cluster} but tagged for ${[conflict.legacyId, ...conflict.clusterIds].join(', ')}; then tag it ${clusterTagKey(cluster)}`;
}

/** This module's evaluate function (the registry runs it). */
export const evaluate: CheckEvaluator = checkLegacyConflict;
