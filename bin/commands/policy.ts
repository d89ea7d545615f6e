import type { Command } from 'commander';
import { UsageError } from '../../lib/app/errors.js';
import { clusterSchema, PRESET_NAMES } from '../../lib/domain/config/schema.js';
import { generatePolicy, PolicyGenerationError } from '../../lib/domain/requirements/generate-policy.js';
import { roleKeyFromCli } from '../../lib/domain/requirements/preset.js';
import { DEFAULT_PRESET, isPresetName } from '../../lib/domain/requirements/presets.js';

interface PolicyOptions {
  preset: string;
  role?: string;
  cluster?: string;
  tagScoped?: boolean;
  includeOptional?: boolean;
  extra?: string;
  cloudRoutes: boolean;
}

const ACTION = /^[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+$/;

/** Validates the options and returns the policy JSON text (pretty-printed, newline-terminated). */
export function renderPolicy(options: PolicyOptions): string {
  if (!isPresetName(options.preset)) {
    throw new UsageError(`unknown preset ${JSON.stringify(options.preset)}; expected one of ${PRESET_NAMES.join(', ')}`, undefined, '--preset');
  }
  if (options.role === undefined) throw new UsageError('missing --role (control-plane or worker)', undefined, '--role');
  const role = roleKeyFromCli(options.role);
  if (role === undefined) {
    throw new UsageError(`unknown role ${JSON.stringify(options.role)}; expected control-plane or worker`, undefined, '--role');
  }
  if (options.cluster !== undefined) {
    const parsed = clusterSchema.shape.name.safeParse(options.cluster);
    if (!parsed.success) {
      throw new UsageError(`invalid cluster name ${JSON.stringify(options.cluster)}: ${parsed.error.issues[0]?.message ?? 'invalid'}`, undefined, '--cluster');
    }
  }
  const extra = (options.extra ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  const bad = extra.find((a) => !ACTION.test(a));
  if (bad !== undefined) {
    throw new UsageError(`invalid action ${JSON.stringify(bad)}; expected an IAM action like ec2:DescribeInstances`, undefined, '--extra');
  }
  try {
    const policy = generatePolicy({
      preset: options.preset,
      role,
      ...(options.cluster !== undefined ? { cluster: options.cluster } : {}),
      tagScoped: options.tagScoped === true,
      includeOptional: options.includeOptional === true,
      extraRequired: extra,
      cloudRoutes: options.cloudRoutes,
    });
    return `${JSON.stringify(policy, null, 2)}\n`;
  } catch (err) {
    if (err instanceof PolicyGenerationError) throw new UsageError(err.message, undefined, `--${err.option}`, { cause: err });
    throw err;
  }
}

/**
 * Adds `kube-aws-audit policy --preset NAME --role control-plane|worker [--cluster NAME] [--tag-scoped]
 * [--include-optional] [--extra ACTIONS] [--no-cloud-routes]`: prints the least-privilege IAM policy JSON.
 */
export function register(program: Command): void {
  program
    .command('policy')
    .description('print the least-privilege IAM policy of a preset\'s role (JSON, ready for aws iam put-role-policy)')
    .option('--preset <name>', `requirement preset (${PRESET_NAMES.join(' | ')})`, DEFAULT_PRESET)
    .option('--role <role>', 'control-plane | worker')
    .option('--cluster <name>', 'cluster name (the <name> of kubernetes.io/cluster/<name>); needed by --tag-scoped')
    .option('--tag-scoped', 'condition mutating actions on the cluster tag (aws:ResourceTag / aws:RequestTag)')
    .option('--include-optional', 'also grant the feature-dependent actions')
    .option('--extra <actions>', 'comma-separated extra actions to grant (as extraRequired in the config)')
    .option('--no-cloud-routes', 'leave out the route controller actions (ec2:CreateRoute, ec2:DeleteRoute)')
    .addHelpText('after', '\nExample:\n  $ kube-aws-audit policy --preset cloud-provider-aws --role control-plane --cluster prod-east --tag-scoped > cp-policy.json')
    .action(function (this: Command, options: PolicyOptions) {
      const text = renderPolicy(options);
      const out = this.configureOutput().writeOut ?? ((s: string) => void process.stdout.write(s));
      out(text);
    });
}
