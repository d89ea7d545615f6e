import { describe, expect, it } from '@jest/globals';
import { compilePolicyDocument } from '../../../../lib/domain/policy/evaluator/compile-document.js';
import { PolicyDocumentError } from '../../../../lib/domain/policy/errors.js';

const statement = (fields: Record<string, unknown>) => ({ Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*', ...fields });

describe('compilePolicyDocument', () => {
  it('compiles a Statement object as statement 0', () => {
    // Act
    const compiled = compilePolicyDocument({ Version: '2012-10-17', Statement: statement({ Sid: 'One' }) }, 'p');

    // Assert
    expect(compiled.statements).toHaveLength(1);
    expect(compiled.statements[0]).toMatchObject({ index: 0, sid: 'One', effect: 'Allow', notAction: false, notResource: false });
  });

  it('compiles a Statement list in order, with NotAction / NotResource flags', () => {
    // Act
    const compiled = compilePolicyDocument(
      { Statement: [statement({}), { Effect: 'Deny', NotAction: ['iam:*'], NotResource: 'arn:aws:s3:::x' }] },
      'p',
    );

    // Assert
    expect(compiled.statements.map((s) => [s.index, s.effect, s.notAction, s.notResource])).toEqual([
      [0, 'Allow', false, false],
      [1, 'Deny', true, true],
    ]);
    expect(compiled.statements[1]?.actions.patterns).toEqual(['iam:*']);
  });

  it('accepts Action and Resource as a string or a list', () => {
    // Act
    const compiled = compilePolicyDocument({ Statement: [statement({ Action: 'ec2:A', Resource: ['arn:1', 'arn:2'] })] }, 'p');

    // Assert
    expect(compiled.statements[0]?.actions.patterns).toEqual(['ec2:A']);
    expect(compiled.statements[0]?.resources.patterns).toEqual(['arn:1', 'arn:2']);
  });

  it('decodes URL-encoded and JSON document strings', () => {
    // Arrange
    const json = JSON.stringify({ Version: '2012-10-17', Statement: [statement({})] });

    // Act
    const fromEncoded = compilePolicyDocument(encodeURIComponent(json), 'p');
    const fromJson = compilePolicyDocument(json, 'p');

    // Assert
    expect(fromEncoded.statements).toHaveLength(1);
    expect(fromJson.statements).toHaveLength(1);
    expect(fromEncoded.version).toBe('2012-10-17');
  });

  it('reuses the compiled form of the same document object unless told not to', () => {
    // Arrange
    const document = { Statement: [statement({})] };

    // Act
    const first = compilePolicyDocument(document, 'a');
    const second = compilePolicyDocument(document, 'b');
    const fresh = compilePolicyDocument(document, 'a', { reuseCompiled: false });

    // Assert
    expect(second).toBe(first);
    expect(fresh).not.toBe(first);
  });

  const invalid: [string, unknown, RegExp][] = [
    ['no Statement', { Version: '2012-10-17' }, /^policy "bad": Statement: missing/],
    ['Statement neither object nor list', { Statement: 'Allow' }, /^policy "bad": Statement: expected an object or an array/],
    ['a statement that is not an object', { Statement: ['x'] }, /^policy "bad": Statement\[0\]: expected an object/],
    ['Effect in the wrong case', { Statement: [statement({ Effect: 'allow' })] }, /^policy "bad" Statement\[0\]\.Effect: must be "Allow" or "Deny", got "allow"/],
    ['no Effect', { Statement: [{ Action: 'ec2:A', Resource: '*' }] }, /Statement\[0\]\.Effect: must be "Allow" or "Deny", got nothing/],
    ['both Action and NotAction', { Statement: [statement({ NotAction: 'iam:*' })] }, /Statement\[0\]\.Action\/NotAction: has both Action and NotAction/],
    ['neither Action nor NotAction', { Statement: [{ Effect: 'Allow', Resource: '*' }] }, /Statement\[0\]\.Action\/NotAction: needs Action or NotAction/],
    ['both Resource and NotResource', { Statement: [statement({ NotResource: 'arn:x' })] }, /Statement\[0\]\.Resource\/NotResource: has both/],
    ['neither Resource nor NotResource', { Statement: [{ Effect: 'Allow', Action: 'ec2:A' }] }, /Statement\[0\]\.Resource\/NotResource: needs Resource or NotResource/],
    ['empty Action list', { Statement: [statement({ Action: [] })] }, /Statement\[0\]\.Action: must not be an empty list/],
    ['non-string action', { Statement: [statement({ Action: ['ec2:A', 7] })] }, /Statement\[0\]\.Action: expected a non-empty string at \[1\], got 7/],
    ['action without service prefix', { Statement: [statement({ Action: 'DescribeInstances' })] }, /Statement\[0\]\.Action: "DescribeInstances" has no service prefix/],
    ['empty Resource string', { Statement: [statement({ Resource: '' })] }, /Statement\[0\]\.Resource: expected a non-empty string/],
    ['Principal in an identity policy', { Statement: [statement({ Principal: '*' })] }, /Statement\[0\]\.Principal: Principal is not allowed/],
    ['unknown statement field', { Statement: [statement({ Actions: 'ec2:A' })] }, /Statement\[0\]\.Actions: unknown field "Actions"/],
    ['non-string Sid', { Statement: [statement({ Sid: 1 })] }, /Statement\[0\]\.Sid: expected a string/],
    ['unknown Version', { Version: '2020-01-01', Statement: [statement({})] }, /^policy "bad" Version: unsupported Version "2020-01-01"/],
    ['bad condition in the second statement', { Statement: [statement({}), statement({ Condition: { Foo: { k: 'v' } } })] }, /Statement\[1\]\.Condition\.Foo\.k: unsupported condition operator "Foo"/],
    ['malformed JSON string', '{"Statement": [', /^policy "bad": not valid JSON/],
    ['a string that is neither JSON nor URL-encoded', 'Allow everything', /^policy "bad": expected a policy document/],
  ];
  it.each(invalid)('rejects %s with a PolicyDocumentError naming the policy and location', (_name, document, message) => {
    // Act
    const act = () => compilePolicyDocument(document, 'bad');

    // Assert
    expect(act).toThrow(PolicyDocumentError);
    expect(act).toThrow(message);
  });
});
