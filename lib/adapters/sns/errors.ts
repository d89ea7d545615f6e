/** Publishing an alert message to SNS failed (after the SDK's retries). */
export class SnsPublishError extends Error {
  override readonly name = 'SnsPublishError';
  readonly topicArn: string;
  /** The part of the series that failed (1-based) and the series length. */
  readonly part: { index: number; count: number };
  /** How many earlier parts were published before the failure. */
  readonly published: number;
  /** `<code>: <AWS message>`. */
  readonly reason: string;

  constructor(init: { topicArn: string; part: { index: number; count: number }; published: number; reason: string; cause: unknown }) {
    const which = init.part.count > 1 ? ` (part ${init.part.index} of ${init.part.count}; ${init.published} published before it)` : '';
    super(`sns:Publish to ${init.topicArn} failed${which}: ${init.reason}`, { cause: init.cause });
    this.topicArn = init.topicArn;
    this.part = init.part;
    this.published = init.published;
    this.reason = init.reason;
  }
}
