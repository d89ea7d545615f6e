import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../../lib/adapters/config/parse-config.js';
import { ConfigError } from '../../../lib/app/errors.js';

const FIXTURES = join(process.cwd(), 'test/fixtures/snapshot-reader/config');
const NO_ENV = {};
const TOPIC = 'arn:aws:sns:us-west-1:123456789012:kube-aws-audit';

const MINIMAL = `clusters:
  - name: prod-east
    region: us-west-1
    roles:
      worker: arn:aws:iam::123456789012:role/k8s-worker
`;

function configError(text: string, file = 'config.yaml', env: NodeJS.ProcessEnv = NO_ENV): ConfigError {
  try {
    parseConfig(text, file, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('reads a complete YAML config', () => {
    const config = parseConfig(readFileSync(join(FIXTURES, 'valid.yaml'), 'utf8'), 'valid.yaml', NO_ENV);

    expect(config.clusters[0]).toStrictEqual({
      name: 'prod-east',
      region: 'us-west-1',
      account: '123456789012',
      assumeRoleArn: 'arn:aws:iam::123456789012:role/audit-reader',
      externalId: 'kube-aws-audit',
      preset: 'in-tree',
      roles: { controlPlane: 'arn:aws:iam::123456789012:role/k8s-control-plane', worker: 'arn:aws:iam::123456789012:role/k8s-worker' },
      extraRequired: { worker: ['ec2:DescribeInstanceTypes'] },
      allowedExcess: { controlPlane: ['autoscaling:UpdateAutoScalingGroup'] },
      cloudRoutes: false,
      autoScalingGroups: ['alpha-workers'],
      suppressions: [{ check: 'tags.subnet.missing', resource: 'subnet-0abc', reason: 'shared VPC, tagged by the network team', expires: '2027-01-31' }],
    });
    expect(config.alerts).toStrictEqual({ topicArn: TOPIC, minSeverity: 'high', mode: 'all', format: 'chatbot' });
  });

  it('reads the same config from JSON', () => {
    const yaml = parseConfig(readFileSync(join(FIXTURES, 'valid.yaml'), 'utf8'), 'valid.yaml', NO_ENV);

    expect(parseConfig(readFileSync(join(FIXTURES, 'valid.json'), 'utf8'), 'valid.json', NO_ENV)).toStrictEqual(yaml);
  });

  it('applies the defaults: preset, cloudRoutes, suppressions, no alerts', () => {
    expect(parseConfig(MINIMAL, 'config.yaml', NO_ENV)).toStrictEqual({
      clusters: [
        {
          name: 'prod-east',
          region: 'us-west-1',
          preset: 'cloud-provider-aws',
          roles: { worker: 'arn:aws:iam::123456789012:role/k8s-worker' },
          cloudRoutes: true,
          suppressions: [],
        },
      ],
    });
  });

  it('applies the alert defaults', () => {
    const config = parseConfig(`${MINIMAL}alerts:\n  topicArn: ${TOPIC}\n`, 'config.yaml', NO_ENV);

    expect(config.alerts).toStrictEqual({ topicArn: TOPIC, minSeverity: 'medium', mode: 'changes', format: 'text' });
  });

  // Issue 9: numbers were coerced (hex and exponents too) to a different id; only a quoted string is an account id.
  it('rejects an account written as a YAML number, saying to quote it', () => {
    const text = MINIMAL.replace('    region:', '    account: 012345678901\n    region:');

    expect(configError(text).message).toContain('clusters[0].account: expected a 12-digit AWS account id as a quoted string');
  });

  it('rejects an account of the wrong length', () => {
    const text = MINIMAL.replace('    region:', '    account: "12345678901"\n    region:');

    expect(configError(text).message).toBe('config.yaml: clusters[0].account: expected a 12-digit AWS account id (quote it in YAML), got "12345678901"');
  });

  it('names file, path and expectation for a bad role ARN', () => {
    const error = configError(MINIMAL.replace('arn:aws:iam::123456789012:role/k8s-worker', 'arn:aws:iam::1234:role/k8s-worker'));

    expect(error.message).toBe(
      'config.yaml: clusters[0].roles.worker: expected an IAM role ARN like arn:aws:iam::123456789012:role/NAME, got "arn:aws:iam::1234:role/k8s-worker"',
    );
    expect(error.file).toBe('config.yaml');
    expect(error.path).toBe('clusters[0].roles.worker');
  });

  it('rejects an unknown key with a did-you-mean from the keys allowed at that path', () => {
    const error = configError(MINIMAL.replace('      worker:', '      control_plane: arn:aws:iam::123456789012:role/cp\n      worker:'));

    expect(error.message).toBe('config.yaml: clusters[0].roles.control_plane: unknown key (did you mean `controlPlane`?)');
  });

  it('lists the allowed keys when no key is close', () => {
    const error = configError(`${MINIMAL}alerts:\n  webhook: https://example.com\n`);

    expect(error.message).toBe('config.yaml: alerts.webhook: unknown key (allowed: topicArn, minSeverity, mode, format)');
  });

  it('puts an unknown key before the missing key it probably meant', () => {
    const error = configError(MINIMAL.replace('    region:', '    regoin:'));

    expect(error.message).toBe(
      'config.yaml: clusters[0].regoin: unknown key (did you mean `region`?); clusters[0].region: missing (expected an AWS region like us-west-1)',
    );
    expect(error.path).toBe('clusters[0].regoin');
  });

  it('suggests the closest enum value', () => {
    const error = configError(MINIMAL.replace('    roles:', '    preset: cloud-provider\n    roles:'));

    expect(error.message).toBe(
      'config.yaml: clusters[0].preset: expected one of cloud-provider-aws, in-tree, kops, got "cloud-provider" (did you mean `cloud-provider-aws`?)',
    );
  });

  it('rejects a suppression that expires on a day the calendar does not have, and keeps real days and times', () => {
    const withExpiry = (expires: string) => `${MINIMAL}    suppressions: [ { check: tags.subnet.missing, resource: subnet-0abc, reason: moving, expires: ${expires} } ]\n`;

    expect(configError(withExpiry('2026-13-45')).message).toBe('config.yaml: clusters[0].suppressions[0].expires: expected a real date YYYY-MM-DD, got "2026-13-45"');
    expect(configError(withExpiry('2026-02-29')).path).toBe('clusters[0].suppressions[0].expires');
    expect(configError(withExpiry('2026-10-31x')).path).toBe('clusters[0].suppressions[0].expires');
    expect(configError(withExpiry('soon')).message).toBe('config.yaml: clusters[0].suppressions[0].expires: expected a date YYYY-MM-DD, got "soon"');
    expect(parseConfig(withExpiry('2028-02-29'), 'config.yaml', NO_ENV).clusters[0]?.suppressions[0]?.expires).toBe('2028-02-29');
    expect(parseConfig(withExpiry('2026-10-31T12:00:00Z'), 'config.yaml', NO_ENV).clusters[0]?.suppressions[0]?.expires).toBe('2026-10-31T12:00:00Z');
  });

  it('rejects a duplicate cluster', () => {
    const error = configError(`${MINIMAL}${MINIMAL.replace('clusters:\n', '')}`);

    expect(error.message).toBe('config.yaml: clusters[1].name: duplicate cluster prod-east in us-west-1');
  });

  it('reports up to five problems on one line, then how many more', () => {
    const cluster = (i: number) => `  - name: c${i}\n    region: nowhere\n    roles: { worker: x }\n`;
    const error = configError(`clusters:\n${[1, 2, 3].map(cluster).join('')}`);

    const parts = error.message.split('; ');

    expect(error.message).not.toContain('\n');
    expect(parts).toHaveLength(6);
    expect(parts[0]).toBe('config.yaml: clusters[0].region: expected an AWS region like us-west-1, got "nowhere"');
    expect(parts[5]).toBe('and 1 more problems');
  });

  it('names the line of a YAML syntax error', () => {
    const error = configError('clusters:\n  - name: prod\n    region: [us-west-1\n');

    expect(error.message).toMatch(/^config\.yaml: line \d+, column \d+: YAML syntax error: /);
    expect(error.message).not.toContain('\n');
  });

  it('rejects duplicate YAML keys', () => {
    expect(configError(`${MINIMAL}clusters: []\n`).message).toBe('config.yaml: line 6, column 1: YAML syntax error: Map keys must be unique');
  });

  it('names the line and column of a JSON syntax error in a .json file', () => {
    expect(configError('{\n  "clusters": [,]\n}', 'config.json').message).toMatch(/^config\.json: line 2, column 16: invalid JSON: /);
  });

  it('rejects an empty file and a file that is not a mapping', () => {
    expect(configError('# nothing yet\n').message).toBe('config.yaml: the file is empty (expected a mapping with a `clusters` list)');
    expect(configError('- prod-east\n').message).toBe('config.yaml: expected a mapping with a `clusters` list, got an array');
  });

  it('rejects a config without clusters', () => {
    expect(configError('clusters: []\n').message).toBe('config.yaml: clusters: list at least one cluster');
  });

  it('explains a wrong type with what was found', () => {
    const error = configError(MINIMAL.replace('    roles:', '    cloudRoutes: "yes"\n    roles:'));

    expect(error.message).toBe('config.yaml: clusters[0].cloudRoutes: expected true or false, got "yes"');
  });

  describe('ALERT_TOPIC_ARN', () => {
    it('fills alerts.topicArn when the file has none', () => {
      const config = parseConfig(MINIMAL, 'config.yaml', { ALERT_TOPIC_ARN: TOPIC });

      expect(config.alerts).toStrictEqual({ topicArn: TOPIC, minSeverity: 'medium', mode: 'changes', format: 'text' });
    });

    it('keeps the other alert settings of the file', () => {
      const config = parseConfig(`${MINIMAL}alerts:\n  mode: all\n`, 'config.yaml', { ALERT_TOPIC_ARN: TOPIC });

      expect(config.alerts).toMatchObject({ topicArn: TOPIC, mode: 'all' });
    });

    it('does not override the file', () => {
      const fileTopic = 'arn:aws:sns:us-west-1:123456789012:from-file';

      const config = parseConfig(`${MINIMAL}alerts:\n  topicArn: ${fileTopic}\n`, 'config.yaml', { ALERT_TOPIC_ARN: TOPIC });

      expect(config.alerts?.topicArn).toBe(fileTopic);
    });

    it('says a malformed value came from the environment', () => {
      expect(configError(MINIMAL, 'config.yaml', { ALERT_TOPIC_ARN: 'my-topic' }).message).toBe(
        'config.yaml: alerts.topicArn: expected an SNS topic ARN like arn:aws:sns:us-west-1:123456789012:NAME, got "my-topic" (from environment variable ALERT_TOPIC_ARN)',
      );
    });

    it('reads process.env by default', () => {
      process.env.ALERT_TOPIC_ARN = TOPIC;
      try {
        expect(parseConfig(MINIMAL, 'config.yaml').alerts?.topicArn).toBe(TOPIC);
      } finally {
        delete process.env.ALERT_TOPIC_ARN;
      }
    });
  });

  describe('hostile or ambiguous input (issue 9)', () => {
    it('rejects a YAML alias bomb as a config error naming the file', () => {
      const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
      for (let i = 1; i < 10; i += 1) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
      const error = configError(`${bomb.join('\n')}\nclusters: []\n`);
      expect(error.message).toMatch(/^config\.yaml: the YAML expands too far \(more than \d+ alias references\): /u);
    });

    it('rejects a config larger than the limit, naming the file', () => {
      expect(configError(`# ${'x'.repeat(1024 * 1024)}\n${MINIMAL}`).message).toMatch(/^config\.yaml: the file is larger than 1 MiB/u);
    });

    it('rejects duplicate keys in a JSON config, with the path', () => {
      const json = '{"clusters": [{"name": "a", "region": "us-west-1", "name": "b", "roles": {"worker": "arn:aws:iam::123456789012:role/w"}}]}';
      expect(configError(json, 'audit.json').message).toBe('audit.json: line 1, column 52: clusters[0].name: duplicate key "name" (JSON keeps only the last one)');
    });

    it.each([
      ['a number', '123456789012'],
      ['a number with a lost leading zero', '12345678901'],
      ['hex', '0x1CBE991A14'],
      ['an exponent', '1.23456789012e11'],
    ])('rejects an account id written as %s, saying to quote it', (_name, value) => {
      const error = configError(MINIMAL.replace('    region: us-west-1\n', `    region: us-west-1\n    account: ${value}\n`));
      expect(error.message).toContain('clusters[0].account: expected a 12-digit AWS account id as a quoted string');
      expect(error.message).toContain('quote it');
    });

    it('accepts a quoted 12-digit account id', () => {
      expect(parseConfig(MINIMAL.replace('    region: us-west-1\n', '    region: us-west-1\n    account: "012345678901"\n'), 'c.yaml', NO_ENV).clusters[0]?.account).toBe('012345678901');
    });

    it('rejects externalId without assumeRoleArn', () => {
      const error = configError(MINIMAL.replace('    region: us-west-1\n', '    region: us-west-1\n    externalId: my-external-id\n'));
      expect(error.message).toBe('config.yaml: clusters[0].externalId: externalId is only sent when assuming assumeRoleArn: set assumeRoleArn too, or remove externalId');
    });
  });
});
