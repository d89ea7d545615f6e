/**
 * `npm run invoke:demo [-- --format chatbot] [-- --runs 2]`: the deployed service's dispatch and worker handlers,
 * run locally on the demo snapshot (fixtures/demo) without AWS: the queue, the state store and the topic are in
 * memory, the accounts come from the snapshot with the local IAM evaluator. Prints the SNS messages the way each
 * protocol's subscriber receives them (MessageStructure json: email, default, sqs, lambda, https).
 */
import type { SQSEvent } from 'aws-lambda';
import { loadConfig } from '../lib/adapters/config/index.js';
import { SnapshotAccountSource } from '../lib/adapters/snapshot/snapshot-account-source.js';
import { MemoryClusterStateStore } from '../lib/adapters/state/memory-cluster-state-store.js';
import type { ClusterJob } from '../lib/app/cluster-job.js';
import type { AlertPublisher } from '../lib/app/delivery-ports.js';
import type { JobQueue } from '../lib/app/dispatch.js';
import { withLocalDecisions } from '../lib/app/with-local-decisions.js';
import type { SnsMessage } from '../lib/domain/report/sns-message.js';

const DEMO_CONFIG = 'fixtures/demo/config.yaml';
const DEMO_SNAPSHOT = 'fixtures/demo/snapshot';
const TOPIC = 'arn:aws:sns:us-west-1:123456789012:kube-aws-audit';
const PROTOCOLS = ['email', 'default', 'sqs', 'lambda', 'https'] as const;

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

async function main(): Promise<void> {
  const format = option('format', 'text');
  if (format !== 'text' && format !== 'chatbot') throw new Error(`--format: expected text or chatbot, got ${format}`);
  const runs = Number(option('runs', '1'));
  process.env.POWERTOOLS_LOG_LEVEL = process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const { createRuntime } = await import('../handlers/support/runtime.js');
  const { createDispatchHandler } = await import('../handlers/dispatch.js');
  const { createAuditWorkerHandler } = await import('../handlers/audit-worker.js');

  const env = { ALERT_TOPIC_ARN: TOPIC, TOOL_VERSION: 'demo' };
  const config = await loadConfig(DEMO_CONFIG, env);
  if (config.alerts !== undefined) config.alerts = { ...config.alerts, format };
  const queued: ClusterJob[] = [];
  const queue: JobQueue = { send: async (jobs) => (queued.push(...jobs), jobs.length) };
  const published: SnsMessage[] = [];
  const publisher: AlertPublisher = { publish: async (_topic, messages) => (published.push(...messages), messages.map((_, i) => `demo-${published.length}-${i}`)) };
  const runtime = createRuntime(env, { publisher, clusterStore: new MemoryClusterStateStore(), queue, loadConfig: async () => config });
  runtime.liveSource = () => withLocalDecisions(new SnapshotAccountSource(DEMO_SNAPSHOT));
  const context = {
    functionName: 'kube-aws-audit-demo', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:us-west-1:123456789012:function:kube-aws-audit-demo',
    memoryLimitInMB: '512', awsRequestId: 'demo', logGroupName: 'demo', logStreamName: 'demo', callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 900_000, done: () => undefined, fail: () => undefined, succeed: () => undefined,
  };
  const dispatch = createDispatchHandler(runtime);
  const worker = createAuditWorkerHandler(runtime);

  for (let run = 1; run <= runs; run += 1) {
    published.length = 0;
    queued.length = 0;
    const dispatched = (await dispatch({}, context)) as { runId: string; jobs: number };
    console.log(`=== run ${run}: dispatch queued ${dispatched.jobs} job(s), run ${dispatched.runId}`);
    for (const [i, job] of queued.entries()) {
      const event: SQSEvent = {
        Records: [{
          messageId: `job-${i + 1}`, receiptHandle: `job-${i + 1}`, body: JSON.stringify(job), md5OfBody: '', messageAttributes: {},
          attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'demo', ApproximateFirstReceiveTimestamp: '0' },
          eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-west-1:123456789012:kube-aws-audit-demo-audit', awsRegion: 'us-west-1',
        }],
      };
      const before = published.length;
      const response = (await worker(event, context)) as { batchItemFailures: unknown[] };
      console.log(`--- worker: ${job.cluster} (${job.account ?? 'current-account'}, ${job.region}): ${response.batchItemFailures.length === 0 ? 'ok' : 'FAILED'}, ${published.length - before} message(s)`);
    }
    for (const message of published) {
      const body = JSON.parse(message.message) as Record<(typeof PROTOCOLS)[number], string>;
      console.log(`\n##### SNS message ${message.part.index}/${message.part.count}: ${message.subject}`);
      console.log(`MessageAttributes: ${JSON.stringify(Object.fromEntries(Object.entries(message.messageAttributes).map(([k, v]) => [k, `${v.DataType} ${v.StringValue}`])))}`);
      for (const protocol of PROTOCOLS) {
        console.log(`\n----- ${protocol} subscriber receives${protocol === 'email' || protocol === 'default' ? '' : ' (as the Message of the SNS notification JSON)'}:`);
        const text = body[protocol];
        console.log(text.trimStart().startsWith('{') ? JSON.stringify(JSON.parse(text), null, 2) : text);
      }
    }
    if (published.length === 0) console.log('\n(no SNS message: nothing changed since the previous run)');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
