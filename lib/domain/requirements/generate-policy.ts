import type { PresetName, RoleKey } from '../config/schema.js';
import type { PolicyDocument } from '../model/account-view.js';
import { catalog, serviceOf } from '../policy/catalog/index.js';
import { uniqueActions } from './actions.js';
import { CLI_ROLE_NAMES, roleKeyFromCli, type CliRoleName, type Preset } from './preset.js';
import { presetByName } from './presets.js';
import { AWS_SERVICE_NAME_KEY, ELB_SERVICE_NAME } from './request-context.js';

/** Options of {@link generatePolicy}. */
export interface GeneratePolicyOptions {
  preset: PresetName | Preset;
  /** `control-plane` | `worker` (CLI spelling) or `controlPlane` | `worker` (config spelling). */
  role: CliRoleName | RoleKey;
  /** Cluster name; needed for `tagScoped`. */
  cluster?: string;
  /** Condition mutating actions on the cluster tag (kops style). Needs `cluster`. */
  tagScoped?: boolean;
  /** Extra actions to grant (as in the config's extraRequired). */
  extraRequired?: readonly string[];
  /** Also grant the preset's feature-dependent (optional) actions. */
  includeOptional?: boolean;
  /** Route controller on (default true); when false the route actions are left out unless includeOptional. */
  cloudRoutes?: boolean;
  /** AWS partition for the ARNs the policy names (default `aws`). */
  partition?: string;
}

/** One statement of a generated policy. */
export interface GeneratedStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** A generated policy document (valid IAM JSON). */
export interface GeneratedPolicy extends PolicyDocument {
  Version: '2012-10-17';
  Statement: GeneratedStatement[];
}

/** The options cannot produce a policy (e.g. tag scoping without a cluster, or nothing to grant). */
export class PolicyGenerationError extends Error {
  override readonly name = 'PolicyGenerationError';
  constructor(
    message: string,
    /** The option at fault, e.g. `cluster`. */
    readonly option: string,
  ) {
    super(message);
  }
}

/** Readable Sid stems for the services the presets use; other services get their prefix capitalised. */
const SID_STEMS: Record<string, string> = {
  autoscaling: 'AutoScaling',
  ec2: 'Ec2',
  ecr: 'Ecr',
  elasticloadbalancing: 'ElasticLoadBalancing',
  iam: 'Iam',
  kms: 'Kms',
  s3: 'S3',
  sts: 'Sts',
};

function sidStem(service: string): string {
  return SID_STEMS[service] ?? service.replace(/(^|[^a-zA-Z0-9])([a-zA-Z0-9])/g, (_m, _sep: string, ch: string) => ch.toUpperCase()).replace(/[^a-zA-Z0-9]/g, '');
}

function byService(actions: readonly string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const a of actions) {
    const s = serviceOf(a);
    map.set(s, [...(map.get(s) ?? []), a]);
  }
  return new Map([...map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([s, list]) => [s, [...list].sort((x, y) => x.localeCompare(y))]));
}

/**
 * Generates the least-privilege IAM policy of a preset's role: Version 2012-10-17, one statement per service
 * (Sid named after the service, actions sorted), all on `Resource: "*"` as the provider's docs grant them.
 * With `tagScoped`, mutating actions get a condition on `aws:ResourceTag/<cluster tag>` and create actions on
 * `aws:RequestTag/<cluster tag>` (kops style; the preset decides the tag form and which actions are which), and
 * `ec2:CreateSecurityGroup` is also allowed on VPCs, which carry no request tag. `iam:CreateServiceLinkedRole` is
 * always scoped to the ELB service-linked role (`iam:AWSServiceName`). Without cloud routes the route actions are
 * left out, also with `includeOptional`.
 *
 * @throws PolicyGenerationError for unusable options (tag scoping without a cluster, nothing to grant)
 */
export function generatePolicy(options: GeneratePolicyOptions): GeneratedPolicy {
  const preset = typeof options.preset === 'string' ? presetByName(options.preset) : options.preset;
  const roleKey: RoleKey | undefined =
    options.role === 'controlPlane' || options.role === 'worker' ? options.role : roleKeyFromCli(options.role);
  if (roleKey === undefined) {
    throw new PolicyGenerationError(`unknown role ${JSON.stringify(options.role)}; expected control-plane or worker`, 'role');
  }
  if (options.tagScoped && !options.cluster) {
    throw new PolicyGenerationError('a tag-scoped policy needs the cluster name (--cluster NAME)', 'cluster');
  }
  const spec = preset[roleKey];
  const routeOnly = new Set(preset.cloudRoutesOnly.map((a) => a.toLowerCase()));
  const routesOff = options.cloudRoutes === false;
  const canon = (a: string) => catalog.canonicalAction(a) ?? a;
  const actions = uniqueActions(
    [
      // Without cloud routes the route controller does not run: its actions are never granted, optional or not.
      ...spec.required.filter((a) => !(routesOff && routeOnly.has(a.toLowerCase()))),
      ...(options.includeOptional ? spec.optional.filter((a) => !(routesOff && routeOnly.has(a.toLowerCase()))) : []),
      ...(options.extraRequired ?? []),
    ].map(canon),
  );
  if (actions.length === 0) {
    throw new PolicyGenerationError(
      `preset ${preset.name} requires no ${CLI_ROLE_NAMES[roleKey]} actions` +
        (spec.optional.length > 0 ? `; add --include-optional for its feature-dependent actions (${spec.optional.length})` : ''),
      'role',
    );
  }

  const statements: GeneratedStatement[] = [];
  const scoping = options.tagScoped ? preset.tagScoping : undefined;
  const cluster = options.cluster ?? '';
  const mutating = new Set((scoping?.mutating ?? []).map((a) => a.toLowerCase()));
  const create = new Set((scoping?.create ?? []).map((a) => a.toLowerCase()));
  const tagValues = scoping ? [...scoping.tagValues(cluster)] : [];
  const tagKey = scoping ? scoping.tagKey(cluster) : '';
  const values = (v: string[]): string | string[] => (v.length === 1 ? v[0]! : v);

  for (const [service, list] of byService(actions)) {
    const stem = sidStem(service);
    const isSlr = (a: string) => a.toLowerCase() === 'iam:createservicelinkedrole';
    const plain = list.filter((a) => !mutating.has(a.toLowerCase()) && !create.has(a.toLowerCase()) && !isSlr(a));
    const tagged = list.filter((a) => mutating.has(a.toLowerCase()));
    const created = list.filter((a) => create.has(a.toLowerCase()));
    const tagOnCreate = scoping?.tagOnCreateOnly ? created.filter((a) => a.toLowerCase() === 'ec2:createtags') : [];
    const createdOther = created.filter((a) => !tagOnCreate.includes(a));
    if (plain.length > 0) statements.push({ Sid: stem, Effect: 'Allow', Action: plain, Resource: '*' });
    if (tagged.length > 0) {
      statements.push({
        Sid: `${stem}ClusterTagged`,
        Effect: 'Allow',
        Action: tagged,
        Resource: '*',
        Condition: { StringEquals: { [`aws:ResourceTag/${tagKey}`]: values(tagValues) } },
      });
    }
    if (createdOther.length > 0) {
      statements.push({
        Sid: `${stem}ClusterTaggedCreate`,
        Effect: 'Allow',
        Action: createdOther,
        Resource: '*',
        Condition: { StringEquals: { [`aws:RequestTag/${tagKey}`]: values(tagValues) } },
      });
    }
    if (tagOnCreate.length > 0 && scoping?.tagOnCreateOnly) {
      statements.push({
        Sid: `${stem}TagOnCreate`,
        Effect: 'Allow',
        Action: tagOnCreate,
        Resource: '*',
        Condition: {
          StringEquals: { [`aws:RequestTag/${tagKey}`]: values(tagValues), 'ec2:CreateAction': values([...scoping.tagOnCreateOnly]) },
        },
      });
    }
    if (tagOnCreate.length > 0 && options.includeOptional) {
      // The provider's read-repair tags an existing security group that lacks the cluster tag (feature-dependent).
      statements.push({
        Sid: `${stem}ClusterTagRepair`,
        Effect: 'Allow',
        Action: tagOnCreate,
        Resource: '*',
        Condition: { StringEquals: { [`aws:RequestTag/${tagKey}`]: values(tagValues) } },
      });
    }
    if (list.some(isSlr)) {
      // Only the ELB service-linked role (AmazonEKSClusterPolicy and AmazonEC2FullAccess scope it the same way).
      statements.push({
        Sid: `${stem}ElbServiceLinkedRole`,
        Effect: 'Allow',
        Action: ['iam:CreateServiceLinkedRole'],
        Resource: '*',
        Condition: { StringEquals: { [AWS_SERVICE_NAME_KEY]: ELB_SERVICE_NAME } },
      });
    }
    if (createdOther.some((a) => a.toLowerCase() === 'ec2:createsecuritygroup')) {
      statements.push({
        Sid: `${stem}CreateSecurityGroupInVpc`,
        Effect: 'Allow',
        Action: ['ec2:CreateSecurityGroup'],
        Resource: `arn:${options.partition ?? 'aws'}:ec2:*:*:vpc/*`,
      });
    }
  }
  return { Version: '2012-10-17', Statement: statements };
}
