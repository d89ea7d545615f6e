import { catalog, serviceOf } from '../policy/catalog/index.js';

/**
 * The request context of one AWS service's calls, derived from a role's cluster-level context (requirementsFor).
 *
 * The cloud provider calls its cluster's region, so regional services see `aws:RequestedRegion` = that region.
 * Two services differ:
 * - IAM has a single endpoint per partition, so its requests carry that endpoint's region (`us-east-1` in `aws`),
 *   which is why AWS's region-restriction example policies exempt `iam:*` from the Deny
 *   (IAM User Guide, "AWS: Denies access to AWS based on the requested Region").
 * - EC2 requests also carry `ec2:Region`, the key of AWS's own "Allows full EC2 access within a specific Region"
 *   example policy.
 */

/** Context key of the region a request is sent to (global condition key). */
export const REQUESTED_REGION_KEY = 'aws:RequestedRegion';

/** EC2's own region condition key. */
export const EC2_REGION_KEY = 'ec2:Region';

/** Audited services whose API has one endpoint per partition. */
export const GLOBAL_ENDPOINT_SERVICES: readonly string[] = ['iam'];

/** The region of a partition's global endpoints (IAM), for a region of that partition. */
export function globalEndpointRegion(region: string): string {
  if (region.startsWith('cn-')) return 'cn-north-1';
  if (region.startsWith('us-gov-')) return 'us-gov-west-1';
  return 'us-east-1';
}

/**
 * The context of `service`'s requests: `context` itself for regional services, with `aws:RequestedRegion` set to the
 * partition's global-endpoint region for IAM, and with `ec2:Region` added for EC2. A context without
 * `aws:RequestedRegion` is returned unchanged.
 */
export function serviceRequestContext(context: Readonly<Record<string, readonly string[]>>, service: string): Record<string, readonly string[]> {
  const region = context[REQUESTED_REGION_KEY]?.[0];
  const name = service.toLowerCase();
  if (region === undefined) return { ...context };
  if (GLOBAL_ENDPOINT_SERVICES.includes(name)) return { ...context, [REQUESTED_REGION_KEY]: [globalEndpointRegion(region)] };
  if (name === 'ec2') return { ...context, [EC2_REGION_KEY]: [region] };
  return { ...context };
}

/**
 * How the cloud provider makes one call, which decides the request context AWS builds for it
 * (docs/iam-request-context.md):
 * - `no-resource`: a Describe/List call that names no resource: no resource or request tags;
 * - `existing`: a call on an existing cluster resource, which carries the cluster tag (`aws:ResourceTag/<key>`);
 * - `create-untagged`: a create call that sends no tags (the legacy provider tags afterwards): no tag keys;
 * - `create`: a create call that tags in the same request (TagSpecifications / Tags): `aws:RequestTag/<key>`,
 *   `aws:TagKeys`, no resource tag (the resource does not exist yet);
 * - `tag-on-create`: the tagging action (ec2:CreateTags) authorised as part of `createAction`: the request tags
 *   and `<service>:CreateAction`;
 * - `tag-existing`: tagging an existing cluster resource: its resource tag and the request tags;
 * - `tag-untagged`: tagging an existing resource that lacks the cluster tag (the provider's read-repair): request
 *   tags, no cluster resource tag;
 * - `service-linked-role`: iam:CreateServiceLinkedRole for `serviceName` (`iam:AWSServiceName`).
 */
export type CallWay =
  | { readonly kind: 'no-resource' | 'existing' | 'create' | 'create-untagged' | 'tag-existing' | 'tag-untagged' }
  | { readonly kind: 'tag-on-create'; readonly createAction: string }
  | { readonly kind: 'service-linked-role'; readonly serviceName: string };

/** One way an action is called, and whether the cloud provider needs it (vs. only for a feature). */
export interface ActionCall {
  readonly way: CallWay;
  /** Set when this way is made only with a feature (then a denial of it is info, not high). */
  readonly feature?: string;
}

/** The cluster facts a request context is built from. */
export interface ClusterRequestFacts {
  /** Cluster tag key, e.g. `kubernetes.io/cluster/prod` or `KubernetesCluster`. */
  readonly tagKey: string;
  /** The value the provider's resources carry and its create calls send. */
  readonly tagValue: string;
  /** The cluster's region. */
  readonly region: string;
}

/** Context key of the service a service-linked role is created for. */
export const AWS_SERVICE_NAME_KEY = 'iam:AWSServiceName';

/** The ELB service principal, whose service-linked role the first load balancer of an account needs. */
export const ELB_SERVICE_NAME = 'elasticloadbalancing.amazonaws.com';

/** A short label of a call way for evidence and findings, e.g. `tag-on-create of ec2:CreateSecurityGroup`. */
export function describeCallWay(way: CallWay, action: string): string {
  switch (way.kind) {
    case 'tag-on-create':
      return `tag-on-create of ${serviceOf(action)}:${way.createAction}`;
    case 'service-linked-role':
      return `for ${way.serviceName}`;
    default:
      return way.kind;
  }
}

/**
 * The way a call is made when nothing more specific is known: no resource for wildcard-only actions, create for a
 * `Create*` action that takes request tags, on an existing resource when the action takes resource tags, else no
 * resource keys; iam:CreateServiceLinkedRole is created for the ELB service.
 */
export function defaultCallWay(action: string): CallWay {
  const lower = action.toLowerCase();
  if (lower === 'iam:createservicelinkedrole') return { kind: 'service-linked-role', serviceName: ELB_SERVICE_NAME };
  const support = catalog.contextSupport(action);
  if (support === undefined || support.wildcardOnly) return { kind: 'no-resource' };
  const name = lower.slice(lower.indexOf(':') + 1);
  if (support.requestTag && name.startsWith('create')) return { kind: 'create' };
  if (support.resourceTag || support.serviceResourceTag) return { kind: 'existing' };
  return { kind: 'no-resource' };
}

const carriesResource = (kind: CallWay['kind']) => kind === 'existing' || kind === 'tag-existing';
const carriesRequestTags = (kind: CallWay['kind']) => kind === 'create' || kind === 'tag-on-create' || kind === 'tag-existing' || kind === 'tag-untagged';

/**
 * The request context AWS builds for `action` made `way` for a cluster: the region keys (see
 * {@link serviceRequestContext}), plus
 * - `aws:ResourceTag/<key>` (and `<service>:ResourceTag/<key>` where the action supports it) only on an existing
 *   cluster resource whose resource type supports it;
 * - `aws:RequestTag/<key>` and `aws:TagKeys` only on calls that send tags, when the action supports them;
 * - `<service>:CreateAction` for tag-on-create, `iam:AWSServiceName` for a service-linked role.
 * Support comes from the action catalogue; for an action outside it the way alone decides. A key AWS would not
 * send is not in the result.
 */
export function requestContextFor(action: string, way: CallWay, facts: ClusterRequestFacts): Record<string, readonly string[]> {
  const service = serviceOf(action);
  const support = catalog.contextSupport(action);
  const out: Record<string, readonly string[]> = serviceRequestContext({ [REQUESTED_REGION_KEY]: [facts.region] }, service);
  if (support?.wildcardOnly === true) return out;
  const value = [facts.tagValue];
  if (carriesResource(way.kind)) {
    if (support === undefined || support.resourceTag) out[`aws:ResourceTag/${facts.tagKey}`] = value;
    if (support?.serviceResourceTag === true) out[`${service}:ResourceTag/${facts.tagKey}`] = value;
  }
  if (carriesRequestTags(way.kind) && (support === undefined || support.requestTag)) {
    out[`aws:RequestTag/${facts.tagKey}`] = value;
    out['aws:TagKeys'] = [facts.tagKey];
  }
  if (way.kind === 'tag-on-create' && (support === undefined || support.serviceKeys.has(`${service}:createaction`))) {
    out[`${service}:CreateAction`] = [way.createAction];
  }
  if (way.kind === 'service-linked-role') out[AWS_SERVICE_NAME_KEY] = [way.serviceName];
  return out;
}

/** True when a service key pattern from the catalogue (`kms:EncryptionContext:${EncryptionContextKey}`) covers `lowerKey`. */
function supportsKey(keys: ReadonlySet<string>, lowerKey: string): boolean {
  if (keys.has(lowerKey)) return true;
  for (const key of keys) {
    const variable = key.indexOf('${');
    if (variable > 0 && lowerKey.startsWith(key.slice(0, variable))) return true;
  }
  return false;
}

/**
 * True when AWS would certainly NOT send condition key `key` (any case) with `action` made `way`, given the
 * `context` built by {@link requestContextFor}: then a condition on it is decided as for an absent key (AWS: a
 * positive operator does not match, a negated one, `...IfExists` and `Null: true` do), never "missing context".
 *
 * Certainly absent: a key already decided by the model and not in `context` (resource tags on calls that name no
 * existing resource, the cluster's resource tag on an untagged resource, request tags and `aws:TagKeys` on calls
 * that send none, `<service>:CreateAction` outside tag-on-create, `iam:AWSServiceName` outside a service-linked
 * role); a service key of another service; a key of the action's own service the action does not support. Keys
 * the model cannot know (other resource tags of an existing resource, `aws:SourceIp`, `aws:PrincipalTag/...`,
 * supported service keys such as `ec2:InstanceType`) are not absent: they stay "missing context". With `way`
 * undefined (not known), only what the action itself rules out is absent (tags it does not take, keys of other
 * services, own service keys it does not support).
 */
export function isAbsentKey(action: string, way: CallWay | undefined, context: Readonly<Record<string, readonly string[]>>, key: string): boolean {
  const lower = key.toLowerCase();
  for (const k of Object.keys(context)) if (k.toLowerCase() === lower) return false;
  const service = serviceOf(action);
  const support = catalog.contextSupport(action);
  const untaggedClusterKey = (tagKey: string) =>
    way?.kind === 'tag-untagged' && Object.keys(context).some((k) => k.toLowerCase() === `aws:requesttag/${tagKey}`);
  if (lower.startsWith('aws:resourcetag/')) {
    if (support !== undefined && (support.wildcardOnly || !support.resourceTag)) return true;
    if (way === undefined) return false;
    if (way.kind === 'tag-untagged') return untaggedClusterKey(lower.slice('aws:resourcetag/'.length));
    return !carriesResource(way.kind);
  }
  if (lower.startsWith('aws:requesttag/') || lower === 'aws:tagkeys') {
    if (support !== undefined && (support.wildcardOnly || !support.requestTag)) return true;
    return way !== undefined && !carriesRequestTags(way.kind);
  }
  if (lower.startsWith('aws:')) return false;
  const prefix = lower.slice(0, lower.indexOf(':'));
  if (prefix !== service) return true;
  if (lower.startsWith(`${service}:resourcetag/`)) {
    if (support !== undefined && (support.wildcardOnly || !support.serviceResourceTag)) return true;
    if (way === undefined) return false;
    if (way.kind === 'tag-untagged') return untaggedClusterKey(lower.slice(`${service}:resourcetag/`.length));
    return !carriesResource(way.kind);
  }
  if (lower === `${service}:createaction`) return way !== undefined || (support !== undefined && !support.serviceKeys.has(lower));
  if (lower === AWS_SERVICE_NAME_KEY.toLowerCase()) return way !== undefined || (support !== undefined && !support.serviceKeys.has(lower));
  if (support === undefined) return false;
  return !supportsKey(support.serviceKeys, lower);
}

/**
 * The way a request was made, read back from its context (what a service such as the loopback fake's simulator
 * sees): `<service>:CreateAction` -> tag-on-create, `iam:AWSServiceName` -> service-linked role, a resource tag
 * (with or without request tags) -> on an existing resource, request tags alone -> create; else the action's
 * {@link defaultCallWay} when that names no resource, and otherwise undefined (not known: only the way-independent
 * rules of {@link isAbsentKey} apply).
 */
export function inferCallWay(action: string, context: Readonly<Record<string, readonly string[]>>): CallWay | undefined {
  const keys = Object.keys(context).map((k) => k.toLowerCase());
  const service = serviceOf(action);
  const createAction = Object.entries(context).find(([k]) => k.toLowerCase() === `${service}:createaction`)?.[1][0];
  if (createAction !== undefined) return { kind: 'tag-on-create', createAction };
  const serviceName = Object.entries(context).find(([k]) => k.toLowerCase() === AWS_SERVICE_NAME_KEY.toLowerCase())?.[1][0];
  if (serviceName !== undefined) return { kind: 'service-linked-role', serviceName };
  const resourceTag = keys.some((k) => k.startsWith('aws:resourcetag/') || k.startsWith(`${service}:resourcetag/`));
  const requestTag = keys.some((k) => k.startsWith('aws:requesttag/'));
  if (resourceTag) return { kind: requestTag ? 'tag-existing' : 'existing' };
  if (requestTag) return { kind: 'create' };
  const fallback = defaultCallWay(action);
  return fallback.kind === 'no-resource' ? fallback : undefined;
}
