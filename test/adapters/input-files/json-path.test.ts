import { describe, expect, it } from '@jest/globals';
import { describeValue, expectedTypeText, formatJsonPath, valueAtPath } from '../../../lib/adapters/input-files/json-path.js';

describe('formatJsonPath', () => {
  it('writes indexes in brackets and keys with dots', () => {
    expect(formatJsonPath(['Reservations', 2, 'Instances', 0, 'InstanceId'])).toBe('Reservations[2].Instances[0].InstanceId');
  });

  it('starts with an index for a top-level array and quotes keys that are not identifiers', () => {
    expect(formatJsonPath([1, 'metadata', 'labels', 'kubernetes.io/hostname'])).toBe('[1].metadata.labels["kubernetes.io/hostname"]');
  });

  it('is empty for the root', () => {
    expect(formatJsonPath([])).toBe('');
  });
});

describe('valueAtPath', () => {
  it('follows keys and indexes, undefined when a step is missing', () => {
    const root = { a: [{ b: 'x' }] };

    expect(valueAtPath(root, ['a', 0, 'b'])).toBe('x');
    expect(valueAtPath(root, ['a', 3, 'b'])).toBeUndefined();
    expect(valueAtPath('text', ['a'])).toBeUndefined();
  });
});

describe('describeValue', () => {
  it.each([
    [undefined, 'nothing'],
    [null, 'null'],
    ['abc', '"abc"'],
    ['', 'an empty string'],
    [5, '5'],
    [true, 'true'],
    [[], 'an empty array'],
    [[1], 'an array'],
    [{}, 'an object'],
    [new Date('2027-01-31T00:00:00Z'), '2027-01-31'],
  ])('describes %p as %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });

  it('shortens long strings', () => {
    expect(describeValue('x'.repeat(100))).toBe(`"${'x'.repeat(60)}..."`);
  });
});

describe('expectedTypeText', () => {
  it('names zod types with an article', () => {
    expect(expectedTypeText('string')).toBe('a string');
    expect(expectedTypeText('array')).toBe('an array');
    expect(expectedTypeText('boolean')).toBe('true or false');
  });
});
