import { ConfigError } from '../../app/errors.js';
import { type AuditConfig, configSchema } from '../../domain/config/schema.js';
import { configProblems } from './format-config-issues.js';
import { parseConfigText } from './parse-config-text.js';

/** How many problems one error message lists before "and N more". */
const MAX_LISTED_PROBLEMS = 5;

/** The environment variable that supplies `alerts.topicArn` when the file does not. */
export const ALERT_TOPIC_ENV = 'ALERT_TOPIC_ARN';

/**
 * Parses and validates config text (docs/contracts.md "Config file") with {@link configSchema}, applying its
 * defaults (preset `cloud-provider-aws`, `cloudRoutes: true`, alert severity/mode/format, ...).
 *
 * Environment: when `ALERT_TOPIC_ARN` is set (non-empty) and the file has no `alerts.topicArn`, the variable's
 * value is used as `alerts.topicArn` (creating `alerts` with its defaults if the file has none). The file wins when
 * both are set. A malformed value is reported as `alerts.topicArn ... (from environment variable ALERT_TOPIC_ARN)`.
 *
 * @param text the file's contents
 * @param file the file name, used to choose JSON (`.json`) or YAML and as the prefix of error messages
 * @param env where `ALERT_TOPIC_ARN` is read from; defaults to `process.env`
 * @throws ConfigError whose one-line message names the file, the path (`clusters[0].roles.worker`) and what was
 *   expected, listing up to 5 problems joined with `; `; unknown keys carry a "did you mean" hint
 */
export function parseConfig(text: string, file: string, env: NodeJS.ProcessEnv = process.env): AuditConfig {
  const parsed = parseConfigText(text, file);
  if (parsed === null || parsed === undefined) {
    throw new ConfigError(`${file}: the file is empty (expected a mapping with a \`clusters\` list)`, file, '');
  }
  const { document, origins } = withAlertTopicFromEnv(parsed, env);
  const result = configSchema.safeParse(document);
  if (result.success) return result.data;

  const problems = configProblems(result.error.issues, document, configSchema, origins);
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((problem) => (problem.path === '' ? problem.text : `${problem.path}: ${problem.text}`));
  if (problems.length > MAX_LISTED_PROBLEMS) listed.push(`and ${problems.length - MAX_LISTED_PROBLEMS} more problems`);
  throw new ConfigError(`${file}: ${listed.join('; ')}`, file, problems[0]?.path, { cause: result.error });
}

function withAlertTopicFromEnv(document: unknown, env: NodeJS.ProcessEnv): { document: unknown; origins: Record<string, string> } {
  const topicArn = env[ALERT_TOPIC_ENV]?.trim();
  if (topicArn === undefined || topicArn === '' || !isObject(document)) return { document, origins: {} };
  const alerts = document.alerts;
  if (alerts !== undefined && !isObject(alerts)) return { document, origins: {} };
  if (alerts?.topicArn !== undefined) return { document, origins: {} };
  return {
    document: { ...document, alerts: { ...alerts, topicArn } },
    origins: { 'alerts.topicArn': `(from environment variable ${ALERT_TOPIC_ENV})` },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
