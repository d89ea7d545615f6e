/** A writable stream as the CLI needs it; `process.stdout` and `process.stderr` satisfy it. */
export interface CliOutput {
  write(text: string): unknown;
  /** True when a terminal is attached (progress, colours and the table default depend on it). */
  isTTY?: boolean;
  columns?: number;
}

/** The process surroundings of one CLI run, injected so tests need no child process. */
export interface CliIo {
  stdout: CliOutput;
  stderr: CliOutput;
  env: Readonly<Record<string, string | undefined>>;
}

/** Shared by the commands of one run: the streams, and the exit code the command sets. */
export interface CliContext {
  io: CliIo;
  /** The package version, for `--version` and the report's `tool.version`. */
  version: string;
  exitCode: number;
}
