import { describe, expect, it } from '@jest/globals';
import type { PolicyDocument } from '../../../../lib/domain/model/account-view.js';
import { evaluateRequest } from '../../../../lib/domain/policy/evaluator/evaluate-request.js';
import type { EvaluationRequest, PolicyInput } from '../../../../lib/domain/policy/evaluator/types.js';

type Statement = Record<string, unknown>;
const doc = (...statements: Statement[]): PolicyDocument => ({ Version: '2012-10-17', Statement: statements });
const allow = (action: string | string[], extra: Statement = {}): Statement => ({ Effect: 'Allow', Action: action, Resource: '*', ...extra });
const deny = (action: string | string[], extra: Statement = {}): Statement => ({ Effect: 'Deny', Action: action, Resource: '*', ...extra });
const policy = (id: string, ...statements: Statement[]): PolicyInput => ({ id, document: doc(...statements) });

const CLUSTER_TAG = 'aws:ResourceTag/KubernetesCluster';
const kopsScoped = allow(['ec2:AttachVolume', 'ec2:DeleteVolume'], { Condition: { StringEquals: { [CLUSTER_TAG]: 'prod.k8s.local' } } });

interface Case {
  rule: string;
  identity: PolicyInput[];
  boundaries?: PolicyInput[];
  request: EvaluationRequest;
  decision: 'allowed' | 'explicitDeny' | 'implicitDeny';
  missing?: string[];
  /** `policyId#statementIndex` of the matched statements, in order. */
  matched?: string[];
  allowedByBoundary?: boolean;
}

const cases: Case[] = [
  // Default and basic allow
  { rule: 'no policies: default implicit deny', identity: [], request: { action: 'ec2:DescribeInstances' }, decision: 'implicitDeny', matched: [] },
  { rule: 'an empty Statement list grants nothing', identity: [{ id: 'empty', document: { Statement: [] } }], request: { action: 'ec2:DescribeInstances' }, decision: 'implicitDeny' },
  { rule: 'unrelated action: default implicit deny', identity: [policy('p', allow('ec2:DescribeInstances'))], request: { action: 'ec2:DescribeVolumes' }, decision: 'implicitDeny', matched: [] },
  { rule: 'exact action allowed', identity: [policy('p', allow('ec2:DescribeInstances'))], request: { action: 'ec2:DescribeInstances' }, decision: 'allowed', matched: ['p#0'] },
  { rule: 'action names are case-insensitive (request mixed case)', identity: [policy('p', allow('ec2:DescribeInstances'))], request: { action: 'EC2:describeinstances' }, decision: 'allowed' },
  { rule: 'action names are case-insensitive (policy mixed case)', identity: [policy('p', allow('EC2:describeINSTANCES'))], request: { action: 'ec2:DescribeInstances' }, decision: 'allowed' },
  { rule: 'service prefix must match, not just the action name', identity: [policy('p', allow('autoscaling:DescribeTags'))], request: { action: 'ec2:DescribeTags' }, decision: 'implicitDeny' },
  { rule: 'Action as a list: any entry matches', identity: [policy('p', allow(['ec2:CreateTags', 'ec2:DeleteTags']))], request: { action: 'ec2:DeleteTags' }, decision: 'allowed' },
  { rule: 'Action as a string', identity: [policy('p', allow('ec2:CreateTags'))], request: { action: 'ec2:CreateTags' }, decision: 'allowed' },
  { rule: 'Statement as a single object', identity: [{ id: 'single', document: { Version: '2012-10-17', Statement: allow('ec2:CreateTags') } }], request: { action: 'ec2:CreateTags' }, decision: 'allowed', matched: ['single#0'] },
  { rule: 'matched statement index counts within the document', identity: [policy('p', allow('s3:GetObject'), allow('ec2:CreateTags', { Sid: 'Tags' }))], request: { action: 'ec2:CreateTags' }, decision: 'allowed', matched: ['p#1'] },
  { rule: 'several matching Allows across policies are all reported', identity: [policy('a', allow('ec2:*')), policy('b', allow('ec2:DescribeInstances'))], request: { action: 'ec2:DescribeInstances' }, decision: 'allowed', matched: ['a#0', 'b#0'] },

  // Wildcards
  { rule: '"*" allows every action', identity: [policy('admin', allow('*'))], request: { action: 'iam:CreateUser' }, decision: 'allowed' },
  { rule: '"ec2:*" allows every ec2 action', identity: [policy('p', allow('ec2:*'))], request: { action: 'ec2:TerminateInstances' }, decision: 'allowed' },
  { rule: '"ec2:*" does not allow other services', identity: [policy('p', allow('ec2:*'))], request: { action: 'elasticloadbalancing:CreateLoadBalancer' }, decision: 'implicitDeny' },
  { rule: '"ec2:Describe*" allows Describe actions', identity: [policy('p', allow('ec2:Describe*'))], request: { action: 'ec2:DescribeRouteTables' }, decision: 'allowed' },
  { rule: '"ec2:Describe*" does not allow Create actions', identity: [policy('p', allow('ec2:Describe*'))], request: { action: 'ec2:CreateRoute' }, decision: 'implicitDeny' },
  { rule: '"ec2:describe*" wildcard is case-insensitive', identity: [policy('p', allow('ec2:describe*'))], request: { action: 'EC2:DescribeVpcs' }, decision: 'allowed' },
  { rule: '"*" inside a name: "ec2:*Volume" matches a suffix', identity: [policy('p', allow('ec2:*Volume'))], request: { action: 'ec2:AttachVolume' }, decision: 'allowed' },
  { rule: '"?" matches exactly one character', identity: [policy('p', allow('ec2:DescribeVpc?'))], request: { action: 'ec2:DescribeVpcs' }, decision: 'allowed' },
  { rule: '"?" does not match zero characters', identity: [policy('p', allow('ec2:DescribeVpcs?'))], request: { action: 'ec2:DescribeVpcs' }, decision: 'implicitDeny' },
  { rule: '"?" does not match two characters', identity: [policy('p', allow('ec2:Describe?'))], request: { action: 'ec2:DescribeVpcs' }, decision: 'implicitDeny' },
  { rule: 'wildcard in the service prefix: "elasticloadbalancing*:Describe*"', identity: [policy('p', allow('elasticloadbalancing*:Describe*'))], request: { action: 'elasticloadbalancing:DescribeListeners' }, decision: 'allowed' },
  { rule: 'service wildcard "*:Describe*" allows Describe of any service', identity: [policy('p', allow('*:Describe*'))], request: { action: 'autoscaling:DescribeTags' }, decision: 'allowed' },

  // Explicit deny
  { rule: 'explicit deny beats allow in the same policy', identity: [policy('p', allow('ec2:*'), deny('ec2:TerminateInstances'))], request: { action: 'ec2:TerminateInstances' }, decision: 'explicitDeny', matched: ['p#1'] },
  { rule: 'explicit deny beats allow across policies', identity: [policy('grant', allow('*')), policy('guard', deny('iam:*'))], request: { action: 'iam:PassRole' }, decision: 'explicitDeny', matched: ['guard#0'] },
  { rule: 'explicit deny of another action does not block', identity: [policy('grant', allow('ec2:*')), policy('guard', deny('ec2:TerminateInstances'))], request: { action: 'ec2:StopInstances' }, decision: 'allowed', matched: ['grant#0'] },
  { rule: 'explicit deny without any allow is still explicit', identity: [policy('guard', deny('ec2:*'))], request: { action: 'ec2:DescribeInstances' }, decision: 'explicitDeny' },
  { rule: 'deny wildcard "ec2:Delete*" beats specific allow', identity: [policy('p', allow('ec2:DeleteVolume'), deny('ec2:Delete*'))], request: { action: 'ec2:DeleteVolume' }, decision: 'explicitDeny' },
  { rule: 'deny is case-insensitive too', identity: [policy('p', allow('*'), deny('EC2:DELETEVOLUME'))], request: { action: 'ec2:DeleteVolume' }, decision: 'explicitDeny' },
  { rule: 'all matching Deny statements are reported', identity: [policy('a', deny('ec2:*')), policy('b', allow('*'), deny('ec2:Delete*'))], request: { action: 'ec2:DeleteVolume' }, decision: 'explicitDeny', matched: ['a#0', 'b#1'] },

  // NotAction
  { rule: 'NotAction with Allow grants everything except the listed actions', identity: [policy('p', { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })], request: { action: 'ec2:RunInstances' }, decision: 'allowed' },
  { rule: 'NotAction with Allow does not grant the listed actions', identity: [policy('p', { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })], request: { action: 'iam:CreateRole' }, decision: 'implicitDeny' },
  { rule: 'NotAction list with Allow excludes each entry', identity: [policy('p', { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' })], request: { action: 'organizations:LeaveOrganization' }, decision: 'implicitDeny' },
  { rule: 'NotAction with Deny denies everything except the listed actions', identity: [policy('p', allow('*'), { Effect: 'Deny', NotAction: ['ec2:Describe*'], Resource: '*' })], request: { action: 'ec2:RunInstances' }, decision: 'explicitDeny', matched: ['p#1'] },
  { rule: 'NotAction with Deny leaves the listed actions to other statements', identity: [policy('p', allow('*'), { Effect: 'Deny', NotAction: ['ec2:Describe*'], Resource: '*' })], request: { action: 'ec2:DescribeInstances' }, decision: 'allowed', matched: ['p#0'] },
  { rule: 'NotAction matching is case-insensitive', identity: [policy('p', { Effect: 'Allow', NotAction: 'IAM:*', Resource: '*' })], request: { action: 'iam:PassRole' }, decision: 'implicitDeny' },

  // Resource / NotResource
  { rule: 'Resource "*" matches the default request resource', identity: [policy('p', allow('ec2:CreateTags'))], request: { action: 'ec2:CreateTags' }, decision: 'allowed' },
  { rule: 'a statement scoped to ARNs does not grant the resource "*"', identity: [policy('p', allow('ec2:CreateTags', { Resource: 'arn:aws:ec2:*:*:instance/*' }))], request: { action: 'ec2:CreateTags' }, decision: 'implicitDeny' },
  { rule: 'resource wildcard matches a concrete ARN', identity: [policy('p', allow('ec2:CreateTags', { Resource: 'arn:aws:ec2:*:*:instance/*' }))], request: { action: 'ec2:CreateTags', resource: 'arn:aws:ec2:us-west-1:123456789012:instance/i-0abc' }, decision: 'allowed' },
  { rule: 'resource matching is case-sensitive', identity: [policy('p', allow('s3:GetObject', { Resource: 'arn:aws:s3:::Bucket/*' }))], request: { action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/key' }, decision: 'implicitDeny' },
  { rule: 'Resource list: any entry matches', identity: [policy('p', allow('s3:GetObject', { Resource: ['arn:aws:s3:::a/*', 'arn:aws:s3:::b/*'] }))], request: { action: 's3:GetObject', resource: 'arn:aws:s3:::b/x' }, decision: 'allowed' },
  { rule: 'resource "?" wildcard matches one character', identity: [policy('p', allow('ec2:CreateTags', { Resource: 'arn:aws:ec2:us-west-?:*:volume/*' }))], request: { action: 'ec2:CreateTags', resource: 'arn:aws:ec2:us-west-2:123456789012:volume/vol-1' }, decision: 'allowed' },
  { rule: 'NotResource with Allow grants every other resource', identity: [policy('p', { Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secret/*' })], request: { action: 's3:GetObject', resource: 'arn:aws:s3:::public/x' }, decision: 'allowed' },
  { rule: 'NotResource with Allow does not grant the listed resources', identity: [policy('p', { Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secret/*' })], request: { action: 's3:GetObject', resource: 'arn:aws:s3:::secret/x' }, decision: 'implicitDeny' },
  { rule: 'NotResource with Deny denies every other resource', identity: [policy('p', allow('s3:*'), { Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::mine/*' })], request: { action: 's3:GetObject', resource: 'arn:aws:s3:::other/x' }, decision: 'explicitDeny' },
  { rule: 'NotResource with Deny spares the listed resources', identity: [policy('p', allow('s3:*'), { Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::mine/*' })], request: { action: 's3:GetObject', resource: 'arn:aws:s3:::mine/x' }, decision: 'allowed' },
  { rule: 'policy variables in Resource are compared literally', identity: [policy('p', allow('iam:GetUser', { Resource: 'arn:aws:iam::123456789012:user/${aws:username}' }))], request: { action: 'iam:GetUser', resource: 'arn:aws:iam::123456789012:user/alice', context: { 'aws:username': ['alice'] } }, decision: 'implicitDeny' },

  // Permissions boundaries
  { rule: 'boundary intersect: both allow -> allowed', identity: [policy('id', allow('ec2:*'))], boundaries: [policy('arn:aws:iam::123456789012:policy/boundary', allow('ec2:Describe*'))], request: { action: 'ec2:DescribeInstances' }, decision: 'allowed', matched: ['id#0', 'arn:aws:iam::123456789012:policy/boundary#0'], allowedByBoundary: true },
  { rule: 'boundary intersect: identity allows, boundary does not -> implicitDeny, allowedByBoundary false', identity: [policy('id', allow('ec2:*'))], boundaries: [policy('b', allow('ec2:Describe*'))], request: { action: 'ec2:TerminateInstances' }, decision: 'implicitDeny', matched: ['id#0'], allowedByBoundary: false },
  { rule: 'boundary intersect: boundary allows, identity does not -> implicitDeny, allowedByBoundary true', identity: [policy('id', allow('ec2:DescribeInstances'))], boundaries: [policy('b', allow('*'))], request: { action: 'ec2:RunInstances' }, decision: 'implicitDeny', matched: ['b#0'], allowedByBoundary: true },
  { rule: 'boundary grants nothing by itself (no identity policy)', identity: [], boundaries: [policy('b', allow('*'))], request: { action: 'ec2:RunInstances' }, decision: 'implicitDeny', allowedByBoundary: true },
  { rule: 'deny in boundary is an explicit deny', identity: [policy('id', allow('*'))], boundaries: [policy('b', allow('*'), deny('iam:*'))], request: { action: 'iam:CreateUser' }, decision: 'explicitDeny', matched: ['b#1'], allowedByBoundary: false },
  { rule: 'deny in identity with boundary allowing: explicit deny, allowedByBoundary true', identity: [policy('id', allow('*'), deny('ec2:RunInstances'))], boundaries: [policy('b', allow('*'))], request: { action: 'ec2:RunInstances' }, decision: 'explicitDeny', matched: ['id#1'], allowedByBoundary: true },
  { rule: 'boundary with NotAction Allow: excluded action blocked', identity: [policy('id', allow('*'))], boundaries: [policy('b', { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })], request: { action: 'iam:PassRole' }, decision: 'implicitDeny', allowedByBoundary: false },
  { rule: 'boundary with NotAction Allow: other actions pass', identity: [policy('id', allow('*'))], boundaries: [policy('b', { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })], request: { action: 'ec2:RunInstances' }, decision: 'allowed', allowedByBoundary: true },
  { rule: 'boundary matched statements carry policyType boundary', identity: [policy('id', allow('*'))], boundaries: [{ id: 'arn:aws:iam::123456789012:policy/b', type: 'managed', document: doc(allow('*')) }], request: { action: 'ec2:RunInstances' }, decision: 'allowed', allowedByBoundary: true },
  { rule: 'several boundaries: each must allow', identity: [policy('id', allow('*'))], boundaries: [policy('b1', allow('ec2:*')), policy('b2', allow('ec2:Describe*'))], request: { action: 'ec2:RunInstances' }, decision: 'implicitDeny', allowedByBoundary: false },
  { rule: 'empty boundary list is no boundary', identity: [policy('id', allow('*'))], boundaries: [], request: { action: 'ec2:RunInstances' }, decision: 'allowed' },

  // Conditions in decisions
  { rule: 'condition met: allowed', identity: [policy('p', allow('ec2:StopInstances', { Condition: { StringEquals: { 'ec2:Region': 'us-west-1' } } }))], request: { action: 'ec2:StopInstances', context: { 'ec2:Region': ['us-west-1'] } }, decision: 'allowed', missing: [] },
  { rule: 'condition not met: implicitDeny without missing keys', identity: [policy('p', allow('ec2:StopInstances', { Condition: { StringEquals: { 'ec2:Region': 'us-west-1' } } }))], request: { action: 'ec2:StopInstances', context: { 'ec2:Region': ['eu-west-1'] } }, decision: 'implicitDeny', missing: [], matched: [] },
  { rule: 'condition keys are case-insensitive', identity: [policy('p', allow('ec2:StopInstances', { Condition: { StringEquals: { 'EC2:REGION': 'us-west-1' } } }))], request: { action: 'ec2:StopInstances', context: { 'ec2:region': ['us-west-1'] } }, decision: 'allowed' },
  { rule: 'deny with met condition: explicit deny', identity: [policy('p', allow('*'), deny('*', { Condition: { Bool: { 'aws:SecureTransport': 'false' } } }))], request: { action: 's3:GetObject', context: { 'aws:SecureTransport': ['false'] } }, decision: 'explicitDeny' },
  { rule: 'deny with unmet condition: allowed', identity: [policy('p', allow('*'), deny('*', { Condition: { Bool: { 'aws:SecureTransport': 'false' } } }))], request: { action: 's3:GetObject', context: { 'aws:SecureTransport': ['true'] } }, decision: 'allowed' },

  // Missing context
  { rule: 'kops-style ResourceTag condition without context -> implicitDeny with missingContextKeys', identity: [policy('kops', kopsScoped)], request: { action: 'ec2:AttachVolume' }, decision: 'implicitDeny', missing: [CLUSTER_TAG], matched: ['kops#0'] },
  { rule: 'kops-style ResourceTag condition with the cluster tag -> allowed', identity: [policy('kops', kopsScoped)], request: { action: 'ec2:AttachVolume', context: { [CLUSTER_TAG]: ['prod.k8s.local'] } }, decision: 'allowed', missing: [], matched: ['kops#0'] },
  { rule: 'kops-style ResourceTag condition with another cluster -> implicitDeny, nothing missing', identity: [policy('kops', kopsScoped)], request: { action: 'ec2:AttachVolume', context: { [CLUSTER_TAG]: ['dev.k8s.local'] } }, decision: 'implicitDeny', missing: [] },
  { rule: 'kops-style context key matched case-insensitively', identity: [policy('kops', kopsScoped)], request: { action: 'ec2:AttachVolume', context: { 'AWS:RESOURCETAG/KUBERNETESCLUSTER': ['prod.k8s.local'] } }, decision: 'allowed' },
  { rule: 'an unconditional Allow makes a conditional Allow irrelevant', identity: [policy('kops', kopsScoped), policy('broad', allow('ec2:*'))], request: { action: 'ec2:AttachVolume' }, decision: 'allowed', missing: [], matched: ['broad#0'] },
  { rule: 'missing keys are only those of conditional statements that could allow', identity: [policy('p', allow('ec2:AttachVolume', { Condition: { StringEquals: { 'aws:RequestTag/A': 'x' } } }), allow('ec2:DetachVolume', { Condition: { StringEquals: { 'aws:RequestTag/B': 'x' } } }))], request: { action: 'ec2:AttachVolume' }, decision: 'implicitDeny', missing: ['aws:RequestTag/A'] },
  { rule: 'a decidedly false clause makes missing keys of the same block irrelevant', identity: [policy('p', allow('ec2:AttachVolume', { Condition: { StringEquals: { 'ec2:Region': 'us-west-1', [CLUSTER_TAG]: 'prod' } } }))], request: { action: 'ec2:AttachVolume', context: { 'ec2:Region': ['eu-west-1'] } }, decision: 'implicitDeny', missing: [] },
  { rule: 'several missing keys are listed sorted and deduplicated', identity: [policy('p', allow('ec2:CreateVolume', { Condition: { StringEquals: { 'aws:RequestTag/KubernetesCluster': 'prod' }, StringLike: { 'aws:ResourceTag/Name': '*' } } }), allow('ec2:CreateVolume', { Condition: { StringEquals: { 'AWS:REQUESTTAG/KubernetesCluster': 'prod' } } }))], request: { action: 'ec2:CreateVolume' }, decision: 'implicitDeny', missing: ['aws:RequestTag/KubernetesCluster', 'aws:ResourceTag/Name'] },
  { rule: 'a conditional Deny on an allowed action -> implicitDeny with the Deny keys (it might deny)', identity: [policy('p', allow('ec2:*'), deny('ec2:DeleteVolume', { Condition: { StringNotEquals: { [CLUSTER_TAG]: 'prod' } } }))], request: { action: 'ec2:DeleteVolume' }, decision: 'implicitDeny', missing: [CLUSTER_TAG], matched: ['p#0', 'p#1'] },
  { rule: 'a conditional Deny with the context that spares it -> allowed', identity: [policy('p', allow('ec2:*'), deny('ec2:DeleteVolume', { Condition: { StringNotEquals: { [CLUSTER_TAG]: 'prod' } } }))], request: { action: 'ec2:DeleteVolume', context: { [CLUSTER_TAG]: ['prod'] } }, decision: 'allowed' },
  { rule: 'a conditional Deny with the context that triggers it -> explicitDeny', identity: [policy('p', allow('ec2:*'), deny('ec2:DeleteVolume', { Condition: { StringNotEquals: { [CLUSTER_TAG]: 'prod' } } }))], request: { action: 'ec2:DeleteVolume', context: { [CLUSTER_TAG]: ['dev'] } }, decision: 'explicitDeny' },
  { rule: 'a conditional Deny without any Allow: implicitDeny, nothing missing (denied whatever the context)', identity: [policy('p', deny('ec2:DeleteVolume', { Condition: { StringEquals: { [CLUSTER_TAG]: 'prod' } } }))], request: { action: 'ec2:DeleteVolume' }, decision: 'implicitDeny', missing: [] },
  { rule: 'an unconditional Deny wins over missing keys: explicitDeny, nothing missing', identity: [policy('p', kopsScoped, deny('ec2:AttachVolume'))], request: { action: 'ec2:AttachVolume' }, decision: 'explicitDeny', missing: [] },
  { rule: 'IfExists with the key absent: the condition holds', identity: [policy('p', allow('ec2:AttachVolume', { Condition: { StringEqualsIfExists: { [CLUSTER_TAG]: 'prod' } } }))], request: { action: 'ec2:AttachVolume' }, decision: 'allowed', missing: [] },
  { rule: 'Null with the key absent is decided, never missing', identity: [policy('p', allow('ec2:CreateVolume', { Condition: { Null: { 'aws:RequestTag/KubernetesCluster': 'false' } } }))], request: { action: 'ec2:CreateVolume' }, decision: 'implicitDeny', missing: [] },
  { rule: 'ForAllValues with the key absent holds', identity: [policy('p', allow('ec2:CreateTags', { Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['Name'] } } }))], request: { action: 'ec2:CreateTags' }, decision: 'allowed', missing: [] },
  { rule: 'ForAnyValue with the key absent is missing context', identity: [policy('p', allow('ec2:CreateTags', { Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['Name'] } } }))], request: { action: 'ec2:CreateTags' }, decision: 'implicitDeny', missing: ['aws:TagKeys'] },
  { rule: 'identity allows, boundary only conditionally: missing boundary key', identity: [policy('id', allow('ec2:*'))], boundaries: [policy('b', allow('ec2:*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'us-west-1' } } }))], request: { action: 'ec2:RunInstances' }, decision: 'implicitDeny', missing: ['aws:RequestedRegion'], allowedByBoundary: false },
  { rule: 'identity conditional, boundary does not allow: nothing missing', identity: [policy('id', kopsScoped)], boundaries: [policy('b', allow('ec2:Describe*'))], request: { action: 'ec2:AttachVolume' }, decision: 'implicitDeny', missing: [], allowedByBoundary: false },
  { rule: 'conditional Deny in boundary: missing key, allowedByBoundary false', identity: [policy('id', allow('*'))], boundaries: [policy('b', allow('*'), deny('iam:*', { Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'platform' } } }))], request: { action: 'iam:CreateRole' }, decision: 'implicitDeny', missing: ['aws:PrincipalTag/team'], allowedByBoundary: false },

  // Document forms
  { rule: 'URL-encoded document string', identity: [{ id: 'enc', document: encodeURIComponent(JSON.stringify(doc(allow('ec2:CreateTags')))) }], request: { action: 'ec2:CreateTags' }, decision: 'allowed', matched: ['enc#0'] },
  { rule: 'JSON document string', identity: [{ id: 'json', document: JSON.stringify(doc(allow('ec2:CreateTags'))) }], request: { action: 'ec2:CreateTags' }, decision: 'allowed' },
  { rule: 'bare document object is named by its position', identity: [doc(allow('ec2:Describe*')), doc(allow('ec2:CreateTags'))], request: { action: 'ec2:CreateTags' }, decision: 'allowed', matched: ['identityPolicies[1]#0'] },
  { rule: 'bare URL-encoded document string', identity: [encodeURIComponent(JSON.stringify(doc(allow('ec2:CreateTags'))))], request: { action: 'ec2:CreateTags' }, decision: 'allowed', matched: ['identityPolicies[0]#0'] },
];

describe('evaluateRequest (AWS identity-based evaluation logic)', () => {
  it.each(cases.map((c) => [c.rule, c] as const))('%s', (_rule, c) => {
    // Arrange
    const input = { identityPolicies: c.identity, ...(c.boundaries === undefined ? {} : { permissionsBoundaries: c.boundaries }), request: c.request };

    // Act
    const result = evaluateRequest(input);

    // Assert
    expect(result.decision).toBe(c.decision);
    if (c.missing !== undefined) expect(result.missingContextKeys).toEqual(c.missing);
    if (c.decision !== 'implicitDeny') expect(result.missingContextKeys).toEqual([]);
    if (c.matched !== undefined) expect(result.matchedStatements.map((s) => `${s.policyId}#${s.statementIndex}`)).toEqual(c.matched);
    if (c.boundaries !== undefined && c.boundaries.length > 0) expect(result.allowedByBoundary).toBe(c.allowedByBoundary);
    else expect(result).not.toHaveProperty('allowedByBoundary');
  });

  it('reports sid, effect and policy type of matched statements', () => {
    // Arrange
    const input = {
      identityPolicies: [
        { id: 'arn:aws:iam::123456789012:policy/ccm', document: doc(allow('ec2:*', { Sid: 'Ec2' })) },
        { id: 'inline-guard', document: doc(deny('ec2:TerminateInstances', { Sid: 'NoTerminate' })) },
      ],
      permissionsBoundaries: [{ id: 'arn:aws:iam::123456789012:policy/boundary', document: doc(allow('*')) }],
      request: { action: 'ec2:TerminateInstances' },
    };

    // Act
    const denied = evaluateRequest(input);
    const allowed = evaluateRequest({ ...input, request: { action: 'ec2:StopInstances' } });

    // Assert
    expect(denied.matchedStatements).toEqual([{ policyId: 'inline-guard', policyType: 'inline', statementIndex: 0, sid: 'NoTerminate', effect: 'Deny' }]);
    expect(allowed.matchedStatements).toEqual([
      { policyId: 'arn:aws:iam::123456789012:policy/ccm', policyType: 'managed', statementIndex: 0, sid: 'Ec2', effect: 'Allow' },
      { policyId: 'arn:aws:iam::123456789012:policy/boundary', policyType: 'boundary', statementIndex: 0, effect: 'Allow' },
    ]);
  });

  it('marks conditional statements with the keys they need', () => {
    // Arrange
    const input = { identityPolicies: [policy('kops', kopsScoped)], request: { action: 'ec2:DeleteVolume' } };

    // Act
    const result = evaluateRequest(input);

    // Assert
    expect(result.matchedStatements).toEqual([
      { policyId: 'kops', policyType: 'inline', statementIndex: 0, effect: 'Allow', missingContextKeys: [CLUSTER_TAG] },
    ]);
  });
});
