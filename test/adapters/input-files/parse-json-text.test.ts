import { describe, expect, it } from '@jest/globals';
import { JsonTextError, parseJsonText } from '../../../lib/adapters/input-files/parse-json-text.js';

function failure(text: string): JsonTextError {
  try {
    parseJsonText(text);
  } catch (error) {
    if (error instanceof JsonTextError) return error;
    throw error;
  }
  throw new Error('expected parseJsonText to throw');
}

describe('parseJsonText', () => {
  it('parses valid JSON', () => {
    expect(parseJsonText('{"a": [1, "b"]}')).toEqual({ a: [1, 'b'] });
  });

  it('turns the V8 position into line and column', () => {
    const error = failure('{\n  "a": 1,\n  "b": 2,\n}\n');

    expect(error.line).toBe(4);
    expect(error.column).toBe(1);
    expect(error.reason).toBe('line 4, column 1: invalid JSON: Expected double-quoted property name');
  });

  it('says a file that stops early looks truncated', () => {
    const error = failure('{\n  "Reservations": [\n    {"Instances": []');

    expect(error.reason).toMatch(/^line 3, column \d+: .*\(is the file truncated\?\)$/);
  });

  it('says a file that ends inside a value looks truncated', () => {
    const error = failure('{\n  "Subnets": [\n    {"SubnetId": "subnet-');

    expect(error.reason).toMatch(/is the file truncated\?/);
    expect(error.line).toBe(3);
  });

  it('says an empty file is empty', () => {
    expect(failure('  \n').reason).toBe('the file is empty');
  });

  it('finds the position itself when V8 gives none, and keeps the message on one line', () => {
    const error = failure('{\n  "clusters": [,]\n}');

    expect([error.line, error.column]).toEqual([2, 16]);
    expect(error.reason).toBe("line 2, column 16: invalid JSON: Unexpected token ','");
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });
});
