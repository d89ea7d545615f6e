import { describe, expect, it } from '@jest/globals';
import { parseStoredReport } from '../../../lib/adapters/state/parse-stored-report.js';
import { renderJson } from '../../../lib/domain/report/render/json.js';
import { aMixedReport } from '../../support/findings.js';

describe('parseStoredReport', () => {
  it('returns a stored report as stored', () => {
    const text = renderJson(aMixedReport());

    expect(parseStoredReport(text)).toEqual(JSON.parse(text));
  });

  it('names the JSON path of the first problem', () => {
    const report = JSON.parse(renderJson(aMixedReport())) as { findings: Record<string, unknown>[] };
    delete report.findings[2]?.id;

    expect(() => parseStoredReport(JSON.stringify(report))).toThrow(/^not a kube-aws-audit report: findings\[2\]\.id: /);
  });

  it('rejects text that is not JSON', () => {
    expect(() => parseStoredReport('<Error/>')).toThrow(/^not JSON/);
  });
});
