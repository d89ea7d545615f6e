import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { ClusterJob } from '../../app/cluster-job.js';
import type { JobQueue } from '../../app/dispatch.js';
import { describeAwsError } from '../aws/classify-aws-error.js';

/** The IAM actions {@link SqsJobQueue} calls, on the audit queue. */
export const SQS_JOB_QUEUE_PERMISSIONS = ['sqs:SendMessage'] as const;

/** Entries of one SendMessageBatch (the SQS maximum). */
const BATCH = 10;

/** A batch entry that SQS did not accept, after one retry of the failed entries. */
export class JobQueueError extends Error {
  override readonly name = 'JobQueueError';
}

/**
 * Sends cluster jobs to the audit queue, ten per `SendMessageBatch`. Entries SQS reports as failed (a batch
 * call can partly fail) are sent once more; what still fails rejects, naming the clusters, so the dispatch fails
 * and its errors alarm fires instead of a cluster silently not being audited.
 */
export class SqsJobQueue implements JobQueue {
  static readonly permissions = SQS_JOB_QUEUE_PERMISSIONS;
  private readonly client: SQSClient;

  constructor(
    private readonly queueUrl: string,
    client?: SQSClient,
  ) {
    this.client = client ?? new SQSClient({});
  }

  async send(jobs: readonly ClusterJob[]): Promise<number> {
    let sent = 0;
    for (let i = 0; i < jobs.length; i += BATCH) {
      let pending = jobs.slice(i, i + BATCH).map((job, j) => ({ Id: String(i + j), MessageBody: JSON.stringify(job), job }));
      for (let attempt = 0; attempt < 2 && pending.length > 0; attempt += 1) {
        let failed: string[];
        try {
          const output = await this.client.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: pending.map(({ Id, MessageBody }) => ({ Id, MessageBody })) }));
          failed = (output.Failed ?? []).map((f) => f.Id ?? '');
          sent += pending.length - failed.length;
          if (failed.length > 0 && attempt === 1) {
            const reasons = (output.Failed ?? []).map((f) => `${pending.find((p) => p.Id === f.Id)?.job.cluster ?? f.Id}: ${f.Code ?? ''} ${f.Message ?? ''}`.trim());
            throw new JobQueueError(`SQS did not accept ${failed.length} job(s) on ${this.queueUrl}: ${reasons.join('; ')}`);
          }
        } catch (error) {
          if (error instanceof JobQueueError) throw error;
          throw new JobQueueError(`cannot send ${pending.length} job(s) to ${this.queueUrl}: ${describeAwsError(error)}`, { cause: error });
        }
        pending = pending.filter((p) => failed.includes(p.Id));
      }
    }
    return sent;
  }
}
