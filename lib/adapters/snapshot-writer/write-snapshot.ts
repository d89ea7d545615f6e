import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RawAccountData } from '../live/raw-account-data.js';
import { SNAPSHOT_FILES } from '../snapshot/snapshot-files.js';
import { toCliJson } from './cli-json.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** The files a snapshot write produced. */
export interface WrittenSnapshot {
  dir: string;
  /** Paths of the files written. */
  files: string[];
}

/**
 * Writes the snapshot directory contract (docs/contracts.md "Snapshot directory") from live responses, in the JSON
 * the AWS CLI v2 prints (4-space indent, documents decoded, CLI timestamps), so `readSnapshot` reads it back:
 *
 * - `iam-get-account-authorization-details.json`: `{UserDetailList: [], GroupDetailList: [], RoleDetailList, Policies}`
 *   built from what was fetched (role-scoped: the configured roles and the roles of the instances' profiles, with
 *   the managed policies they use; account-sweep: the whole account).
 * - `ec2-describe-instances.json` `{Reservations}`, `ec2-describe-subnets.json` `{Subnets}`,
 *   `ec2-describe-route-tables.json` `{RouteTables}`, `ec2-describe-security-groups.json` `{SecurityGroups}`:
 *   as returned; `ec2-describe-availability-zones.json` `{AvailabilityZones}` when DescribeAvailabilityZones answered.
 * - `meta.json`: `{account, region}` plus (additive) `clusters`, `capturedAt`, and `gaps`/`notes` when the
 *   collection was incomplete: a snapshot never passes off missing data as an empty account.
 *
 * Each file is written through {@link writeFileAtomic}: an exclusive, unpredictable temporary file in `dir`, renamed
 * over the target, so a reader never sees half a file and a planted symlink is never followed.
 */
export async function writeSnapshot(data: RawAccountData, dir: string, now: () => Date = () => new Date()): Promise<WrittenSnapshot> {
  await mkdir(dir, { recursive: true });
  const contents: [string, unknown][] = [
    [
      SNAPSHOT_FILES.authorizationDetails.name,
      { UserDetailList: [], GroupDetailList: [], RoleDetailList: data.iam.roleDetails, Policies: data.iam.policies },
    ],
    [SNAPSHOT_FILES.instances.name, { Reservations: data.reservations }],
    [SNAPSHOT_FILES.subnets.name, { Subnets: data.subnets }],
    [SNAPSHOT_FILES.routeTables.name, { RouteTables: data.routeTables }],
    [SNAPSHOT_FILES.securityGroups.name, { SecurityGroups: data.securityGroups }],
    ...(data.availabilityZones === undefined || data.availabilityZones.length === 0
      ? []
      : [[SNAPSHOT_FILES.availabilityZones.name, { AvailabilityZones: data.availabilityZones }] as [string, unknown]]),
    [
      SNAPSHOT_FILES.meta.name,
      {
        account: data.account,
        region: data.region,
        clusters: data.clusters,
        capturedAt: now().toISOString(),
        ...(data.gaps.length === 0 ? {} : { gaps: data.gaps }),
        ...(data.notes.length === 0 ? {} : { notes: data.notes }),
      },
    ],
  ];
  const files: string[] = [];
  for (const [name, value] of contents) {
    const path = join(dir, name);
    await writeFileAtomic(path, `${JSON.stringify(toCliJson(value), null, 4)}\n`);
    files.push(path);
  }
  return { dir, files };
}
