import { PERMISSION_MANIFEST, type PermissionEntry } from '../../lib/adapters/permissions.js';
import { SnsPublisher } from '../../lib/adapters/sns/sns-publisher.js';
import { S3ReportStore } from '../../lib/adapters/state/s3-report-store.js';

/**
 * Every action the deployed service calls: the auditor's read-only manifest (collectors, simulation, STS) plus the
 * delivery adapters (alert topic, previous-report bucket). serverless.yml's role is held to exactly this set
 * (test/serverless/role.test.ts).
 */
export const SERVICE_PERMISSION_MANIFEST: readonly PermissionEntry[] = [
  ...PERMISSION_MANIFEST,
  { adapter: 'SnsPublisher', purpose: 'publish the alerts to the alert topic', actions: SnsPublisher.permissions },
  { adapter: 'S3ReportStore', purpose: 'read and write the previous reports in the state bucket', actions: S3ReportStore.permissions },
];

/** The distinct actions of {@link SERVICE_PERMISSION_MANIFEST}, sorted. */
export function serviceActions(): string[] {
  return [...new Set(SERVICE_PERMISSION_MANIFEST.flatMap((entry) => entry.actions))].sort();
}
