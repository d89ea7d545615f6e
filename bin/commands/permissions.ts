import { Command, Option } from 'commander';
import { loadConfig } from '../../lib/adapters/config/index.js';
import type { AuditConfig } from '../../lib/domain/config/schema.js';
import { PROGRAM_NAME } from '../cli-errors.js';
import type { CliContext } from '../cli-io.js';
import { PERMISSIONS_FORMATS, type PermissionsFormat } from './permissions-formats.js';

export { PERMISSIONS_FORMATS, type PermissionsFormat };
export type { PermissionsManifestJson } from './permissions-render.js';

/** What the permissions command calls; injectable for tests. */
export interface PermissionsCommandDeps {
  loadConfig(file: string, env: Readonly<Record<string, string | undefined>>): AuditConfig | Promise<AuditConfig>;
}

interface PermissionsOptions {
  format: PermissionsFormat;
  config?: string;
}

const EXAMPLES = `
Examples:
  # The policy to attach to the identity that runs the audit (assume-role on *)
  $ ${PROGRAM_NAME} permissions > auditor-policy.json

  # Narrowed to the assumeRoleArns of a config
  $ ${PROGRAM_NAME} permissions --config audit.yaml

  # Which adapter calls which action, and why
  $ ${PROGRAM_NAME} permissions --format json`;

/** Adds `permissions [--format policy|json] [--config FILE]`: the auditor's own least-privilege IAM policy. */
export function register(program: Command, ctx: CliContext, overrides: Partial<PermissionsCommandDeps> = {}): Command {
  const deps: PermissionsCommandDeps = { loadConfig, ...overrides };
  return program
    .command('permissions')
    .description("print the auditor's own least-privilege IAM policy (policy), or which adapter needs which action and why (json)")
    .addOption(new Option('--format <format>', 'policy: an IAM policy document; json: the permission manifest').choices(PERMISSIONS_FORMATS).default('policy'))
    .option('--config <file>', 'narrow sts:AssumeRole to the assumeRoleArns of this config (none configured: no sts:AssumeRole)')
    .addHelpText('after', EXAMPLES)
    .action(async (opts: PermissionsOptions) => {
      const config = opts.config === undefined ? undefined : await deps.loadConfig(opts.config, ctx.io.env);
      // Loaded here: the manifest loads every adapter, and with them the AWS SDK, which no other command needs.
      const { renderPermissions } = await import('./permissions-render.js');
      ctx.io.stdout.write(renderPermissions(opts.format, config));
    });
}
