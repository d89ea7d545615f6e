import { describe, expect, it } from '@jest/globals';
import { CHECKS } from '../../../../lib/domain/checks/check-ids.js';
import { renderSarif, SARIF_FINGERPRINT_KEY, SARIF_SCHEMA } from '../../../../lib/domain/report/render/sarif.js';
import { aFinding, aMixedReport, aReport } from '../../../support/findings.js';

type Json = Record<string, unknown>;
const LEVELS = ['none', 'note', 'warning', 'error'];
const SUPPRESSION_KINDS = ['inSource', 'external'];
const SUPPRESSION_STATUSES = ['accepted', 'underReview', 'rejected'];

/**
 * The SARIF 2.1.0 constraints this renderer must meet (required properties and enums of the schema for the objects
 * it writes). Returns the violations, empty when the log is structurally valid.
 */
function sarifViolations(log: Json): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => { if (!ok) problems.push(what); };
  const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
  const isMessage = (v: unknown) => isObj(v) && (typeof v.text === 'string' || typeof v.id === 'string');

  need(log.version === '2.1.0', 'version must be "2.1.0"');
  need(typeof log.$schema === 'string', '$schema must be a string');
  need(Array.isArray(log.runs), 'runs must be an array');
  for (const [r, run] of ((log.runs as unknown[]) ?? []).entries()) {
    if (!isObj(run)) { problems.push(`runs[${r}] must be an object`); continue; }
    const driver = isObj(run.tool) ? run.tool.driver : undefined;
    need(isObj(driver) && typeof driver.name === 'string', `runs[${r}].tool.driver.name is required`);
    const rules = (isObj(driver) && Array.isArray(driver.rules) ? driver.rules : []) as Json[];
    const ids = new Set<string>();
    rules.forEach((rule, i) => {
      need(typeof rule.id === 'string', `rules[${i}].id is required`);
      need(!ids.has(rule.id as string), `rules[${i}].id ${String(rule.id)} is duplicated`);
      ids.add(rule.id as string);
      for (const key of ['shortDescription', 'fullDescription', 'help']) {
        if (rule[key] !== undefined) need(isMessage(rule[key]), `rules[${i}].${key} needs text`);
      }
      const cfg = rule.defaultConfiguration;
      if (cfg !== undefined) need(isObj(cfg) && LEVELS.includes(cfg.level as string), `rules[${i}].defaultConfiguration.level is invalid`);
      const score = isObj(rule.properties) ? rule.properties['security-severity'] : undefined;
      if (score !== undefined) need(typeof score === 'string' && !Number.isNaN(Number(score)), `rules[${i}] security-severity must be a numeric string`);
    });
    if (isObj(driver) && driver.informationUri !== undefined) {
      need(typeof driver.informationUri === 'string' && /^[a-z]+:\/\//.test(driver.informationUri), 'informationUri must be absolute');
    }
    for (const [i, inv] of ((run.invocations as unknown[]) ?? []).entries()) {
      need(isObj(inv) && typeof inv.executionSuccessful === 'boolean', `invocations[${i}].executionSuccessful is required`);
    }
    need(Array.isArray(run.results), `runs[${r}].results must be an array`);
    for (const [i, result] of ((run.results as unknown[]) ?? []).entries()) {
      if (!isObj(result)) { problems.push(`results[${i}] must be an object`); continue; }
      need(isMessage(result.message), `results[${i}].message needs text`);
      need(LEVELS.includes(result.level as string), `results[${i}].level is invalid`);
      if (result.ruleIndex !== undefined) {
        need(rules[result.ruleIndex as number]?.id === result.ruleId, `results[${i}].ruleIndex does not point at ruleId`);
      }
      need(ids.has(result.ruleId as string), `results[${i}].ruleId has no rule`);
      for (const loc of (result.locations as unknown[]) ?? []) {
        need(isObj(loc) && Array.isArray(loc.logicalLocations) && loc.logicalLocations.length > 0, `results[${i}] location needs a logical location`);
      }
      const fp = result.partialFingerprints;
      need(isObj(fp) && Object.values(fp).every((v) => typeof v === 'string'), `results[${i}].partialFingerprints must map to strings`);
      for (const s of (result.suppressions as unknown[]) ?? []) {
        need(isObj(s) && SUPPRESSION_KINDS.includes(s.kind as string), `results[${i}] suppression.kind is invalid`);
        if (isObj(s) && s.status !== undefined) need(SUPPRESSION_STATUSES.includes(s.status as string), `results[${i}] suppression.status is invalid`);
      }
    }
  }
  return problems;
}

function parse(text: string): { log: Json; run: Json; rules: Json[]; results: Json[] } {
  const log = JSON.parse(text) as Json;
  const run = (log.runs as Json[])[0]!;
  const driver = (run.tool as Json).driver as Json;
  return { log, run, rules: driver.rules as Json[], results: run.results as Json[] };
}

describe('renderSarif', () => {
  it('renders an empty report as a valid log with a rule for every check and no results', () => {
    const { log, run, rules, results } = parse(renderSarif(aReport([])));

    expect(sarifViolations(log)).toEqual([]);
    expect(Object.keys(log)).toEqual(['$schema', 'version', 'runs']);
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(rules.map((r) => r.id)).toEqual(CHECKS.map((c) => c.id));
    expect(results).toEqual([]);
    expect(run.invocations).toEqual([{ executionSuccessful: true, startTimeUtc: '2026-01-05T10:00:00.000Z', endTimeUtc: '2026-01-05T10:00:04.000Z' }]);
  });

  it('describes each check as a rule with descriptions, help, level, tags and security-severity', () => {
    const { rules } = parse(renderSarif(aReport([]), { informationUri: 'https://example.com/kube-aws-audit' }));

    expect(rules.find((r) => r.id === 'iam.excess.admin')).toEqual({
      id: 'iam.excess.admin',
      name: 'IamExcessAdmin',
      shortDescription: { text: 'Role allows every action ("*")' },
      fullDescription: { text: CHECKS.find((c) => c.id === 'iam.excess.admin')!.risk },
      help: { text: CHECKS.find((c) => c.id === 'iam.excess.admin')!.remediation },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'kubernetes', 'aws', 'iam'], unit: 'role', 'security-severity': '9.5' },
    });
    expect(rules.find((r) => r.id === 'tags.subnet.missing')?.defaultConfiguration).toEqual({ level: 'warning' });
    const info = rules.find((r) => r.id === 'iam.optional.denied')!;
    expect(info.defaultConfiguration).toEqual({ level: 'note' });
    expect((info.properties as Json)['security-severity']).toBeUndefined();
  });

  it('puts the informationUri on the driver only when given', () => {
    const without = parse(renderSarif(aReport([])));
    const withUri = parse(renderSarif(aReport([]), { informationUri: 'https://example.com/kube-aws-audit' }));

    expect(((without.run.tool as Json).driver as Json).informationUri).toBeUndefined();
    expect(((withUri.run.tool as Json).driver as Json).informationUri).toBe('https://example.com/kube-aws-audit');
    expect(sarifViolations(withUri.log)).toEqual([]);
  });

  it('renders one valid result per finding with level, logical location and fingerprint', () => {
    const report = aMixedReport();

    const { log, run, results } = parse(renderSarif(report));

    expect(sarifViolations(log)).toEqual([]);
    expect(results).toHaveLength(report.findings.length);
    expect(results.map((r) => (r.partialFingerprints as Json)[SARIF_FINGERPRINT_KEY])).toEqual(report.findings.map((f) => f.id));
    expect(results.map((r) => r.level)).toEqual(report.findings.map((f) =>
      f.status === 'error' ? 'error' : { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' }[f.severity]));
    expect(results[0]?.locations).toEqual([{ logicalLocations: [
      { name: 'k8s-worker', fullyQualifiedName: 'arn:aws:iam::123456789012:role/k8s-worker', kind: 'AWS::IAM::Role' }] }]);
    expect((run.invocations as Json[])[0]?.executionSuccessful).toBe(false);
  });

  it('marks error findings with level error and properties.status error', () => {
    const report = aReport([aFinding({ severity: 'low', check: 'tags.value.invalid', status: 'error', detail: 'DescribeSubnets denied' })]);

    const { results } = parse(renderSarif(report));

    expect(results[0]?.level).toBe('error');
    expect((results[0]?.properties as Json).status).toBe('error');
    expect((results[0]?.message as Json).text).toBe('Could not check tags.value.invalid on i-0123456789abcdef0: DescribeSubnets denied');
  });

  it('adds an external suppression with the justification to suppressed findings only', () => {
    const report = aReport([aFinding({ suppressed: { reason: 'legacy', expires: '2027-01-31' } }), aFinding({ check: 'tags.sg.none-tagged' })]);

    const { results } = parse(renderSarif(report));

    const suppressed = results.find((r) => r.ruleId === 'tags.instance.missing')!;
    const open = results.find((r) => r.ruleId === 'tags.sg.none-tagged')!;
    expect(suppressed.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'legacy', properties: { expires: '2027-01-31' } }]);
    expect(open.suppressions).toBeUndefined();
  });

  it('adds a rule for a check id missing from the catalogue rather than dropping the finding', () => {
    const report = aReport([aFinding({ check: 'custom.check', title: 'Custom' })]);

    const { log, rules, results } = parse(renderSarif(report));

    expect(sarifViolations(log)).toEqual([]);
    expect(rules.at(-1)).toMatchObject({ id: 'custom.check', shortDescription: { text: 'Custom' } });
    expect(results[0]?.ruleIndex).toBe(rules.length - 1);
  });

  it('is caught by the structural check when a required field is missing', () => {
    const { log, results } = parse(renderSarif(aMixedReport()));
    delete results[0]!.message;
    results[1]!.level = 'critical';

    expect(sarifViolations(log)).toEqual(['results[0].message needs text', 'results[1].level is invalid']);
  });
});
