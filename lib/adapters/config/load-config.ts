import { readFile } from 'node:fs/promises';
import { ConfigError } from '../../app/errors.js';
import type { AuditConfig } from '../../domain/config/schema.js';
import { decodeText, TextEncodingError } from '../input-files/decode-text.js';
import { parseConfig } from './parse-config.js';

/**
 * Reads and validates the config file (YAML, or JSON when it ends in `.json`). See {@link parseConfig} for the
 * validation, the defaults and the `ALERT_TOPIC_ARN` environment variable.
 *
 * @param file path of the config file, as the user gave it (it prefixes error messages)
 * @param env where `ALERT_TOPIC_ARN` is read from; defaults to `process.env`
 * @throws ConfigError when the file is missing or unreadable, has a syntax error, or does not match the schema
 */
export async function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): Promise<AuditConfig> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, expected a YAML or JSON file' : `cannot read the file (${code ?? (error as Error).message})`;
    throw new ConfigError(`${file}: ${why}`, file, undefined, { cause: error });
  }
  let text: string;
  try {
    text = decodeText(bytes);
  } catch (error) {
    if (!(error instanceof TextEncodingError)) throw error;
    throw new ConfigError(`${file}: ${error.reason}`, file, undefined, { cause: error });
  }
  return parseConfig(text, file, env);
}
