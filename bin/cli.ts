import { Command } from 'commander';
import { EXIT_CODES, PROGRAM_NAME, toCliFailure } from './cli-errors.js';
import { register as registerAudit, type AuditCommandDeps } from './commands/audit.js';
import type { CliContext, CliIo } from './cli-io.js';
import { toolVersion } from './version.js';
// ---- Other commands: each module exports `register(program)` and adds its command(s) with program.command().
import { register as registerPresets } from './commands/presets.js';
import { register as registerPolicy } from './commands/policy.js';
import { register as registerSnapshot } from './commands/snapshot.js';
import { register as registerPermissions } from './commands/permissions.js';
import { register as registerExplain } from './commands/explain.js';
// ----

export type { CliIo, CliOutput } from './cli-io.js';

const EXAMPLES = `
Examples:
  # Audit the clusters of a config against an AWS CLI snapshot, as a table
  $ ${PROGRAM_NAME} audit --config audit.yaml --snapshot ./snapshot --format table

  # Audit one cluster live, write SARIF for code scanning, fail on medium and above
  $ ${PROGRAM_NAME} audit --config audit.yaml --live --cluster prod-east --format sarif --output audit.sarif --fail-on medium

  # Capture the live account once, audit it offline as often as you like
  $ ${PROGRAM_NAME} snapshot --config audit.yaml --out ./snapshot

  # The IAM policy the auditor itself needs
  $ ${PROGRAM_NAME} permissions --format policy

Exit codes:
  0  no finding at or above --fail-on      2  usage, config or input error
  1  findings at or above --fail-on        3  the audit could not complete (some checks errored)

Run "${PROGRAM_NAME} help <command>" for the options of a command.
Set DEBUG=${PROGRAM_NAME} to see the stack trace of an unexpected error.`;

/** Builds the commander program for one invocation (commander keeps parse state, so never reuse one). */
export function buildProgram(ctx: CliContext, deps: Partial<AuditCommandDeps> = {}): Command {
  const program = new Command(PROGRAM_NAME)
    .description('Audit Kubernetes clusters on AWS for what the AWS cloud provider needs: IAM, cluster tags, node identity.')
    .version(ctx.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .addHelpText('after', EXAMPLES);
  configure(program, ctx.io);
  registerAudit(program, ctx, deps);
  registerPresets(program);
  registerPolicy(program);
  registerSnapshot(program, ctx);
  registerPermissions(program, ctx);
  registerExplain(program, ctx);
  // Commands added with addCommand() do not inherit settings: make every command report through main().
  for (const command of program.commands) configure(command, ctx.io);
  return program;
}

/** Errors are thrown to main() (never process.exit), output goes to the injected streams, error text is ours. */
function configure(command: Command, io: CliIo): void {
  command.exitOverride().configureOutput({
    writeOut: (text) => void io.stdout.write(text),
    writeErr: (text) => void io.stderr.write(text),
    // main() prints the one-line message from the thrown CommanderError instead.
    outputError: () => undefined,
    getOutHelpWidth: () => io.stdout.columns ?? 80,
    getErrHelpWidth: () => io.stderr.columns ?? 80,
    getOutHasColors: () => false,
    getErrHasColors: () => false,
  });
}

/**
 * Runs the CLI in-process: parses `argv` (the arguments after the program name), runs the command and returns the
 * exit code of the contract (0 ok, 1 findings at or above --fail-on, 2 usage/config/input error, 3 incomplete).
 * Never throws and never calls process.exit; errors become one line `kube-aws-audit: <message>` on `io.stderr`.
 */
export async function main(argv: readonly string[], io: CliIo, deps: Partial<AuditCommandDeps> = {}): Promise<number> {
  try {
    const ctx: CliContext = { io, version: toolVersion(), exitCode: EXIT_CODES.ok };
    const program = buildProgram(ctx, deps);
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (err) {
    const failure = toCliFailure(err, io.env);
    for (const line of failure.lines) io.stderr.write(`${line}\n`);
    return failure.exitCode;
  }
}
