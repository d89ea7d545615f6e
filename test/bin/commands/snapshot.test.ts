import { describe, expect, it } from '@jest/globals';
import { main, type CliIo } from '../../../bin/cli.js';
import { register, summaryLine, type CaptureRequest, type SnapshotCommandDeps } from '../../../bin/commands/snapshot.js';
import { Command } from 'commander';
import { AwsCallError } from '../../../lib/adapters/aws/errors.js';
import type { CaptureResult } from '../../../lib/adapters/snapshot-writer/capture-snapshot.js';
import { configSchema, type AuditConfig } from '../../../lib/domain/config/schema.js';
import type { CliContext } from '../../../bin/cli-io.js';
import { toCliFailure } from '../../../bin/cli-errors.js';

const CONFIG: AuditConfig = configSchema.parse({
  clusters: [
    { name: 'alpha', region: 'us-west-1', roles: { worker: 'arn:aws:iam::123456789012:role/alpha-worker' } },
    { name: 'beta', region: 'us-west-1', roles: { worker: 'arn:aws:iam::123456789012:role/beta-worker' } },
  ],
});

const RESULT: CaptureResult = { dir: 'out', files: ['a', 'b', 'c', 'd', 'e', 'f'], account: '123456789012', region: 'us-west-1', clusters: ['alpha', 'beta'], gaps: [], notes: [] };

/** Runs `snapshot` in-process with fake deps; returns the exit code, stdout, stderr and the capture requests. */
async function run(args: string[], capture: SnapshotCommandDeps['capture'] = async () => RESULT) {
  const out: string[] = [];
  const err: string[] = [];
  const requests: CaptureRequest[] = [];
  const io: CliIo = { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) }, env: {} };
  const ctx: CliContext = { io, version: '0.0.0', exitCode: 0 };
  const program = new Command('kube-aws-audit').exitOverride().configureOutput({ writeOut: (t) => void out.push(t), writeErr: (t) => void err.push(t), outputError: () => undefined });
  register(program, ctx, { loadConfig: () => CONFIG, capture: async (r) => (requests.push(r), capture(r)) });
  let code: number;
  try {
    await program.parseAsync(['snapshot', ...args], { from: 'user' });
    code = ctx.exitCode;
  } catch (error) {
    const failure = toCliFailure(error, {});
    err.push(...failure.lines.map((l) => `${l}\n`));
    code = failure.exitCode;
  }
  return { code, stdout: out.join(''), stderr: err.join(''), requests };
}

describe('snapshot command', () => {
  it('captures every configured cluster into --out and prints one summary line to stderr, exit 0', async () => {
    // Act
    const r = await run(['--config', 'audit.yaml', '--out', 'out']);

    // Assert
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('kube-aws-audit: wrote out (6 files): alpha, beta in account 123456789012 us-west-1\n');
    // Without --deadline a live capture still has one (the default, 30 minutes from now; issue 9).
    expect(r.requests).toEqual([{ clusters: CONFIG.clusters, dir: 'out', iamStrategy: 'role-scoped', deadline: expect.any(Date) }]);
  });

  it('captures only the --cluster named, with the IAM strategy and deadline asked for', async () => {
    // Act
    const before = Date.now();
    const r = await run(['--config', 'audit.yaml', '--out', 'out', '--cluster', 'beta', '--iam-strategy', 'account-sweep', '--deadline', '2m']);

    // Assert
    expect(r.code).toBe(0);
    const request = r.requests[0];
    expect(request?.clusters.map((c) => c.name)).toEqual(['beta']);
    expect(request?.iamStrategy).toBe('account-sweep');
    expect((request?.deadline?.getTime() ?? 0) - before).toBeGreaterThanOrEqual(120_000);
  });

  it('exits 3 when the capture had gaps, listing each gap after the summary', async () => {
    // Arrange
    const gaps = [{ kind: 'subnets' as const, source: 'ec2:DescribeSubnets', reason: 'UnauthorizedOperation: not authorized' }];

    // Act
    const r = await run(['--config', 'audit.yaml', '--out', 'out'], async () => ({ ...RESULT, gaps }));

    // Assert
    expect(r.code).toBe(3);
    expect(r.stderr.split('\n')).toEqual([
      'kube-aws-audit: wrote out (6 files): alpha, beta in account 123456789012 us-west-1; INCOMPLETE: 1 part(s) could not be read (listed below and in meta.json "gaps")',
      'kube-aws-audit:   not captured: subnets (ec2:DescribeSubnets): UnauthorizedOperation: not authorized',
      '',
    ]);
  });

  it('exits 3 with one line when a cluster cannot be read at all', async () => {
    // Arrange
    const denied = new AwsCallError({ operation: 'sts:GetCallerIdentity', region: 'us-west-1', kind: 'access-denied', code: 'AccessDenied', reason: 'AccessDenied: no', cause: undefined });

    // Act
    const r = await run(['--config', 'audit.yaml', '--out', 'out'], async () => {
      throw denied;
    });

    // Assert
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('kube-aws-audit: snapshot not written: sts:GetCallerIdentity failed in us-west-1: AccessDenied: no\n');
  });

  it.each([
    [['--config', 'audit.yaml', '--out', 'out', '--cluster', 'gamma'], /--cluster gamma matches no configured cluster/],
    [['--config', 'audit.yaml'], /--out <dir>/],
    [['--config', 'audit.yaml', '--out', 'out', '--deadline', 'soon'], /--deadline/],
    [['--config', 'audit.yaml', '--out', 'out', '--iam-strategy', 'all'], /--iam-strategy/],
  ])('exits 2 on bad input %j', async (args, message) => {
    // Act
    const r = await run(args);

    // Assert
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.requests).toEqual([]);
  });

  it('exits 2 naming --out when the directory cannot be written', async () => {
    // Arrange
    const eexist = Object.assign(new Error('EEXIST: file already exists, mkdir'), { code: 'EEXIST', syscall: 'mkdir', path: 'out' });

    // Act
    const r = await run(['--config', 'audit.yaml', '--out', 'out'], async () => {
      throw eexist;
    });

    // Assert
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('kube-aws-audit: --out out: cannot write the snapshot (EEXIST out)\n');
  });

  it('is listed by the program, with its options in its help', async () => {
    // Arrange
    const out: string[] = [];
    const io: CliIo = { stdout: { write: (t: string) => out.push(t) }, stderr: { write: () => true }, env: {} };

    // Act
    const code = await main(['snapshot', '--help'], io);

    // Assert
    expect(code).toBe(0);
    for (const text of ['--config <file>', '--out <dir>', '--cluster <name>', '--iam-strategy <strategy>', '--deadline <when>', 'Exit codes:']) expect(out.join('')).toContain(text);
  });

  it('summarises a capture without gaps in one line', () => {
    // Act / Assert
    expect(summaryLine({ ...RESULT, clusters: ['alpha'] })).not.toContain('\n');
  });
});
