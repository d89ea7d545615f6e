import { describe, expect, it } from '@jest/globals';
import { RESOURCE_TYPES, type Finding } from '../../../../lib/domain/findings/finding.js';
import type { AlertTextInput } from '../../../../lib/domain/report/sns/alert-text.js';
import { chatbotNotification } from '../../../../lib/domain/report/sns/chatbot-notification.js';
import { CHATBOT_LIMITS } from '../../../../lib/domain/report/sns/limits.js';
import { aFinding, aMixedReport, aReport } from '../../../support/findings.js';

function input(overrides: Partial<AlertTextInput> = {}): AlertTextInput {
  const report = overrides.report ?? aMixedReport();
  return {
    report,
    subject: '[CRITICAL] kube-aws-audit prod-east: 5 new, 1 resolved, 1 error',
    findings: report.findings,
    newIds: new Set(),
    resolved: [],
    resolvedTotal: 0,
    minSeverity: 'medium',
    part: { index: 1, count: 1, first: 1, last: report.findings.length, total: report.findings.length },
    ...overrides,
  };
}

describe('chatbotNotification', () => {
  it('has the custom notification shape Amazon Q Developer relays', () => {
    const n = chatbotNotification(input());

    expect(n).toMatchObject({
      version: '1.0',
      source: 'custom',
      content: { textType: 'client-markdown', title: '[CRITICAL] kube-aws-audit prod-east: 5 new, 1 resolved, 1 error' },
      metadata: { threadId: 'kube-aws-audit-123456789012-us-west-1-prod-east', additionalContext: { runId: 'run-0001', errors: '1' } },
    });
    expect(n.content.nextSteps.length).toBeGreaterThan(0);
    expect(n.content.nextSteps[1]).toBe('Reproduce: kube-aws-audit audit --config <file> --live --cluster prod-east');
  });

  it('lists errors first, then findings by severity, with markdown-safe text', () => {
    const f = aFinding({ title: 'Tag <b>bad</b> & `odd`', severity: 'critical' });
    const report = aReport([f]);

    const { description } = chatbotNotification(input({ report, findings: report.findings, newIds: new Set([f.id]) })).content;

    expect(description).toContain('*Critical (1)*\n• *NEW* `tags.instance.missing` i-0123456789abcdef0 (prod-east): Tag &lt;b&gt;bad&lt;/b&gt; &amp; `odd`');
    expect(chatbotNotification(input()).content.description.indexOf('*Could not check (1)*')).toBeLessThan(
      chatbotNotification(input()).content.description.indexOf('*Critical (1)*'),
    );
  });

  it('keeps the description short and counts exactly what it leaves out', () => {
    const findings: Finding[] = Array.from({ length: 300 }, (_, i) => aFinding({ resource: { type: RESOURCE_TYPES.instance, id: `i-${i}` } }));
    const report = aReport(findings);

    const { description } = chatbotNotification(input({ report, findings: report.findings })).content;

    expect(description.length).toBeLessThanOrEqual(CHATBOT_LIMITS.descriptionChars);
    const shown = description.split('\n').filter((l) => l.startsWith('• ')).length;
    expect(description).toContain(`_…and ${300 - shown} more: see the e-mail or the stored report_`);
  });
});
