import type { CheckEvaluator, CheckMeta } from '../check.js';
import type { FindingDraft } from '../../findings/finding.js';
import { regionOf } from '../../membership/resource-refs.js';
import { CLUSTER_TAG_PREFIX } from '../../tags/cluster-tag.js';
import { createTagsCommand } from '../../tags/commands.js';
import { foreignOwners } from '../../tags/lifecycle.js';
import { clusterResources, kindLabel, unresolvedResourceErrors } from './cluster-resources.js';
import { providerClusterId } from '../../provider/cluster-id.js';

/** The checks this module evaluates (docs/architecture.md "A check is one unit"). */
export const CHECKS = [
  { id: 'tags.foreign-owned', family: 'tags', severity: 'high', unit: 'resource',
    title: 'Resource owned by another cluster is used by this one',
    risk: 'Its lifecycle belongs to the other cluster, whose teardown may delete it. (The provider does not refuse such a resource: its "has tag belonging to another cluster" error is about its own load-balancer security groups.)',
    remediation: 'Change the other cluster\'s tag value to shared, or stop using the resource in this cluster.',
    reads: ['instances', 'subnets', 'routeTables', 'securityGroups'] },
] as const satisfies readonly CheckMeta[];

export const CHECK_ID = CHECKS[0].id;

const KINDS = ['subnet', 'routeTable', 'securityGroup'] as const;

/**
 * `tags.foreign-owned`, per subnet, route table and security group this cluster uses: the resource is tagged
 * `kubernetes.io/cluster/<other>=owned`, so its lifecycle belongs to another cluster, whose teardown may delete it.
 * The provider itself does not refuse such a resource: its `resource %q has tag belonging to another cluster`
 * (tags.go:218, readRepairClusterTags) only fires for a load balancer's own security group, found by name, whose
 * expected key holds another value (aws.go:1581). docs/provider-rules.md "Messages".
 */
export const checkForeignOwned: CheckEvaluator = (input) => {
  const drafts: FindingDraft[] = unresolvedResourceErrors(CHECK_ID, input, KINDS);
  for (const resource of clusterResources(input, KINDS)) {
    const owners = foreignOwners(resource.tags, providerClusterId(input.cluster));
    if (owners.length === 0) continue;
    const keys = owners.map((o) => CLUSTER_TAG_PREFIX + o);
    drafts.push({
      check: CHECK_ID,
      resource: resource.ref,
      detail:
        `The ${kindLabel(resource.kind)} ${resource.id} is used by cluster ${input.cluster.name} but is tagged ${keys.map((k) => `${k}=owned`).join(', ')}: ` +
        `its lifecycle belongs to ${owners.join(', ')}: deleting or re-creating that cluster may delete or rewrite it under this one. ` +
        `A resource used by several clusters should be tagged "shared" for each of them.`,
      evidence: { owners, tags: resource.tags },
      remediation: keys.map((k) => createTagsCommand([resource.id], k, 'shared', regionOf(input))).join(' && '),
    });
  }
  return drafts;
};

/** This module's evaluate function (the registry runs it). */
export const evaluate: CheckEvaluator = checkForeignOwned;
