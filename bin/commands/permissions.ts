import { Command, Option } from 'commander';
import { loadConfig } from '../../lib/adapters/config/index.js';
import { auditorActions, auditorPolicy, PERMISSION_MANIFEST, type PermissionEntry } from '../../lib/adapters/permissions.js';
import type { AuditConfig } from '../../lib/domain/config/schema.js';
import { PROGRAM_NAME } from '../cli-errors.js';
import type { CliContext } from '../cli-io.js';

/** `permissions --format` values. */
export const PERMISSIONS_FORMATS = ['policy', 'json'] as const;
export type PermissionsFormat = (typeof PERMISSIONS_FORMATS)[number];

/** The manifest as `permissions --format json` prints it. */
export interface PermissionsManifestJson {
  /** Every distinct action, sorted: what the policy grants. */
  actions: string[];
  /** Per adapter: the actions it calls and why. */
  adapters: { adapter: string; purpose: string; actions: string[] }[];
}

/** What the permissions command calls; injectable for tests. */
export interface PermissionsCommandDeps {
  loadConfig(file: string, env: Readonly<Record<string, string | undefined>>): AuditConfig | Promise<AuditConfig>;
}

interface PermissionsOptions {
  format: PermissionsFormat;
  config?: string;
}

/** The manifest in its JSON form. */
export function manifestJson(manifest: readonly PermissionEntry[] = PERMISSION_MANIFEST): PermissionsManifestJson {
  return {
    actions: auditorActions(manifest),
    adapters: manifest.map((e) => ({ adapter: e.adapter, purpose: e.purpose, actions: [...e.actions] })),
  };
}

/**
 * The text `permissions` prints: the identity policy document (`policy`), or the manifest (`json`). With a config,
 * sts:AssumeRole is narrowed to the clusters' assumeRoleArns (and left out when no cluster assumes a role).
 */
export function renderPermissions(format: PermissionsFormat, config?: AuditConfig): string {
  if (format === 'json') return `${JSON.stringify(manifestJson(), null, 2)}\n`;
  const assumeRoleArns = config?.clusters.flatMap((c) => (c.assumeRoleArn === undefined ? [] : [c.assumeRoleArn]));
  return `${JSON.stringify(auditorPolicy(assumeRoleArns === undefined ? {} : { assumeRoleArns }), null, 2)}\n`;
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
      ctx.io.stdout.write(renderPermissions(opts.format, config));
    });
}
