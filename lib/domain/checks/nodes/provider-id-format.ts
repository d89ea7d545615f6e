/** A providerID read the way the cloud provider reads it (instances.go `KubernetesInstanceID.MapToAWSInstanceID`). */
export type ParsedProviderId =
  /** The canonical form the kubelet and the CCM set: `aws:///<availability-zone>/<instance-id>`. */
  | { form: 'canonical'; availabilityZone: string; instanceId: string }
  /** A form the provider still parses (`aws:////<id>`, a bare `i-...`, an extra host) but that carries no zone. */
  | { form: 'tolerated'; availabilityZone?: string; instanceId: string }
  /** Unparsable: the provider fails with `Invalid format for AWS instance (<providerID>)`. */
  | { form: 'invalid' };

/** Instance ids as the provider accepts them (instances.go `awsInstanceRegMatch`). */
export const INSTANCE_ID = /^i-[^/]*$/;

const CANONICAL = /^aws:\/\/\/([^/]+)\/([^/]+)$/;

/** Parses a node's providerID. */
export function parseProviderId(providerId: string): ParsedProviderId {
  const canonical = CANONICAL.exec(providerId);
  if (canonical && INSTANCE_ID.test(canonical[2] as string)) {
    return { form: 'canonical', availabilityZone: canonical[1] as string, instanceId: canonical[2] as string };
  }
  // MapToAWSInstanceID: a value without the scheme is treated as `aws:///<value>`; the host is ignored; the path
  // must be `<id>` or `<az>/<id>`.
  const s = providerId.startsWith('aws://') ? providerId : `aws:///${providerId}`;
  const rest = s.slice('aws://'.length);
  const slash = rest.indexOf('/');
  const path = slash < 0 ? '' : rest.slice(slash);
  const tokens = path.replace(/^\/+|\/+$/g, '').split('/');
  const id = tokens.length === 1 ? tokens[0] : tokens.length === 2 ? tokens[1] : '';
  if (!id || !INSTANCE_ID.test(id)) return { form: 'invalid' };
  const az = tokens.length === 2 && tokens[0] ? tokens[0] : undefined;
  return { form: 'tolerated', instanceId: id, ...(az ? { availabilityZone: az } : {}) };
}

/** The canonical providerID of an instance. */
export function canonicalProviderId(availabilityZone: string, instanceId: string): string {
  return `aws:///${availabilityZone}/${instanceId}`;
}
