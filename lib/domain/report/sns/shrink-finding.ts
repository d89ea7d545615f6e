import type { Finding } from '../../findings/finding.js';
import { utf8Length } from './utf8-length.js';

/** Texts are never cut below this many characters. */
const MIN_TEXT_CHARS = 200;
const TEXT_FIELDS = ['detail', 'remediation', 'title'] as const;

/**
 * A finding made to cost at most `maxBytes` in a message (by `cost`), for the rare finding too large for an SNS
 * message on its own (e.g. evidence listing hundreds of actions). It is shrunk, never dropped, and says so:
 * 1. its `evidence` is replaced by `{ truncated: true, omittedBytes, note }`;
 * 2. then, while still too large, the longest of `detail`, `remediation` and `title` is halved (not below 200
 *    characters) and ends with `[truncated]`.
 * Identity fields (id, check, resource, action, severity, status) are kept as they are. Returns the finding itself
 * when it fits, and the smallest version it can make otherwise (the caller decides what to do if that still does
 * not fit).
 */
export function shrinkFinding(finding: Finding, maxBytes: number, cost: (f: Finding) => number): Finding {
  if (cost(finding) <= maxBytes) return finding;
  let shrunk: Finding = { ...finding };
  if (finding.evidence !== undefined) {
    shrunk.evidence = {
      truncated: true,
      omittedBytes: utf8Length(JSON.stringify(finding.evidence)),
      note: 'evidence left out: this finding is too large for an SNS message (256 KiB); run kube-aws-audit audit --format json for it',
    };
  }
  while (cost(shrunk) > maxBytes) {
    const field = longestText(shrunk);
    if (field === undefined) break;
    const text = shrunk[field] as string;
    const keep = Math.max(MIN_TEXT_CHARS, Math.floor(text.length / 2));
    shrunk = { ...shrunk, [field]: `${text.slice(0, keep)} [truncated]` };
  }
  return shrunk;
}

/** The longest of the cuttable text fields that is still above the minimum, if any. */
function longestText(f: Finding): (typeof TEXT_FIELDS)[number] | undefined {
  let best: (typeof TEXT_FIELDS)[number] | undefined;
  let bestLength = MIN_TEXT_CHARS + ' [truncated]'.length;
  for (const field of TEXT_FIELDS) {
    const length = f[field]?.length ?? 0;
    if (length > bestLength) {
      best = field;
      bestLength = length;
    }
  }
  return best;
}
