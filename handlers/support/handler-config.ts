import { isAbsolute, resolve } from 'node:path';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { describeAwsError } from '../../lib/adapters/aws/classify-aws-error.js';
import { readFile } from 'node:fs/promises';
import { parseConfig } from '../../lib/adapters/config/index.js';
import { parseConfigText } from '../../lib/adapters/config/parse-config-text.js';
import { decodeText } from '../../lib/adapters/input-files/decode-text.js';
import { ConfigError } from '../../lib/app/errors.js';
import { suppressionSchema, type AuditConfig } from '../../lib/domain/config/schema.js';

/** Environment variables the handlers read their config from. */
export const CONFIG_ENV = {
  /** The config itself, inline (YAML or JSON). Wins over the others (local runs, tests). */
  inline: 'CONFIG',
  /** Name of an SSM parameter (String or SecureString) holding the config. Wins over CONFIG_FILE. */
  parameter: 'CONFIG_PARAMETER',
  /** Path of the config file inside the bundle (relative to the function root). Default `config.yaml`. */
  file: 'CONFIG_FILE',
  /** The service's alert topic: the only topic its roles may publish to. */
  topic: 'ALERT_TOPIC_ARN',
} as const;

/** Default of CONFIG_FILE. */
export const DEFAULT_CONFIG_FILE = 'config.yaml';

/** The IAM action the SSM config source calls, on the config parameter. */
export const SSM_CONFIG_PERMISSIONS = ['ssm:GetParameter'] as const;

/** Options of {@link loadHandlerConfig}. */
export interface HandlerConfigOptions {
  ssm?: Pick<SSMClient, 'send'>;
}

/**
 * The audit config of a Lambda function, from exactly one source: env `CONFIG` (inline), else the SSM parameter
 * `CONFIG_PARAMETER` (read with decryption), else the bundled file `CONFIG_FILE` (default `config.yaml`) relative
 * to `LAMBDA_TASK_ROOT`. Errors name the source (`SSM parameter /kube-aws-audit/config`, the file) and the field.
 *
 * In Lambda mode the service publishes only to its own topic (`ALERT_TOPIC_ARN`, the one its roles may publish
 * to): the topic fills in `alerts.topicArn`, and a config naming another topic is an error naming both.
 *
 * @throws ConfigError naming the source and the path of the problem
 */
export async function loadHandlerConfig(env: NodeJS.ProcessEnv = process.env, options: HandlerConfigOptions = {}): Promise<AuditConfig> {
  const { config, source } = await readConfig(env, options);
  checkTopic(config, source, env);
  return config;
}

async function readConfig(env: NodeJS.ProcessEnv, options: HandlerConfigOptions): Promise<{ config: AuditConfig; source: string }> {
  const inline = env[CONFIG_ENV.inline];
  if (inline !== undefined && inline.trim() !== '') return { config: parseServiceConfig(inline, CONFIG_ENV.inline, env), source: CONFIG_ENV.inline };
  const parameter = env[CONFIG_ENV.parameter]?.trim();
  if (parameter !== undefined && parameter !== '') {
    const source = `SSM parameter ${parameter}`;
    let text: string | undefined;
    try {
      const output = await (options.ssm ?? new SSMClient({})).send(new GetParameterCommand({ Name: parameter, WithDecryption: true }));
      text = output.Parameter?.Value;
    } catch (error) {
      throw new ConfigError(`cannot read the config from ${source}: ${describeAwsError(error)}`, source, undefined, { cause: error });
    }
    if (text === undefined || text.trim() === '') throw new ConfigError(`${source} is empty: put the audit config (YAML or JSON) in it`, source);
    return { config: parseServiceConfig(text, source, env), source };
  }
  const file = env[CONFIG_ENV.file]?.trim() || DEFAULT_CONFIG_FILE;
  const path = isAbsolute(file) ? file : resolve(env.LAMBDA_TASK_ROOT ?? process.cwd(), file);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`${path}: ${code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? (error as Error).message})`}`, path, undefined, { cause: error });
  }
  return { config: parseServiceConfig(decodeText(bytes), path, env), source: path };
}

/** The date a suppression with a malformed `expires` is given: long past, so it never applies. */
export const INVALID_EXPIRY_STANDIN = '0001-01-01';

/**
 * The config as the service reads it: like the CLI, except that a suppression whose `expires` is not a real date
 * does not stop the run (in a scheduled service that would silence every alert). It is treated as expired, so the
 * findings it would hide are reported, and its reason says which suppression and why, which the report's notes of
 * that cluster then show ("suppression of <check> on <resource> ... no longer applies (reason was: ...)").
 */
export function parseServiceConfig(text: string, source: string, env: NodeJS.ProcessEnv): AuditConfig {
  const document = parseConfigText(text, source);
  const clusters = (document as { clusters?: unknown } | null)?.clusters;
  let changed = false;
  if (Array.isArray(clusters)) {
    clusters.forEach((cluster: unknown, i) => {
      const suppressions = (cluster as { suppressions?: unknown } | null)?.suppressions;
      if (!Array.isArray(suppressions)) return;
      suppressions.forEach((entry: unknown, j) => {
        if (typeof entry !== 'object' || entry === null || !('expires' in entry)) return;
        const suppression = entry as Record<string, unknown>;
        if (suppressionSchema.shape.expires.safeParse(suppression.expires).success) return;
        changed = true;
        const value = suppression.expires instanceof Date ? suppression.expires.toISOString() : JSON.stringify(suppression.expires);
        suppression.reason = `${typeof suppression.reason === 'string' ? suppression.reason : ''} [config problem: clusters[${i}].suppressions[${j}].expires ${value} in ${source} is not a date YYYY-MM-DD, so this suppression is treated as expired; fix the date]`.trim();
        suppression.expires = INVALID_EXPIRY_STANDIN;
      });
    });
  }
  return parseConfig(changed ? JSON.stringify(document) : text, source, env);
}

function checkTopic(config: AuditConfig, source: string, env: NodeJS.ProcessEnv): void {
  const serviceTopic = env[CONFIG_ENV.topic]?.trim();
  const configured = config.alerts?.topicArn;
  if (serviceTopic === undefined || serviceTopic === '' || configured === undefined || configured === serviceTopic) return;
  throw new ConfigError(
    `${source}: alerts.topicArn is ${configured}, but this service publishes only to its topic ${serviceTopic} (${CONFIG_ENV.topic}): ` +
      'remove alerts.topicArn from the config, or deploy with --param="alertTopicArn=<that topic>"',
    source,
    'alerts.topicArn',
  );
}
