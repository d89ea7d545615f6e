import { Command, Option } from 'commander';
import { loadConfig } from '../../lib/adapters/config/index.js';
import { UsageError } from '../../lib/app/errors.js';
import { explainConfiguredCluster } from '../../lib/app/explain-cluster.js';
import type { AccountSource } from '../../lib/app/ports.js';
import type { AuditConfig } from '../../lib/domain/config/schema.js';
import { EXPLAIN_FORMATS, renderExplanation, type ExplainFormat } from '../../lib/domain/provider/render-explain.js';
import { EXIT_CODES, PROGRAM_NAME } from '../cli-errors.js';
import type { CliContext } from '../cli-io.js';
import { createAccountSource, type SourceChoice } from './account-source.js';
import { DEADLINE_HELP, parseDeadline } from './deadline-option.js';

/** What the explain command calls; injectable so tests run it in-process without AWS. */
export interface ExplainCommandDeps {
  loadConfig(file: string, env: Readonly<Record<string, string | undefined>>): AuditConfig | Promise<AuditConfig>;
  createSource(choice: SourceChoice, config: AuditConfig): AccountSource | Promise<AccountSource>;
}

const DEFAULT_DEPS: ExplainCommandDeps = { loadConfig, createSource: createAccountSource };

interface ExplainOptions {
  config: string;
  cluster: string;
  snapshot?: string;
  live?: boolean;
  format?: ExplainFormat;
  deadline?: Date;
}

const EXAMPLES = `
Examples:
  # Why is an internet-facing Service stuck in Pending? What the provider would pick, per AZ and type
  $ ${PROGRAM_NAME} explain --config fixtures/demo/config.yaml --snapshot fixtures/demo/snapshot --cluster staging

  # The same from the live account, as JSON
  $ ${PROGRAM_NAME} explain --config audit.yaml --live --cluster prod-east --format json

Exit codes: 0 explained; 2 usage, config or input error; 3 some data could not be collected (the output lists it).`;

/** Adds `explain` to the program. */
export function register(program: Command, ctx: CliContext, overrides: Partial<ExplainCommandDeps> = {}): Command {
  const deps: ExplainCommandDeps = { ...DEFAULT_DEPS, ...overrides };
  return program
    .command('explain')
    .description('show what the cloud provider would decide for a cluster: load-balancer subnets per AZ and type, route table, security groups, node names')
    .requiredOption('--config <file>', 'config file (YAML or JSON) listing the clusters')
    .requiredOption('--cluster <name>', 'the configured cluster to explain')
    .addOption(new Option('--snapshot <dir>', 'read the account from a snapshot directory of AWS CLI JSON files').conflicts('live'))
    .addOption(new Option('--live', 'read the account from AWS (default credential chain, assumeRoleArn of the config)'))
    .addOption(new Option('--format <format>', 'output format (default: table when stdout is a terminal, json otherwise)').choices(EXPLAIN_FORMATS))
    .addOption(new Option('--deadline <when>', DEADLINE_HELP).argParser((value: string) => parseDeadline(value)))
    .addHelpText('after', EXAMPLES)
    .action(async (opts: ExplainOptions) => {
      const config = await deps.loadConfig(opts.config, ctx.io.env);
      const source = await deps.createSource(sourceChoice(opts), config);
      const explanation = await explainConfiguredCluster({ config, source, cluster: opts.cluster });
      const format: ExplainFormat = opts.format ?? (ctx.io.stdout.isTTY === true ? 'table' : 'json');
      ctx.io.stdout.write(renderExplanation(explanation, format));
      ctx.exitCode = explanation.gaps.length > 0 ? EXIT_CODES.incomplete : EXIT_CODES.ok;
    });
}

function sourceChoice(opts: ExplainOptions): SourceChoice {
  if (opts.snapshot !== undefined) {
    if (opts.deadline !== undefined) throw new UsageError('--deadline applies to --live only (a snapshot makes no AWS calls)');
    return { kind: 'snapshot', dir: opts.snapshot };
  }
  if (opts.live === true) return opts.deadline === undefined ? { kind: 'live' } : { kind: 'live', deadline: opts.deadline };
  throw new UsageError('explain needs --snapshot <dir> or --live');
}
