/**
 * Adversarial review of the evaluator against AWS's documented policy evaluation logic
 * (reference_policies_evaluation-logic.html) and condition operator reference
 * (reference_policies_elements_condition_operators.html, reference_policies_condition-single-vs-multi-valued-context-keys.html).
 * Each case names the documented rule it encodes.
 */
import { describe, expect, it } from '@jest/globals';
import type { PolicyDocument } from '../../../../lib/domain/model/account-view.js';
import { evaluateRequest } from '../../../../lib/domain/policy/evaluator/evaluate-request.js';
import type { EvaluationRequest, EvaluationResult, PolicyInput } from '../../../../lib/domain/policy/evaluator/types.js';

type Statement = Record<string, unknown>;
const doc = (...statements: Statement[]): PolicyDocument => ({ Version: '2012-10-17', Statement: statements });
const policy = (id: string, ...statements: Statement[]): PolicyInput => ({ id, document: doc(...statements) });
const allowIf = (action: string | string[], condition: Record<string, unknown>): Statement => ({ Effect: 'Allow', Action: action, Resource: '*', Condition: condition });

function decide(identity: PolicyInput[], request: EvaluationRequest, boundaries?: PolicyInput[]): EvaluationResult {
  return evaluateRequest({ identityPolicies: identity, ...(boundaries ? { permissionsBoundaries: boundaries } : {}), request });
}
const refs = (r: EvaluationResult) => r.matchedStatements.map((s) => `${s.policyId}#${s.statementIndex}`);

describe('AWS semantics review: NotAction / NotResource', () => {
  const allowAllButIam = policy('poweruser', { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' });

  it('Allow NotAction iam:* grants every other service and nothing in iam, whatever the casing', () => {
    expect(decide([allowAllButIam], { action: 'ec2:RunInstances' }).decision).toBe('allowed');
    expect(decide([allowAllButIam], { action: 'sts:AssumeRole' }).decision).toBe('allowed');
    expect(decide([allowAllButIam], { action: 'iam:PassRole' }).decision).toBe('implicitDeny');
    expect(decide([allowAllButIam], { action: 'IAM:passrole' }).decision).toBe('implicitDeny');
    expect(decide([policy('p', { Effect: 'Allow', NotAction: 'IAM:*', Resource: '*' })], { action: 'iam:PassRole' }).decision).toBe('implicitDeny');
  });

  it('Deny NotAction on a resource denies every other action on that resource only', () => {
    // Arrange: allow all but iam; deny anything that is not ec2 on the secret bucket
    const guard = policy('guard', { Effect: 'Deny', NotAction: 'ec2:*', Resource: 'arn:aws:s3:::secret/*' });
    const identity = [allowAllButIam, guard];

    // Act / Assert
    const onSecret = decide(identity, { action: 's3:GetObject', resource: 'arn:aws:s3:::secret/a.txt' });
    expect(onSecret.decision).toBe('explicitDeny');
    expect(refs(onSecret)).toEqual(['guard#0']);
    expect(decide(identity, { action: 's3:GetObject', resource: 'arn:aws:s3:::public/a.txt' }).decision).toBe('allowed');
    expect(decide(identity, { action: 'ec2:DescribeInstances', resource: 'arn:aws:s3:::secret/a.txt' }).decision).toBe('allowed');
    // The Deny does not make iam allowed, and an explicit deny still wins over the missing Allow.
    expect(decide(identity, { action: 'iam:GetRole', resource: 'arn:aws:s3:::public/a.txt' }).decision).toBe('implicitDeny');
    expect(decide(identity, { action: 'iam:GetRole', resource: 'arn:aws:s3:::secret/a.txt' }).decision).toBe('explicitDeny');
  });

  it('Allow "*" with Deny NotAction ec2:Describe* leaves only the Describe actions', () => {
    const identity = [policy('admin', { Effect: 'Allow', Action: '*', Resource: '*' }), policy('readonly', { Effect: 'Deny', NotAction: 'ec2:Describe*', Resource: '*' })];
    expect(decide(identity, { action: 'ec2:DescribeInstances' }).decision).toBe('allowed');
    expect(decide(identity, { action: 'ec2:RunInstances' }).decision).toBe('explicitDeny');
    expect(decide(identity, { action: 's3:GetObject' }).decision).toBe('explicitDeny');
  });

  it('Allow with NotResource applies to every resource not listed', () => {
    const identity = [policy('p', { Effect: 'Allow', Action: 's3:*', NotResource: ['arn:aws:s3:::secret', 'arn:aws:s3:::secret/*'] })];
    expect(decide(identity, { action: 's3:GetObject', resource: 'arn:aws:s3:::public/k' }).decision).toBe('allowed');
    expect(decide(identity, { action: 's3:GetObject', resource: 'arn:aws:s3:::secret/k' }).decision).toBe('implicitDeny');
    expect(decide(identity, { action: 's3:ListBucket', resource: 'arn:aws:s3:::secret' }).decision).toBe('implicitDeny');
    // NotResource never widens the action: other services stay denied.
    expect(decide(identity, { action: 'ec2:RunInstances', resource: 'arn:aws:s3:::public/k' }).decision).toBe('implicitDeny');
  });

  it('a Resource list that contains "*" matches every resource', () => {
    const identity = [policy('p', { Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::b/*', '*'] })];
    expect(decide(identity, { action: 's3:GetObject', resource: 'arn:aws:s3:::other/k' }).decision).toBe('allowed');
    expect(decide(identity, { action: 's3:GetObject' }).decision).toBe('allowed');
  });

  it('"?" in a resource matches exactly one character; resource ARNs are case-sensitive', () => {
    const identity = [policy('p', { Effect: 'Allow', Action: 'ec2:StartInstances', Resource: 'arn:aws:ec2:us-east-?:123456789012:instance/*' })];
    expect(decide(identity, { action: 'ec2:StartInstances', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-1' }).decision).toBe('allowed');
    expect(decide(identity, { action: 'ec2:StartInstances', resource: 'arn:aws:ec2:us-east-10:123456789012:instance/i-1' }).decision).toBe('implicitDeny');
    expect(decide(identity, { action: 'ec2:StartInstances', resource: 'arn:aws:ec2:us-east-1:123456789012:INSTANCE/i-1' }).decision).toBe('implicitDeny');
  });
});

describe('AWS semantics review: permissions boundaries', () => {
  it('the effective permissions are the intersection: ec2:* identity, ec2:Describe* boundary', () => {
    const identity = [policy('grant', { Effect: 'Allow', Action: 'ec2:*', Resource: '*' })];
    const boundary = [{ id: 'arn:aws:iam::123456789012:policy/b', document: doc({ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }) }];
    expect(decide(identity, { action: 'ec2:DescribeInstances' }, boundary)).toEqual(expect.objectContaining({ decision: 'allowed', allowedByBoundary: true }));
    const run = decide(identity, { action: 'ec2:RunInstances' }, boundary);
    expect(run).toEqual(expect.objectContaining({ decision: 'implicitDeny', allowedByBoundary: false, missingContextKeys: [] }));
    expect(refs(run)).toEqual(['grant#0']);
    // The boundary alone grants nothing.
    expect(decide([], { action: 'ec2:DescribeInstances' }, boundary).decision).toBe('implicitDeny');
  });

  it('a Deny in the boundary is an explicit deny that names the boundary statement', () => {
    const identity = [policy('grant', { Effect: 'Allow', Action: '*', Resource: '*' })];
    const boundary = [{ id: 'arn:aws:iam::123456789012:policy/b', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', Resource: '*' }) }];
    const result = decide(identity, { action: 'iam:CreateUser' }, boundary);
    expect(result.decision).toBe('explicitDeny');
    expect(result.matchedStatements).toEqual([expect.objectContaining({ policyId: 'arn:aws:iam::123456789012:policy/b', policyType: 'boundary', statementIndex: 1, effect: 'Deny' })]);
  });

  it('a boundary Allow that is conditional on a missing key gives "allowed only with context", not allowed', () => {
    const identity = [policy('grant', { Effect: 'Allow', Action: 'ec2:*', Resource: '*' })];
    const boundary = [{ id: 'b', document: doc(allowIf('ec2:*', { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } })) }];
    const result = decide(identity, { action: 'ec2:RunInstances' }, boundary);
    expect(result.decision).toBe('implicitDeny');
    expect(result.missingContextKeys).toEqual(['aws:RequestedRegion']);
    expect(decide(identity, { action: 'ec2:RunInstances', context: { 'aws:RequestedRegion': ['eu-west-1'] } }, boundary).decision).toBe('allowed');
  });
});

describe('AWS semantics review: missing context', () => {
  const grant = policy('grant', { Effect: 'Allow', Action: 'ec2:*', Resource: '*' });

  it('an unconditional Allow with a Deny conditioned on a missing key is "allowed only with context", never allowed', () => {
    // Arrange
    const guard = policy('guard', { Effect: 'Deny', Action: 'ec2:TerminateInstances', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/protected': 'true' } } });

    // Act
    const missing = decide([grant, guard], { action: 'ec2:TerminateInstances' });

    // Assert
    expect(missing.decision).toBe('implicitDeny');
    expect(missing.missingContextKeys).toEqual(['aws:ResourceTag/protected']);
    expect(missing.matchedStatements).toEqual([
      expect.objectContaining({ policyId: 'grant', effect: 'Allow' }),
      expect.objectContaining({ policyId: 'guard', effect: 'Deny', missingContextKeys: ['aws:ResourceTag/protected'] }),
    ]);
    expect(decide([grant, guard], { action: 'ec2:TerminateInstances', context: { 'aws:ResourceTag/protected': ['true'] } }).decision).toBe('explicitDeny');
    expect(decide([grant, guard], { action: 'ec2:TerminateInstances', context: { 'aws:ResourceTag/protected': ['false'] } }).decision).toBe('allowed');
  });

  it('a negated operator on a missing key (true in AWS when the key is truly absent) is undecided, never plainly allowed or denied', () => {
    const guard = policy('guard', { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } });
    const result = decide([grant, guard], { action: 'ec2:RunInstances' });
    expect(result.decision).toBe('implicitDeny');
    expect(result.missingContextKeys).toEqual(['aws:RequestedRegion']);
    expect(decide([grant, guard], { action: 'ec2:RunInstances', context: { 'aws:RequestedRegion': ['us-east-1'] } }).decision).toBe('explicitDeny');
  });

  it('a Deny that applies whatever the missing key is still an explicit deny', () => {
    const guard = policy('guard', { Effect: 'Deny', Action: 'ec2:*', Resource: '*' }, { Effect: 'Deny', Action: 'ec2:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    const result = decide([grant, guard], { action: 'ec2:RunInstances' });
    expect(result).toEqual(expect.objectContaining({ decision: 'explicitDeny', missingContextKeys: [] }));
    expect(refs(result)).toEqual(['guard#0']);
  });

  it('a condition that is decidedly false in one clause is false even with another key missing', () => {
    const identity = [policy('p', allowIf('ec2:RunInstances', { StringEquals: { 'aws:RequestedRegion': 'eu-west-1', 'ec2:InstanceType': 't3.micro' } }))];
    const result = decide(identity, { action: 'ec2:RunInstances', context: { 'aws:RequestedRegion': ['us-east-1'] } });
    expect(result).toEqual(expect.objectContaining({ decision: 'implicitDeny', missingContextKeys: [] }));
  });
});

describe('AWS semantics review: set operators', () => {
  const tagKeys = (values?: string[]): EvaluationRequest => ({ action: 'ec2:CreateTags', ...(values === undefined ? {} : { context: { 'aws:TagKeys': values } }) });

  it('ForAllValues: true when every request value matches, and also when the key is absent or empty (documented)', () => {
    const identity = [policy('p', allowIf('ec2:CreateTags', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['Name', 'team'] } }))];
    expect(decide(identity, tagKeys(['Name'])).decision).toBe('allowed');
    expect(decide(identity, tagKeys(['Name', 'team'])).decision).toBe('allowed');
    expect(decide(identity, tagKeys(['Name', 'cost'])).decision).toBe('implicitDeny');
    expect(decide(identity, tagKeys())).toEqual(expect.objectContaining({ decision: 'allowed', missingContextKeys: [] }));
    expect(decide(identity, tagKeys([])).decision).toBe('allowed');
  });

  it('ForAllValues with a negated operator in a Deny: matches when no request value is allowed, and on an absent key (documented example)', () => {
    const grant = policy('grant', { Effect: 'Allow', Action: 'iam:Tag*', Resource: '*' });
    const guard = policy('guard', { Effect: 'Deny', Action: 'iam:Tag*', Resource: '*', Condition: { 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'key1*' } } });
    const request = (values?: string[]): EvaluationRequest => ({ action: 'iam:TagRole', ...(values === undefined ? {} : { context: { 'aws:TagKeys': values } }) });
    expect(decide([grant, guard], request(['key1:legal'])).decision).toBe('allowed');
    expect(decide([grant, guard], request(['key1:hr', 'key1:personnel'])).decision).toBe('allowed');
    expect(decide([grant, guard], request(['key2:audit'])).decision).toBe('explicitDeny');
    expect(decide([grant, guard], request()).decision).toBe('explicitDeny');
  });

  it('ForAnyValue: true when one request value matches; false on an empty set; never allowed on an absent key', () => {
    const identity = [policy('p', allowIf('ec2:CreateTags', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['DataClass', 'Owner'] } }))];
    expect(decide(identity, tagKeys(['DataClass', 'Dept'])).decision).toBe('allowed');
    expect(decide(identity, tagKeys(['Dept', 'SIC']))).toEqual(expect.objectContaining({ decision: 'implicitDeny', missingContextKeys: [] }));
    expect(decide(identity, tagKeys([]))).toEqual(expect.objectContaining({ decision: 'implicitDeny', missingContextKeys: [] }));
    expect(decide(identity, tagKeys())).toEqual(expect.objectContaining({ decision: 'implicitDeny', missingContextKeys: ['aws:TagKeys'] }));
  });

  it('ForAnyValue ignores IfExists: an absent or empty key does not satisfy ForAnyValue:StringEqualsIfExists', () => {
    // AWS: ForAnyValue returns false when the key is missing or resolves to an empty set; IfExists does not
    // change that (re:Post "ForAnyValue:StringEqualsIfExists behaving unexpectedly": sqs:ListQueues denied).
    const identity = [policy('p', allowIf('ec2:CreateTags', { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': ['team'] } }))];
    expect(decide(identity, tagKeys()).decision).not.toBe('allowed');
    expect(decide(identity, tagKeys())).toEqual(expect.objectContaining({ decision: 'implicitDeny', missingContextKeys: ['aws:TagKeys'] }));
    expect(decide(identity, tagKeys([]))).toEqual(expect.objectContaining({ decision: 'implicitDeny', missingContextKeys: [] }));
    expect(decide(identity, tagKeys(['team'])).decision).toBe('allowed');
  });

  it('a Deny with ForAnyValue...IfExists on an absent key is not a plain explicit deny', () => {
    const grant = policy('grant', { Effect: 'Allow', Action: 'ec2:*', Resource: '*' });
    const guard = policy('guard', { Effect: 'Deny', Action: 'ec2:CreateTags', Resource: '*', Condition: { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': ['protected'] } } });
    expect(decide([grant, guard], tagKeys()).decision).not.toBe('explicitDeny');
    expect(decide([grant, guard], tagKeys([])).decision).toBe('allowed');
    expect(decide([grant, guard], tagKeys(['protected'])).decision).toBe('explicitDeny');
  });
});

describe('AWS semantics review: condition operators', () => {
  const request = (context: Record<string, string[]>, action = 'ec2:RunInstances'): EvaluationRequest => ({ action, context });
  const allowed = (condition: Record<string, unknown>, context: Record<string, string[]>) =>
    decide([policy('p', allowIf('ec2:RunInstances', condition))], request(context)).decision === 'allowed';

  it('Null: true tests absence, false tests presence; decided even without context', () => {
    expect(allowed({ Null: { 'aws:TokenIssueTime': 'true' } }, {})).toBe(true);
    expect(allowed({ Null: { 'aws:TokenIssueTime': 'true' } }, { 'aws:TokenIssueTime': ['2026-01-01T00:00:00Z'] })).toBe(false);
    const presence = decide([policy('p', allowIf('ec2:RunInstances', { Null: { 'aws:TokenIssueTime': 'false' } }))], request({}));
    expect(presence).toEqual(expect.objectContaining({ decision: 'implicitDeny', missingContextKeys: [] }));
  });

  it('Bool and BoolIfExists', () => {
    expect(allowed({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, { 'aws:MultiFactorAuthPresent': ['true'] })).toBe(true);
    expect(allowed({ Bool: { 'aws:MultiFactorAuthPresent': true } }, { 'aws:MultiFactorAuthPresent': ['false'] })).toBe(false);
    expect(allowed({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }, {})).toBe(true);
    expect(allowed({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, {})).toBe(false);
  });

  it('String operators: StringEquals is case-sensitive, IgnoreCase is not, StringLike takes * and ?, values are OR-ed, negation is NOR', () => {
    expect(allowed({ StringEquals: { 'ec2:InstanceType': ['t3.micro', 't3.small'] } }, { 'ec2:InstanceType': ['t3.small'] })).toBe(true);
    expect(allowed({ StringEquals: { 'ec2:InstanceType': 't3.micro' } }, { 'ec2:InstanceType': ['T3.MICRO'] })).toBe(false);
    expect(allowed({ StringEqualsIgnoreCase: { 'ec2:InstanceType': 't3.micro' } }, { 'ec2:InstanceType': ['T3.MICRO'] })).toBe(true);
    expect(allowed({ StringLike: { 'ec2:InstanceType': 't3.*' } }, { 'ec2:InstanceType': ['t3.large'] })).toBe(true);
    expect(allowed({ StringLike: { 'ec2:InstanceType': 't?.micro' } }, { 'ec2:InstanceType': ['t3.micro'] })).toBe(true);
    expect(allowed({ StringLike: { 'ec2:InstanceType': 't?.micro' } }, { 'ec2:InstanceType': ['t3a.micro'] })).toBe(false);
    expect(allowed({ StringNotEquals: { 'ec2:InstanceType': ['p4d.24xlarge', 'p5.48xlarge'] } }, { 'ec2:InstanceType': ['t3.micro'] })).toBe(true);
    expect(allowed({ StringNotEquals: { 'ec2:InstanceType': ['p4d.24xlarge', 'p5.48xlarge'] } }, { 'ec2:InstanceType': ['p5.48xlarge'] })).toBe(false);
  });

  it('condition keys are case-insensitive, values are not', () => {
    expect(allowed({ StringEquals: { 'AWS:RequestedRegion': 'eu-west-1' } }, { 'aws:requestedregion': ['eu-west-1'] })).toBe(true);
  });

  it('StringLike with a policy variable compares the variable literally (documented limitation)', () => {
    const condition = { StringLike: { 's3:prefix': 'home/${aws:username}/*' } };
    expect(allowed(condition, { 's3:prefix': ['home/alice/x'], 'aws:username': ['alice'] })).toBe(false);
    expect(allowed(condition, { 's3:prefix': ['home/${aws:username}/x'] })).toBe(true);
  });

  it('Numeric operators compare numbers, not strings', () => {
    expect(allowed({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': ['900'] })).toBe(true);
    expect(allowed({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': ['40000'] })).toBe(false);
    expect(allowed({ NumericGreaterThanEquals: { 's3:max-keys': 10 } }, { 's3:max-keys': ['10'] })).toBe(true);
    expect(allowed({ NumericNotEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': ['10.0'] })).toBe(false);
  });

  it('Date operators compare instants in ISO 8601 or epoch seconds', () => {
    expect(allowed({ DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } }, { 'aws:CurrentTime': ['2026-06-01T12:00:00Z'] })).toBe(true);
    expect(allowed({ DateGreaterThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } }, { 'aws:CurrentTime': ['2026-06-01T12:00:00Z'] })).toBe(false);
    expect(allowed({ DateGreaterThan: { 'aws:EpochTime': '1700000000' } }, { 'aws:EpochTime': ['1800000000'] })).toBe(true);
    expect(allowed({ DateEquals: { 'aws:CurrentTime': '2026-01-01T01:00:00+01:00' } }, { 'aws:CurrentTime': ['2026-01-01T00:00:00Z'] })).toBe(true);
  });

  it('IpAddress / NotIpAddress take CIDR blocks and single addresses, IPv4 and IPv6', () => {
    expect(allowed({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] } }, { 'aws:SourceIp': ['203.0.113.77'] })).toBe(true);
    expect(allowed({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] } }, { 'aws:SourceIp': ['2001:db8:1::5'] })).toBe(true);
    expect(allowed({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': ['198.51.100.1'] })).toBe(false);
    expect(allowed({ IpAddress: { 'aws:SourceIp': '203.0.113.7' } }, { 'aws:SourceIp': ['203.0.113.7'] })).toBe(true);
    expect(allowed({ NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': ['198.51.100.1'] })).toBe(true);
  });

  it('Arn operators match each of the six ARN components separately, with wildcards, for ArnEquals too', () => {
    const role = 'arn:aws:iam::123456789012:role/path/k8s';
    expect(allowed({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } }, { 'aws:PrincipalArn': [role] })).toBe(true);
    expect(allowed({ ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/*' } }, { 'aws:PrincipalArn': [role] })).toBe(true);
    expect(allowed({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:user/*' } }, { 'aws:PrincipalArn': [role] })).toBe(false);
    // a wildcard in one component does not swallow the colons of the next
    expect(allowed({ ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::*' } }, { 'aws:SourceArn': ['arn:aws:sns:us-east-1:123456789012:topic'] })).toBe(false);
    expect(allowed({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/admin' } }, { 'aws:PrincipalArn': [role] })).toBe(true);
  });

  it('operators are AND-ed, keys AND-ed, values OR-ed', () => {
    const condition = { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] }, Bool: { 'aws:SecureTransport': 'true' } };
    expect(allowed(condition, { 'aws:RequestedRegion': ['eu-central-1'], 'aws:SecureTransport': ['true'] })).toBe(true);
    expect(allowed(condition, { 'aws:RequestedRegion': ['eu-central-1'], 'aws:SecureTransport': ['false'] })).toBe(false);
  });
});
