import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SnapshotError } from '../../app/errors.js';
import type { AccountView, KubeNode } from '../../domain/model/account-view.js';
import { pageMarkerGaps } from './page-markers.js';
import { parseAuthorizationDetails } from './parse-authorization-details.js';
import { parseInstances } from './parse-instances.js';
import { parseMeta } from './parse-meta.js';
import { parseAvailabilityZones } from './parse-availability-zones.js';
import { parseNodes } from './parse-nodes.js';
import { parseRouteTables } from './parse-route-tables.js';
import { parseSecurityGroups } from './parse-security-groups.js';
import { parseSubnets } from './parse-subnets.js';
import { readSnapshotFile } from './read-snapshot-file.js';
import { resolveLocation } from './resolve-location.js';
import { SNAPSHOT_FILES, type SnapshotFile, type SnapshotFileSpec } from './snapshot-files.js';

/** A snapshot directory read into a view, with what meta.json says about the capture. */
export interface LoadedSnapshot {
  view: AccountView;
  /** Notes of the capture (meta.json `notes`), for the report. */
  notes: string[];
  /** The clusters the snapshot was captured for (meta.json `clusters`), when it says. */
  capturedClusters?: string[];
  /** The cluster `kubectl-get-nodes.json` (in `view.nodes`) is of, when meta.json says (`nodesCluster`). */
  nodesCluster?: string;
  /** Node lists of `kubectl-get-nodes.<cluster>.json` files, by cluster name. */
  nodesByCluster?: Record<string, KubeNode[]>;
}

/** `kubectl-get-nodes.<cluster>.json`: the nodes of one named cluster (an extension of the snapshot contract). */
const PER_CLUSTER_NODES = /^kubectl-get-nodes\.(.+)\.json$/;

/**
 * Reads a snapshot directory (docs/contracts.md "Snapshot directory": AWS CLI v2 JSON output, optional
 * `kubectl get nodes -o json`, optional meta.json) into an {@link AccountView}. See {@link loadSnapshot}.
 */
export async function readSnapshot(dir: string): Promise<AccountView> {
  return (await loadSnapshot(dir)).view;
}

/**
 * Reads a snapshot directory into an {@link AccountView} plus meta.json's capture notes.
 *
 * Instances are kept in every state. `view.nodes` is undefined when there is no nodes file. Account and region come
 * from meta.json, else from the data when it agrees (see {@link resolveLocation}). `view.gaps` holds every kind whose
 * file still carries a page marker ({@link pageMarkerGaps}), the managed policies roles use but the IAM file lacks,
 * and the gaps meta.json records (what a capture could not collect).
 *
 * @throws SnapshotError when the directory does not exist, a required file is missing, a file is not valid JSON or
 *   not the expected AWS CLI shape; the message names the file and the JSON path. Never returns an empty view for
 *   bad input.
 */
export async function loadSnapshot(dir: string): Promise<LoadedSnapshot> {
  await assertDirectory(dir);
  const specs = Object.values(SNAPSHOT_FILES);
  const loaded = await Promise.all(specs.map(async (spec) => [spec, await readSnapshotFile(dir, spec)] as const));
  const missing = loaded.filter(([spec, file]) => spec.required && file === undefined).map(([spec]) => spec);
  if (missing.length > 0) throw missingFilesError(dir, missing);
  const fileOf = (spec: SnapshotFileSpec): SnapshotFile | undefined => loaded.find(([candidate]) => candidate === spec)?.[1];
  const required = (spec: SnapshotFileSpec): SnapshotFile => fileOf(spec) as SnapshotFile;

  const iam = parseAuthorizationDetails(required(SNAPSHOT_FILES.authorizationDetails));
  const instances = parseInstances(required(SNAPSHOT_FILES.instances));
  const subnets = parseSubnets(required(SNAPSHOT_FILES.subnets));
  const routeTables = parseRouteTables(required(SNAPSHOT_FILES.routeTables));
  const securityGroups = parseSecurityGroups(required(SNAPSHOT_FILES.securityGroups));
  const zonesFile = fileOf(SNAPSHOT_FILES.availabilityZones);
  const nodesFile = fileOf(SNAPSHOT_FILES.nodes);
  const metaFile = fileOf(SNAPSHOT_FILES.meta);
  const meta = metaFile === undefined ? undefined : parseMeta(metaFile);
  const location = resolveLocation(meta, { roles: iam.roles, instances, subnets }, join(dir, SNAPSHOT_FILES.meta.name));

  const view: AccountView = {
    ...location,
    roles: iam.roles,
    managedPolicies: iam.managedPolicies,
    instanceProfiles: iam.instanceProfiles,
    instances,
    subnets,
    routeTables,
    securityGroups,
    ...(nodesFile === undefined ? {} : { nodes: parseNodes(nodesFile) }),
    ...(zonesFile === undefined ? {} : { availabilityZones: parseAvailabilityZones(zonesFile) }),
    gaps: [
      ...pageMarkerGaps(required(SNAPSHOT_FILES.authorizationDetails), ['roles', 'managedPolicies']),
      ...pageMarkerGaps(required(SNAPSHOT_FILES.instances), ['instances']),
      ...pageMarkerGaps(required(SNAPSHOT_FILES.subnets), ['subnets']),
      ...pageMarkerGaps(required(SNAPSHOT_FILES.routeTables), ['routeTables']),
      ...pageMarkerGaps(required(SNAPSHOT_FILES.securityGroups), ['securityGroups']),
      ...(nodesFile === undefined ? [] : pageMarkerGaps(nodesFile, ['nodes'])),
      ...iam.gaps,
      ...(meta?.gaps ?? []),
    ],
  };
  return {
    view,
    notes: meta?.notes ?? [],
    ...(meta?.clusters === undefined ? {} : { capturedClusters: meta.clusters }),
    ...(meta?.nodesCluster === undefined ? {} : { nodesCluster: meta.nodesCluster }),
    nodesByCluster: await readPerClusterNodes(dir),
  };
}

async function readPerClusterNodes(dir: string): Promise<Record<string, KubeNode[]>> {
  const byCluster: Record<string, KubeNode[]> = {};
  for (const name of (await readdir(dir)).sort()) {
    const cluster = PER_CLUSTER_NODES.exec(name)?.[1];
    if (cluster === undefined) continue;
    const spec = { ...SNAPSHOT_FILES.nodes, name };
    const file = await readSnapshotFile(dir, spec as unknown as SnapshotFileSpec);
    if (file !== undefined) byCluster[cluster] = parseNodes(file);
  }
  return byCluster;
}

async function assertDirectory(dir: string): Promise<void> {
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new SnapshotError(`snapshot directory ${dir}: not a directory`, dir);
  } catch (error) {
    if (error instanceof SnapshotError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? (error as Error).message})`;
    throw new SnapshotError(`snapshot directory ${dir} ${why}`, dir, undefined, { cause: error });
  }
}

function missingFilesError(dir: string, missing: readonly SnapshotFileSpec[]): SnapshotError {
  const list = missing.map((spec) => `${spec.name} (write it with \`${spec.command} > ${spec.name}\`)`).join(', ');
  const first = missing[0] as SnapshotFileSpec;
  return new SnapshotError(`snapshot directory ${dir}: missing required file${missing.length > 1 ? 's' : ''} ${list}`, join(dir, first.name));
}
