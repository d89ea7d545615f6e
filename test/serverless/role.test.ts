import { describe, expect, it } from '@jest/globals';
import { serviceActions, SERVICE_PERMISSION_MANIFEST } from '../../handlers/support/service-permissions.js';
import { PRIVILEGE_ESCALATION_ACTION_NAMES } from '../../lib/domain/checks/iam/privilege-escalation.js';
import type { PolicyDocument } from '../../lib/domain/model/account-view.js';
import { catalog } from '../../lib/domain/policy/catalog/index.js';
import { compilePolicySet } from '../../lib/domain/policy/evaluator/index.js';
import { listOf, materialise, readServerlessTemplate } from './support/serverless-template.js';

const template = readServerlessTemplate();
const statements = template.provider.iam?.role?.statements ?? [];

/** A statement of {@link roleDocument}. */
interface RoleStatement {
  Sid?: string;
  Effect: string;
  Action: string[];
  Resource: string[];
  Condition?: unknown;
}

/** The role's statements as a policy document, with the stack's resources given representative ARNs. */
function roleDocument(): PolicyDocument & { Statement: RoleStatement[] } {
  return {
    Version: '2012-10-17',
    Statement: statements.map((s): RoleStatement => ({
      ...(s.Sid === undefined ? {} : { Sid: s.Sid }),
      Effect: s.Effect,
      Action: listOf(s.Action),
      Resource: listOf(s.Resource).map((r) => materialise(r, template)),
      ...(s.Condition === undefined ? {} : { Condition: s.Condition }),
    })),
  };
}

/** SNS is not in the action catalogue: its actions that matter for a publisher's role, spelled out. */
const SNS_ACTIONS = [
  'sns:Publish', 'sns:PublishBatch', 'sns:Subscribe', 'sns:Unsubscribe', 'sns:CreateTopic', 'sns:DeleteTopic', 'sns:SetTopicAttributes',
  'sns:GetTopicAttributes', 'sns:AddPermission', 'sns:RemovePermission', 'sns:ListTopics', 'sns:ListSubscriptionsByTopic', 'sns:TagResource',
];

describe('serverless.yml role', () => {
  it('has only plain Allow statements with explicit actions and resources', () => {
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements) {
      expect(s.Effect).toBe('Allow');
      expect(s.NotAction).toBeUndefined();
      expect(s.NotResource).toBeUndefined();
      expect(listOf(s.Action).length).toBeGreaterThan(0);
      for (const action of listOf(s.Action)) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+$/);
      expect(listOf(s.Resource).length).toBeGreaterThan(0);
    }
  });

  it('grants exactly the actions the adapters declare: no more, no fewer', () => {
    const granted = [...new Set(statements.flatMap((s) => listOf(s.Action)))].sort();

    expect(granted).toEqual(serviceActions());
  });

  it('includes every adapter of the manifest, the delivery adapters too', () => {
    expect(SERVICE_PERMISSION_MANIFEST.map((e) => e.adapter)).toEqual(expect.arrayContaining(['IamCollector', 'Ec2Collector', 'SnsPublisher', 'S3ReportStore']));
  });

  describe('our own IAM analysis of the role', () => {
    const policy = compilePolicySet({ identityPolicies: [{ id: 'serverless.yml role', document: roleDocument() }] });
    const resources = ['*', ...new Set(roleDocument().Statement.flatMap((s) => s.Resource))];
    const allowedSomewhere = (action: string) => resources.some((resource) => policy.evaluate({ action, resource }).decision === 'allowed');
    const allowedOnStar = (action: string) => policy.evaluate({ action, resource: '*' }).decision === 'allowed';

    it('allows no action beyond the manifest, in any catalogued service, in SNS, or through a service wildcard', () => {
      const probes = [
        ...catalog.allActions(),
        ...SNS_ACTIONS,
        ...catalog.services().map((service) => `${service}:KubeAwsAuditProbe`),
      ];

      const allowed = [...new Set(probes.filter(allowedSomewhere).map((a) => a.toLowerCase()))].sort();

      expect(allowed).toEqual(serviceActions().map((a) => a.toLowerCase()).sort());
    });

    it('allows no privilege-escalation action on *, and never iam:PassRole', () => {
      expect(PRIVILEGE_ESCALATION_ACTION_NAMES.filter(allowedOnStar)).toEqual([]);
      expect(allowedSomewhere('iam:PassRole')).toBe(false);
    });

    it('scopes sts:AssumeRole to the assumeRoleArn parameter, never *', () => {
      const assume = statements.filter((s) => listOf(s.Action).includes('sts:AssumeRole'));

      expect(allowedOnStar('sts:AssumeRole')).toBe(false);
      expect(assume.flatMap((s) => listOf(s.Resource))).toEqual([template.params?.default?.assumeRoleArn]);
      expect(policy.evaluate({ action: 'sts:AssumeRole', resource: 'arn:aws:iam::210987654321:role/kube-aws-audit-reader' }).decision).toBe('allowed');
    });

    it('allows publishing and the state objects only on the stack’s own topic and bucket', () => {
      expect(allowedOnStar('sns:Publish')).toBe(false);
      expect(allowedOnStar('s3:GetObject')).toBe(false);
      expect(allowedOnStar('s3:PutObject')).toBe(false);
      expect(allowedOnStar('s3:ListBucket')).toBe(false);
      expect(policy.evaluate({ action: 's3:PutObject', resource: 'arn:aws:s3:::statebucket/reports/123456789012/us-west-1.json' }).decision).toBe('allowed');
      expect(policy.evaluate({ action: 's3:PutObject', resource: 'arn:aws:s3:::statebucket/other/x.json' }).decision).toBe('implicitDeny');
    });

    it('grants only Read and List access on *', () => {
      const onStar = serviceActions().filter(allowedOnStar);

      expect(onStar.length).toBeGreaterThan(0);
      expect(onStar.filter((a) => !['Read', 'List'].includes(catalog.accessLevel(a) ?? 'unknown'))).toEqual([]);
    });
  });
});
