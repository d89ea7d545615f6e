import { CHECKS, type CheckMeta } from '../../checks/check-ids.js';
import type { Finding } from '../../findings/finding.js';
import type { Severity } from '../../findings/severity.js';
import type { Report } from '../report.js';

/** Options of {@link renderSarif}. */
export interface SarifOptions {
  /** `tool.driver.informationUri` (an absolute URI, e.g. the project page). Left out when not given. */
  informationUri?: string;
}

/** SARIF 2.1.0 schema location written in `$schema`. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Key of the stable finding id in `partialFingerprints`. */
export const SARIF_FINGERPRINT_KEY = 'kubeAwsAudit/v1';

type SarifLevel = 'error' | 'warning' | 'note';

/** critical/high -> error, medium -> warning, low/info -> note. */
export const SARIF_LEVEL: Record<Severity, SarifLevel> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

/**
 * GitHub code scanning `security-severity` scores (over 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, up to 3.9 low).
 * `info` has none: any score would show as low, so GitHub falls back to the SARIF level (note).
 */
export const SECURITY_SEVERITY: Record<Severity, string | undefined> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: undefined,
};

/**
 * SARIF 2.1.0 log with one run: `tool.driver.rules` describes every check of `CHECKS` (plus any unknown check id
 * found in the report), and `results` holds one result per finding, in report order.
 *
 * There are no files, so a result's location is a logical location: the resource id, its ARN as the fully
 * qualified name when known, and the resource type as `kind`. `partialFingerprints["kubeAwsAudit/v1"]` is the stable
 * finding id. Suppressed findings carry `suppressions: [{ kind: "external", status: "accepted", justification }]`.
 * Findings that could not be checked are results with level `error` and `properties.status: "error"`, whatever their
 * severity, and `invocations[0].executionSuccessful` is false when there is any.
 */
export function renderSarif(report: Report, opts: SarifOptions = {}): string {
  return `${JSON.stringify(sarifLog(report, opts), null, 2)}\n`;
}

/** The SARIF log as an object (see {@link renderSarif}). */
export function sarifLog(report: Report, opts: SarifOptions = {}): Record<string, unknown> {
  const metas: CheckMeta[] = [...CHECKS];
  const known = new Set(metas.map((m) => m.id));
  const rules = metas.map(ruleFor);
  for (const f of report.findings) {
    if (known.has(f.check)) continue;
    known.add(f.check);
    rules.push(unknownRuleFor(f));
  }
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));

  const driver: Record<string, unknown> = { name: report.tool.name, version: report.tool.version };
  if (opts.informationUri !== undefined) driver.informationUri = opts.informationUri;
  driver.rules = rules;

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        invocations: [
          {
            executionSuccessful: report.summary.errors === 0 && !report.findings.some((f) => f.status === 'error'),
            startTimeUtc: report.startedAt,
            endTimeUtc: report.finishedAt,
          },
        ],
        results: report.findings.map((f) => resultFor(f, ruleIndex.get(f.check))),
        properties: {
          runId: report.runId,
          mode: report.mode,
          iamEngine: report.iamEngine,
          clusters: report.clusters,
          summary: report.summary,
        },
      },
    ],
  };
}

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription?: { text: string };
  help?: { text: string };
  defaultConfiguration: { level: SarifLevel };
  properties: Record<string, unknown>;
}

function ruleFor(meta: CheckMeta): SarifRule {
  const properties: Record<string, unknown> = { tags: ['security', 'kubernetes', 'aws', meta.family], unit: meta.unit };
  const score = SECURITY_SEVERITY[meta.severity];
  if (score !== undefined) properties['security-severity'] = score;
  return {
    id: meta.id,
    name: ruleName(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.risk },
    help: { text: meta.remediation },
    defaultConfiguration: { level: SARIF_LEVEL[meta.severity] },
    properties,
  };
}

function unknownRuleFor(f: Finding): SarifRule {
  const properties: Record<string, unknown> = { tags: ['security', 'kubernetes', 'aws'] };
  const score = SECURITY_SEVERITY[f.severity];
  if (score !== undefined) properties['security-severity'] = score;
  return {
    id: f.check,
    name: ruleName(f.check),
    shortDescription: { text: f.title },
    defaultConfiguration: { level: SARIF_LEVEL[f.severity] },
    properties,
  };
}

/** `tags.sg.multiple-tagged` -> `TagsSgMultipleTagged`. */
function ruleName(id: string): string {
  return id
    .split(/[^a-zA-Z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join('');
}

function resultFor(f: Finding, ruleIndex: number | undefined): Record<string, unknown> {
  const target = f.action === undefined ? f.resource.id : `${f.resource.id} ${f.action}`;
  const lead = f.status === 'error' ? `Could not check ${f.check} on ${target}` : `${f.title} (${target})`;
  const text = [`${lead}: ${f.detail}`, ...(f.remediation === undefined ? [] : [`Remediation: ${f.remediation}`])].join('\n');

  const logical: Record<string, unknown> = { name: f.resource.id };
  if (f.resource.arn !== undefined) logical.fullyQualifiedName = f.resource.arn;
  logical.kind = f.resource.type;

  const properties: Record<string, unknown> = {
    severity: f.severity,
    status: f.status,
    cluster: f.cluster,
    account: f.account,
    region: f.region,
  };
  if (f.action !== undefined) properties.action = f.action;
  if (f.firstSeen !== undefined) properties.firstSeen = f.firstSeen;
  if (f.evidence !== undefined) properties.evidence = f.evidence;

  const result: Record<string, unknown> = { ruleId: f.check };
  if (ruleIndex !== undefined) result.ruleIndex = ruleIndex;
  Object.assign(result, {
    level: f.status === 'error' ? 'error' : SARIF_LEVEL[f.severity],
    message: { text },
    locations: [{ logicalLocations: [logical] }],
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: f.id },
  });
  if (f.suppressed) {
    const suppression: Record<string, unknown> = { kind: 'external', status: 'accepted', justification: f.suppressed.reason };
    if (f.suppressed.expires !== undefined) suppression.properties = { expires: f.suppressed.expires };
    result.suppressions = [suppression];
  }
  result.properties = properties;
  return result;
}
