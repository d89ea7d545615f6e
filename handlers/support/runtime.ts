import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { createClients, type AwsClients, type ClientFactory, type ClientOptions } from '../../lib/adapters/aws/create-clients.js';
import { FEWEST_CALLS, LiveAccountSource } from '../../lib/adapters/live/live-account-source.js';
import { SnsPublisher } from '../../lib/adapters/sns/sns-publisher.js';
import { S3ReportStore } from '../../lib/adapters/state/s3-report-store.js';
import { AssumedRoleCredentialCache } from '../../lib/adapters/sts/assumed-role-credentials.js';
import type { AlertPublisher, ReportStore } from '../../lib/app/delivery-ports.js';
import type { AccountSource } from '../../lib/app/ports.js';
import type { AuditConfig } from '../../lib/domain/config/schema.js';
import { loadHandlerConfig } from './handler-config.js';

/** Environment variables of the service (serverless.yml sets them). */
export const SERVICE_ENV = {
  /** Bucket of the previous reports; without it every scheduled run is a first run. */
  stateBucket: 'STATE_BUCKET',
  /** Key prefix in the bucket. Default `reports/`. */
  statePrefix: 'STATE_PREFIX',
  /** `tool.version` of the reports. */
  toolVersion: 'TOOL_VERSION',
} as const;

/** Time kept back from the collect stage for evaluating, storing and publishing. */
const FINISH_MS = 30_000;

/** What a handler uses: built once per container (module scope), shared by its invocations. */
export interface HandlerRuntime {
  logger: Logger;
  metrics: Metrics;
  publisher: AlertPublisher;
  store?: ReportStore;
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
}

/** Builds the runtime from the environment: Powertools logger and metrics, SNS publisher, S3 store, live source. */
export function createRuntime(env: NodeJS.ProcessEnv = process.env, options: RuntimeOptions = {}): HandlerRuntime {
  const bucket = env[SERVICE_ENV.stateBucket]?.trim();
  const prefix = env[SERVICE_ENV.statePrefix]?.trim();
  const clientFactory = memoizedClientFactory(options.clientFactory ?? createClients);
  const credentialCache = new AssumedRoleCredentialCache();
  let config: Promise<AuditConfig> | undefined;
  return {
    logger: new Logger({ serviceName: env.POWERTOOLS_SERVICE_NAME ?? 'kube-aws-audit' }),
    metrics: new Metrics({ namespace: env.POWERTOOLS_METRICS_NAMESPACE ?? 'kube-aws-audit', serviceName: env.POWERTOOLS_SERVICE_NAME ?? 'kube-aws-audit' }),
    publisher: new SnsPublisher(),
    ...(bucket === undefined || bucket === '' ? {} : { store: new S3ReportStore({ bucket, ...(prefix === undefined || prefix === '' ? {} : { prefix }) }) }),
    toolVersion: env[SERVICE_ENV.toolVersion]?.trim() || 'unknown',
    config() {
      config ??= loadHandlerConfig(env).catch((error: unknown) => {
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
