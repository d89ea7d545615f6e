import type { AwsCallContext } from '../../../../lib/adapters/aws/call-aws.js';
import { Deadline, type DeadlineInput } from '../../../../lib/adapters/aws/deadline.js';
import { limit } from '../../../../lib/adapters/aws/limit.js';

/** A call context for adapter tests: us-west-1, a generous cap, an optional deadline. */
export function testContext(options: { concurrency?: number; deadline?: DeadlineInput } = {}): AwsCallContext {
  return { region: 'us-west-1', limiter: limit(options.concurrency ?? 8), deadline: new Deadline(options.deadline) };
}
