import { describe, expect, it } from '@jest/globals';
import { createOnDemandAuditHandler } from '../../handlers/on-demand-audit.js';
import { ConfigError } from '../../lib/app/errors.js';
import { FakePublisher } from '../support/fake-delivery.js';
import { aLambdaContext, aRuntime } from './support/handler-runtime.js';

const REPORT_KEYS = ['schemaVersion', 'tool', 'runId', 'startedAt', 'finishedAt', 'mode', 'iamEngine', 'clusters', 'summary', 'findings'];

describe('on-demand audit handler', () => {
  it('returns the Report JSON of every cluster for an empty event', async () => {
    const { runtime } = aRuntime();

    const response = (await createOnDemandAuditHandler(runtime)({}, aLambdaContext())) as Record<string, unknown>;

    expect(Object.keys(response)).toEqual(REPORT_KEYS);
    expect(response).toMatchObject({ schemaVersion: 1, tool: { name: 'kube-aws-audit', version: '1.2.3' } });
    expect((response.clusters as { name: string }[]).map((c) => c.name)).toEqual(['prod-east', 'staging']);
  });

  it('audits only the clusters and check families of the event, and adds exitCode for failOn', async () => {
    const { runtime } = aRuntime();

    const response = (await createOnDemandAuditHandler(runtime)({ clusters: ['staging'], checks: ['tags'], failOn: 'none' }, aLambdaContext())) as Record<string, unknown>;

    expect((response.clusters as { name: string }[]).map((c) => c.name)).toEqual(['staging']);
    expect((response.findings as { check: string }[]).every((f) => f.check.startsWith('tags.'))).toBe(true);
    expect(response.exitCode).toBe(0);
  });

  it('answers an invalid event with a structured error naming the event key', async () => {
    const { runtime, added } = aRuntime();

    const response = await createOnDemandAuditHandler(runtime)({ checks: ['iam', 'network'] }, aLambdaContext());

    expect(response).toEqual({ error: { code: 'InvalidEvent', message: 'event.checks[1]: expected one of iam, tags, nodes' } });
    expect(added).toEqual([{ name: 'RejectedRequests', value: 1 }]);
  });

  it('answers an unknown cluster with a structured error', async () => {
    const { runtime } = aRuntime();

    const response = await createOnDemandAuditHandler(runtime)({ clusters: ['prod-eats'] }, aLambdaContext());

    expect(response).toEqual({
      error: { code: 'InvalidEvent', message: 'event.clusters[0]: no configured cluster is named "prod-eats" (did you mean prod-east?); configured: prod-east, staging' },
    });
  });

  it('answers an invalid config with a structured error', async () => {
    const { runtime } = aRuntime({ config: () => Promise.reject(new ConfigError('CONFIG: list at least one cluster', 'CONFIG', 'clusters')) });

    await expect(createOnDemandAuditHandler(runtime)({}, aLambdaContext())).resolves.toEqual({ error: { code: 'InvalidConfig', message: 'CONFIG: list at least one cluster' } });
  });

  // Issue 9: a YAML alias bomb in CONFIG failed the invocation instead of answering InvalidConfig.
  it('answers a YAML alias bomb in CONFIG with InvalidConfig naming the variable', async () => {
    const { parseConfig } = await import('../../lib/adapters/config/index.js');
    const bomb = ['a: &a [x,x,x,x,x,x,x,x,x,x]'];
    for (let i = 1; i < 10; i += 1) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const { runtime } = aRuntime({ config: async () => parseConfig(bomb.join('\n'), 'CONFIG', {}) });

    const response = (await createOnDemandAuditHandler(runtime)({}, aLambdaContext())) as { error: { code: string; message: string } };

    expect(response.error.code).toBe('InvalidConfig');
    expect(response.error.message).toMatch(/^CONFIG: the YAML expands too far/u);
  });

  it('publishes only when the event asks', async () => {
    const { runtime, publisher } = aRuntime();
    const handler = createOnDemandAuditHandler(runtime);

    await handler({ clusters: ['prod-east'] }, aLambdaContext());
    await handler({ clusters: ['prod-east'], publish: true }, aLambdaContext());

    const published = (publisher as FakePublisher).published;
    expect(published).toHaveLength(1);
    expect(published[0]?.topicArn).toBe('arn:aws:sns:us-west-1:123456789012:kube-aws-audit');
  });

  it('fails the invocation on an unexpected error', async () => {
    const { runtime } = aRuntime({ publisher: new FakePublisher(new Error('sns:Publish failed: Throttling')) });

    await expect(createOnDemandAuditHandler(runtime)({ publish: true }, aLambdaContext())).rejects.toThrow('Throttling');
  });
});
