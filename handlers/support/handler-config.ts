import { isAbsolute, resolve } from 'node:path';
import { loadConfig, parseConfig } from '../../lib/adapters/config/index.js';
import type { AuditConfig } from '../../lib/domain/config/schema.js';

/** Environment variables the handlers read their config from. */
export const CONFIG_ENV = {
  /** The config itself, inline (YAML or JSON). Wins over CONFIG_FILE. */
  inline: 'CONFIG',
  /** Path of the config file inside the bundle (relative to the function root). Default `config.yaml`. */
  file: 'CONFIG_FILE',
} as const;

/** Default of CONFIG_FILE. */
export const DEFAULT_CONFIG_FILE = 'config.yaml';

/**
 * The audit config of a Lambda function: env `CONFIG` (inline YAML or JSON, named `CONFIG` in messages), else the
 * file `CONFIG_FILE` (default `config.yaml`) relative to `LAMBDA_TASK_ROOT` (the function root; the working
 * directory outside Lambda). `ALERT_TOPIC_ARN` supplies `alerts.topicArn` when the config has none.
 *
 * @throws ConfigError naming `CONFIG` or the file, and the path of the problem
 */
export async function loadHandlerConfig(env: NodeJS.ProcessEnv = process.env): Promise<AuditConfig> {
  const inline = env[CONFIG_ENV.inline];
  if (inline !== undefined && inline.trim() !== '') return parseConfig(inline, CONFIG_ENV.inline, env);
  const file = env[CONFIG_ENV.file]?.trim() || DEFAULT_CONFIG_FILE;
  return loadConfig(isAbsolute(file) ? file : resolve(env.LAMBDA_TASK_ROOT ?? process.cwd(), file), env);
}
