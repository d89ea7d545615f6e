import { describe, expect, it } from '@jest/globals';
import { parsePolicyDocument } from '../../../lib/domain/policy/document.js';
import { PolicyDocumentError } from '../../../lib/domain/policy/errors.js';

const DOCUMENT = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'Tags', Effect: 'Allow', Action: 'ec2:CreateTags', Resource: 'arn:aws:ec2:*:*:instance/*' }],
};

function failure(input: unknown, where = 'role k8s-worker inline policy tags'): PolicyDocumentError {
  try {
    parsePolicyDocument(input, where);
  } catch (error) {
    if (error instanceof PolicyDocumentError) return error;
    throw error;
  }
  throw new Error('expected parsePolicyDocument to throw');
}

describe('parsePolicyDocument', () => {
  it('returns an object document as it is (AWS CLI output)', () => {
    expect(parsePolicyDocument(DOCUMENT, 'doc')).toEqual(DOCUMENT);
  });

  it('decodes a URL-encoded JSON string (IAM API output)', () => {
    const encoded = encodeURIComponent(JSON.stringify(DOCUMENT, null, 4));

    expect(encoded.startsWith('%7B')).toBe(true);
    expect(parsePolicyDocument(encoded, 'doc')).toEqual(DOCUMENT);
  });

  it('keeps + literal when URL-decoding, as RFC 3986 (and botocore unquote) do', () => {
    const document = { Statement: { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::123456789012:role/a+b' } };
    const encoded = encodeURIComponent(JSON.stringify(document)).replace('%2B', '+');

    expect(parsePolicyDocument(encoded, 'doc')).toEqual(document);
  });

  it('parses a plain JSON string, surrounding whitespace allowed', () => {
    expect(parsePolicyDocument(`\n  ${JSON.stringify(DOCUMENT)}  \n`, 'doc')).toEqual(DOCUMENT);
  });

  it('accepts a single Statement object and a document without Version', () => {
    const document = { Statement: { Effect: 'Deny', Action: '*', Resource: '*' } };

    expect(parsePolicyDocument(document, 'doc')).toEqual(document);
  });

  it.each([
    ['null', null, 'expected a policy document (a JSON object), got null'],
    ['an array', [DOCUMENT], 'expected a policy document (a JSON object), got an array'],
    ['a number', 42, 'got the number 42'],
    ['an empty string', '  ', 'got an empty string'],
    ['text that is neither JSON nor URL-encoded', 'not a policy', 'got the text "not a policy"'],
    ['broken JSON', '{"Statement": [', 'not valid JSON ('],
    ['URL-encoded broken JSON', encodeURIComponent('{"Statement": ['), 'not valid JSON after URL-decoding'],
    ['a malformed percent escape', '%7B%"Statement"%7D', 'malformed URL encoding'],
    ['a document without Statement', { Version: '2012-10-17' }, 'Statement: missing'],
    ['a string Statement', { Statement: 'Allow all' }, 'Statement: expected an object or an array of objects, got the string "Allow all"'],
    ['a statement list with a non-object', { Statement: [{ Effect: 'Allow' }, 'x'] }, 'Statement[1]: expected an object, got the string "x"'],
    ['a non-string Version', { Version: 2012, Statement: [] }, 'Version: expected a string like "2012-10-17", got the number 2012'],
  ])('rejects %s with a PolicyDocumentError naming where', (_label, input, reason) => {
    const error = failure(input);

    expect(error.where).toBe('role k8s-worker inline policy tags');
    expect(error.reason).toContain(reason);
    expect(error.message).toBe(`role k8s-worker inline policy tags: ${error.reason}`);
  });

  it('keeps the JSON syntax error as the cause', () => {
    const error = failure('{"Statement": [');

    expect(error.cause).toBeInstanceOf(SyntaxError);
  });
});
