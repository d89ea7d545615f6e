/** What went wrong with an AWS call, as far as the auditor cares. */
export const AWS_ERROR_KINDS = ['access-denied', 'throttled', 'not-found', 'not-implemented', 'server', 'other'] as const;
export type AwsErrorKind = (typeof AWS_ERROR_KINDS)[number];

const CODE_KINDS: Record<string, AwsErrorKind> = {
  AccessDenied: 'access-denied',
  AccessDeniedException: 'access-denied',
  UnauthorizedOperation: 'access-denied',
  Throttling: 'throttled',
  ThrottlingException: 'throttled',
  RequestLimitExceeded: 'throttled',
  TooManyRequestsException: 'throttled',
  RequestThrottled: 'throttled',
  RequestThrottledException: 'throttled',
  NoSuchEntity: 'not-found',
  NoSuchEntityException: 'not-found',
  NotImplemented: 'not-implemented',
  NotImplementedException: 'not-implemented',
  InternalFailure: 'server',
  InternalError: 'server',
  ServiceFailure: 'server',
  ServiceFailureException: 'server',
  ServiceUnavailable: 'server',
  ServiceUnavailableException: 'server',
  Unavailable: 'server',
};

interface ErrorLike {
  name?: unknown;
  Code?: unknown;
  Error?: { Code?: unknown };
  code?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown; attempts?: unknown };
  message?: unknown;
}

/**
 * The AWS error code of an SDK error: `Code` (query protocols), `Error.Code`, else the error's `name`.
 * SDK v3 names modelled errors `<Code>Exception` (IAM `NoSuchEntity` becomes `NoSuchEntityException`); both are known.
 */
export function awsErrorCode(error: unknown): string {
  const e = asErrorLike(error);
  for (const candidate of [e.Code, e.Error?.Code, e.name, e.code]) {
    if (typeof candidate === 'string' && candidate !== '' && candidate !== 'Error') return candidate;
  }
  return 'Error';
}

/** The HTTP status of the failed response, when the error came from one. */
export function awsHttpStatus(error: unknown): number | undefined {
  const status = asErrorLike(error).$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Classifies an AWS SDK error by its code (`err.name`, `Code`), then its HTTP status:
 * AccessDenied / AccessDeniedException / UnauthorizedOperation / 403 -> `access-denied`;
 * Throttling / ThrottlingException / RequestLimitExceeded / 429 -> `throttled`;
 * NoSuchEntity / `*.NotFound` / 404 -> `not-found`; NotImplemented / 501 -> `not-implemented`;
 * other 5xx or `$fault: 'server'` -> `server`; anything else (network, client bugs) -> `other`.
 */
export function classifyAwsError(error: unknown): AwsErrorKind {
  const code = awsErrorCode(error);
  const known = CODE_KINDS[code];
  if (known !== undefined) return known;
  if (/\.NotFound$|^NotFound$|NotFoundException$/.test(code)) return 'not-found';
  const status = awsHttpStatus(error);
  if (status === 403) return 'access-denied';
  if (status === 429) return 'throttled';
  if (status === 404) return 'not-found';
  if (status === 501) return 'not-implemented';
  if (status !== undefined && status >= 500 && status <= 599) return 'server';
  if (asErrorLike(error).$fault === 'server') return 'server';
  return 'other';
}

/**
 * One line for gaps and notes: `<code>: <message>`, plus `(after N attempts)` when the SDK retried.
 * Never includes a stack trace.
 */
export function describeAwsError(error: unknown): string {
  const e = asErrorLike(error);
  const code = awsErrorCode(error);
  const message = typeof e.message === 'string' && e.message !== '' && e.message !== code ? e.message.replace(/\s+/g, ' ').trim() : '';
  const status = awsHttpStatus(error);
  const detail = message !== '' && message !== 'UnknownError' ? message : status !== undefined ? `HTTP ${status}` : 'no message';
  const attempts = e.$metadata?.attempts;
  const retried = typeof attempts === 'number' && attempts > 1 ? ` (after ${attempts} attempts)` : '';
  return `${code}: ${detail}${retried}`;
}

function asErrorLike(error: unknown): ErrorLike {
  return typeof error === 'object' && error !== null ? (error as ErrorLike) : {};
}
