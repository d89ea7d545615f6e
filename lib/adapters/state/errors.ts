/** What went wrong with the previous-report store. */
export const REPORT_STORE_FAILURES = {
  /** The object could not be read (access denied, throttled, network, ...); not "first run". */
  read: 'read',
  /** The object exists but is not a kube-aws-audit report (malformed JSON, wrong shape). */
  corrupt: 'corrupt',
  /** The report could not be written. */
  write: 'write',
} as const;
export type ReportStoreFailure = (typeof REPORT_STORE_FAILURES)[keyof typeof REPORT_STORE_FAILURES];

/** The previous-report store failed; `location` names the object (e.g. `s3://bucket/reports/123456789012/us-west-1.json`). */
export class ReportStoreError extends Error {
  override readonly name = 'ReportStoreError';
  constructor(
    readonly failure: ReportStoreFailure,
    readonly location: string,
    /** One line: `<code>: <message>` or what is wrong with the stored JSON. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${failure === 'write' ? 'cannot write' : failure === 'read' ? 'cannot read' : 'unusable'} previous report ${location}: ${reason}`, options);
  }
}
