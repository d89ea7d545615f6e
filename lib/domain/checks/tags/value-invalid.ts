import type { CheckEvaluator, CheckMeta } from '../check.js';
import type { FindingDraft } from '../../findings/finding.js';
import { regionOf } from '../../membership/resource-refs.js';
import { clusterTagKey } from '../../tags/cluster-tag.js';
import { createTagsCommand } from '../../tags/commands.js';
import { isValidLifecycleValue } from '../../tags/lifecycle.js';
import { clusterResources, kindLabel, unresolvedResourceErrors } from './cluster-resources.js';
import { providerClusterId } from '../../provider/cluster-id.js';

/** The checks this module evaluates (docs/architecture.md "A check is one unit"). */
export const CHECKS = [
  { id: 'tags.value.invalid', family: 'tags', severity: 'low', unit: 'resource',
    title: 'Cluster tag value is neither owned nor shared',
    risk: 'Only "owned" lets the provider delete security groups it created; other values suggest a typo.',
    remediation: 'Set the value to owned or shared.',
    reads: ['instances', 'subnets', 'routeTables', 'securityGroups'] },
] as const satisfies readonly CheckMeta[];

export const CHECK_ID = CHECKS[0].id;

const KINDS = ['instance', 'subnet', 'routeTable', 'securityGroup'] as const;

/**
 * `tags.value.invalid`, per instance, subnet, route table and security group of the cluster: the value of
 * `kubernetes.io/cluster/<cluster>` is neither `owned` nor `shared`. The provider matches the key with any value, so
 * nothing breaks, but only `owned` lets it clean up what it created and other values usually are typos.
 */
export const checkValueInvalid: CheckEvaluator = (input) => {
  const key = clusterTagKey(providerClusterId(input.cluster));
  const drafts: FindingDraft[] = unresolvedResourceErrors(CHECK_ID, input, KINDS);
  for (const resource of clusterResources(input, KINDS)) {
    const value = resource.tags[key];
    if (value === undefined || isValidLifecycleValue(value)) continue;
    const suggested = resource.kind === 'instance' ? 'owned' : 'shared';
    drafts.push({
      check: CHECK_ID,
      resource: resource.ref,
      detail:
        `The ${kindLabel(resource.kind)} ${resource.id} has ${key}=${JSON.stringify(value)}; the cloud provider only writes "owned" (lifecycle tied to the cluster) ` +
        `or "shared". The resource still matches, but the value is probably a mistake and tools that clean up "owned" resources will skip it.`,
      evidence: { key, value, tags: resource.tags },
      remediation: createTagsCommand([resource.id], key, suggested, regionOf(input)),
    });
  }
  return drafts;
};

/** This module's evaluate function (the registry runs it). */
export const evaluate: CheckEvaluator = checkValueInvalid;
