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
