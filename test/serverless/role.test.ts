/**
 * The roles of the deployed service, read from the template `serverless package` generates (osls, offline), held
 * to exactly what each function calls (handlers/support/service-permissions.ts), both ways, and analysed with the
 * project's own IAM evaluator. Packaging takes a while: the template is built twice (defaults; SSM config and a KMS
 * topic) in beforeAll.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { functionActions, SERVICE_FUNCTIONS, type DeploymentOptions, type ServiceFunction } from '../../handlers/support/service-permissions.js';
import { PRIVILEGE_ESCALATION_ACTION_NAMES } from '../../lib/domain/checks/iam/privilege-escalation.js';
import type { PolicyDocument } from '../../lib/domain/model/account-view.js';
import { catalog } from '../../lib/domain/policy/catalog/index.js';
import { compilePolicySet } from '../../lib/domain/policy/evaluator/index.js';
import { ACCOUNT, functionRole, packageService, REGION, type PackagedTemplate, type RoleStatement } from './support/packaged-template.js';

const LOGICAL_ID: Record<ServiceFunction, string> = { dispatch: 'DispatchLambdaFunction', auditWorker: 'AuditWorkerLambdaFunction', onDemandAudit: 'OnDemandAuditLambdaFunction' };
const DEMO = { configFile: 'fixtures/demo/config.yaml' };
const KMS_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/0e6b6fb8-1111-2222-3333-444455556666`;

/** Actions outside the catalogue that matter for these roles, spelled out as probes. */
const EXTRA_PROBES = [
  'sns:Publish', 'sns:PublishBatch', 'sns:Subscribe', 'sns:CreateTopic', 'sns:DeleteTopic', 'sns:SetTopicAttributes',
  'sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:PurgeQueue', 'sqs:SetQueueAttributes',
  'ssm:GetParameter', 'ssm:GetParameters', 'ssm:PutParameter', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:Encrypt',
  'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:CreateLogGroup', 'logs:DeleteLogGroup', 's3:DeleteObject', 's3:GetBucketPolicy',
];

function document(statements: RoleStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements.map(({ Sid, Effect, Action, Resource, Condition }) => ({ ...(Sid === undefined ? {} : { Sid }), Effect, Action, Resource, ...(Condition === undefined ? {} : { Condition }) })) } as PolicyDocument;
}

function analyse(statements: RoleStatement[]) {
  const policy = compilePolicySet({ identityPolicies: [{ id: 'role', document: document(statements) }] });
  const resources = ['*', ...new Set(statements.flatMap((s) => s.Resource))];
  return {
    allowed: (action: string, resource: string) => policy.evaluate({ action, resource }).decision === 'allowed',
    allowedSomewhere: (action: string) => resources.some((resource) => policy.evaluate({ action, resource }).decision === 'allowed'),
  };
}

describe('the packaged service (serverless package)', () => {
  let defaults: PackagedTemplate;
  let withOptions: PackagedTemplate;
  beforeAll(() => {
    const a = packageService(DEMO);
    if (a.status !== 0) throw new Error(`serverless package failed:\n${a.output}`);
    defaults = a.template;
    const b = packageService({ ...DEMO, configParameter: '/kube-aws-audit/config', alertTopicKmsKeyArn: KMS_KEY, workerConcurrency: '7' });
    if (b.status !== 0) throw new Error(`serverless package failed:\n${b.output}`);
    withOptions = b.template;
  }, 600_000);

  describe.each([
    ['defaults', () => defaults, {} as DeploymentOptions],
    ['SSM config and a KMS-encrypted topic', () => withOptions, { configParameter: true, topicKey: true } as DeploymentOptions],
  ])('roles (%s)', (_label, template, options) => {
    it.each(SERVICE_FUNCTIONS)('%s has its own role, granting exactly the actions it calls: no more, no fewer', (fn) => {
      const { roleId, statements } = functionRole(template(), LOGICAL_ID[fn]);

      for (const s of statements) {
        expect(s.Effect).toBe('Allow');
        expect(s.NotAction).toBeUndefined();
        expect(s.NotResource).toBeUndefined();
        for (const action of s.Action) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+$/);
      }
      expect([...new Set(statements.flatMap((s) => s.Action))].sort()).toEqual(functionActions(fn, options));
      const others = SERVICE_FUNCTIONS.filter((f) => f !== fn).map((f) => functionRole(template(), LOGICAL_ID[f]).roleId);
      expect(others).not.toContain(roleId);
    });

    it.each(SERVICE_FUNCTIONS)('%s: our IAM analysis allows no action beyond its manifest, in any service or through a wildcard', (fn) => {
      const { statements } = functionRole(template(), LOGICAL_ID[fn]);
      const { allowedSomewhere } = analyse(statements);
      const probes = [...catalog.allActions(), ...EXTRA_PROBES, ...catalog.services().map((service) => `${service}:KubeAwsAuditProbe`)];

      const allowed = [...new Set(probes.filter(allowedSomewhere).map((a) => a.toLowerCase()))].sort();

      expect(allowed).toEqual(functionActions(fn, options).map((a) => a.toLowerCase()).sort());
      expect(allowedSomewhere('iam:PassRole')).toBe(false);
    });
  });

  it('scopes every write: dispatch sends only to the audit queue, the worker publishes only to the topic and writes only under reports/', () => {
    const dispatch = analyse(functionRole(defaults, LOGICAL_ID.dispatch).statements);
    const worker = analyse(functionRole(defaults, LOGICAL_ID.auditWorker).statements);
    const onDemand = analyse(functionRole(defaults, LOGICAL_ID.onDemandAudit).statements);
    const queue = `arn:aws:sqs:${REGION}:${ACCOUNT}:auditqueue`;
    const topic = `arn:aws:sns:${REGION}:${ACCOUNT}:alerttopic`;

    expect(dispatch.allowed('sqs:SendMessage', queue)).toBe(true);
    expect(dispatch.allowed('sqs:SendMessage', `arn:aws:sqs:${REGION}:${ACCOUNT}:auditdeadletterqueue`)).toBe(false);
    expect(worker.allowed('sqs:ReceiveMessage', queue)).toBe(true);
    expect(worker.allowed('sns:Publish', topic)).toBe(true);
    expect(worker.allowed('sns:Publish', '*')).toBe(false);
    expect(worker.allowed('s3:PutObject', 'arn:aws:s3:::statebucket/reports/state/123456789012/us-west-1/prod-east.json')).toBe(true);
    expect(worker.allowed('s3:PutObject', 'arn:aws:s3:::statebucket/other/x.json')).toBe(false);
    expect(worker.allowed('sts:AssumeRole', '*')).toBe(false);
    expect(worker.allowed('sts:AssumeRole', 'arn:aws:iam::210987654321:role/kube-aws-audit-reader')).toBe(true);
    // On demand: reads the states, never writes them; stores only a too-large report of its own.
    expect(onDemand.allowed('s3:GetObject', 'arn:aws:s3:::statebucket/reports/state/123456789012/us-west-1/prod-east.json')).toBe(true);
    expect(onDemand.allowed('s3:PutObject', 'arn:aws:s3:::statebucket/reports/state/123456789012/us-west-1/prod-east.json')).toBe(false);
    expect(onDemand.allowed('s3:PutObject', 'arn:aws:s3:::statebucket/reports/runs/r-1/on-demand.json')).toBe(true);
    for (const role of [worker, onDemand]) expect(PRIVILEGE_ESCALATION_ACTION_NAMES.filter((a) => role.allowed(a, '*'))).toEqual([]);
  });

  it('scopes the SSM parameter and the topic key when they are configured', () => {
    const worker = analyse(functionRole(withOptions, LOGICAL_ID.auditWorker).statements);

    expect(worker.allowed('ssm:GetParameter', `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/kube-aws-audit/config`)).toBe(true);
    expect(worker.allowed('ssm:GetParameter', `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/other`)).toBe(false);
    expect(worker.allowed('kms:GenerateDataKey', KMS_KEY)).toBe(true);
    expect(worker.allowed('kms:GenerateDataKey', '*')).toBe(false);
  });

  it('consumes the queue one job at a time, with maximumConcurrency, partial batch failures, a DLQ after 3 receives and a visibility timeout above the worker timeout', () => {
    const mapping = Object.values(withOptions.Resources).find((r) => r.Type === 'AWS::Lambda::EventSourceMapping')?.Properties ?? {};
    const queue = withOptions.Resources.AuditQueue?.Properties ?? {};
    const worker = withOptions.Resources.AuditWorkerLambdaFunction?.Properties ?? {};

    expect(mapping).toMatchObject({ BatchSize: 1, FunctionResponseTypes: ['ReportBatchItemFailures'], ScalingConfig: { MaximumConcurrency: 7 } });
    expect(mapping.EventSourceArn).toEqual({ 'Fn::GetAtt': ['AuditQueue', 'Arn'] });
    expect(queue.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': ['AuditDeadLetterQueue', 'Arn'] }, maxReceiveCount: 3 });
    expect(Number(queue.VisibilityTimeout)).toBeGreaterThan(Number(worker.Timeout));
    // The dispatch runs on the schedule; the on-demand function has no trigger (direct invoke).
    const rules = Object.values(withOptions.Resources).filter((r) => r.Type === 'AWS::Events::Rule');
    expect(rules).toHaveLength(1);
    expect(JSON.stringify(rules[0]?.Properties?.Targets)).toContain('DispatchLambdaFunction');
  });

  it('alarms on DLQ depth and on worker errors to the operations topic', () => {
    const alarms = Object.values(defaults.Resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm').map((r) => r.Properties ?? {});
    const dlq = alarms.find((a) => a.Namespace === 'AWS/SQS');
    const errors = alarms.find((a) => a.MetricName === 'Errors' && JSON.stringify(a.Dimensions).includes('AuditWorkerLambdaFunction'));

    expect(dlq?.Dimensions).toEqual([{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['AuditDeadLetterQueue', 'QueueName'] } }]);
    expect(errors).toBeDefined();
    for (const alarm of [dlq, errors]) expect(JSON.stringify(alarm?.AlarmActions)).toContain('OpsTopic');
  });

  it('publishes to an existing topic given as a parameter instead of creating one', () => {
    const env = (defaults.Resources.AuditWorkerLambdaFunction?.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;

    expect(env.ALERT_TOPIC_ARN).toEqual({ 'Fn::If': ['CreateAlertTopic', { Ref: 'AlertTopic' }, 'none'] });
    expect(defaults.Resources.AlertTopic?.Condition).toBe('CreateAlertTopic');
    expect(env.CONFIG_FILE).toBe('fixtures/demo/config.yaml');
  });
});

describe('serverless package without a config', () => {
  it('refuses to package functions that would have no config, saying what to do', () => {
    const result = packageService({ configFile: 'does-not-exist.yaml' });

    expect(result.status).not.toBe(0);
    expect(result.output).toContain('no audit config to bundle: does-not-exist.yaml does not exist');
    expect(result.output).toContain('configParameter');
  }, 300_000);
});
