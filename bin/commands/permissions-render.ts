import { auditorActions, auditorPolicy, PERMISSION_MANIFEST, type PermissionEntry } from '../../lib/adapters/permissions.js';
import type { AuditConfig } from '../../lib/domain/config/schema.js';
import { PERMISSIONS_FORMATS, type PermissionsFormat } from './permissions-formats.js';

// What `permissions` prints. The manifest gathers each adapter's declared actions, so this module loads the adapters
// (and with them the AWS SDK): bin/commands/permissions.ts imports it only when the command runs.
export { PERMISSIONS_FORMATS, type PermissionsFormat };

/** The manifest as `permissions --format json` prints it. */
export interface PermissionsManifestJson {
  /** Every distinct action, sorted: what the policy grants. */
  actions: string[];
  /** Per adapter: the actions it calls and why. */
  adapters: { adapter: string; purpose: string; actions: string[] }[];
}

/** The manifest in its JSON form. */
export function manifestJson(manifest: readonly PermissionEntry[] = PERMISSION_MANIFEST): PermissionsManifestJson {
  return {
    actions: auditorActions(manifest),
    adapters: manifest.map((e) => ({ adapter: e.adapter, purpose: e.purpose, actions: [...e.actions] })),
  };
}

/**
 * The text `permissions` prints: the identity policy document (`policy`), or the manifest (`json`). With a config,
 * sts:AssumeRole is narrowed to the clusters' assumeRoleArns (and left out when no cluster assumes a role).
 */
export function renderPermissions(format: PermissionsFormat, config?: AuditConfig): string {
  if (format === 'json') return `${JSON.stringify(manifestJson(), null, 2)}\n`;
  const assumeRoleArns = config?.clusters.flatMap((c) => (c.assumeRoleArn === undefined ? [] : [c.assumeRoleArn]));
  return `${JSON.stringify(auditorPolicy(assumeRoleArns === undefined ? {} : { assumeRoleArns }), null, 2)}\n`;
}

