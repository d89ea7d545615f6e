import { checkMeta } from '../checks/check-ids.js';
import type { Finding, FindingDraft } from './finding.js';
import { fingerprint } from './fingerprint.js';
import { severityRank } from './severity.js';

/** Where the drafts of one check run come from: they all belong to this cluster. */
export interface FinalizeContext {
  cluster: string;
  account: string;
  region: string;
}

/** Evidence key under which the drafts that lost a de-duplication are kept (see {@link finalizeFindings}). */
export const DUPLICATE_DRAFTS_KEY = 'duplicateDrafts';

/**
 * Turns the drafts checks return into report findings for one cluster.
 *
 * - `id` is the {@link fingerprint} of check + account + region + cluster + resource (+ action);
 * - `title` and `severity` default to the check's metadata ({@link checkMeta}); `status` defaults to `fail`;
 * - `remediation` of a `fail` finding defaults to the check's generic remediation, so every renderer and the JSON
 *   have a fix to show. An `error` finding ("could not check") gets none: the check's fix would be misleading.
 *
 * Drafts with the same id are de-duplicated. Exact duplicates collapse into one. Drafts that share an id but differ
 * are never merged silently: the most severe one is kept (the first one on a tie), in the position of the first
 * draft with that id, and the others are listed in its `evidence.duplicateDrafts` (severity, status, title,
 * detail, and evidence/remediation when present).
 *
 * Throws for an unknown check id: checks only emit ids of `CHECKS`, so that is a programming error.
 */
export function finalizeFindings(drafts: readonly FindingDraft[], ctx: FinalizeContext): Finding[] {
  const byId = new Map<string, { kept: Finding; discarded: Finding[] }>();
  for (const draft of drafts) {
    const finding = toFinding(draft, ctx);
    const seen = byId.get(finding.id);
    if (!seen) {
      byId.set(finding.id, { kept: finding, discarded: [] });
      continue;
    }
    const key = canonical(finding);
    if (key === canonical(seen.kept) || seen.discarded.some((d) => canonical(d) === key)) continue;
    if (severityRank(finding.severity) > severityRank(seen.kept.severity)) {
      seen.discarded.push(seen.kept);
      seen.kept = finding;
    } else {
      seen.discarded.push(finding);
    }
  }
  return [...byId.values()].map(({ kept, discarded }) => (discarded.length === 0 ? kept : withDuplicates(kept, discarded)));
}

function toFinding(draft: FindingDraft, ctx: FinalizeContext): Finding {
  const meta = checkMeta(draft.check);
  const status = draft.status ?? 'fail';
  const remediation = draft.remediation ?? (status === 'fail' ? meta.remediation : undefined);
  const finding: Finding = {
    id: fingerprint({ check: draft.check, ...ctx, resource: draft.resource, action: draft.action }),
    check: draft.check,
    severity: draft.severity ?? meta.severity,
    status,
    cluster: ctx.cluster,
    account: ctx.account,
    region: ctx.region,
    resource: { ...draft.resource },
    title: draft.title ?? meta.title,
    detail: draft.detail,
  };
  if (draft.action !== undefined) finding.action = draft.action;
  if (draft.evidence !== undefined) finding.evidence = draft.evidence;
  if (remediation !== undefined) finding.remediation = remediation;
  return finding;
}

function withDuplicates(kept: Finding, discarded: Finding[]): Finding {
  const notes = discarded.map((d) => {
    const note: Record<string, unknown> = { severity: d.severity, status: d.status, title: d.title, detail: d.detail };
    if (d.resource.arn !== kept.resource.arn && d.resource.arn !== undefined) note.resourceArn = d.resource.arn;
    if (d.evidence !== undefined) note.evidence = d.evidence;
    if (d.remediation !== undefined && d.remediation !== kept.remediation) note.remediation = d.remediation;
    return note;
  });
  const previous = kept.evidence?.[DUPLICATE_DRAFTS_KEY];
  const all = Array.isArray(previous) ? [...(previous as unknown[]), ...notes] : notes;
  return { ...kept, evidence: { ...kept.evidence, [DUPLICATE_DRAFTS_KEY]: all } };
}

/** A key-order independent serialisation, to tell exact duplicates from drafts that differ. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
