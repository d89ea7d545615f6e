import { PERMISSION_MANIFEST, type PermissionEntry } from '../../lib/adapters/permissions.js';
import { SnsPublisher } from '../../lib/adapters/sns/sns-publisher.js';
import { SqsJobQueue } from '../../lib/adapters/sqs/sqs-job-queue.js';
import { S3ClusterStateStore } from '../../lib/adapters/state/s3-cluster-state-store.js';
import { SSM_CONFIG_PERMISSIONS } from './handler-config.js';

/** The functions of serverless.yml, each with its own role. */
export const SERVICE_FUNCTIONS = ['dispatch', 'auditWorker', 'onDemandAudit'] as const;
export type ServiceFunction = (typeof SERVICE_FUNCTIONS)[number];

/** Deploy-time options that add statements to the roles (serverless.yml conditions). */
export interface DeploymentOptions {
  /** `configParameter`: the config comes from SSM. */
  configParameter?: boolean;
  /** `alertTopicKmsKeyArn`: the topic is encrypted with a customer managed key. */
  topicKey?: boolean;
}

const LOGS: PermissionEntry = { adapter: 'Lambda logs', purpose: "write the function's own log group", actions: ['logs:CreateLogStream', 'logs:PutLogEvents'] };
const SQS_EVENT_SOURCE: PermissionEntry = {
  adapter: 'SQS event source mapping',
  purpose: 'Lambda polls the audit queue with the worker role',
  actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
};
const PUBLISH: PermissionEntry = { adapter: 'SnsPublisher', purpose: 'publish the alerts to the alert topic', actions: SnsPublisher.permissions };
const TOPIC_KEY: PermissionEntry = { adapter: 'SnsPublisher (KMS topic)', purpose: "encrypt messages with the topic's KMS key", actions: ['kms:GenerateDataKey', 'kms:Decrypt'] };
const CONFIG_PARAMETER: PermissionEntry = { adapter: 'handler-config (SSM)', purpose: 'read the config parameter', actions: SSM_CONFIG_PERMISSIONS };

/**
 * Every action each deployed function calls: its role in serverless.yml is held to exactly this set, both ways
 * (test/serverless/role.test.ts reads the template `serverless package` generates).
 * - dispatch: sends the cluster jobs to the queue;
 * - auditWorker: consumes the queue, reads the accounts (the auditor's manifest, assuming roles), publishes to the
 *   topic, and reads and writes the state (cluster states, run reports, delivery records);
 * - onDemandAudit: reads the accounts and the state, publishes only when asked, stores a report too large to return.
 */
export function functionPermissions(fn: ServiceFunction, options: DeploymentOptions = {}): PermissionEntry[] {
  const common = [LOGS, ...(options.configParameter === true ? [CONFIG_PARAMETER] : [])];
  const publish = [PUBLISH, ...(options.topicKey === true ? [TOPIC_KEY] : [])];
  switch (fn) {
    case 'dispatch':
      return [...common, { adapter: 'SqsJobQueue', purpose: 'queue one job per cluster', actions: SqsJobQueue.permissions }];
    case 'auditWorker':
      return [
        ...common,
        SQS_EVENT_SOURCE,
        ...PERMISSION_MANIFEST,
        ...publish,
        { adapter: 'S3ClusterStateStore', purpose: 'read and conditionally write cluster states, run reports and delivery records', actions: S3ClusterStateStore.permissions },
      ];
    case 'onDemandAudit':
      return [
        ...common,
        ...PERMISSION_MANIFEST,
        ...publish,
        { adapter: 'ClusterStateReportView', purpose: "read the scheduled runs' cluster states", actions: ['s3:GetObject', 's3:ListBucket'] },
        { adapter: 'on-demand large response', purpose: 'store a report above the 6 MB response limit', actions: ['s3:PutObject'] },
      ];
  }
}

/** The distinct actions of a function, sorted. */
export function functionActions(fn: ServiceFunction, options: DeploymentOptions = {}): string[] {
  return [...new Set(functionPermissions(fn, options).flatMap((entry) => entry.actions))].sort();
}
