/**
 * Time bounds of every AWS call (docs/reliability.md, "Bounded work"): the SDK's request timeout defaults to none, so
 * a socket that never answers would hang the run. Each can be changed with an environment variable holding a
 * duration (`500ms`, `20s`, `2m`) or a number of milliseconds.
 */
export interface AwsTimeouts {
  /** Opening the TCP/TLS connection. */
  connectMs: number;
  /** Socket inactivity of one HTTP attempt (the SDK's `requestTimeout`); the SDK retries a timed-out attempt. */
  requestMs: number;
  /** One call including every retry; past it the call fails as `TimeoutError`. */
  callMs: number;
}

export const DEFAULT_AWS_TIMEOUTS: AwsTimeouts = { connectMs: 5_000, requestMs: 30_000, callMs: 180_000 };

export const TIMEOUT_ENV = {
  connectMs: 'KUBE_AWS_AUDIT_CONNECT_TIMEOUT',
  requestMs: 'KUBE_AWS_AUDIT_REQUEST_TIMEOUT',
  callMs: 'KUBE_AWS_AUDIT_CALL_TIMEOUT',
} as const;

const UNIT_MS = { ms: 1, s: 1000, m: 60_000 } as const;

/** Milliseconds of `500ms`, `20s`, `2m` or `1500`; undefined for anything else or a value that is not positive. */
export function parseDurationMs(text: string | undefined): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/u.exec(text ?? '');
  if (match === null) return undefined;
  const ms = Number(match[1]) * UNIT_MS[(match[2] ?? 'ms') as keyof typeof UNIT_MS];
  return ms > 0 ? Math.round(ms) : undefined;
}

/** The timeouts in force: each from its environment variable when valid, else the default. */
export function awsTimeouts(env: Readonly<Record<string, string | undefined>> = process.env): AwsTimeouts {
  return {
    connectMs: parseDurationMs(env[TIMEOUT_ENV.connectMs]) ?? DEFAULT_AWS_TIMEOUTS.connectMs,
    requestMs: parseDurationMs(env[TIMEOUT_ENV.requestMs]) ?? DEFAULT_AWS_TIMEOUTS.requestMs,
    callMs: parseDurationMs(env[TIMEOUT_ENV.callMs]) ?? DEFAULT_AWS_TIMEOUTS.callMs,
  };
}
