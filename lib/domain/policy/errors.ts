/**
 * Errors of the policy layer. Pure domain code throws these; adapters wrap them into input errors that name
 * the file (e.g. SnapshotError), the evaluator reports them as "could not check".
 */

/** A policy document that is not usable: not JSON, not URL-decodable, or not shaped like an IAM policy. */
export class PolicyDocumentError extends Error {
  override readonly name = 'PolicyDocumentError';
  constructor(
    /** Where the document came from, e.g. `RoleDetailList[3].RolePolicyList[0].PolicyDocument` or `role k8s-worker inline policy ec2`. */
    readonly where: string,
    /** What is wrong, without the location, e.g. `Statement: expected an object or an array`. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${where}: ${reason}`, options);
  }
}

/** Which kind of policy reference could not be resolved. */
export type UnavailablePolicyKind = 'managed' | 'boundary';

/**
 * A role refers to a managed policy or permissions boundary whose document is not available, so its
 * permissions cannot be decided. Never evaluate without it: that would hide denies and grants.
 */
export class PolicyUnavailableError extends Error {
  override readonly name = 'PolicyUnavailableError';
  constructor(
    /** ARN of the role whose policies were being gathered. */
    readonly roleArn: string,
    /** ARN of the managed policy or permissions boundary that is missing. */
    readonly policyArn: string,
    readonly kind: UnavailablePolicyKind,
    options?: { cause?: unknown; roleName?: string },
  ) {
    super(
      `role ${options?.roleName ?? roleArn} (${roleArn}): ${kind === 'boundary' ? 'permissions boundary' : 'attached managed policy'} ` +
        `${policyArn} is not in the collected data, so the role's permissions cannot be evaluated`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
  }
}

/** An evaluation request is malformed (e.g. an action name without a service prefix, or with a wildcard). */
export class InvalidEvaluationRequestError extends Error {
  override readonly name = 'InvalidEvaluationRequestError';
  constructor(
    message: string,
    /** The offending request field, e.g. `action`. */
    readonly field: string,
  ) {
    super(message);
  }
}
