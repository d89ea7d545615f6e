import type { AwsErrorKind } from './classify-aws-error.js';

/**
 * Errors of the AWS adapter layer (docs/architecture.md "Errors"). Every SDK failure is wrapped once, at the adapter boundary,
 * into an {@link AwsCallError} that names the operation, region and resource; our own errors pass through unchanged.
 */

/** One AWS API call failed after the SDK's own retries. */
export class AwsCallError extends Error {
  override readonly name = 'AwsCallError';
  /** `service:Operation`, e.g. `ec2:DescribeSubnets`. */
  readonly operation: string;
  readonly region: string;
  /** The resource the call was about, when there was one (role ARN, policy ARN, ...). */
  readonly arn?: string;
  readonly kind: AwsErrorKind;
  /** The AWS error code, e.g. `AccessDenied`, `Throttling`, or the error name for non-AWS failures. */
  readonly code: string;
  /** `<code>: <AWS message>` (plus the attempt count when the SDK retried): the reason recorded in gaps and notes. */
  readonly reason: string;

  constructor(init: { operation: string; region: string; arn?: string; kind: AwsErrorKind; code: string; reason: string; cause: unknown }) {
    super(`${init.operation} failed in ${init.region}${init.arn === undefined ? '' : ` for ${init.arn}`}: ${init.reason}`, { cause: init.cause });
    this.operation = init.operation;
    this.region = init.region;
    if (init.arn !== undefined) this.arn = init.arn;
    this.kind = init.kind;
    this.code = init.code;
    this.reason = init.reason;
  }
}

/** The configured deadline passed before (or while) an operation ran; no further calls are issued. */
export class DeadlineReachedError extends Error {
  override readonly name = 'DeadlineReachedError';
  /** The text recorded in gaps: `deadline reached before ec2:DescribeSubnets`. */
  readonly reason: string;
  constructor(
    readonly operation: string,
    readonly region: string,
    options?: { cause?: unknown; during?: boolean },
  ) {
    const reason = `deadline reached ${options?.during === true ? 'during' : 'before'} ${operation}`;
    super(`${reason} (${region})`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
  }
}

/**
 * The credentials in use belong to another account than the cluster's configured `account`. The cluster cannot be
 * audited (its roles and instances would be another account's); the run reports it as an error for that cluster.
 */
export class AccountMismatchError extends Error {
  override readonly name = 'AccountMismatchError';
  constructor(
    readonly cluster: string,
    readonly expectedAccount: string,
    readonly actualAccount: string,
    /** The caller ARN STS reported, to show which credentials were used. */
    readonly callerArn: string,
  ) {
    super(
      `cluster ${cluster}: configured account ${expectedAccount} but the AWS credentials are for account ${actualAccount} ` +
        `(${callerArn}); set assumeRoleArn to a role in ${expectedAccount} or use credentials of that account`,
    );
  }
}
