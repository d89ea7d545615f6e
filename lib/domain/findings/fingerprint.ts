import { createHash } from 'node:crypto';
import type { ResourceRef } from './finding.js';

export interface FingerprintInput {
  check: string;
  account: string;
  region: string;
  cluster: string;
  resource: ResourceRef;
  action?: string;
}

/**
 * Stable finding id: the same check, account, region, cluster, resource (and action) always give the same id,
 * across runs and machines, so findings can be diffed and suppressed. Action names are compared
 * case-insensitively by IAM, so the action is lower-cased before hashing.
 */
export function fingerprint(input: FingerprintInput): string {
  const parts = [
    input.check,
    input.account,
    input.region,
    input.cluster,
    input.resource.type,
    input.resource.id,
    (input.action ?? '').toLowerCase(),
  ];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 20);
}
