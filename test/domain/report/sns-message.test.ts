import { describe, expect, it } from '@jest/globals';
import { changesWithoutPrevious } from '../../../lib/domain/findings/diff.js';
import { RESOURCE_TYPES, type Finding } from '../../../lib/domain/findings/finding.js';
import { SEVERITIES } from '../../../lib/domain/findings/severity.js';
import { orderReport } from '../../../lib/domain/report/render/json.js';
import type { Report } from '../../../lib/domain/report/report.js';
import { buildSnsMessages, type AlertEnvelope, type SnsMessage, type SnsMessageOptions } from '../../../lib/domain/report/sns-message.js';
import { aClusterReport, aFinding, aMixedReport, aReport } from '../../support/findings.js';

const LIMIT = 262_144;
type Options = Omit<SnsMessageOptions, 'changes'> & Partial<Pick<SnsMessageOptions, 'changes'>>;
const CHANGES: Options = { minSeverity: 'medium', mode: 'changes', format: 'text' };
const ALL: Options = { ...CHANGES, mode: 'all' };

/** buildSnsMessages with the changes of a first run (every open finding new) unless the test gives its own. */
function build(report: Report, options: Options): SnsMessage[] {
  return buildSnsMessages(report, { changes: changesWithoutPrevious(report.findings), ...options });
}

interface Structure {
  default: string;
  email: string;
  sqs: string;
  lambda: string;
  https: string;
}

function structure(message: SnsMessage): Structure {
  return JSON.parse(message.message) as Structure;
}

function envelopeOf(message: SnsMessage): AlertEnvelope {
  return JSON.parse(structure(message).sqs) as AlertEnvelope;
}

const LOCATION = { uri: 's3://state/runs/r1/123456789012/us-west-1/prod-east.json', bucket: 'state', key: 'runs/r1/123456789012/us-west-1/prod-east.json' };

/** Bytes SNS counts: the message and every attribute's name, type and value (independent of the code under test). */
function snsBytes(message: SnsMessage): number {
  let bytes = Buffer.byteLength(message.message, 'utf8');
  for (const [name, value] of Object.entries(message.messageAttributes)) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value.DataType) + Buffer.byteLength(value.StringValue);
  }
  return bytes;
}

/** A report of `n` findings spread over severities and checks, each with a long detail and evidence. */
function largeReport(n: number, detail: (i: number) => string = (i) => `Instance i-${i.toString(16).padStart(17, '0')} ${'is not tagged for the cluster; '.repeat(8)}`): Report {
  const findings: Finding[] = [];
  for (let i = 0; i < n; i += 1) {
    findings.push(
      aFinding({
        check: i % 3 === 0 ? 'tags.instance.missing' : i % 3 === 1 ? 'node.private-dns.missing' : 'tags.subnet.missing',
        severity: SEVERITIES[i % 5],
        resource: { type: RESOURCE_TYPES.instance, id: `i-${i.toString(16).padStart(17, '0')}` },
        detail: detail(i),
        remediation: `aws ec2 create-tags --resources i-${i.toString(16).padStart(17, '0')} --tags Key=kubernetes.io/cluster/prod-east,Value=owned`,
        evidence: { tags: { Name: `worker-${i}` }, securityGroups: ['sg-0a1b2c3d', 'sg-0b1c2d3e'] },
        ...(i % 50 === 7 ? { status: 'error' as const } : {}),
        ...(i % 40 === 3 ? { suppressed: { reason: 'accepted' } } : {}),
      }),
    );
  }
  return aReport(findings, { resolved: 2 });
}

describe('buildSnsMessages', () => {
  it('builds one message with text for email/default and a compact envelope for sqs, lambda and https, linking the stored report', () => {
    // Arrange
    const report = aMixedReport();

    // Act
    const messages = build(report, { ...CHANGES, reportLocation: LOCATION });

    // Assert
    expect(messages).toHaveLength(1);
    const [message] = messages as [SnsMessage];
    const body = structure(message);
    expect(Object.keys(body).sort()).toEqual(['default', 'email', 'https', 'lambda', 'sqs']);
    const envelope = JSON.parse(body.sqs) as AlertEnvelope;
    expect(envelope).toMatchObject({ type: 'kube-aws-audit.alert', version: 1, runId: report.runId, summary: orderReport(report).summary, report: LOCATION, part: { index: 1, count: 1, summaryOnly: false } });
    // The new fail findings at or above minSeverity and every error; never the evidence (it stays in the stored report).
    const newIds = new Set(report.findings.filter((f) => !f.suppressed && (f.firstSeen === undefined || f.firstSeen === report.startedAt)).map((f) => f.id));
    expect(envelope.new.length).toBeGreaterThan(0);
    expect(envelope.new.every((f) => newIds.has(f.id) && f.status === 'fail')).toBe(true);
    expect(envelope.errors).toHaveLength(1);
    expect(body.sqs).not.toContain('"evidence"');
    expect(body.lambda).toBe(body.sqs);
    expect(body.https).toBe(body.sqs);
    expect(body.email).toContain(`Full report (every finding with its evidence): ${LOCATION.uri}`);
    expect(body.default).toBe(body.email);
    expect(body.email).toContain('Summary   1 critical, 1 high, 1 medium, 0 low, 1 info; 1 could not be checked; 5 new, 1 resolved, 1 suppressed');
    expect(body.email).toContain('Fix: Replace the grant with the least-privilege policy');
    expect(message.part).toEqual({ index: 1, count: 1 });
  });

  it('writes a subject with the highest severity, the cluster and the counts of the whole run', () => {
    const [message] = build(aMixedReport(), CHANGES) as [SnsMessage];

    expect(message.subject).toBe('[CRITICAL] kube-aws-audit prod-east: 5 new, 1 resolved, 1 error');
  });

  it('sets the contract message attributes with their SNS data types', () => {
    const [message] = build(aMixedReport(), CHANGES) as [SnsMessage];

    expect(message.messageAttributes).toEqual({
      severity: { DataType: 'String.Array', StringValue: '["critical"]' },
      cluster: { DataType: 'String.Array', StringValue: '["prod-east"]' },
      account: { DataType: 'String.Array', StringValue: '["123456789012"]' },
      findings: { DataType: 'Number', StringValue: '5' },
      new: { DataType: 'Number', StringValue: '5' },
      check: {
        DataType: 'String.Array',
        StringValue: JSON.stringify(['iam.excess.admin', 'iam.optional.denied', 'iam.required.denied', 'tags.instance.missing', 'tags.subnet.missing']),
      },
    });
  });

  describe('mode changes', () => {
    const old = aFinding({ severity: 'high' });

    it('publishes nothing when no new finding reaches minSeverity and nothing is resolved or errored', () => {
      const lowNew = aFinding({ check: 'tags.value.invalid', severity: 'low', resource: { type: RESOURCE_TYPES.subnet, id: 'subnet-1' } });
      const report = aReport([old, lowNew], { newIds: [lowNew.id] });

      expect(buildSnsMessages(report, { ...CHANGES, changes: { newIds: [lowNew.id], resolved: [] } })).toEqual([]);
    });

    it('publishes a new finding at minSeverity', () => {
      const fresh = aFinding({ check: 'tags.subnet.missing', severity: 'medium', resource: { type: RESOURCE_TYPES.subnet, id: 'subnet-1' } });
      const report = aReport([old, fresh], { newIds: [fresh.id] });

      const messages = buildSnsMessages(report, { ...CHANGES, changes: { newIds: [fresh.id], resolved: [] } });

      expect(messages).toHaveLength(1);
      expect(messages[0]?.subject).toBe('[HIGH] kube-aws-audit prod-east: 1 new, 0 resolved');
      expect(structure(messages[0] as SnsMessage).email).toContain('- [NEW] tags.subnet.missing');
    });

    it('publishes resolved findings, listing them, when nothing is open', () => {
      const report = aReport([], { newIds: [], resolved: 1 });

      const messages = buildSnsMessages(report, { ...CHANGES, changes: { newIds: [], resolved: [old] } });

      expect(messages.map((m) => m.subject)).toEqual(['[OK] kube-aws-audit prod-east: 0 new, 1 resolved']);
      expect(messages[0]?.messageAttributes.severity).toEqual({ DataType: 'String.Array', StringValue: '["none"]' });
      expect(envelopeOf(messages[0] as SnsMessage).resolved.map((f) => f.id)).toEqual([old.id]);
      expect(structure(messages[0] as SnsMessage).email).toContain('RESOLVED SINCE THE LAST RUN (1)\n- tags.instance.missing on AWS::EC2::Instance i-0123456789abcdef0');
    });

    it('always publishes findings that could not be checked, even when nothing is new', () => {
      const error = aFinding({ status: 'error', severity: 'low', detail: 'ec2:DescribeInstances was denied (AccessDenied).' });
      const report = aReport([error], { newIds: [] });

      const messages = buildSnsMessages(report, { ...CHANGES, changes: { newIds: [], resolved: [] } });

      expect(messages).toHaveLength(1);
      expect(structure(messages[0] as SnsMessage).email).toMatch(/COULD NOT CHECK \(1\)\n- LOW tags\.instance\.missing/);
    });

    it('does not alert on a suppressed error', () => {
      const error = aFinding({ status: 'error', suppressed: { reason: 'known' } });

      expect(buildSnsMessages(aReport([error], { newIds: [] }), { ...CHANGES, changes: { newIds: [], resolved: [] } })).toEqual([]);
    });

    it('reads new findings from the changes it is given (runAudit\'s one diff), never from firstSeen', () => {
      const seenNow = aFinding();
      const report = aReport([seenNow], { newIds: [] });
      const now = { ...report, findings: [{ ...seenNow, firstSeen: report.startedAt }] };

      expect(buildSnsMessages(now, { ...CHANGES, changes: { newIds: [], resolved: [] } })).toEqual([]);
      expect(buildSnsMessages(now, { ...CHANGES, changes: { newIds: [seenNow.id], resolved: [] } })).toHaveLength(1);
    });
  });

  describe('mode all', () => {
    it('publishes every run with an open finding at or above minSeverity, new or not', () => {
      const report = aReport([aFinding({ severity: 'high' })], { newIds: [] });

      const messages = buildSnsMessages(report, { ...ALL, changes: { newIds: [], resolved: [] } });

      expect(messages.map((m) => m.subject)).toEqual(['[HIGH] kube-aws-audit prod-east: 1 open, 0 new, 0 resolved']);
    });

    it('publishes nothing when every open finding is below minSeverity', () => {
      const report = aReport([aFinding({ severity: 'low' })]);

      expect(build(report, ALL)).toEqual([]);
    });

    it('lists what is below minSeverity or suppressed only as counts in the text and leaves it out of the envelope', () => {
      const report = aMixedReport();

      const [message] = build(report, { ...ALL, minSeverity: 'high' }) as [SnsMessage];

      const text = structure(message).email;
      expect(text).not.toContain('tags.subnet.missing');
      expect(text).toContain('Not listed here: 2 below high, 1 suppressed.');
      expect(structure(message).sqs).not.toContain('tags.subnet.missing');
    });
  });

  it('in the chatbot format, sends an Amazon Q Developer custom notification as default and keeps the text for email', () => {
    const [message] = build(aMixedReport(), { ...CHANGES, format: 'chatbot' }) as [SnsMessage];

    const body = structure(message);
    const notification = JSON.parse(body.default) as { version: string; source: string; content: Record<string, unknown>; metadata: Record<string, unknown> };
    expect(notification).toMatchObject({ version: '1.0', source: 'custom', content: { textType: 'client-markdown', title: message.subject } });
    expect(notification.content.description).toContain('*Could not check (1)*');
    expect(body.email).toContain('Summary   1 critical');
    // Amazon Q Developer subscribes over https: with MessageStructure json that subscriber receives the https key.
    expect(body.https).toBe(body.default);
    expect(envelopeOf(message).type).toBe('kube-aws-audit.alert');
  });

  it('sanitises the cluster label into one line of printable ASCII within 100 characters', () => {
    const report = aReport([aFinding()], { clusters: [aClusterReport({ name: `prod\neast-\u00e9\u{1F600}-${'x'.repeat(120)}` })] });

    const [message] = build(report, CHANGES) as [SnsMessage];

    expect(message.subject.length).toBeLessThanOrEqual(100);
    expect(message.subject).toMatch(/^[\x20-\x7e]+$/);
    expect(message.subject).toMatch(/^\[HIGH\] kube-aws-audit prod east-\?\?-x+\.\.\.: 1 new, 0 resolved$/);
  });

  it('uses the given cluster label', () => {
    const [message] = build(aMixedReport(), { ...CHANGES, clusterLabel: 'all prod' }) as [SnsMessage];

    expect(message.subject).toBe('[CRITICAL] kube-aws-audit all prod: 5 new, 1 resolved, 1 error');
  });

  describe('size limit (256 KiB)', () => {
    it('splits thousands of findings into a numbered series of what does not fit, then a summary part with the link', () => {
      // Arrange
      const report = largeReport(4000);
      const listed = report.findings.filter((f) => !f.suppressed && (f.status === 'error' || ['critical', 'high', 'medium'].includes(f.severity)));

      // Act
      const messages = build(report, { ...ALL, reportLocation: LOCATION });

      // Assert
      expect(messages.length).toBeGreaterThan(2);
      const count = messages.length;
      const listedIds: string[] = [];
      messages.forEach((m, i) => {
        expect(snsBytes(m)).toBeLessThanOrEqual(LIMIT);
        expect(m.part).toEqual({ index: i + 1, count });
        expect(m.subject).toContain(`(${i + 1}/${count})`);
        expect(m.subject.length).toBeLessThanOrEqual(100);
        const envelope = envelopeOf(m);
        expect(envelope.summary).toEqual(orderReport(report).summary);
        expect(envelope.part).toEqual({ index: i + 1, count, summaryOnly: i + 1 === count });
        expect(envelope.report).toEqual(LOCATION);
        listedIds.push(...[...structure(m).email.matchAll(/^- (?:\[NEW\] )?(?:[A-Z]+ )?\S+: .*\n {4}AWS::EC2::Instance (i-[0-9a-f]{17})/gmu)].map((x) => x[1] as string));
        expect(m.messageAttributes).toEqual(messages[0]?.messageAttributes);
      });
      // Every listed finding is in exactly one part; the last part is the summary only.
      expect(listedIds.sort()).toEqual(listed.map((f) => f.resource.id).sort());
      const last = structure(messages[count - 1] as SnsMessage).email;
      expect(last).toContain(`Part ${count} of ${count}: the summary of the run`);
      expect(last).toContain(LOCATION.uri);
      expect(last).not.toMatch(/^- /mu);
    });

    it('fills the parts: a series is not much longer than the bytes require', () => {
      const report = largeReport(4000);

      const messages = build(report, ALL);

      const total = messages.reduce((sum, m) => sum + snsBytes(m), 0);
      expect(messages.length).toBeLessThanOrEqual(Math.ceil(total / (LIMIT * 0.9)));
    });

    it('counts bytes, not characters, for multi-byte text', () => {
      const report = largeReport(1500, (i) => `インスタンス ${i} にクラスタタグがありません 🚫 `.repeat(6));

      const messages = build(report, { ...ALL, format: 'chatbot' });

      expect(messages.length).toBeGreaterThan(1);
      for (const m of messages) expect(snsBytes(m)).toBeLessThanOrEqual(LIMIT);
      const errorIds = messages.flatMap((m) => envelopeOf(m).errors.map((f) => f.id));
      expect(errorIds).toEqual(report.findings.filter((f) => f.status === 'error' && !f.suppressed).map((f) => f.id));
    });

    it('keeps a single message, without part numbers, when the run fits', () => {
      const [message, ...rest] = build(largeReport(50), ALL);

      expect(rest).toEqual([]);
      expect(message?.subject).not.toMatch(/\(\d+\/\d+\)/);
      expect(envelopeOf(message as SnsMessage).part).toEqual({ index: 1, count: 1, summaryOnly: false });
    });

    it('keeps a finding with huge evidence in one message: the evidence stays in the stored report', () => {
      const huge = aFinding({ check: 'iam.excess.actions', severity: 'medium', evidence: { actions: Array.from({ length: 20_000 }, (_, i) => `ec2:Action${i}`) } });
      const report = aReport([huge, aFinding({ severity: 'high' })]);

      const messages = build(report, ALL);

      expect(messages).toHaveLength(1);
      expect(snsBytes(messages[0] as SnsMessage)).toBeLessThan(16 * 1024);
      expect(structure(messages[0] as SnsMessage).email).toContain('iam.excess.actions');
    });

    it('shrinks a finding whose own text is too large for any message instead of dropping it', () => {
      const huge = aFinding({ check: 'iam.excess.actions', severity: 'medium', detail: 'x'.repeat(400_000) });

      const messages = build(aReport([huge]), ALL);

      expect(messages).toHaveLength(1);
      expect(snsBytes(messages[0] as SnsMessage)).toBeLessThanOrEqual(LIMIT);
      expect(structure(messages[0] as SnsMessage).email).toContain('iam.excess.actions');
    });

    it('honours a smaller maxBytes', () => {
      const messages = build(largeReport(300), { ...ALL, maxBytes: 64 * 1024 });

      expect(messages.length).toBeGreaterThan(1);
      for (const m of messages) expect(snsBytes(m)).toBeLessThanOrEqual(64 * 1024);
    });
  });

  it('gives every part a distinct deduplication id for FIFO topics', () => {
    const messages = build(largeReport(4000), ALL);

    expect(new Set(messages.map((m) => m.deduplicationId)).size).toBe(messages.length);
    for (const m of messages) expect(m.deduplicationId).toMatch(/^[\x21-\x7e]{1,128}$/);
  });
});
