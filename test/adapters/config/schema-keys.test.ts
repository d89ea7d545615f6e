import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { allowedKeysAt } from '../../../lib/adapters/config/schema-keys.js';
import { configSchema } from '../../../lib/domain/config/schema.js';

describe('allowedKeysAt', () => {
  it('reads the top-level keys through the refinement', () => {
    expect(allowedKeysAt(configSchema, [])).toEqual(['clusters', 'alerts']);
  });

  it('walks arrays, optional and refined objects', () => {
    expect(allowedKeysAt(configSchema, ['clusters', 0, 'roles'])).toEqual(['controlPlane', 'worker']);
    expect(allowedKeysAt(configSchema, ['clusters', 3, 'extraRequired'])).toEqual(['controlPlane', 'worker']);
    expect(allowedKeysAt(configSchema, ['alerts'])).toEqual(['topicArn', 'minSeverity', 'mode', 'format']);
    expect(allowedKeysAt(configSchema, ['clusters', 0, 'suppressions', 1])).toEqual(['check', 'resource', 'action', 'reason', 'expires']);
  });

  it('looks through defaults, pipes and lazy schemas', () => {
    const inner = z.object({ a: z.string(), b: z.number() });
    const schema = z.object({ piped: inner.transform((v) => v), lazy: z.lazy(() => inner), defaulted: inner.default({ a: '', b: 0 }) });

    expect(allowedKeysAt(schema, ['piped'])).toEqual(['a', 'b']);
    expect(allowedKeysAt(schema, ['lazy'])).toEqual(['a', 'b']);
    expect(allowedKeysAt(schema, ['defaulted'])).toEqual(['a', 'b']);
  });

  it('is undefined where there is no object', () => {
    expect(allowedKeysAt(configSchema, ['clusters', 0, 'name'])).toBeUndefined();
    expect(allowedKeysAt(configSchema, ['nope', 'deeper'])).toBeUndefined();
  });
});
