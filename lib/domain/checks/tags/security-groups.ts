import type { CheckEvaluator, CheckInput, CheckMeta } from '../check.js';
import { RESOURCE_TYPES, type FindingDraft } from '../../findings/finding.js';
import type { Instance, SecurityGroup } from '../../model/account-view.js';
import { ec2Ref, regionOf } from '../../membership/resource-refs.js';
import { couldNotCheck, instanceUnitErrors } from '../../membership/unresolved-drafts.js';
import { clusterTagKey, clusterTagMatches } from '../../tags/cluster-tag.js';
import { createTagsCommand, deleteTagsCommand } from '../../tags/commands.js';
import { providerClusterId } from '../../provider/cluster-id.js';

/** The checks this module evaluates (docs/architecture.md "A check is one unit"). */
export const CHECKS = [
  { id: 'tags.sg.multiple-tagged', family: 'tags', severity: 'high', unit: 'instance',
    title: 'Instance has more than one cluster-tagged security group',
    risk: 'Service load balancers fail: "Multiple tagged security groups found for instance".',
    remediation: 'Remove the cluster tag from all but the Kubernetes security group.',
    reads: ['instances', 'securityGroups'] },
  { id: 'tags.sg.none-tagged', family: 'tags', severity: 'high', unit: 'instance',
    title: 'Instance has several security groups and none is tagged',
    risk: 'Service load balancers fail: "Multiple untagged security groups found for instance".',
    remediation: 'Tag exactly one security group (the Kubernetes one) with the cluster tag.',
    reads: ['instances', 'securityGroups'] },
] as const satisfies readonly CheckMeta[];

export const MULTIPLE_TAGGED = CHECKS[0].id;
export const NONE_TAGGED = CHECKS[1].id;

/** How one instance's security groups split, the way the provider's `findSecurityGroupForInstance` splits them. */
export interface InstanceGroups {
  tagged: SecurityGroup[];
  untagged: SecurityGroup[];
  /** Group ids of the instance that are not in the view, with the reason. */
  unknown: { groupId: string; reason: string }[];
}

/** The view's groups by id and the unresolved ones' reasons, built once per check input (not per instance). */
const indexes = new WeakMap<CheckInput, { byId: Map<string, SecurityGroup>; missing: Map<string, string> }>();

function groupIndexes(input: CheckInput): { byId: Map<string, SecurityGroup>; missing: Map<string, string> } {
  let found = indexes.get(input);
  if (found === undefined) {
    found = {
      byId: new Map(input.view.securityGroups.map((g) => [g.groupId, g])),
      missing: new Map(input.membership.unresolved.securityGroups.map((r) => [r.id, r.reason])),
    };
    indexes.set(input, found);
  }
  return found;
}

/** Splits an instance's security groups into cluster-tagged, untagged and unknown. */
export function splitInstanceGroups(input: CheckInput, instance: Instance): InstanceGroups {
  const { byId, missing } = groupIndexes(input);
  const out: InstanceGroups = { tagged: [], untagged: [], unknown: [] };
  for (const groupId of instance.securityGroupIds) {
    const group = byId.get(groupId);
    if (!group) out.unknown.push({ groupId, reason: missing.get(groupId) ?? `${groupId} is not in the collected data` });
    else if (clusterTagMatches(group.tags, providerClusterId(input.cluster)).length > 0) out.tagged.push(group);
    else out.untagged.push(group);
  }
  return out;
}

const label = (g: SecurityGroup) => `${g.groupId}(${g.groupName})`;

/**
 * `tags.sg.multiple-tagged` and `tags.sg.none-tagged`, per member instance, exactly the provider's rule
 * (aws.go:2910-2952 `findSecurityGroupForInstance`): if any of the instance's groups carries the cluster tag, exactly one
 * must; if none does, only a single untagged group is tolerated. Either error fails every Service load balancer
 * that targets the instance. Unknown groups make the verdict an error when they could change it.
 */
export const checkSecurityGroups: CheckEvaluator = (input) => {
  // aws.go:2981 and aws_loadbalancer.go:978: with DisableSecurityGroupIngress the provider never looks for the
  // instance's security group, so neither rule applies (the report's coverage says the checks did not run).
  if (input.cluster.cloudConfig?.disableSecurityGroupIngress === true) return [];
  const drafts: FindingDraft[] = [...instanceUnitErrors(MULTIPLE_TAGGED, input), ...instanceUnitErrors(NONE_TAGGED, input)];
  const usage = groupUsage(input.membership.instances);
  for (const instance of input.membership.instances) {
    const groups = splitInstanceGroups(input, instance);
    const resource = ec2Ref(input, RESOURCE_TYPES.instance, instance.instanceId);
    const evidence = {
      securityGroups: instance.securityGroupIds,
      tagged: groups.tagged.map((g) => ({ groupId: g.groupId, groupName: g.groupName, tags: g.tags })),
      untagged: groups.untagged.map((g) => ({ groupId: g.groupId, groupName: g.groupName })),
      ...(groups.unknown.length > 0 ? { unknown: groups.unknown } : {}),
    };
    const unknownText = groups.unknown.map((u) => `${u.groupId} (${u.reason})`).join('; ');

    if (groups.tagged.length > 1) {
      drafts.push(multipleTagged(input, instance, groups, usage, evidence));
    } else if (groups.unknown.length > 0 && groups.tagged.length + groups.unknown.length > 1) {
      drafts.push(
        couldNotCheck(
          MULTIPLE_TAGGED,
          resource,
          `instance ${instance.instanceId} has ${groups.tagged.length} cluster-tagged security group(s) and ${groups.unknown.length} that could not be read: ${unknownText}`,
          evidence,
        ),
      );
    }

    const total = instance.securityGroupIds.length;
    if (groups.tagged.length > 0 || total <= 1) continue;
    if (groups.unknown.length > 0) {
      drafts.push(
        couldNotCheck(
          NONE_TAGGED,
          resource,
          `instance ${instance.instanceId} has ${total} security groups, none of the readable ones is cluster-tagged, and these could not be read: ${unknownText}`,
          evidence,
        ),
      );
      continue;
    }
    const suggested = [...groups.untagged].sort((a, b) => (usage.get(b.groupId) ?? 0) - (usage.get(a.groupId) ?? 0) || a.groupId.localeCompare(b.groupId))[0];
    drafts.push({
      check: NONE_TAGGED,
      resource,
      detail:
        `Instance ${instance.instanceId} has ${total} security groups (${groups.untagged.map(label).join(' ')}) and none carries the cluster tag; ` +
        `Service load balancers fail with "Multiple untagged security groups found for instance ${instance.instanceId}; ensure the k8s security group is tagged".`,
      evidence,
      remediation:
        `Tag exactly one group, the one load balancers may open ports on (${suggested?.groupId} is attached to the most cluster instances): ` +
        createTagsCommand([suggested?.groupId ?? ''], clusterTagKey(providerClusterId(input.cluster)), 'owned', regionOf(input)),
    });
  }
  return drafts;
};

function multipleTagged(
  input: CheckInput,
  instance: Instance,
  groups: InstanceGroups,
  usage: ReadonlyMap<string, number>,
  evidence: Record<string, unknown>,
): FindingDraft {
  const taggedGroups = groups.tagged.map(label).join(' ');
  const keep = [...groups.tagged].sort((a, b) => (usage.get(b.groupId) ?? 0) - (usage.get(a.groupId) ?? 0) || a.groupId.localeCompare(b.groupId))[0] as SecurityGroup;
  const region = regionOf(input);
  const removals = groups.tagged
    .filter((g) => g.groupId !== keep.groupId)
    .map((g) => deleteTagsCommand([g.groupId], clusterTagMatches(g.tags, providerClusterId(input.cluster)).map((m) => m.key), region));
  return {
    check: MULTIPLE_TAGGED,
    resource: ec2Ref(input, RESOURCE_TYPES.instance, instance.instanceId),
    detail:
      `Instance ${instance.instanceId} has ${groups.tagged.length} security groups carrying the cluster tag; every Service load balancer targeting it fails with ` +
      `"Multiple tagged security groups found for instance ${instance.instanceId}; ensure only the k8s security group is tagged; the tagged groups were ${taggedGroups}".`,
    evidence,
    remediation: `Keep the cluster tag on the Kubernetes group only (${keep.groupId} is attached to the most cluster instances): ${removals.join(' && ')}`,
  };
}

/** How many member instances each group is attached to. */
function groupUsage(instances: readonly Instance[]): Map<string, number> {
  const usage = new Map<string, number>();
  for (const i of instances) for (const g of new Set(i.securityGroupIds)) usage.set(g, (usage.get(g) ?? 0) + 1);
  return usage;
}

/** This module's evaluate function (the registry runs it). */
export const evaluate: CheckEvaluator = checkSecurityGroups;
