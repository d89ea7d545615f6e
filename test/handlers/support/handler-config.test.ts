import { describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadHandlerConfig } from '../../../handlers/support/handler-config.js';
import { ConfigError } from '../../../lib/app/errors.js';

const YAML = 'clusters:\n  - name: prod-east\n    region: us-west-1\n    roles: { worker: arn:aws:iam::123456789012:role/k8s-worker }\n';

describe('loadHandlerConfig', () => {
  it('parses inline YAML or JSON from CONFIG', async () => {
    await expect(loadHandlerConfig({ CONFIG: YAML })).resolves.toMatchObject({ clusters: [{ name: 'prod-east', preset: 'cloud-provider-aws' }] });
    const json = JSON.stringify({ clusters: [{ name: 'a', region: 'eu-west-1', roles: { worker: 'arn:aws:iam::123456789012:role/w' } }] });
    await expect(loadHandlerConfig({ CONFIG: json })).resolves.toMatchObject({ clusters: [{ name: 'a' }] });
  });

  it('names CONFIG and the path of a problem', async () => {
    const failure = await loadHandlerConfig({ CONFIG: YAML.replace('us-west-1', 'west') }).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toBe('CONFIG: clusters[0].region: expected an AWS region like us-west-1, got "west"');
  });

  it('takes the topic from ALERT_TOPIC_ARN', async () => {
    const config = await loadHandlerConfig({ CONFIG: YAML, ALERT_TOPIC_ARN: 'arn:aws:sns:us-west-1:123456789012:alerts' });

    expect(config.alerts).toEqual({ topicArn: 'arn:aws:sns:us-west-1:123456789012:alerts', minSeverity: 'medium', mode: 'changes', format: 'text' });
  });

  it('reads CONFIG_FILE, default config.yaml, relative to the function root', async () => {
    const root = await mkdtemp(join(tmpdir(), 'kaa-handler-config-'));
    try {
      await writeFile(join(root, 'config.yaml'), YAML);
      await writeFile(join(root, 'other.json'), JSON.stringify({ clusters: [{ name: 'b', region: 'us-east-1', roles: { worker: 'arn:aws:iam::123456789012:role/w' } }] }));

      await expect(loadHandlerConfig({ LAMBDA_TASK_ROOT: root })).resolves.toMatchObject({ clusters: [{ name: 'prod-east' }] });
      await expect(loadHandlerConfig({ LAMBDA_TASK_ROOT: root, CONFIG_FILE: 'other.json' })).resolves.toMatchObject({ clusters: [{ name: 'b' }] });
      await expect(loadHandlerConfig({ LAMBDA_TASK_ROOT: root, CONFIG_FILE: 'missing.yaml' })).rejects.toThrow(`${join(root, 'missing.yaml')}: file not found`);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('prefers CONFIG over CONFIG_FILE and ignores an empty CONFIG', async () => {
    await expect(loadHandlerConfig({ CONFIG: YAML, CONFIG_FILE: '/nonexistent.yaml' })).resolves.toMatchObject({ clusters: [{ name: 'prod-east' }] });
    await expect(loadHandlerConfig({ CONFIG: '  ', CONFIG_FILE: '/nonexistent.yaml' })).rejects.toThrow('/nonexistent.yaml: file not found');
  });
});
