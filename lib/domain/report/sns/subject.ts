import type { Severity } from '../../findings/severity.js';
import type { ClusterReport } from '../report.js';
import type { AlertMode } from './alert-trigger.js';
import { SNS_LIMITS } from './limits.js';

/** The counts a subject shows (of the whole run, also in each part of a series). */
export interface SubjectCounts {
  open: number;
  new: number;
  resolved: number;
  errors: number;
}

/** Input of {@link alertSubject}. */
export interface SubjectInput {
  /** Highest severity of the open findings; undefined when none is open (`[OK]`). */
  severity: Severity | undefined;
  /** Which clusters (sanitised here). */
  label: string;
  mode: AlertMode;
  counts: SubjectCounts;
  /** The part of a numbered series; omitted for a single message. */
  part?: { index: number; count: number };
}

const TOOL = 'kube-aws-audit';
const ELLIPSIS = '...';

/**
 * The SNS Subject, e.g. `[HIGH] kube-aws-audit prod-east: 3 new, 1 resolved` or, in a series,
 * `[HIGH] kube-aws-audit prod-east (1/3): 3 new, 1 resolved, 2 errors`. Mode `all` starts the counts with
 * `N open`. At most 100 characters of printable ASCII without line breaks (SNS rejects anything else): the
 * cluster label is shortened with `...` to make room, the counts are kept.
 */
export function alertSubject(input: SubjectInput): string {
  const tag = `[${input.severity === undefined ? 'OK' : input.severity.toUpperCase()}]`;
  const part = input.part === undefined || input.part.count <= 1 ? '' : ` (${input.part.index}/${input.part.count})`;
  const c = input.counts;
  const counts = [
    ...(input.mode === 'all' ? [`${c.open} open`] : []),
    `${c.new} new`,
    `${c.resolved} resolved`,
    ...(c.errors > 0 ? [`${c.errors} error${c.errors === 1 ? '' : 's'}`] : []),
  ].join(', ');
  const fixed = `${tag} ${TOOL} ${part}: ${counts}`.length; // the label and its space replace the space before `part`
  const label = fitLabel(asciiLine(input.label), SNS_LIMITS.subjectChars - fixed);
  const subject = label === '' ? `${tag} ${TOOL}${part}: ${counts}` : `${tag} ${TOOL} ${label}${part}: ${counts}`;
  return subject.slice(0, SNS_LIMITS.subjectChars);
}

/** The default label: the one cluster's name, or `first +N` for several (`no clusters` for none). */
export function clusterLabel(clusters: readonly Pick<ClusterReport, 'name'>[]): string {
  const names = [...new Set(clusters.map((c) => c.name))];
  if (names.length === 0) return 'no clusters';
  return names.length === 1 ? (names[0] as string) : `${names[0] as string} +${names.length - 1}`;
}

/**
 * `text` as one line of printable ASCII: whitespace runs (line breaks, tabs) become one space, any other character
 * outside U+0020..U+007E becomes `?`, and the ends are trimmed.
 */
export function asciiLine(text: string): string {
  return text
    .replace(/\s+/gu, ' ')
    .replace(/[^\x20-\x7e]/gu, '?')
    .trim();
}

function fitLabel(label: string, room: number): string {
  if (label.length <= room) return label;
  if (room <= ELLIPSIS.length) return '';
  return `${label.slice(0, room - ELLIPSIS.length).trimEnd()}${ELLIPSIS}`;
}
