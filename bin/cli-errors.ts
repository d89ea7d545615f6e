import { CommanderError } from 'commander';
import { InputError } from '../lib/app/errors.js';
import { describeError, oneLine } from '../lib/domain/describe-error.js';

/** The process exit codes of the CLI contract (docs/contracts.md "CLI"). */
export const EXIT_CODES = {
  /** No finding at or above `--fail-on`. */
  ok: 0,
  /** Findings at or above `--fail-on`. */
  findings: 1,
  /** Usage, config or input error. */
  usage: 2,
  /** The audit could not complete (some checks errored), or an unexpected failure. */
  incomplete: 3,
} as const;
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** The program name every error line starts with. */
export const PROGRAM_NAME = 'kube-aws-audit';

/** The DEBUG value that makes unexpected errors print their stack. */
export const DEBUG_NAMESPACE = 'kube-aws-audit';

/** What the CLI prints for an error and the exit code it ends with. */
export interface CliFailure {
  /** Lines for stderr, each without a trailing newline. The first is always `kube-aws-audit: <message>`. */
  lines: string[];
  exitCode: ExitCode;
}

/** Commander codes that are not failures: the help or version was printed on request. */
const COMMANDER_SUCCESS = new Set(['commander.helpDisplayed', 'commander.version']);

/** True when DEBUG names this tool (`DEBUG=kube-aws-audit`, `DEBUG=kube-aws-audit*`, `DEBUG=*`). */
export function debugEnabled(env: Readonly<Record<string, string | undefined>>): boolean {
  return (env.DEBUG ?? '')
    .split(/[\s,]+/)
    .some((part) => part === '*' || part === DEBUG_NAMESPACE || part === `${DEBUG_NAMESPACE}*` || part === `${DEBUG_NAMESPACE}:*`);
}

export { oneLine };

/** An InputError's message, with its file and path prepended when the message does not name them already. */
function inputMessage(err: InputError): string {
  const message = oneLine(err.message);
  const where = [err.file !== undefined && !message.includes(err.file) ? err.file : undefined,
    err.path !== undefined && !message.includes(err.path) ? err.path : undefined]
    .filter((p): p is string => p !== undefined)
    .join(': ');
  return where === '' ? message : `${where}: ${message}`;
}

/**
 * Maps anything thrown while parsing or running a command to stderr lines and an exit code. Never a stack trace,
 * except for unexpected errors when DEBUG names this tool.
 *
 * - commander's help/version requests: exit 0, no lines;
 * - commander usage errors (unknown option, invalid choice, missing required option): exit 2, its message;
 * - InputError and subclasses (config, snapshot, usage): exit 2, the message naming file and field;
 * - anything else: exit 3 (the audit could not complete), one line and a hint to set DEBUG for the stack.
 */
export function toCliFailure(err: unknown, env: Readonly<Record<string, string | undefined>>): CliFailure {
  if (err instanceof CommanderError) {
    if (COMMANDER_SUCCESS.has(err.code)) return { lines: [], exitCode: EXIT_CODES.ok };
    // `commander.help`: help printed to stderr because no command was given; the help is the message.
    if (err.code === 'commander.help') return { lines: [], exitCode: EXIT_CODES.usage };
    return { lines: [`${PROGRAM_NAME}: ${oneLine(err.message.replace(/^error:\s*/, ''))}`], exitCode: EXIT_CODES.usage };
  }
  if (err instanceof InputError) return { lines: [`${PROGRAM_NAME}: ${inputMessage(err)}`], exitCode: EXIT_CODES.usage };
  const message = describeError(err, { name: false });
  if (debugEnabled(env)) {
    const stack = err instanceof Error && err.stack !== undefined ? err.stack.split('\n') : [];
    return { lines: [`${PROGRAM_NAME}: unexpected error: ${message}`, ...stack], exitCode: EXIT_CODES.incomplete };
  }
  return {
    lines: [`${PROGRAM_NAME}: unexpected error: ${message} (set DEBUG=${DEBUG_NAMESPACE} for the stack trace)`],
    exitCode: EXIT_CODES.incomplete,
  };
}
