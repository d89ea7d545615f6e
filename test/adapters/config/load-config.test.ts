import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { loadConfig } from '../../../lib/adapters/config/load-config.js';
import { ConfigError } from '../../../lib/app/errors.js';

const FIXTURES = join(process.cwd(), 'test/fixtures/snapshot-reader/config');

async function rejection(promise: Promise<unknown>): Promise<ConfigError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('loads a YAML file', async () => {
    const config = await loadConfig(join(FIXTURES, 'valid.yaml'), {});

    expect(config.clusters.map((cluster) => cluster.name)).toEqual(['prod-east', 'staging']);
  });

  it('loads a JSON file to the same config', async () => {
    expect(await loadConfig(join(FIXTURES, 'valid.json'), {})).toStrictEqual(await loadConfig(join(FIXTURES, 'valid.yaml'), {}));
  });

  it('rejects a missing file with a ConfigError naming it', async () => {
    const file = join(FIXTURES, 'missing.yaml');

    const error = await rejection(loadConfig(file, {}));

    expect(error.message).toBe(`${file}: file not found`);
    expect(error.file).toBe(file);
  });

  it('rejects a directory', async () => {
    expect((await rejection(loadConfig(FIXTURES, {}))).message).toBe(`${FIXTURES}: is a directory, expected a YAML or JSON file`);
  });
});
