import type { PresetName, RoleKey } from '../config/schema.js';
import type { ActionCall } from './request-context.js';

/** The actions one role needs under a preset. Names are canonical (`ec2:DescribeInstances`), without wildcards. */
export interface RoleActions {
  /** Missing -> `iam.required.denied` (high). */
  required: readonly string[];
  /** Feature-dependent: missing -> `iam.optional.denied` (info); granted -> never excess. */
  optional: readonly string[];
  /**
   * Granted by the installer for its own components (e.g. kops nodeup, etcd-manager), not needed by the cloud
   * provider: never required, never reported as excess.
   */
  tolerated: readonly string[];
}

/** How a preset's policies scope mutating actions to the cluster's resources with tag conditions. */
export interface TagScoping {
  /** Human-readable tag form, e.g. `KubernetesCluster=<cluster>`. */
  readonly description: string;
  /** Tag key carrying the cluster, e.g. `KubernetesCluster` or `kubernetes.io/cluster/prod`. */
  tagKey(clusterName: string): string;
  /** Tag values a cluster resource carries (the first is what the audit puts into the request context). */
  tagValues(clusterName: string): readonly string[];
  /**
   * Actions on existing resources that require `aws:ResourceTag/<key>` in a tag-scoped policy.
   * Actions listed in neither list stay unconditional (Describe*, iam:CreateServiceLinkedRole, ...).
   */
  readonly mutating: readonly string[];
  /** Actions that create resources and require `aws:RequestTag/<key>` in a tag-scoped policy. */
  readonly create: readonly string[];
  /**
   * When set, `ec2:CreateTags` is allowed only as tag-on-create of these EC2 create actions (condition
   * `ec2:CreateAction`), as kops' AddEC2CreateAction does; the request context then carries `ec2:CreateAction`.
   */
  readonly tagOnCreateOnly?: readonly string[];
}

/** A requirement preset (docs/domain.md section 2), kept as data with the public source it was read from. */
export interface Preset {
  readonly name: PresetName;
  /** Repository and path (and version) the action lists were read from, exactly as docs/domain.md gives it. */
  readonly source: string;
  /** One line on what the preset is for. */
  readonly summary: string;
  readonly controlPlane: RoleActions;
  readonly worker: RoleActions;
  /**
   * Actions needed only by the route controller (`--configure-cloud-routes`). With `cloudRoutes: false` in the
   * cluster config they move from required to optional.
   */
  readonly cloudRoutesOnly: readonly string[];
  readonly tagScoping: TagScoping;
  /**
   * The request context the cloud provider's calls carry for this cluster: the cluster tag as resource tag and
   * request tag (plus any extra context). The decision engine passes it so that tag-scoped policies are decided as
   * the provider experiences them; keys a policy needs beyond it show up as "allowed only with context".
   */
  contextFor(clusterName: string): Record<string, readonly string[]>;
  /** Notes on where the preset deliberately differs from its source. */
  readonly notes: readonly string[];
  /**
   * How the provider calls an action, where that is not the action's default way (`defaultCallWay`): e.g.
   * ec2:CreateTags as tag-on-create of CreateSecurityGroup, and, only with a feature, on existing resources.
   * Keys are canonical action names. Each way is decided with its own request context.
   */
  readonly calls?: Readonly<Record<string, readonly ActionCall[]>>;
}

/** The CLI spelling of the two roles. */
export const CLI_ROLE_NAMES = { controlPlane: 'control-plane', worker: 'worker' } as const satisfies Record<RoleKey, string>;
export type CliRoleName = (typeof CLI_ROLE_NAMES)[RoleKey];

/** `control-plane` -> `controlPlane`; undefined for anything else. */
export function roleKeyFromCli(name: string): RoleKey | undefined {
  if (name === 'control-plane') return 'controlPlane';
  if (name === 'worker') return 'worker';
  return undefined;
}

/** Builds the context function shared by every preset from its tag scoping. */
export function contextFromTagScoping(scoping: TagScoping): (clusterName: string) => Record<string, readonly string[]> {
  return (clusterName) => {
    const key = scoping.tagKey(clusterName);
    const value = scoping.tagValues(clusterName)[0] ?? clusterName;
    return {
      [`aws:ResourceTag/${key}`]: [value],
      [`aws:RequestTag/${key}`]: [value],
      ...(scoping.tagOnCreateOnly ? { 'ec2:CreateAction': scoping.tagOnCreateOnly } : {}),
    };
  };
}
