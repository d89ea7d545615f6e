import { randomBytes } from 'node:crypto';
import { access, constants, open, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { loadConfig } from '../../lib/adapters/config/index.js';
import { InputError, UsageError } from '../../lib/app/errors.js';
import { describeError } from '../../lib/domain/describe-error.js';
import type { AccountSource } from '../../lib/app/ports.js';
import { runAudit } from '../../lib/app/run-audit.js';
import { CHECK_FAMILIES, type CheckFamily } from '../../lib/domain/checks/check-ids.js';
import type { AuditConfig } from '../../lib/domain/config/schema.js';
import { SEVERITIES } from '../../lib/domain/findings/severity.js';
import { exitCodeFor, type FailOn } from '../../lib/domain/report/build-report.js';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../../lib/domain/report/render/index.js';
import type { ReportChanges } from '../../lib/domain/findings/diff.js';
import type { Report } from '../../lib/domain/report/report.js';
import { EXIT_CODES, PROGRAM_NAME } from '../cli-errors.js';
import type { CliContext } from '../cli-io.js';
import { createAccountSource, publisher, type SourceChoice } from './account-source.js';
import { DEADLINE_HELP, liveDeadline, parseDeadline } from './deadline-option.js';
import type { CallObserver } from '../../lib/adapters/aws/call-observer.js';
import { TtyProgress } from '../progress.js';

/** `--fail-on` values: a severity, or `none`. */
export const FAIL_ON_VALUES = [...SEVERITIES, 'none'] as const satisfies readonly FailOn[];

/** What the audit command calls; injectable so tests run the CLI in-process without AWS or files. */
export interface AuditCommandDeps {
  loadConfig(file: string, env: Readonly<Record<string, string | undefined>>): AuditConfig | Promise<AuditConfig>;
  createSource(choice: SourceChoice, config: AuditConfig, options?: { observer?: CallObserver }): AccountSource | Promise<AccountSource>;
  runAudit: typeof runAudit;
  writeFile(file: string, text: string): Promise<void>;
  /** Publishes the report to SNS; undefined while no publisher is available (then --publish is a usage error). */
  publish: ((report: Report, config: AuditConfig, changes?: ReportChanges) => Promise<string>) | undefined;
}

const DEFAULT_DEPS: AuditCommandDeps = {
  loadConfig,
  createSource: createAccountSource,
  runAudit,
  writeFile: (file, text) => writeFile(file, text, 'utf8'),
  publish: publisher.publish,
};

/** Options as commander parses them. */
interface AuditOptions {
  config: string;
  snapshot?: string;
  live?: boolean;
  cluster: string[];
  checks?: CheckFamily[];
  format?: ReportFormat;
  output?: string;
  failOn: FailOn;
  publish?: boolean;
  deadline?: Date;
  quiet?: boolean;
}

const EXAMPLES = `
Examples:
  # The demo: a table of every finding, never failing
  $ ${PROGRAM_NAME} audit --config fixtures/demo/config.yaml --snapshot fixtures/demo/snapshot --format table --fail-on none

  # Snapshot made with the AWS CLI (see README), JSON report to a file, fail on high and critical
  $ ${PROGRAM_NAME} audit --config audit.yaml --snapshot ./snapshot --output report.json

  # Only the tag and node checks of one cluster, as Markdown for a pull-request comment
  $ ${PROGRAM_NAME} audit --config audit.yaml --snapshot ./snapshot --cluster prod-east --checks tags,nodes --format markdown

  # In CI: SARIF for code scanning, fail on medium and above
  $ ${PROGRAM_NAME} audit --config audit.yaml --live --format sarif --output audit.sarif --fail-on medium

  # Live, but never longer than 5 minutes: what is unfinished then is reported as status error (exit 3)
  $ ${PROGRAM_NAME} audit --config audit.yaml --live --deadline 5m

Exit codes:
  0  no finding at or above --fail-on      2  usage, config or input error (the message names the file and field)
  1  findings at or above --fail-on        3  the audit could not complete (some checks errored: the report says which)

stdout carries only the report; progress goes to stderr when it is a terminal.`;

/** Parses `--checks iam,tags`: known families only, no duplicates, at least one. */
export function parseFamilies(value: string): CheckFamily[] {
  const parts = value.split(',').map((p) => p.trim()).filter((p) => p !== '');
  const unknown = parts.filter((p) => !(CHECK_FAMILIES as readonly string[]).includes(p));
  if (parts.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(`Allowed values are a comma-separated list of ${CHECK_FAMILIES.join(', ')}.`);
  }
  return CHECK_FAMILIES.filter((f) => parts.includes(f));
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Adds `audit` to the program. The command sets `ctx.exitCode`; errors are thrown to main(). */
export function register(program: Command, ctx: CliContext, overrides: Partial<AuditCommandDeps> = {}): Command {
  const deps: AuditCommandDeps = { ...DEFAULT_DEPS, ...overrides };
  return program
    .command('audit')
    .description('audit the configured clusters: IAM of the cluster roles, cluster tags and node identity')
    .requiredOption('--config <file>', 'config file (YAML or JSON) listing the clusters')
    .addOption(new Option('--snapshot <dir>', 'read the account from a snapshot directory of AWS CLI JSON files').conflicts('live'))
    .addOption(new Option('--live', 'read the account from AWS (default credential chain, assumeRoleArn of the config)'))
    .addOption(new Option('--cluster <name>', 'audit only this configured cluster (repeat for several)').argParser(collect).default([], 'every cluster'))
    .option('--checks <families>', `comma-separated check families to run: ${CHECK_FAMILIES.join(', ')} (default: all)`, parseFamilies)
    .addOption(
      new Option('--format <format>', 'report format (default: table when stdout is a terminal, json otherwise)').choices(REPORT_FORMATS),
    )
    .option('--output <file>', 'write the report to this file instead of stdout (default format: json)')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when an unsuppressed finding is at or above this severity; none never does')
        .choices(FAIL_ON_VALUES)
        .default('high'),
    )
    .option('--publish', 'also publish the report to the SNS topic of the config (alerts.topicArn or ALERT_TOPIC_ARN)')
    .addOption(new Option('--deadline <when>', DEADLINE_HELP).argParser((value: string) => parseDeadline(value)))
    .option('--quiet', 'no progress on stderr, even on a terminal (errors and the final notes still show)')
    .addHelpText('after', EXAMPLES)
    .action(async (opts: AuditOptions) => {
      ctx.exitCode = await auditCommand(opts, ctx, deps);
    });
}

async function auditCommand(opts: AuditOptions, ctx: CliContext, deps: AuditCommandDeps): Promise<number> {
  const { io } = ctx;
  const choice = sourceChoice(opts);
  if (opts.publish && deps.publish === undefined) {
    throw new UsageError('--publish is not available in this version yet; write the report with --output and publish it yourself');
  }
  // Before the audit, not after it: a live audit's findings must not be lost to a typo in the output path.
  if (opts.output !== undefined) await assertOutputWritable(opts.output);
  const config = await deps.loadConfig(opts.config, io.env);
  if (opts.publish && config.alerts?.topicArn === undefined) {
    throw new UsageError(`--publish needs an SNS topic: set alerts.topicArn in ${opts.config} or the ALERT_TOPIC_ARN environment variable`);
  }
  // Progress only on a terminal and without --quiet: per cluster and stage, and for live audits a status line of
  // pages, simulations done out of planned, retries, throttling and the time left (bin/progress.ts).
  const progress = io.stderr.isTTY === true && opts.quiet !== true;
  const display = progress ? new TtyProgress(io.stderr, PROGRAM_NAME) : undefined;
  const source = await deps.createSource(choice, config, display === undefined ? {} : { observer: display });
  let outcome: Awaited<ReturnType<AuditCommandDeps['runAudit']>>;
  try {
    outcome = await deps.runAudit({
      config,
      source,
      clusters: opts.cluster.length > 0 ? opts.cluster : undefined,
      families: opts.checks,
      toolVersion: ctx.version,
      onProgress: display === undefined ? undefined : (e) => display.stage(e),
    });
  } finally {
    display?.finish();
  }
  const { report, changes } = outcome;

  const toTerminal = opts.output === undefined && io.stdout.isTTY === true;
  const format: ReportFormat = opts.format ?? (toTerminal ? 'table' : 'json');
  const color = toTerminal && format === 'table' && io.env.NO_COLOR === undefined;
  const text = ensureNewline(renderReport(report, format, { color, width: io.stdout.columns ?? 100 }));
  if (opts.output === undefined) {
    io.stdout.write(text);
  } else {
    await writeReport(deps, opts.output, text, format);
    if (progress) io.stderr.write(`${PROGRAM_NAME}: wrote the ${format} report (${report.findings.length} findings) to ${opts.output}\n`);
  }
  if (opts.publish && deps.publish !== undefined) {
    try {
      io.stderr.write(`${PROGRAM_NAME}: ${await deps.publish(report, config, changes)}\n`);
    } catch (err) {
      // The report is out; only its delivery failed: say so by name, and exit 3 (docs/reliability.md).
      const where = opts.output === undefined ? 'stdout' : opts.output;
      const reason = describeError(err, { name: false });
      io.stderr.write(`${PROGRAM_NAME}: delivery failed: the report was written to ${where}, but --publish failed: ${reason}\n`);
      return EXIT_CODES.incomplete;
    }
  }
  if (opts.deadline !== undefined && Date.now() >= opts.deadline.getTime()) {
    io.stderr.write(
      `${PROGRAM_NAME}: the deadline ${opts.deadline.toISOString()} was reached; ${report.summary.errors} check(s) could not complete (status error in the report)\n`,
    );
  }
  return exitCodeFor(report, opts.failOn);
}


function sourceChoice(opts: AuditOptions): SourceChoice {
  if (opts.snapshot !== undefined) {
    if (opts.deadline !== undefined) throw new UsageError('--deadline applies to --live only (a snapshot audit makes no AWS calls)');
    return { kind: 'snapshot', dir: opts.snapshot };
  }
  if (opts.live === true) return { kind: 'live', deadline: liveDeadline(opts.deadline) };
  throw new UsageError('audit needs --snapshot <dir> or --live');
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

async function writeReport(deps: AuditCommandDeps, file: string, text: string, format: ReportFormat): Promise<void> {
  try {
    await deps.writeFile(file, text);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? describeError(err);
    // The audit is done (a live one may have taken minutes): never throw its report away with the error.
    const saved = await saveElsewhere(text, format);
    const where = saved === undefined ? '' : `; the report was saved to ${saved}`;
    throw new InputError(`--output ${file}: cannot write the report (${reason})${where}`, file, undefined, { cause: err });
  }
}

/** Writes the report to a new, exclusive file in the temporary directory; undefined when that fails too. */
async function saveElsewhere(text: string, format: ReportFormat): Promise<string | undefined> {
  const extension = { json: 'json', sarif: 'sarif', markdown: 'md', table: 'txt' }[format];
  const path = join(tmpdir(), `kube-aws-audit-report-${randomBytes(6).toString('hex')}.${extension}`);
  try {
    await writeFile(path, text, { encoding: 'utf8', flag: 'wx', mode: 0o600 });
    return path;
  } catch {
    return undefined;
  }
}

/**
 * Checks that `--output FILE` can be written: its directory exists and is writable, FILE is not a directory, and an
 * existing regular file opens for writing (without truncating it: a failed audit leaves it as it was).
 *
 * @throws UsageError naming --output, the file and what is wrong
 */
export async function assertOutputWritable(file: string): Promise<void> {
  const target = resolve(file);
  const dir = dirname(target);
  const problem = await (async (): Promise<string | undefined> => {
    try {
      if (!(await stat(dir)).isDirectory()) return `${dir} is not a directory`;
      await access(dir, constants.W_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return code === 'ENOENT' ? `the directory ${dir} does not exist` : `the directory ${dir} cannot be written (${code ?? String(err)})`;
    }
    let existing;
    try {
      existing = await stat(target);
    } catch {
      return undefined; // Not there yet: it will be created.
    }
    if (existing.isDirectory()) return 'it is a directory';
    if (!existing.isFile()) return undefined; // a device or pipe (/dev/stdout, a process substitution): opened when written
    try {
      await (await open(target, constants.O_WRONLY)).close();
    } catch (err) {
      return `it cannot be opened for writing (${(err as NodeJS.ErrnoException).code ?? String(err)})`;
    }
    return undefined;
  })();
  if (problem !== undefined) throw new UsageError(`--output ${file}: cannot write the report there: ${problem}`, file);
}
