import { describe, expect, it } from '@jest/globals';
import { compileCondition, type ConditionOutcome } from '../../../../../lib/domain/policy/evaluator/condition/compile-condition.js';
import { normalizeContext } from '../../../../../lib/domain/policy/evaluator/condition/context.js';
import { OPERATOR_NAMES } from '../../../../../lib/domain/policy/evaluator/condition/operators.js';
import { PolicyDocumentError } from '../../../../../lib/domain/policy/errors.js';

type Ctx = Record<string, string[]>;
interface Case {
  rule: string;
  condition: Record<string, Record<string, unknown>>;
  context: Ctx;
  expected: ConditionOutcome;
}

const c = (rule: string, condition: Case['condition'], context: Ctx, expected: ConditionOutcome): Case => ({ rule, condition, context, expected });
const K = 'aws:ResourceTag/KubernetesCluster';
const ARN = 'arn:aws:iam::123456789012:role/k8s-master';

const cases: Case[] = [
  // String
  c('StringEquals: equal value matches', { StringEquals: { [K]: 'prod' } }, { [K]: ['prod'] }, true),
  c('StringEquals: is case-sensitive', { StringEquals: { [K]: 'prod' } }, { [K]: ['Prod'] }, false),
  c('StringEquals: several policy values are OR-ed', { StringEquals: { [K]: ['dev', 'prod'] } }, { [K]: ['prod'] }, true),
  c('StringEquals: absent key is missing context', { StringEquals: { [K]: 'prod' } }, {}, [K]),
  c('StringNotEquals: different value matches', { StringNotEquals: { [K]: 'prod' } }, { [K]: ['dev'] }, true),
  c('StringNotEquals: equal value does not match', { StringNotEquals: { [K]: 'prod' } }, { [K]: ['prod'] }, false),
  c('StringNotEquals: several policy values: must equal none of them', { StringNotEquals: { [K]: ['dev', 'prod'] } }, { [K]: ['prod'] }, false),
  c('StringNotEquals: absent key is missing context', { StringNotEquals: { [K]: 'prod' } }, {}, [K]),
  c('StringEqualsIgnoreCase: ignores case', { StringEqualsIgnoreCase: { [K]: 'PROD' } }, { [K]: ['prod'] }, true),
  c('StringEqualsIgnoreCase: different value does not match', { StringEqualsIgnoreCase: { [K]: 'prod' } }, { [K]: ['dev'] }, false),
  c('StringNotEqualsIgnoreCase: same value in other case does not match', { StringNotEqualsIgnoreCase: { [K]: 'PROD' } }, { [K]: ['prod'] }, false),
  c('StringNotEqualsIgnoreCase: different value matches', { StringNotEqualsIgnoreCase: { [K]: 'prod' } }, { [K]: ['dev'] }, true),
  c('StringLike: "*" wildcard', { StringLike: { 'aws:RequestTag/Name': 'k8s-*' } }, { 'aws:RequestTag/Name': ['k8s-node-1'] }, true),
  c('StringLike: "?" wildcard', { StringLike: { 'aws:RequestTag/Name': 'node-?' } }, { 'aws:RequestTag/Name': ['node-12'] }, false),
  c('StringLike: is case-sensitive', { StringLike: { 'aws:RequestTag/Name': 'K8S-*' } }, { 'aws:RequestTag/Name': ['k8s-node'] }, false),
  c('StringNotLike: non-matching value matches', { StringNotLike: { 'aws:RequestTag/Name': 'k8s-*' } }, { 'aws:RequestTag/Name': ['web'] }, true),
  c('StringNotLike: matching value does not match', { StringNotLike: { 'aws:RequestTag/Name': 'k8s-*' } }, { 'aws:RequestTag/Name': ['k8s-1'] }, false),

  // Numeric
  c('NumericEquals: equal numbers', { NumericEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': ['10.0'] }, true),
  c('NumericEquals: different numbers', { NumericEquals: { 's3:max-keys': 10 } }, { 's3:max-keys': ['11'] }, false),
  c('NumericNotEquals: different numbers', { NumericNotEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': ['11'] }, true),
  c('NumericNotEquals: equal numbers', { NumericNotEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': ['10'] }, false),
  c('NumericLessThan: smaller', { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': ['60'] }, true),
  c('NumericLessThan: equal is not less', { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': ['3600'] }, false),
  c('NumericLessThanEquals: equal', { NumericLessThanEquals: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': ['3600'] }, true),
  c('NumericGreaterThan: larger', { NumericGreaterThan: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': ['3601'] }, true),
  c('NumericGreaterThan: smaller', { NumericGreaterThan: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': ['1'] }, false),
  c('NumericGreaterThanEquals: equal', { NumericGreaterThanEquals: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': ['3600'] }, true),
  c('NumericEquals: a request value that is not a number does not match', { NumericEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': ['ten'] }, false),

  // Date
  c('DateEquals: same instant in two notations', { DateEquals: { 'aws:CurrentTime': '2026-01-31T12:00:00Z' } }, { 'aws:CurrentTime': ['2026-01-31T14:00:00+02:00'] }, true),
  c('DateEquals: epoch seconds are accepted', { DateEquals: { 'aws:EpochTime': '1769860800' } }, { 'aws:EpochTime': ['2026-01-31T12:00:00Z'] }, true),
  c('DateNotEquals: different instant', { DateNotEquals: { 'aws:CurrentTime': '2026-01-31T12:00:00Z' } }, { 'aws:CurrentTime': ['2026-02-01T00:00:00Z'] }, true),
  c('DateNotEquals: same instant', { DateNotEquals: { 'aws:CurrentTime': '2026-01-31' } }, { 'aws:CurrentTime': ['2026-01-31T00:00:00Z'] }, false),
  c('DateLessThan: earlier', { DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } }, { 'aws:CurrentTime': ['2026-06-01T00:00:00Z'] }, true),
  c('DateLessThan: later', { DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } }, { 'aws:CurrentTime': ['2027-06-01T00:00:00Z'] }, false),
  c('DateLessThanEquals: same instant', { DateLessThanEquals: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } }, { 'aws:CurrentTime': ['2027-01-01T00:00:00Z'] }, true),
  c('DateGreaterThan: later', { DateGreaterThan: { 'aws:CurrentTime': '2026-01-01' } }, { 'aws:CurrentTime': ['2026-01-02T00:00:00Z'] }, true),
  c('DateGreaterThanEquals: earlier', { DateGreaterThanEquals: { 'aws:CurrentTime': '2026-01-02' } }, { 'aws:CurrentTime': ['2026-01-01T23:59:59Z'] }, false),

  // Bool / Binary
  c('Bool: true matches "true"', { Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': ['true'] }, true),
  c('Bool: JSON boolean policy value, case-insensitive request value', { Bool: { 'aws:SecureTransport': true } }, { 'aws:SecureTransport': ['TRUE'] }, true),
  c('Bool: false does not match "true"', { Bool: { 'aws:MultiFactorAuthPresent': 'false' } }, { 'aws:MultiFactorAuthPresent': ['true'] }, false),
  c('BoolIfExists: absent key holds', { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }, {}, true),
  c('BinaryEquals: same base64 value', { BinaryEquals: { 'custom:bin': 'QmluYXJ5' } }, { 'custom:bin': ['QmluYXJ5'] }, true),
  c('BinaryEquals: other value', { BinaryEquals: { 'custom:bin': 'QmluYXJ5' } }, { 'custom:bin': ['T3RoZXI='] }, false),

  // IP
  c('IpAddress: address inside the CIDR', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': ['203.0.113.77'] }, true),
  c('IpAddress: address outside the CIDR', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': ['203.0.114.1'] }, false),
  c('IpAddress: a single address is a /32', { IpAddress: { 'aws:SourceIp': '10.1.2.3' } }, { 'aws:SourceIp': ['10.1.2.3'] }, true),
  c('IpAddress: several CIDRs are OR-ed', { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } }, { 'aws:SourceIp': ['192.168.5.5'] }, true),
  c('IpAddress: IPv6 CIDR', { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, { 'aws:SourceIp': ['2001:db8:1::5'] }, true),
  c('IpAddress: request value that is not an IP does not match', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, { 'aws:SourceIp': ['vpce-1'] }, false),
  c('NotIpAddress: address outside matches', { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': ['198.51.100.1'] }, true),
  c('NotIpAddress: address inside does not match', { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': ['203.0.113.1'] }, false),

  // ARN
  c('ArnEquals: identical ARN', { ArnEquals: { 'aws:PrincipalArn': ARN } }, { 'aws:PrincipalArn': [ARN] }, true),
  c('ArnEquals: wildcards per component (like ArnLike)', { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/k8s-*' } }, { 'aws:PrincipalArn': [ARN] }, true),
  c('ArnLike: wildcard does not cross into another component', { ArnLike: { 'aws:SourceArn': 'arn:aws:*:us-west-1:123456789012:*' } }, { 'aws:SourceArn': ['arn:aws:sns:us-east-1:123456789012:topic'] }, false),
  c('ArnLike: resource component keeps its colons', { ArnLike: { 'aws:SourceArn': 'arn:aws:logs:*:*:log-group:/k8s/*' } }, { 'aws:SourceArn': ['arn:aws:logs:us-west-1:123456789012:log-group:/k8s/audit:*'] }, true),
  c('ArnLike: request value that is not an ARN does not match', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:*' } }, { 'aws:SourceArn': ['boop'] }, false),
  c('ArnNotEquals: other ARN matches', { ArnNotEquals: { 'aws:PrincipalArn': ARN } }, { 'aws:PrincipalArn': ['arn:aws:iam::123456789012:role/other'] }, true),
  c('ArnNotLike: matching ARN does not match', { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/k8s-*' } }, { 'aws:PrincipalArn': [ARN] }, false),
  c('ArnNotLike: a non-ARN request value matches (negation of ArnLike)', { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/k8s-*' } }, { 'aws:PrincipalArn': ['boop'] }, true),

  // Null
  c('Null true: absent key holds', { Null: { 'aws:RequestTag/KubernetesCluster': 'true' } }, {}, true),
  c('Null true: present key does not hold', { Null: { 'aws:RequestTag/KubernetesCluster': 'true' } }, { 'aws:RequestTag/KubernetesCluster': ['prod'] }, false),
  c('Null false: present key holds', { Null: { 'aws:RequestTag/KubernetesCluster': 'false' } }, { 'aws:RequestTag/KubernetesCluster': ['prod'] }, true),
  c('Null false: absent key does not hold (decided, not missing)', { Null: { 'aws:RequestTag/KubernetesCluster': false } }, {}, false),
  c('Null true: an empty value list counts as absent', { Null: { 'aws:TagKeys': 'true' } }, { 'aws:TagKeys': [] }, true),

  // IfExists
  c('StringEqualsIfExists: absent key holds', { StringEqualsIfExists: { [K]: 'prod' } }, {}, true),
  c('StringEqualsIfExists: present key is tested', { StringEqualsIfExists: { [K]: 'prod' } }, { [K]: ['dev'] }, false),
  c('StringNotEqualsIfExists: absent key holds', { StringNotEqualsIfExists: { [K]: 'prod' } }, {}, true),
  c('NumericLessThanIfExists: absent key holds', { NumericLessThanIfExists: { 'aws:MultiFactorAuthAge': '60' } }, {}, true),
  c('IpAddressIfExists: present key is tested', { IpAddressIfExists: { 'aws:SourceIp': '10.0.0.0/8' } }, { 'aws:SourceIp': ['11.0.0.1'] }, false),
  c('ArnLikeIfExists: absent key holds', { ArnLikeIfExists: { 'aws:SourceArn': 'arn:aws:sns:*:*:*' } }, {}, true),
  c('DateGreaterThanIfExists: absent key holds', { DateGreaterThanIfExists: { 'aws:CurrentTime': '2026-01-01' } }, {}, true),
  c('StringEqualsIfExists: an empty value list holds', { StringEqualsIfExists: { [K]: 'prod' } }, { [K]: [] }, true),

  // Set qualifiers
  c('ForAnyValue: one request value in the set holds', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['Name', 'Owner'] } }, { 'aws:TagKeys': ['Env', 'Owner'] }, true),
  c('ForAnyValue: no request value in the set does not hold', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['Name'] } }, { 'aws:TagKeys': ['Env', 'Owner'] }, false),
  c('ForAnyValue: empty request set does not hold', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['Name'] } }, { 'aws:TagKeys': [] }, false),
  c('ForAnyValue: absent key is missing context', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['Name'] } }, {}, ['aws:TagKeys']),
  c('ForAnyValue:StringNotEquals: one request value outside the set holds', { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['Name'] } }, { 'aws:TagKeys': ['Name', 'Env'] }, true),
  c('ForAllValues: every request value in the set holds', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['Name', 'Owner'] } }, { 'aws:TagKeys': ['Owner', 'Name'] }, true),
  c('ForAllValues: one request value outside the set does not hold', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['Name'] } }, { 'aws:TagKeys': ['Name', 'Env'] }, false),
  c('ForAllValues: empty request set holds', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['Name'] } }, { 'aws:TagKeys': [] }, true),
  c('ForAllValues: absent key holds', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['Name'] } }, {}, true),
  c('ForAllValues:StringNotLike: no request value matches any pattern holds', { 'ForAllValues:StringNotLike': { 'aws:TagKeys': ['kubernetes.io/*'] } }, { 'aws:TagKeys': ['Name', 'Owner'] }, true),
  c('ForAllValues:StringNotLike: one request value matches a pattern does not hold', { 'ForAllValues:StringNotLike': { 'aws:TagKeys': ['kubernetes.io/*'] } }, { 'aws:TagKeys': ['Name', 'kubernetes.io/cluster/prod'] }, false),
  c('ForAnyValue:StringLikeIfExists: IfExists is ignored, an absent key is missing context', { 'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': ['k*'] } }, {}, ['aws:TagKeys']),
  c('ForAnyValue:StringLikeIfExists: IfExists is ignored, an empty set does not hold', { 'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': ['k*'] } }, { 'aws:TagKeys': [] }, false),
  c('ForAllValues:StringLikeIfExists: absent key holds', { 'ForAllValues:StringLikeIfExists': { 'aws:TagKeys': ['k*'] } }, {}, true),
  c('set qualifier names are case-insensitive', { 'foranyvalue:stringequals': { 'aws:TagKeys': ['Name'] } }, { 'aws:TagKeys': ['Name'] }, true),

  // Multivalued request keys without qualifier
  c('unqualified positive operator: any request value may match', { StringEquals: { 'aws:TagKeys': 'Name' } }, { 'aws:TagKeys': ['Env', 'Name'] }, true),
  c('unqualified negated operator: no request value may match', { StringNotEquals: { 'aws:TagKeys': 'Name' } }, { 'aws:TagKeys': ['Env', 'Name'] }, false),
  c('unqualified positive operator: empty request list does not hold', { StringEquals: { [K]: 'prod' } }, { [K]: [] }, false),
  c('unqualified negated operator: empty request list holds', { StringNotEquals: { [K]: 'prod' } }, { [K]: [] }, true),

  // Combination rules
  c('several keys in one operator are AND-ed (all met)', { StringEquals: { [K]: 'prod', 'ec2:Region': 'us-west-1' } }, { [K]: ['prod'], 'ec2:Region': ['us-west-1'] }, true),
  c('several keys in one operator are AND-ed (one unmet)', { StringEquals: { [K]: 'prod', 'ec2:Region': 'us-west-1' } }, { [K]: ['prod'], 'ec2:Region': ['eu-west-1'] }, false),
  c('several operators are AND-ed (one unmet)', { StringEquals: { [K]: 'prod' }, Bool: { 'aws:SecureTransport': 'true' } }, { [K]: ['prod'], 'aws:SecureTransport': ['false'] }, false),
  c('several operators are AND-ed (all met)', { StringEquals: { [K]: 'prod' }, Bool: { 'aws:SecureTransport': 'true' } }, { [K]: ['prod'], 'aws:SecureTransport': ['true'] }, true),
  c('an unmet clause decides even when another key is missing', { StringEquals: { [K]: 'prod' }, Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': ['false'] }, false),
  c('met clauses plus missing keys report the missing keys in policy order', { StringEquals: { [K]: 'prod', 'aws:RequestTag/Name': 'x' }, Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': ['true'] }, [K, 'aws:RequestTag/Name']),
  c('condition keys are case-insensitive', { StringEquals: { 'AWS:ResourceTag/KUBERNETESCLUSTER': 'prod' } }, { 'aws:resourcetag/kubernetescluster': ['prod'] }, true),
];

describe('compileCondition', () => {
  it.each(cases.map((k) => [k.rule, k] as const))('%s', (_rule, k) => {
    // Arrange
    const condition = compileCondition(k.condition, 'p', 0);

    // Act
    const outcome = condition?.evaluate(normalizeContext(k.context));

    // Assert
    expect(outcome).toEqual(k.expected);
  });

  it('covers every supported operator in the table above', () => {
    // Arrange
    const used = new Set(cases.flatMap((k) => Object.keys(k.condition)).map((op) => op.replace(/^For(Any|All)Values?:/i, '').replace(/IfExists$/, '').toLowerCase()));

    // Act
    const untested = OPERATOR_NAMES.filter((name) => !used.has(name.toLowerCase()));

    // Assert
    expect(untested).toEqual([]);
  });

  it('returns undefined without a Condition and for an empty one', () => {
    expect(compileCondition(undefined, 'p', 0)).toBeUndefined();
    expect(compileCondition({}, 'p', 0)).toBeUndefined();
  });

  const invalid: [string, unknown, string][] = [
    ['unknown operator', { StringMatches: { k: 'v' } }, 'unsupported condition operator "StringMatches"'],
    ['numeric operator with a non-number', { NumericLessThan: { 'aws:MultiFactorAuthAge': 'soon' } }, '"soon" is not a number'],
    ['date operator with a non-date', { DateLessThan: { 'aws:CurrentTime': 'tomorrow' } }, 'is not an ISO 8601 date'],
    ['Bool with a non-boolean', { Bool: { 'aws:SecureTransport': 'yes' } }, '"yes" is not "true" or "false"'],
    ['IpAddress with a bad CIDR', { IpAddress: { 'aws:SourceIp': '10.0.0.0/33' } }, 'is not an IP address or CIDR block'],
    ['BinaryEquals with non-base64', { BinaryEquals: { 'custom:bin': 'not base64!' } }, 'is not base64'],
    ['Null with a non-boolean', { Null: { k: 'maybe' } }, '"maybe" is not "true" or "false"'],
    ['NullIfExists', { NullIfExists: { k: 'true' } }, 'no IfExists form'],
    ['empty value list', { StringEquals: { k: [] } }, 'non-empty list'],
    ['object value', { StringEquals: { k: { nested: 1 } } }, 'expected a string, number or boolean'],
    ['operator without keys', { StringEquals: {} }, 'names no condition key'],
    ['operator block not an object', { StringEquals: 'x' }, 'expected an object of condition keys'],
    ['Condition not an object', ['StringEquals'], 'expected an object of condition operators'],
  ];
  it.each(invalid)('rejects %s with a PolicyDocumentError naming policy, statement and field', (_name, condition, reason) => {
    // Act
    const act = () => compileCondition(condition, 'my-policy', 3);

    // Assert
    expect(act).toThrow(PolicyDocumentError);
    expect(act).toThrow(/^policy "my-policy" Statement\[3\]\.Condition/);
    expect(act).toThrow(reason);
  });
});

describe('compileCondition: keys the caller knows are absent (AWS: "Condition operators", absent keys)', () => {
  const absent = () => true;
  const outcome = (condition: unknown) => compileCondition(condition, 'p', 0)!.evaluate(new Map(), absent);
  it('a positive operator does not match, a negated one does', () => {
    expect(outcome({ StringEquals: { 'aws:ResourceTag/k': 'v' } })).toBe(false);
    expect(outcome({ StringNotEquals: { 'aws:ResourceTag/k': 'v' } })).toBe(true);
  });
  it('IfExists, Null:true and ForAllValues hold; ForAnyValue and Null:false do not', () => {
    expect(outcome({ StringEqualsIfExists: { 'aws:ResourceTag/k': 'v' } })).toBe(true);
    expect(outcome({ Null: { 'aws:ResourceTag/k': 'true' } })).toBe(true);
    expect(outcome({ Null: { 'aws:ResourceTag/k': 'false' } })).toBe(false);
    expect(outcome({ 'ForAllValues:StringEquals': { 'aws:TagKeys': 'k' } })).toBe(true);
    expect(outcome({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'k' } })).toBe(false);
  });
  it('without the absent marker the key stays missing context', () => {
    expect(compileCondition({ StringEquals: { 'aws:ResourceTag/k': 'v' } }, 'p', 0)!.evaluate(new Map())).toEqual(['aws:ResourceTag/k']);
  });
});
