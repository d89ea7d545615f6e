import * as z from 'zod';
import { type CollectionGap, RESOURCE_KINDS } from '../../domain/model/account-view.js';
import type { SnapshotFile } from './snapshot-files.js';
import { validateSnapshotJson } from './validate-snapshot-json.js';

const ACCOUNT_MESSAGE = 'expected a 12-digit AWS account id like "123456789012"';
const REGION_MESSAGE = 'expected an AWS region like "us-west-1"';

const gapSchema = z.looseObject({
  kind: z.enum(RESOURCE_KINDS),
  resourceId: z.string().optional(),
  source: z.string(),
  reason: z.string(),
});

const metaSchema = z.looseObject({
  account: z
    .union([z.string(), z.number()], { error: ACCOUNT_MESSAGE })
    .transform((value) => (typeof value === 'number' ? String(value).padStart(12, '0') : value))
    .pipe(z.string().regex(/^\d{12}$/, { error: ACCOUNT_MESSAGE }))
    .optional(),
  region: z
    .string({ error: REGION_MESSAGE })
    .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, { error: REGION_MESSAGE })
    .optional(),
  clusters: z.array(z.string()).optional(),
  nodesCluster: z.string({ error: 'expected the name of the cluster kubectl-get-nodes.json was taken from' }).optional(),
  gaps: z.array(gapSchema).optional(),
  notes: z.array(z.string()).optional(),
});

/** The contents of `meta.json`: where the snapshot was taken and, when `kube-aws-audit snapshot` wrote it, how. */
export interface SnapshotMeta {
  account?: string;
  region?: string;
  /** The clusters the snapshot was captured for (`kube-aws-audit snapshot` writes it; IAM may be scoped to them). */
  clusters?: string[];
  /** The cluster kubectl-get-nodes.json was taken from (an extension: one `kubectl get nodes` is of one cluster). */
  nodesCluster?: string;
  /** What the capture could not collect; the snapshot is incomplete exactly there. */
  gaps: CollectionGap[];
  /** Notes of the capture, passed on to the report. */
  notes: string[];
}

/**
 * Parses `meta.json`: `{"account": "...", "region": "..."}`, every field optional, plus what `kube-aws-audit
 * snapshot` adds (`clusters`, `gaps`, `notes`), and `nodesCluster`. Other fields (e.g. `capturedAt`) are ignored.
 *
 * @throws SnapshotError naming the file and field when a value is malformed
 */
export function parseMeta(file: SnapshotFile): SnapshotMeta {
  const meta = validateSnapshotJson(metaSchema, file);
  return {
    ...(meta.account === undefined ? {} : { account: meta.account }),
    ...(meta.region === undefined ? {} : { region: meta.region }),
    ...(meta.clusters === undefined ? {} : { clusters: meta.clusters }),
    ...(meta.nodesCluster === undefined ? {} : { nodesCluster: meta.nodesCluster }),
    gaps: (meta.gaps ?? []).map((gap) => ({
      kind: gap.kind,
      ...(gap.resourceId === undefined ? {} : { resourceId: gap.resourceId }),
      source: gap.source,
      reason: gap.reason,
    })),
    notes: meta.notes ?? [],
  };
}
