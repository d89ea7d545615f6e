/** When the collector must stop issuing AWS calls: an AbortSignal (e.g. from a Lambda's remaining time) or a Date. */
export type DeadlineInput = AbortSignal | Date;

/**
 * A deadline shared by every call of a collection. Once reached, adapters issue no new calls and record
 * gaps that say `deadline reached before <operation>`; calls in flight are aborted through {@link Deadline.signal}.
 */
export class Deadline {
  private timeoutSignal?: AbortSignal;

  constructor(
    private readonly input?: DeadlineInput,
    private readonly now: () => number = Date.now,
  ) {}

  /** True once the signal aborted or the date passed. */
  reached(): boolean {
    if (this.input === undefined) return false;
    if (this.input instanceof Date) return this.now() >= this.input.getTime();
    return this.input.aborted;
  }

  /** A signal to hand to `client.send(command, { abortSignal })`, or undefined when there is no deadline. */
  signal(): AbortSignal | undefined {
    if (this.input === undefined) return undefined;
    if (!(this.input instanceof Date)) return this.input;
    this.timeoutSignal ??= AbortSignal.timeout(Math.max(0, this.input.getTime() - this.now()));
    return this.timeoutSignal;
  }
}
