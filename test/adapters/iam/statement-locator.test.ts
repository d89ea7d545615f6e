import { describe, expect, it } from '@jest/globals';
import { locateStatement } from '../../../lib/adapters/iam/statement-locator.js';

const pretty = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "First",
            "Effect": "Allow",
            "Action": "ec2:Describe*",
            "Resource": "*"
        },
        {
            "Sid": "Second {tricky \\" brace}",
            "Effect": "Deny",
            "Action": "ec2:TerminateInstances",
            "Resource": "*"
        }
    ]
}`;

describe('locateStatement', () => {
  it('finds the statement a 1-based line/column points at', () => {
    expect(locateStatement(pretty, 4, 9)).toBe(0);
    expect(locateStatement(pretty, 10, 9)).toBe(1);
  });

  it('tolerates a position just before the statement brace (0-based columns)', () => {
    expect(locateStatement(pretty, 10, 8)).toBe(1);
  });

  it('finds a position inside a statement', () => {
    expect(locateStatement(pretty, 13, 20)).toBe(1);
  });

  it('handles compact documents and a single statement object', () => {
    const compact = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"a:b","Resource":"*"},{"Effect":"Deny","Action":"a:c","Resource":"*"}]}';
    expect(locateStatement(compact, 1, compact.indexOf('{"Effect":"Deny"') + 1)).toBe(1);
    const single = '{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"},"Version":"2012-10-17"}';
    expect(locateStatement(single, 1, 14)).toBe(0);
  });

  it('returns undefined for positions outside any statement or text that is not a policy', () => {
    expect(locateStatement(pretty, 2, 5)).toBeUndefined();
    expect(locateStatement(pretty, 99, 1)).toBeUndefined();
    expect(locateStatement('not json', 1, 1)).toBeUndefined();
  });
});
