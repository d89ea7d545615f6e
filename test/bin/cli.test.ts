import { describe, expect, it } from '@jest/globals';
import { main, type CliIo } from '../../bin/cli.js';
import type { AuditCommandDeps } from '../../bin/commands/audit.js';
import type { SourceChoice } from '../../bin/commands/account-source.js';
import { ConfigError } from '../../lib/app/errors.js';
import type { AccountSource } from '../../lib/app/ports.js';
import { runAudit } from '../../lib/app/run-audit.js';
import { configSchema, type AuditConfig } from '../../lib/domain/config/schema.js';
import { withLocalDecisions } from '../../lib/app/with-local-decisions.js';
import { aCompliantView, anInstance, aRouteTable, aSecurityGroup, aSubnet, clusterTag, DEFAULTS } from '../support/builders.js';
import type { Report } from '../../lib/domain/report/report.js';

const CONFIG: AuditConfig = configSchema.parse({
  clusters: [{ name: 'alpha', region: DEFAULTS.region, account: DEFAULTS.account, roles: { worker: DEFAULTS.workerRoleArn } }],
});

/**
 * A compliant cluster except that its instance has no private DNS name (node.private-dns.missing, high) and the
 * worker role grants nothing (iam.required.denied, high).
 */
const VIEW = aCompliantView(0, {
  instances: [anInstance({ instanceId: 'i-0aaaaaaaaaaaaaaa1', privateDnsName: '', tags: clusterTag('alpha') })],
  subnets: [aSubnet({ tags: clusterTag('alpha', 'shared') })],
  routeTables: [aRouteTable({ tags: clusterTag('alpha') })],
  securityGroups: [aSecurityGroup({ tags: clusterTag('alpha') })],
});

const source = (collect: AccountSource['collect'] = async () => ({ view: VIEW, notes: [] })): AccountSource =>
  withLocalDecisions({ mode: 'snapshot', collect });

interface Captured {
  io: CliIo;
  stdout: () => string;
  stderr: () => string;
  written: Map<string, string>;
  deps: Partial<AuditCommandDeps>;
}

/** In-memory streams and fake dependencies: the CLI runs in-process, without files or AWS. */
function harness(options: { stdoutTTY?: boolean; stderrTTY?: boolean; env?: Record<string, string>; deps?: Partial<AuditCommandDeps> } = {}): Captured {
  const out: string[] = [];
  const err: string[] = [];
  const written = new Map<string, string>();
  return {
    io: {
      stdout: { write: (t: string) => out.push(t), isTTY: options.stdoutTTY ?? false, columns: 120 },
      stderr: { write: (t: string) => err.push(t), isTTY: options.stderrTTY ?? false },
      env: options.env ?? {},
    },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
    written,
    deps: {
      loadConfig: () => CONFIG,
      createSource: () => source(),
      runAudit: (opts) => runAudit({ ...opts, now: () => new Date('2026-05-01T10:00:00Z'), runId: 'run-1' }),
      writeFile: async (file, text) => void written.set(file, text),
      publish: undefined,
      ...options.deps,
    },
  };
}

const AUDIT = ['audit', '--config', 'audit.yaml', '--snapshot', 'snap'];

/** The stderr of a usage error: exactly one line starting with the program name. */
function expectOneErrorLine(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^kube-aws-audit: /);
  return lines[0] ?? '';
}

describe('kube-aws-audit CLI', () => {
  it('exits 2 with one line naming --format and its choices for an unknown format', async () => {
    // Arrange
    const h = harness();

    // Act
    const code = await main([...AUDIT, '--format', 'xml'], h.io, h.deps);

    // Assert
    expect(code).toBe(2);
    const line = expectOneErrorLine(h.stderr());
    expect(line).toContain('--format');
    expect(line).toContain('table, json, markdown, sarif');
    expect(h.stdout()).toBe('');
  });

  it('exits 2 naming --fail-on and its choices for an unknown severity', async () => {
    // Arrange
    const h = harness();

    // Act
    const code = await main([...AUDIT, '--fail-on', 'severe'], h.io, h.deps);

    // Assert
    expect(code).toBe(2);
    const line = expectOneErrorLine(h.stderr());
    expect(line).toContain('--fail-on');
    expect(line).toContain('critical, high, medium, low, info, none');
  });

  it('exits 2 naming --checks and the families for an unknown family', async () => {
    // Arrange
    const h = harness();

    // Act
    const code = await main([...AUDIT, '--checks', 'iam,dns'], h.io, h.deps);

    // Assert
    expect(code).toBe(2);
    const line = expectOneErrorLine(h.stderr());
    expect(line).toContain('--checks');
    expect(line).toContain('iam, tags, nodes');
  });

  it('exits 2 when both --snapshot and --live are given', async () => {
    // Arrange
    const h = harness();

    // Act
    const code = await main([...AUDIT, '--live'], h.io, h.deps);

    // Assert
    expect(code).toBe(2);
    expect(expectOneErrorLine(h.stderr())).toMatch(/--snapshot.*--live/);
  });

  it('exits 2 when neither --snapshot nor --live is given', async () => {
    // Arrange
    const h = harness();

    // Act
    const code = await main(['audit', '--config', 'audit.yaml'], h.io, h.deps);

    // Assert
    expect(code).toBe(2);
    expect(expectOneErrorLine(h.stderr())).toContain('--snapshot <dir> or --live');
  });

  it('exits 2 when --config is missing', async () => {
    // Arrange
    const h = harness();

    // Act
    const code = await main(['audit', '--snapshot', 'snap'], h.io, h.deps);

    // Assert
    expect(code).toBe(2);
    expect(expectOneErrorLine(h.stderr())).toContain('--config');
  });

  it('exits 2 with one line for an unknown option, and suggests the close one', async () => {
    // Arrange
    const h = harness();

    // Act
    const code = await main([...AUDIT, '--formt', 'json'], h.io, h.deps);

    // Assert
    expect(code).toBe(2);
    expect(expectOneErrorLine(h.stderr())).toMatch(/unknown option '--formt'.*--format/);
  });

  it('exits 2 with the file and field of a config error, without a stack trace', async () => {
    // Arrange
    const h = harness({
      deps: { loadConfig: () => { throw new ConfigError('expected an AWS region like us-west-1', 'audit.yaml', 'clusters[0].region'); } },
    });

    // Act
    const code = await main(AUDIT, h.io, h.deps);

    // Assert
    expect(code).toBe(2);
    expect(expectOneErrorLine(h.stderr())).toBe('kube-aws-audit: audit.yaml: clusters[0].region: expected an AWS region like us-west-1');
  });

  it('exits 2 when --cluster names no configured cluster', async () => {
    // Arrange
    const h = harness();

    // Act
    const code = await main([...AUDIT, '--cluster', 'beta'], h.io, h.deps);

    // Assert
    expect(code).toBe(2);
    expect(expectOneErrorLine(h.stderr())).toContain('--cluster beta matches no configured cluster (configured: alpha)');
  });

  it('builds the live engine for --live (no AWS call before the audit runs)', async () => {
    // Arrange
    let mode: string | undefined;
    const h = harness({ deps: { runAudit: async (opts) => ((mode = opts.source.mode), runAudit({ ...opts, source: source(), now: () => new Date('2026-05-01T10:00:00Z'), runId: 'run-1' })) } });
    delete h.deps.createSource;

    // Act
    const code = await main(['audit', '--config', 'audit.yaml', '--live', '--fail-on', 'none'], h.io, h.deps);

    // Assert
    expect(code).toBe(0);
    expect(mode).toBe('live');
  });

  it('passes --deadline to the live source as a time, and says on stderr when the run reached it', async () => {
    // Arrange
    let choice: SourceChoice | undefined;
    const h = harness({
      deps: {
        createSource: (c) => ((choice = c), source()),
        runAudit: async (opts) => {
          await new Promise((r) => setTimeout(r, 30));
          return runAudit({ ...opts, now: () => new Date('2026-05-01T10:00:00Z'), runId: 'run-1' });
        },
      },
    });
    const before = Date.now();

    // Act
    const code = await main(['audit', '--config', 'audit.yaml', '--live', '--deadline', '10ms', '--fail-on', 'none'], h.io, h.deps);

    // Assert
    expect(code).toBe(0);
    expect(choice?.kind).toBe('live');
    const deadline = choice?.kind === 'live' ? choice.deadline : undefined;
    expect((deadline?.getTime() ?? 0) - before).toBeGreaterThanOrEqual(10);
    expect(h.stderr()).toMatch(/^kube-aws-audit: the deadline \S+ was reached; 0 check\(s\) could not complete \(status error in the report\)\n$/);
  });

  it.each([
    [['--live', '--deadline', 'tomorrow'], /--deadline/],
    [['--snapshot', 'snap', '--deadline', '5m'], /--deadline applies to --live only/],
  ])('exits 2 for a --deadline it cannot use: %j', async (args, message) => {
    // Arrange
    const h = harness();

    // Act
    const code = await main(['audit', '--config', 'audit.yaml', ...args], h.io, h.deps);

    // Assert
    expect(code).toBe(2);
    expect(expectOneErrorLine(h.stderr())).toMatch(message);
  });

  it('exits 0 with --fail-on none even with high findings, printing JSON when stdout is not a terminal', async () => {
    // Arrange
    const h = harness();

    // Act
    const code = await main([...AUDIT, '--fail-on', 'none'], h.io, h.deps);

    // Assert
    expect(code).toBe(0);
    const report = JSON.parse(h.stdout()) as Report;
    expect(report.summary.high).toBeGreaterThan(0);
    expect(h.stderr()).toBe('');
  });

  it('exits 1 by default (--fail-on high) when there are high findings', async () => {
    // Arrange
    const h = harness();

    // Act
    const code = await main(AUDIT, h.io, h.deps);

    // Assert
    expect(code).toBe(1);
  });

  it('exits 3 when the audit could not complete, and the report says why', async () => {
    // Arrange
    const h = harness({ deps: { createSource: () => source(async () => { throw new Error('connect ETIMEDOUT'); }) } });

    // Act
    const code = await main([...AUDIT, '--fail-on', 'none'], h.io, h.deps);

    // Assert
    expect(code).toBe(3);
    const report = JSON.parse(h.stdout()) as Report;
    expect(report.summary.errors).toBe(3);
    expect(report.findings.every((f) => f.status === 'error' && f.detail.includes('connect ETIMEDOUT'))).toBe(true);
  });

  it('prints one line with a DEBUG hint for an unexpected error, and the stack only with DEBUG set', async () => {
    // Arrange
    const boom = () => { throw new TypeError('cannot read properties of undefined'); };
    const quiet = harness({ deps: { loadConfig: boom } });
    const debug = harness({ env: { DEBUG: 'kube-aws-audit' }, deps: { loadConfig: boom } });

    // Act
    const quietCode = await main(AUDIT, quiet.io, quiet.deps);
    const debugCode = await main(AUDIT, debug.io, debug.deps);

    // Assert
    expect(quietCode).toBe(3);
    expect(expectOneErrorLine(quiet.stderr())).toBe(
      'kube-aws-audit: unexpected error: cannot read properties of undefined (set DEBUG=kube-aws-audit for the stack trace)',
    );
    expect(debugCode).toBe(3);
    expect(debug.stderr()).toContain('at ');
  });

  it('writes the report to --output and nothing to stdout', async () => {
    // Arrange
    const h = harness();

    // Act
    const code = await main([...AUDIT, '--output', 'report.json', '--fail-on', 'none'], h.io, h.deps);

    // Assert
    expect(code).toBe(0);
    expect(h.stdout()).toBe('');
    expect((JSON.parse(h.written.get('report.json') ?? '') as Report).schemaVersion).toBe(1);
  });

  it('exits 2 before auditing when the directory of --output does not exist, so no finding is lost', async () => {
    // Arrange
    let audited = false;
    const h = harness({ deps: { runAudit: async () => { audited = true; throw new Error('must not run'); } } });

    // Act
    const code = await main([...AUDIT, '--output', 'no-such-dir/report.json'], h.io, h.deps);

    // Assert
    expect(code).toBe(2);
    expect(expectOneErrorLine(h.stderr())).toMatch(/^kube-aws-audit: --output no-such-dir\/report.json: cannot write the report there: the directory .*no-such-dir does not exist$/);
    expect(audited).toBe(false);
  });

  // Issue 9: a read-only --output passed the pre-check, then the audit (even a live one) was thrown away.
  it('exits 2 before auditing when --output is an existing file that cannot be opened for writing', async () => {
    const { chmod, mkdtemp, rm, writeFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'kaa-out-'));
    // As root, mode 0444 does not stop a write; a sysfs attribute without a write handler does.
    let file = join(dir, 'read-only.json');
    await writeFile(file, '{}');
    await chmod(file, 0o444);
    if (process.getuid?.() === 0) file = '/sys/kernel/uevent_seqnum';
    let audited = false;
    const h = harness({ deps: { runAudit: async () => { audited = true; throw new Error('must not run'); } } });

    const code = await main([...AUDIT, '--output', file], h.io, h.deps);

    await rm(dir, { recursive: true, force: true });
    expect(code).toBe(2);
    expect(expectOneErrorLine(h.stderr())).toContain(`--output ${file}: cannot write the report there: it cannot be opened for writing (EACCES)`);
    expect(audited).toBe(false);
  });

  it('keeps the report when writing --output fails after the audit (/dev/full): saved elsewhere and named, exit 2', async () => {
    const { readFile, rm } = await import('node:fs/promises');
    const h = harness({ deps: { writeFile: async () => { throw Object.assign(new Error('no space'), { code: 'ENOSPC' }); } } });

    const code = await main([...AUDIT, '--output', '/dev/full', '--fail-on', 'none'], h.io, h.deps);

    expect(code).toBe(2);
    const line = expectOneErrorLine(h.stderr());
    expect(line).toMatch(/^kube-aws-audit: --output \/dev\/full: cannot write the report \(ENOSPC\); the report was saved to (\S+)$/);
    const saved = /saved to (\S+)$/.exec(line)?.[1] ?? '';
    expect((JSON.parse(await readFile(saved, 'utf8')) as Report).schemaVersion).toBe(1);
    await rm(saved, { force: true });
  });

  it('renders a table by default when stdout is a terminal, and reports progress when stderr is one', async () => {
    // Arrange
    const h = harness({ stdoutTTY: true, stderrTTY: true, env: { NO_COLOR: '1' } });

    // Act
    const code = await main([...AUDIT, '--fail-on', 'none'], h.io, h.deps);

    // Assert
    expect(code).toBe(0);
    expect(() => JSON.parse(h.stdout())).toThrow();
    expect(h.stdout()).toContain('i-0aaaaaaaaaaaaaaa1');
    expect(h.stderr().split('\n').filter((l) => l !== '')).toEqual([
      'kube-aws-audit: alpha: collecting',
      'kube-aws-audit: alpha: evaluating',
      'kube-aws-audit: alpha: reporting',
    ]);
  });

  it('runs only the families of --checks', async () => {
    // Arrange
    const h = harness();

    // Act
    const code = await main([...AUDIT, '--checks', 'nodes', '--fail-on', 'none'], h.io, h.deps);

    // Assert
    expect(code).toBe(0);
    const report = JSON.parse(h.stdout()) as Report;
    expect(report.findings.map((f) => [f.check, f.resource.id])).toEqual([['node.private-dns.missing', 'i-0aaaaaaaaaaaaaaa1']]);
    expect(report.clusters[0]?.coverage.roles).toBe(0);
  });

  it('lists examples and exit codes in --help, exiting 0', async () => {
    // Arrange
    const root = harness();
    const audit = harness();

    // Act
    const rootCode = await main(['--help'], root.io, root.deps);
    const auditCode = await main(['audit', '--help'], audit.io, audit.deps);

    // Assert
    expect(rootCode).toBe(0);
    expect(root.stdout()).toContain('Examples:');
    expect(root.stdout()).toContain('audit --config');
    expect(root.stdout()).toMatch(/^\s+audit \[options\]/m);
    expect(root.stdout()).toMatch(/^\s+presets \[options\]/m);
    expect(root.stdout()).toMatch(/^\s+policy \[options\]/m);
    expect(root.stdout()).toMatch(/^\s+snapshot \[options\]/m);
    expect(root.stdout()).toMatch(/^\s+permissions \[options\]/m);
    expect(auditCode).toBe(0);
    for (const text of ['Examples:', 'Exit codes:', '--snapshot <dir>', '--live', '--cluster <name>', '--checks <families>', '--format <format>', '--output <file>', '--fail-on <severity>', '--publish', '--deadline <when>', 'table when stdout is a terminal']) {
      expect(audit.stdout()).toContain(text);
    }
    expect(audit.stderr()).toBe('');
  });

  it('prints the package version for --version', async () => {
    // Arrange
    const h = harness();

    // Act
    const code = await main(['--version'], h.io, h.deps);

    // Assert
    expect(code).toBe(0);
    expect(h.stdout().trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('kube-aws-audit audit --publish', () => {
  const TOPIC = 'arn:aws:sns:us-west-1:123456789012:kube-aws-audit';

  it('exits 2 before auditing when no SNS topic is configured', async () => {
    // Arrange
    let audited = false;
    const h = harness({ deps: { publish: async () => 'published', runAudit: async () => { audited = true; throw new Error('must not run'); } } });

    // Act
    const code = await main([...AUDIT, '--publish'], h.io, h.deps);

    // Assert
    expect(code).toBe(2);
    expect(expectOneErrorLine(h.stderr())).toContain('--publish needs an SNS topic: set alerts.topicArn in audit.yaml or the ALERT_TOPIC_ARN environment variable');
    expect(audited).toBe(false);
  });

  // Issue 9: a publish failure after the report was written was an "unexpected error".
  it('names a publish failure after the report was written as a delivery error and exits 3', async () => {
    const { SnsPublishError } = await import('../../lib/adapters/sns/errors.js');
    const withTopic = { ...CONFIG, alerts: { topicArn: TOPIC, minSeverity: 'medium' as const, mode: 'changes' as const, format: 'text' as const } };
    const h = harness({
      deps: {
        loadConfig: () => withTopic,
        publish: async () => {
          throw new SnsPublishError({ topicArn: TOPIC, part: { index: 1, count: 1 }, published: 0, reason: 'AuthorizationError: not allowed', cause: undefined });
        },
      },
    });

    const code = await main([...AUDIT, '--publish', '--fail-on', 'none'], h.io, h.deps);

    expect(code).toBe(3);
    expect(JSON.parse(h.stdout()).schemaVersion).toBe(1);
    expect(expectOneErrorLine(h.stderr())).toBe(
      `kube-aws-audit: delivery failed: the report was written to stdout, but --publish failed: sns:Publish to ${TOPIC} failed: AuthorizationError: not allowed`,
    );
  });

  it('publishes the report after printing it and says so on stderr', async () => {
    // Arrange
    const published: Report[] = [];
    const withTopic = configSchema.parse({ ...CONFIG, alerts: { topicArn: TOPIC } });
    const h = harness({ deps: { loadConfig: () => withTopic, publish: async (report) => { published.push(report); return `published 1 message(s) to ${TOPIC}`; } } });

    // Act
    const code = await main([...AUDIT, '--publish', '--fail-on', 'none'], h.io, h.deps);

    // Assert
    expect(code).toBe(0);
    expect(published).toHaveLength(1);
    expect(JSON.parse(h.stdout()).runId).toBe(published[0]?.runId);
    expect(h.stderr()).toBe(`kube-aws-audit: published 1 message(s) to ${TOPIC}\n`);
  });
});
