import type { SuppressionConfig } from '../config/schema.js';
import type { Finding } from './finding.js';

/** What {@link applySuppressions} returns. */
export interface SuppressionOutcome {
  /** Every input finding, in the same order; matched ones carry `suppressed`. None is dropped. */
  findings: Finding[];
  /** Suppressions whose `expires` date is before today: they matched nothing and the report should say so. */
  expired: SuppressionConfig[];
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Flags the findings that a cluster's suppressions accept. Call it once per cluster, with that cluster's findings
 * and `suppressions` from its config: a suppression names no cluster, so it applies to every finding given.
 *
 * A suppression matches a finding when
 * - `check` equals the finding's check id exactly (no wildcards);
 * - `resource` equals the finding's `resource.id` or `resource.arn`, or is `*` (every resource of the check);
 * - `action`, when given, equals the finding's action ignoring case (IAM action names are case-insensitive);
 *   a suppression without `action` matches every action of the check and resource;
 * - it has not expired: `expires` (YYYY-MM-DD) is today or later. Expired suppressions never apply and are
 *   returned in `expired`.
 *
 * Findings with status `error` ("could not check") are only suppressed by a suppression that names their
 * resource: a `*` suppression accepts known failures of a check, it must not also hide that the check could not
 * run, since nobody has seen what it would have found.
 *
 * The first matching suppression wins. Findings are copied, never mutated; a finding that already carries
 * `suppressed` and matches nothing keeps it.
 *
 * @param today the current day as `YYYY-MM-DD` (UTC); throws for another format (a programming error).
 */
export function applySuppressions(
  findings: readonly Finding[],
  suppressions: readonly SuppressionConfig[],
  today: string,
): SuppressionOutcome {
  if (!ISO_DAY.test(today)) throw new Error(`applySuppressions: today must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  const expired = suppressions.filter((s) => isExpired(s, today));
  const active = suppressions.filter((s) => !isExpired(s, today));
  const out = findings.map((finding) => {
    const match = active.find((s) => suppressionMatches(s, finding));
    if (!match) return finding;
    const suppressed = match.expires === undefined ? { reason: match.reason } : { reason: match.reason, expires: match.expires };
    return { ...finding, suppressed };
  });
  return { findings: out, expired };
}

/**
 * Resource ids written in an older form that still name the finding: `tags.subnet.role-missing` was per `<vpc>/<az>`
 * and is now per `<vpc>/<az>/<load-balancer type>`, so a suppression naming `<vpc>/<az>` covers both types of the AZ
 * (docs/contracts.md "Additions").
 */
function isOlderResourceForm(resource: string, finding: Finding): boolean {
  return finding.check === 'tags.subnet.role-missing' && /^vpc-[^/]+\/[^/]+$/.test(resource) && finding.resource.id.startsWith(`${resource}/`);
}

/** True when the suppression (ignoring its expiry) accepts the finding, by the rules of {@link applySuppressions}. */
export function suppressionMatches(suppression: SuppressionConfig, finding: Finding): boolean {
  if (suppression.check !== finding.check) return false;
  const wildcard = suppression.resource === '*';
  if (wildcard && finding.status === 'error') return false;
  if (!wildcard && suppression.resource !== finding.resource.id && suppression.resource !== finding.resource.arn && !isOlderResourceForm(suppression.resource, finding)) {
    return false;
  }
  if (suppression.action === undefined) return true;
  return finding.action !== undefined && finding.action.toLowerCase() === suppression.action.toLowerCase();
}

/** True when the suppression's `expires` day is before `today` (both YYYY-MM-DD; a time part is ignored). */
export function isExpired(suppression: SuppressionConfig, today: string): boolean {
  return suppression.expires !== undefined && suppression.expires.slice(0, 10) < today;
}

/** One line for the report (e.g. a cluster note) saying that a suppression no longer applies. */
export function expiredSuppressionNote(suppression: SuppressionConfig): string {
  const target = suppression.action === undefined ? suppression.resource : `${suppression.resource} ${suppression.action}`;
  return `suppression of ${suppression.check} on ${target} expired on ${suppression.expires ?? '?'} and no longer applies (reason was: ${suppression.reason})`;
}
