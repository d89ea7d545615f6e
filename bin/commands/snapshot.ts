import { Command, Option } from 'commander';
import { AccountMismatchError, AwsCallError, DeadlineReachedError } from '../../lib/adapters/aws/errors.js';
import { loadConfig } from '../../lib/adapters/config/index.js';
import { IAM_STRATEGIES, type IamStrategy } from '../../lib/adapters/iam/iam-strategy.js';
import type { CaptureResult } from '../../lib/adapters/snapshot-writer/capture-snapshot.js';
import { InputError, UsageError } from '../../lib/app/errors.js';
import type { AuditConfig, ClusterConfig } from '../../lib/domain/config/schema.js';
import type { CollectionGap } from '../../lib/domain/model/account-view.js';
import { EXIT_CODES, PROGRAM_NAME } from '../cli-errors.js';
import type { CliContext } from '../cli-io.js';
import { DEADLINE_HELP, liveDeadline, parseDeadline } from './deadline-option.js';

/** What `snapshot` asks of the capture: the clusters to collect live, where to write, and how. */
export interface CaptureRequest {
  clusters: ClusterConfig[];
  dir: string;
  deadline?: Date;
  iamStrategy: IamStrategy;
}

/** What the snapshot command calls; injectable so tests run it in-process. */
export interface SnapshotCommandDeps {
  loadConfig(file: string, env: Readonly<Record<string, string | undefined>>): AuditConfig | Promise<AuditConfig>;
  capture(request: CaptureRequest): Promise<CaptureResult>;
}

/**
 * The default capture: a LiveAccountSource (default credential chain; AWS_ENDPOINT_URL honoured) and the snapshot
 * writer, loaded on use (the other commands never load the AWS SDK).
 */
export async function captureLive(request: CaptureRequest): Promise<CaptureResult> {
  const [{ LiveAccountSource }, { captureSnapshot }] = await Promise.all([
    import('../../lib/adapters/live/live-account-source.js'),
    import('../../lib/adapters/snapshot-writer/capture-snapshot.js'),
  ]);
  const source = new LiveAccountSource({ iamStrategy: request.iamStrategy, ...(request.deadline === undefined ? {} : { deadline: request.deadline }) });
  return captureSnapshot(request.clusters, request.dir, { source });
}

const DEFAULT_DEPS: SnapshotCommandDeps = { loadConfig, capture: captureLive };

interface SnapshotOptions {
  config: string;
  out: string;
  cluster: string[];
  deadline?: Date;
  iamStrategy: IamStrategy;
}

const EXAMPLES = `
Examples:
  # Capture every configured cluster (one account and region) into ./snapshot, then audit it offline
  $ ${PROGRAM_NAME} snapshot --config audit.yaml --out ./snapshot
  $ ${PROGRAM_NAME} audit --config audit.yaml --snapshot ./snapshot

  # One cluster, the whole account's IAM (like aws iam get-account-authorization-details), at most 2 minutes
  $ ${PROGRAM_NAME} snapshot --config audit.yaml --cluster prod-east --iam-strategy account-sweep --deadline 2m --out ./snapshot

Exit codes:
  0  snapshot written completely          2  usage, config or input error
  3  written, but incomplete: what could not be read (AccessDenied, throttling, deadline) is listed on stderr and in
     meta.json "gaps"; or a cluster could not be read at all (nothing written)`;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * Adds `snapshot --config FILE --out DIR [--cluster NAME] [--iam-strategy S] [--deadline WHEN]`: collects the
 * configured clusters live and writes the snapshot directory contract (docs/contracts.md "Snapshot directory"), which `audit --snapshot`
 * reads back. Prints a one-line summary (and one line per gap) to stderr; stdout stays empty.
 */
export function register(program: Command, ctx: CliContext, overrides: Partial<SnapshotCommandDeps> = {}): Command {
  const deps: SnapshotCommandDeps = { ...DEFAULT_DEPS, ...overrides };
  return program
    .command('snapshot')
    .description('capture the configured clusters from AWS into a snapshot directory (the AWS CLI JSON files audit --snapshot reads)')
    .requiredOption('--config <file>', 'config file (YAML or JSON) listing the clusters')
    .requiredOption('--out <dir>', 'directory to write (created if missing; snapshot files in it are replaced)')
    .addOption(new Option('--cluster <name>', 'capture only this configured cluster (repeat for several)').argParser(collect).default([], 'every cluster'))
    .addOption(
      new Option('--iam-strategy <strategy>', 'role-scoped: the roles the clusters use; account-sweep: every role and policy of the account')
        .choices(IAM_STRATEGIES)
        .default('role-scoped'),
    )
    .addOption(new Option('--deadline <when>', DEADLINE_HELP).argParser((value: string) => parseDeadline(value)))
    .addHelpText('after', EXAMPLES)
    .action(async (opts: SnapshotOptions) => {
      ctx.exitCode = await snapshotCommand(opts, ctx, deps);
    });
}

async function snapshotCommand(opts: SnapshotOptions, ctx: CliContext, deps: SnapshotCommandDeps): Promise<number> {
  const { io } = ctx;
  const config = await deps.loadConfig(opts.config, io.env);
  const clusters = selectClusters(config.clusters, opts.cluster);
  let result: CaptureResult;
  try {
    result = await deps.capture({ clusters, dir: opts.out, iamStrategy: opts.iamStrategy, deadline: liveDeadline(opts.deadline) });
  } catch (err) {
    // A cluster that cannot be read at all (AssumeRole / GetCallerIdentity failed, wrong account, deadline before
    // the first call): nothing is written, the reason is the one line the user needs.
    if (err instanceof AwsCallError || err instanceof AccountMismatchError || err instanceof DeadlineReachedError) {
      io.stderr.write(`${PROGRAM_NAME}: snapshot not written: ${err.message}\n`);
      return EXIT_CODES.incomplete;
    }
    const fsError = err as NodeJS.ErrnoException;
    if (typeof fsError.syscall === 'string' && typeof fsError.code === 'string') {
      throw new InputError(`--out ${opts.out}: cannot write the snapshot (${fsError.code}${fsError.path === undefined ? '' : ` ${fsError.path}`})`, opts.out, undefined, { cause: err });
    }
    throw err;
  }
  io.stderr.write(`${summaryLine(result)}\n`);
  for (const gap of result.gaps) io.stderr.write(`${PROGRAM_NAME}:   not captured: ${describeGap(gap)}\n`);
  for (const note of result.notes) io.stderr.write(`${PROGRAM_NAME}:   note: ${note}\n`);
  return result.gaps.length === 0 ? EXIT_CODES.ok : EXIT_CODES.incomplete;
}

/** `kube-aws-audit: wrote snapshot/ (6 files): prod-east, staging in account 123456789012 us-west-1[; INCOMPLETE: ...]` */
export function summaryLine(result: CaptureResult): string {
  const head = `${PROGRAM_NAME}: wrote ${result.dir} (${result.files.length} files): ${result.clusters.join(', ')} in account ${result.account} ${result.region}`;
  if (result.gaps.length === 0) return head;
  return `${head}; INCOMPLETE: ${result.gaps.length} part(s) could not be read (listed below and in meta.json "gaps")`;
}

function describeGap(gap: CollectionGap): string {
  return `${gap.kind}${gap.resourceId === undefined ? '' : ` ${gap.resourceId}`} (${gap.source}): ${gap.reason}`;
}

function selectClusters(configured: readonly ClusterConfig[], names: readonly string[]): ClusterConfig[] {
  if (names.length === 0) return [...configured];
  const unknown = names.filter((n) => !configured.some((c) => c.name === n));
  if (unknown.length > 0) {
    throw new UsageError(`--cluster ${unknown.join(', ')} matches no configured cluster (configured: ${configured.map((c) => c.name).join(', ')})`);
  }
  return configured.filter((c) => names.includes(c.name));
}
