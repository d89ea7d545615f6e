import { isAbsolute, resolve } from 'node:path';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { describeAwsError } from '../../lib/adapters/aws/classify-aws-error.js';
import { loadConfig, parseConfig } from '../../lib/adapters/config/index.js';
import { ConfigError } from '../../lib/app/errors.js';
import type { AuditConfig } from '../../lib/domain/config/schema.js';

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
  if (inline !== undefined && inline.trim() !== '') return { config: parseConfig(inline, CONFIG_ENV.inline, env), source: CONFIG_ENV.inline };
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
    return { config: parseConfig(text, source, env), source };
  }
  const file = env[CONFIG_ENV.file]?.trim() || DEFAULT_CONFIG_FILE;
  const path = isAbsolute(file) ? file : resolve(env.LAMBDA_TASK_ROOT ?? process.cwd(), file);
  return { config: await loadConfig(path, env), source: file };
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
