import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { createClients, type AwsClients, type ClientFactory, type ClientOptions } from '../../lib/adapters/aws/create-clients.js';
import { FEWEST_CALLS, LiveAccountSource } from '../../lib/adapters/live/live-account-source.js';
import { SnsPublisher } from '../../lib/adapters/sns/sns-publisher.js';
import { SqsJobQueue } from '../../lib/adapters/sqs/sqs-job-queue.js';
import { S3ClusterStateStore } from '../../lib/adapters/state/s3-cluster-state-store.js';
import { S3ReportStore } from '../../lib/adapters/state/s3-report-store.js';
import { AssumedRoleCredentialCache } from '../../lib/adapters/sts/assumed-role-credentials.js';
import type { AlertPublisher, ClusterStateStore, ReportStore } from '../../lib/app/delivery-ports.js';
import type { JobQueue } from '../../lib/app/dispatch.js';
import type { AccountSource } from '../../lib/app/ports.js';
import type { AuditConfig } from '../../lib/domain/config/schema.js';
import { loadHandlerConfig } from './handler-config.js';
import { describeError } from '../../lib/domain/describe-error.js';

/** Environment variables of the service (serverless.yml sets them). */
export const SERVICE_ENV = {
  /** Bucket of the previous reports; without it every scheduled run is a first run. */
  stateBucket: 'STATE_BUCKET',
  /** Key prefix in the bucket. Default `reports/`. */
  statePrefix: 'STATE_PREFIX',
  /** `tool.version` of the reports. */
  toolVersion: 'TOOL_VERSION',
  /** URL of the audit queue (dispatch sends cluster jobs to it). */
  auditQueueUrl: 'AUDIT_QUEUE_URL',
} as const;

/** Time kept back from the collect stage for evaluating, storing and publishing. */
const FINISH_MS = 30_000;

/** What a handler uses: built once per container (module scope), shared by its invocations. */
export interface HandlerRuntime {
  logger: Logger;
  metrics: Metrics;
  publisher: AlertPublisher;
  /** Read-only view of the scheduled runs' state, for the on-demand audit's new/resolved. */
  store?: ReportStore;
  /** The per-cluster state with conditional writes (worker). */
  clusterStore?: ClusterStateStore;
  /** The audit queue (dispatch). */
  queue?: JobQueue;
  /** The service's alert topic (ALERT_TOPIC_ARN). */
  topicArn?: string;
  toolVersion: string;
  /** The config, parsed on first use and kept (a failure is not kept: the next invocation tries again). */
  config(): Promise<AuditConfig>;
  /** A live collect stage that stops issuing AWS calls in time for this invocation to finish. */
  liveSource(context: Pick<Context, 'getRemainingTimeInMillis'>): AccountSource;
}

/** Options of {@link createRuntime}. */
export interface RuntimeOptions {
  /** Builds the live engine's IAM, EC2 and STS clients. Default {@link createClients} (memoized per region). */
  clientFactory?: ClientFactory;
  /** Overrides of the delivery adapters (tests, `npm run invoke:demo`). */
  publisher?: AlertPublisher;
  clusterStore?: ClusterStateStore;
  store?: ReportStore;
  queue?: JobQueue;
  loadConfig?: () => Promise<AuditConfig>;
}

/** Builds the runtime from the environment: Powertools logger and metrics, SNS publisher, S3 store, live source. */
export function createRuntime(env: NodeJS.ProcessEnv = process.env, options: RuntimeOptions = {}): HandlerRuntime {
  const bucket = env[SERVICE_ENV.stateBucket]?.trim();
  const prefix = env[SERVICE_ENV.statePrefix]?.trim() || 'reports/';
  const queueUrl = env[SERVICE_ENV.auditQueueUrl]?.trim();
  const topicArn = env.ALERT_TOPIC_ARN?.trim();
  const hasBucket = bucket !== undefined && bucket !== '';
  const clusterStore = options.clusterStore ?? (hasBucket ? new S3ClusterStateStore({ bucket, prefix }) : undefined);
  // The on-demand audit reads the scheduled runs' per-cluster state: `<prefix>state/<account>/<region>/<cluster>.json`.
  const store = options.store ?? (hasBucket ? new S3ReportStore({ bucket, prefix: `${prefix}state/` }) : undefined);
  const queue = options.queue ?? (queueUrl === undefined || queueUrl === '' ? undefined : new SqsJobQueue(queueUrl));
  const clientFactory = memoizedClientFactory(options.clientFactory ?? createClients);
  const credentialCache = new AssumedRoleCredentialCache();
  let config: Promise<AuditConfig> | undefined;
  return {
    logger: new Logger({ serviceName: env.POWERTOOLS_SERVICE_NAME ?? 'kube-aws-audit' }),
    metrics: new Metrics({ namespace: env.POWERTOOLS_METRICS_NAMESPACE ?? 'kube-aws-audit', serviceName: env.POWERTOOLS_SERVICE_NAME ?? 'kube-aws-audit' }),
    publisher: options.publisher ?? new SnsPublisher(),
    ...(store === undefined ? {} : { store }),
    ...(clusterStore === undefined ? {} : { clusterStore }),
    ...(queue === undefined ? {} : { queue }),
    ...(topicArn === undefined || topicArn === '' ? {} : { topicArn }),
    toolVersion: env[SERVICE_ENV.toolVersion]?.trim() || 'unknown',
    config() {
      config ??= (options.loadConfig ?? (() => loadHandlerConfig(env)))().catch((error: unknown) => {
        config = undefined;
        throw error;
      });
      return config;
    },
    liveSource(context) {
      const remaining = context.getRemainingTimeInMillis();
      const deadline = new Date(Date.now() + remaining - Math.min(FINISH_MS, remaining / 4));
      return new LiveAccountSource({ ...FEWEST_CALLS, deadline, clientFactory, credentialCache });
    },
  };
}

/**
 * A client factory that keeps the clients of the function's own credentials per region and retry settings, so
 * warm invocations reuse them (and their connections). Clients with assumed-role credentials are built per cluster.
 */
export function memoizedClientFactory(factory: ClientFactory): ClientFactory {
  const cache = new Map<string, AwsClients>();
  return (options: ClientOptions) => {
    if (options.credentials !== undefined) return factory(options);
    const key = `${options.region}|${options.maxAttempts ?? ''}|${options.retryMode ?? ''}`;
    let clients = cache.get(key);
    if (clients === undefined) {
      clients = factory(options);
      cache.set(key, clients);
    }
    return clients;
  };
}

/**
 * In Lambda (AWS_LAMBDA_FUNCTION_NAME set), starts reading and validating the config during the init phase, so a
 * bad SSM parameter or file is reported (logged, naming the source and field) at cold start; the first invocation
 * then fails with the same error instead of auditing anything.
 */
export function validatedAtColdStart(runtime: HandlerRuntime, env: NodeJS.ProcessEnv = process.env): HandlerRuntime {
  if (env.AWS_LAMBDA_FUNCTION_NAME !== undefined) {
    runtime.config().catch((error: unknown) => {
      runtime.logger.error('the audit config is invalid', { reason: describeError(error) });
    });
  }
  return runtime;
}
