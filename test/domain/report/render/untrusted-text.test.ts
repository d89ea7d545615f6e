import { describe, expect, it } from '@jest/globals';
import { checkLegacyConflict } from '../../../../lib/domain/checks/tags/legacy-conflict.js';
import { renderJson, renderMarkdown, renderSarif, renderTable } from '../../../../lib/domain/report/render/index.js';
import { displayText, markdownSafe } from '../../../../lib/domain/report/render/untrusted-text.js';
import { renderAlertText, type AlertTextInput } from '../../../../lib/domain/report/sns/alert-text.js';
import { chatbotNotification } from '../../../../lib/domain/report/sns/chatbot-notification.js';
import { aCheckInput, aCompliantView, anInstance, clusterTag } from '../../../support/builders.js';
import { aClusterReport, aFinding, aReport } from '../../../support/findings.js';

/** A tag value as an adversary would write it: clear screen, colour, a forged report line, mentions and links. */
const HOSTILE =
  'x\u001b[2J\u001b[1;31mred\u0007\r\nFORGED-LINE Summary: 0 critical\u009b31m\u202eevil\u2028 @team [click](https://evil.example) www.evil.example';

/** Control characters, C1, bidi overrides and line separators a terminal or viewer would act on. */
// eslint-disable-next-line no-control-regex -- these are exactly what must never reach the reader
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\u061c]/u;

function alertInput(report = hostileReport()): AlertTextInput {
  return {
    report,
    subject: '[HIGH] kube-aws-audit prod-east: 1 new',
    findings: report.findings,
    newIds: new Set(report.findings.map((f) => f.id)),
    resolved: report.findings,
    resolvedTotal: report.findings.length,
    minSeverity: 'info',
    part: { index: 1, count: 1, first: 1, last: report.findings.length, total: report.findings.length },
  };
}

/** The `tags.legacy-conflict` finding of an instance whose legacy tag value is {@link HOSTILE}, as the check writes it. */
function hostileReport() {
  const instance = anInstance({ tags: { ...clusterTag(), KubernetesCluster: HOSTILE } });
  const draft = checkLegacyConflict(aCheckInput({ view: aCompliantView(1, { instances: [instance] }) })).find((d) => d.detail.includes('KubernetesCluster'));
  if (!draft) throw new Error('the check found no conflict');
  expect(draft.detail).toContain(HOSTILE);
  const finding = aFinding({
    ...draft,
    check: 'tags.legacy-conflict',
    title: `Legacy tag ${HOSTILE}`,
    resource: { ...draft.resource, id: `i-1${HOSTILE}` },
    suppressed: { reason: HOSTILE },
  });
  return aReport([finding], { clusters: [aClusterReport({ notes: [`note ${HOSTILE}`] })] });
}

describe('displayText', () => {
  it('escapes control characters visibly and shows line breaks inside values as \\n', () => {
    expect(displayText('a\r\nb\tc\u0000d\u001b[2Je\u007f\u0085\u202e\u2028')).toBe('a\\r\\nb\\tc\\x00d\\x1b[2Je\\x7f\\u0085\\u202e\\u2028');
  });

  it('keeps ordinary text, including non-ASCII letters, unchanged', () => {
    expect(displayText('arn:aws:iam::123456789012:role/k8s-wörker ✓')).toBe('arn:aws:iam::123456789012:role/k8s-wörker ✓');
  });
});

describe('markdownSafe', () => {
  it('neutralises mentions, links and autolinks', () => {
    const md = markdownSafe('@team see [x](https://evil.example) or www.evil.example, mail a@b.example');
    expect(md).not.toMatch(/@team|https:\/\/|www\.evil|a@b/u);
    expect(md).toContain('@&#8203;team');
    expect(md).toContain('\\[x\\]');
  });
});

describe('escape sequences in tag values, through every renderer (issue 9)', () => {
  const humanFacing: [string, () => string][] = [
    ['table', () => renderTable(hostileReport(), { color: false })],
    // eslint-disable-next-line no-control-regex -- strips the renderer's own colours
    ['table (colour)', () => renderTable(hostileReport(), { color: true }).replace(/\u001b\[[0-9;]*m/gu, '')],
    ['markdown', () => renderMarkdown(hostileReport())],
    ['email text', () => renderAlertText(alertInput())],
    ['Slack card', () => chatbotNotification(alertInput()).content.description],
  ];

  it.each(humanFacing)('%s: no raw control character, no forged line, the escape is visible', (_name, render) => {
    const text = render();
    expect(text).not.toMatch(RAW_CONTROL);
    for (const line of text.split('\n')) expect(line).not.toMatch(/^\W*FORGED-LINE/u);
    expect(text).toContain('FORGED-LINE');
  });

  it.each(humanFacing.filter(([name]) => name !== 'Slack card'))('%s: shows the escape sequence as text', (_name, render) => {
    expect(render()).toContain('\\x1b[2J');
  });

  it('markdown: no live mention or link comes from a value (outside code, where GitHub links nothing)', () => {
    const md = renderMarkdown(hostileReport())
      .replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gmu, '')
      .replace(/(`+)[^`][\s\S]*?\1/gu, '');
    expect(md).toContain('@&#8203;team');
    expect(md).not.toMatch(/(^|[^&#\w])@team|https:\/\/evil|\bwww\.evil/u);
  });

  it('Slack card: no live mention or link comes from a value', () => {
    const description = chatbotNotification(alertInput()).content.description;
    expect(description).not.toMatch(/@team|https:\/\/evil|www\.evil|<https?:/u);
  });

  it('JSON and SARIF keep the values exact', () => {
    const report = hostileReport();
    const json = JSON.parse(renderJson(report)) as { findings: { detail: string; resource: { id: string } }[] };
    expect(json.findings[0]?.detail).toBe(report.findings[0]?.detail);
    expect(json.findings[0]?.resource.id).toBe(`i-1${HOSTILE}`);
    const sarif = JSON.stringify(JSON.parse(renderSarif(report)));
    expect(sarif).toContain(JSON.stringify(HOSTILE).slice(1, -1));
  });
});
