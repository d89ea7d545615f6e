import type { ClusterConfig, RoleKey } from '../config/schema.js';
import { expandActionPattern } from '../policy/catalog/index.js';
import { uniqueActions } from './actions.js';
import type { Preset } from './preset.js';
import { defaultCallWay, type ActionCall, type ClusterRequestFacts } from './request-context.js';
import { presetByName } from './presets.js';
import { providerClusterId } from '../provider/cluster-id.js';

/** What one configured role must, may and is allowed to do, after applying the cluster config. */
export interface RoleRequirements {
  role: RoleKey;
  preset: Preset;
  /** Missing -> iam.required.denied. Preset required + extraRequired (minus route actions without cloudRoutes). */
  required: string[];
  /** Missing -> iam.optional.denied (info). Never excess. */
  optional: string[];
  /** Never excess: preset tolerated actions + the config's allowedExcess. */
  allowedExcess: string[];
  /**
   * Wildcard entries of extraRequired that could not be listed (service outside the action catalogue, or no
   * catalogue action matches): they cannot be decided and are reported as "could not check".
   */
  unresolved: string[];
  /**
   * Request context for decisions: the cluster tag in the preset's form, and `aws:RequestedRegion` = the cluster's
   * region (the cloud provider only calls its own region), so region-scoped grants are decided, not "context needed".
   */
  context: Record<string, readonly string[]>;
  /** The cluster facts each call's request context is built from (tag key and value, region). */
  facts: ClusterRequestFacts;
  /** The preset's ways of calling actions (by lower-case action name); other actions use `defaultCallWay`. */
  calls: Readonly<Record<string, readonly ActionCall[]>>;
}

/** The ways an action is called under `requirements` (at least one). */
export function callsOf(requirements: Pick<RoleRequirements, 'calls'>, action: string): readonly ActionCall[] {
  return requirements.calls[action.toLowerCase()] ?? [{ way: defaultCallWay(action) }];
}

/**
 * The requirements of one role of a cluster: the preset's lists for that role, with `extraRequired` added to
 * required, route-controller actions moved to optional when `cloudRoutes` is false, and the config's
 * `allowedExcess` plus the preset's tolerated actions as allowed excess. Names are canonicalised through the
 * catalogue when known (config entries may use any casing) and deduplicated case-insensitively; an action
 * appears in at most one list, in the order required > optional > allowedExcess. Wildcards in extraRequired and
 * allowedExcess (`ec2:Describe*`) are expanded over the catalogue of the audited services.
 */
export function requirementsFor(cluster: ClusterConfig, role: RoleKey): RoleRequirements {
  const preset = presetByName(cluster.preset);
  const spec = preset[role];
  const unresolved: string[] = [];
  const expand = (list: readonly string[], track: boolean) =>
    list.flatMap((pattern) => {
      const { actions, unresolved: open } = expandActionPattern(pattern);
      if (track && (open || actions.length === 0)) unresolved.push(pattern);
      return actions;
    });
  const routesOff = cluster.cloudRoutes === false;
  const routeOnly = new Set(preset.cloudRoutesOnly.map((a) => a.toLowerCase()));
  const presetRequired = spec.required.filter((a) => !(routesOff && routeOnly.has(a.toLowerCase())));
  const movedToOptional = spec.required.filter((a) => routesOff && routeOnly.has(a.toLowerCase()));

  const required = uniqueActions([...expand(presetRequired, false), ...expand(cluster.extraRequired?.[role] ?? [], true)]);
  const requiredSet = new Set(required.map((a) => a.toLowerCase()));
  const optional = uniqueActions(expand([...spec.optional, ...movedToOptional], false)).filter((a) => !requiredSet.has(a.toLowerCase()));
  const taken = new Set([...requiredSet, ...optional.map((a) => a.toLowerCase())]);
  const allowedExcess = uniqueActions(expand([...spec.tolerated, ...(cluster.allowedExcess?.[role] ?? [])], false)).filter(
    (a) => !taken.has(a.toLowerCase()),
  );
  // The tag the provider puts on and looks for: cloud-config KubernetesClusterTag/ID when set (docs/provider-rules.md).
  const clusterId = providerClusterId(cluster);
  const facts: ClusterRequestFacts = {
    tagKey: preset.tagScoping.tagKey(clusterId),
    tagValue: preset.tagScoping.tagValues(clusterId)[0] ?? clusterId,
    region: cluster.region,
  };
  const calls = Object.fromEntries(Object.entries(preset.calls ?? {}).map(([action, list]) => [action.toLowerCase(), list]));
  return {
    role,
    preset,
    required,
    optional,
    allowedExcess,
    unresolved: uniqueActions(unresolved),
    context: { ...preset.contextFor(clusterId), 'aws:RequestedRegion': [cluster.region] },
    facts,
    calls,
  };
}

/**
 * Requirements of a role ARN configured for both controlPlane and worker: the union of both, so one role is
 * checked once against everything it must do.
 */
export function mergeRequirements(a: RoleRequirements, b: RoleRequirements): RoleRequirements {
  const required = uniqueActions([...a.required, ...b.required]);
  const requiredSet = new Set(required.map((x) => x.toLowerCase()));
  const optional = uniqueActions([...a.optional, ...b.optional]).filter((x) => !requiredSet.has(x.toLowerCase()));
  const taken = new Set([...requiredSet, ...optional.map((x) => x.toLowerCase())]);
  const allowedExcess = uniqueActions([...a.allowedExcess, ...b.allowedExcess]).filter((x) => !taken.has(x.toLowerCase()));
  return {
    ...a,
    required,
    optional,
    allowedExcess,
    unresolved: uniqueActions([...a.unresolved, ...b.unresolved]),
    context: { ...b.context, ...a.context },
    calls: { ...b.calls, ...a.calls },
  };
}
