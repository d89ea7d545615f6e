import { describe, expect, it } from '@jest/globals';
import { Command } from 'commander';
import { register } from '../../../bin/commands/policy.js';
import { UsageError } from '../../../lib/app/errors.js';

async function run(...args: string[]): Promise<string> {
  let out = '';
  const program = new Command('kube-aws-audit').exitOverride().configureOutput({ writeOut: (s) => (out += s), writeErr: () => undefined });
  register(program);
  await program.parseAsync(args, { from: 'user' });
  return out;
}

describe('policy command', () => {
  it('prints the default preset\'s policy for a role as JSON', async () => {
    // Act
    const out = await run('policy', '--role', 'worker');

    // Assert
    const policy = JSON.parse(out) as { Version: string; Statement: { Action: string[] }[] };
    expect(policy.Version).toBe('2012-10-17');
    expect(policy.Statement.flatMap((s) => s.Action)).toHaveLength(9);
    expect(out.endsWith('}\n')).toBe(true);
  });

  it('prints a tag-scoped kops policy for a cluster', async () => {
    const out = await run('policy', '--preset', 'kops', '--role', 'control-plane', '--cluster', 'prod-east', '--tag-scoped');
    expect(out).toContain('"aws:ResourceTag/KubernetesCluster": "prod-east"');
  });

  it('adds optional and extra actions', async () => {
    const out = await run('policy', '--role', 'control-plane', '--include-optional', '--extra', 'sts:GetCallerIdentity, ec2:DescribeInstanceTypes');
    const actions = (JSON.parse(out) as { Statement: { Action: string[] }[] }).Statement.flatMap((s) => s.Action);
    expect(actions).toHaveLength(57 + 4 + 2);
    expect(actions).toContain('sts:GetCallerIdentity');
  });

  it('drops the route actions with --no-cloud-routes', async () => {
    const out = await run('policy', '--role', 'control-plane', '--no-cloud-routes');
    const actions = (JSON.parse(out) as { Statement: { Action: string[] }[] }).Statement.flatMap((s) => s.Action);
    expect(actions).toHaveLength(55);
    expect(actions).not.toContain('ec2:CreateRoute');
  });

  it.each([
    [['policy', '--role', 'master'], '--role', 'unknown role "master"; expected control-plane or worker'],
    [['policy'], '--role', 'missing --role (control-plane or worker)'],
    [['policy', '--role', 'worker', '--preset', 'eks'], '--preset', 'unknown preset "eks"; expected one of cloud-provider-aws, in-tree, kops'],
    [['policy', '--role', 'worker', '--tag-scoped'], '--cluster', 'a tag-scoped policy needs the cluster name (--cluster NAME)'],
    [['policy', '--role', 'worker', '--cluster', 'bad name!'], '--cluster', 'invalid cluster name "bad name!": expected a cluster name (letters, digits, . _ -)'],
    [['policy', '--role', 'worker', '--extra', 'DescribeInstances'], '--extra', 'invalid action "DescribeInstances"; expected an IAM action like ec2:DescribeInstances'],
    [['policy', '--preset', 'kops', '--role', 'worker'], '--role', 'preset kops requires no worker actions; add --include-optional for its feature-dependent actions (7)'],
  ])('rejects %j with a usage error naming %s', async (args, path, message) => {
    // Act
    const error = await run(...args).then(
      () => undefined,
      (e: unknown) => e,
    );

    // Assert
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(message);
    expect((error as UsageError).path).toBe(path);
  });
});
