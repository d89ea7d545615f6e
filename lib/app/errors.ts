/**
 * Errors the CLI maps to exit code 2 ("usage, config or input error"). The message must name the file and the
 * field or JSON path, and is printed as one line without a stack trace.
 */
export class InputError extends Error {
  override readonly name: string = 'InputError';
  constructor(
    message: string,
    /** File the problem is in, if any. */
    readonly file?: string,
    /** Path inside the file, e.g. `clusters[0].roles.worker` or `Reservations[3].Instances`. */
    readonly path?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class ConfigError extends InputError {
  override readonly name = 'ConfigError';
}

export class SnapshotError extends InputError {
  override readonly name = 'SnapshotError';
}

export class UsageError extends InputError {
  override readonly name = 'UsageError';
}
