import { awsErrorCode, classifyAwsError, describeAwsError } from './classify-aws-error.js';
import { Deadline } from './deadline.js';
import { AwsCallError, DeadlineReachedError } from './errors.js';
import type { Limiter } from './limit.js';
import { missingMembers } from './response-shape.js';
import { awsTimeouts } from './timeouts.js';

/** What every AWS call of one service in one region shares. */
export interface AwsCallContext {
  region: string;
  limiter: Limiter;
  deadline: Deadline;
  /** Longest one call may take, retries included; default {@link awsTimeouts}().callMs. */
  callTimeoutMs?: number;
}

/** Options the SDK's `client.send(command, options)` accepts that we use. */
export interface SendOptions {
  abortSignal?: AbortSignal;
}

/**
 * Runs one AWS call under the service's concurrency cap and the deadline, and wraps any SDK failure into an
 * {@link AwsCallError} naming the operation (after the SDK's own retries). Not started once the deadline is
 * reached: throws {@link DeadlineReachedError} instead. A success whose body parsed into none of the members the
 * operation always returns (an empty or shapeless HTTP 200, see {@link missingMembers}) is sent once more, then
 * raised as an `EmptyResponse` {@link AwsCallError} (kind `server`), never read as "no resources".
 *
 * @param operation `service:Operation`, e.g. `iam:GetRole` (also the IAM action the call needs)
 * @param arn the resource the call is about, for the error message
 * @param send performs the call, e.g. `(options) => client.send(new GetRoleCommand(input), options)`
 */
export async function callAws<T>(
  context: AwsCallContext,
  operation: string,
  arn: string | undefined,
  send: (options: SendOptions) => Promise<T>,
): Promise<T> {
  return context.limiter(async () => {
    if (context.deadline.reached()) throw new DeadlineReachedError(operation, context.region);
    const callMs = context.callTimeoutMs ?? awsTimeouts().callMs;
    const timeout = AbortSignal.timeout(callMs);
    const deadlineSignal = context.deadline.signal();
    const abortSignal = deadlineSignal === undefined ? timeout : AbortSignal.any([deadlineSignal, timeout]);
    try {
      const options = { abortSignal };
      let response = await send(options);
      let missing = missingMembers(operation, response);
      if (missing.length > 0) {
        response = await send(options);
        missing = missingMembers(operation, response);
      }
      if (missing.length > 0) {
        const reason = `EmptyResponse: HTTP 200 without ${missing.join(', ')} in the body, twice (an empty or shapeless answer); nothing was read`;
        throw new AwsCallError({ operation, region: context.region, ...(arn === undefined ? {} : { arn }), kind: 'server', code: 'EmptyResponse', reason, cause: undefined });
      }
      return response;
    } catch (error) {
      // Our own errors (e.g. from a credentials provider running inside the SDK) pass through unchanged.
      if (isCallFailure(error)) throw error;
      if (context.deadline.reached()) throw new DeadlineReachedError(operation, context.region, { cause: error, during: true });
      if (timeout.aborted) {
        const reason = `TimeoutError: no complete answer within ${callMs / 1000} s (retries included); nothing was read`;
        throw new AwsCallError({ operation, region: context.region, ...(arn === undefined ? {} : { arn }), kind: 'server', code: 'TimeoutError', reason, cause: error });
      }
      throw new AwsCallError({
        operation,
        region: context.region,
        ...(arn === undefined ? {} : { arn }),
        kind: classifyAwsError(error),
        code: awsErrorCode(error),
        reason: describeAwsError(error),
        cause: error,
      });
    }
  });
}

/** True for errors {@link callAws} raises (so callers can turn them into gaps and re-throw anything else). */
export function isCallFailure(error: unknown): error is AwsCallError | DeadlineReachedError {
  return error instanceof AwsCallError || error instanceof DeadlineReachedError;
}
