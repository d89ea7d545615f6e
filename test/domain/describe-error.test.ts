import { describe, expect, it } from '@jest/globals';
import { describeError, oneLine } from '../../lib/domain/describe-error.js';

class AccessDenied extends Error {
  override name = 'AccessDenied';
}

describe('describeError', () => {
  it('gives a plain Error its message only', () => {
    expect(describeError(new Error('boom'))).toBe('boom');
  });

  it('prefixes the name of an Error subclass', () => {
    expect(describeError(new TypeError('x is not a function'))).toBe('TypeError: x is not a function');
    expect(describeError(new AccessDenied('not authorized'))).toBe('AccessDenied: not authorized');
  });

  it('leaves the name out with { name: false }', () => {
    expect(describeError(new RangeError('Invalid array length'), { name: false })).toBe('Invalid array length');
  });

  it('uses the name when there is no message', () => {
    expect(describeError(new AccessDenied(''))).toBe('AccessDenied');
    expect(describeError(new Error(''), { name: false })).toBe('Error');
  });

  it('converts anything else thrown with String()', () => {
    expect(describeError('boom')).toBe('boom');
    expect(describeError(42)).toBe('42');
    expect(describeError(undefined)).toBe('undefined');
  });

  it('never spans more than one line (no stack)', () => {
    const err = new Error('first line\n  second line\r\n');
    expect(describeError(err)).toBe('first line second line');
    expect(describeError(err)).not.toContain('\n');
  });
});

describe('oneLine', () => {
  it('joins the trimmed non-empty lines with one space', () => {
    expect(oneLine('a\r\n  b\n\nc ')).toBe('a b c');
  });
});
