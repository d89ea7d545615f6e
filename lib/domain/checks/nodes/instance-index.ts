import type { AccountView, Instance } from '../../model/account-view.js';

/** The instances of a view indexed for the node joins (docs/reliability.md, "Bounded work"). */
export interface InstanceIndex {
  byId: ReadonlyMap<string, Instance>;
  /** Non-terminated instances with a private DNS name, by the name in lower case (names repeat across VPCs). */
  byPrivateDns: ReadonlyMap<string, readonly Instance[]>;
  /** Instances by private IP address. */
  byPrivateIp: ReadonlyMap<string, readonly Instance[]>;
}

const cache = new WeakMap<readonly Instance[], InstanceIndex>();

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** Builds an index of `instances` in one pass; the first instance of a repeated id wins, as a linear scan would. */
export function indexInstances(instances: readonly Instance[]): InstanceIndex {
  const cached = cache.get(instances);
  if (cached !== undefined) return cached;
  const byId = new Map<string, Instance>();
  const byPrivateDns = new Map<string, Instance[]>();
  const byPrivateIp = new Map<string, Instance[]>();
  for (const instance of instances) {
    if (!byId.has(instance.instanceId)) byId.set(instance.instanceId, instance);
    if (instance.state !== 'terminated' && instance.privateDnsName !== '') push(byPrivateDns, instance.privateDnsName.toLowerCase(), instance);
    if (instance.privateIpAddress !== undefined) push(byPrivateIp, instance.privateIpAddress, instance);
  }
  const index = { byId, byPrivateDns, byPrivateIp };
  cache.set(instances, index);
  return index;
}

/**
 * The index of a view's instances, built once per instance list and reused by every node check (the list is never
 * changed after collection: data flows one way).
 */
export function instanceIndex(view: AccountView): InstanceIndex {
  return indexInstances(view.instances);
}
