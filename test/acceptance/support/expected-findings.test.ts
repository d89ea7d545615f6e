import { describe, expect, it } from '@jest/globals';
import type { Finding } from '../../../lib/domain/findings/finding.js';
import { diffFindings, findingMatches, formatDiff, serviceOf, type ExpectedFinding } from './expected-findings.js';

const ROLE = 'arn:aws:iam::123456789012:role/k8s-control-plane';

function finding(overrides: Partial<Finding>): Finding {
  return {
    id: 'f',
    check: 'tags.instance.missing',
    severity: 'high',
    status: 'fail',
    cluster: 'prod',
    account: '123456789012',
    region: 'us-west-1',
    resource: { type: 'AWS::EC2::Instance', id: 'i-0aaa' },
    title: 'title',
    detail: 'detail',
    ...overrides,
  };
}

const wildcard = (service: string, action?: string): Finding =>
  finding({
    check: 'iam.excess.service-wildcard',
    severity: 'medium',
    resource: { type: 'AWS::IAM::Role', id: ROLE, arn: ROLE },
    action,
    detail: `role allows every ${service} action`,
    evidence: { service },
  });

describe('findingMatches', () => {
  it('matches cluster, check, resource, action and status', () => {
    const expected: ExpectedFinding = { cluster: 'prod', check: 'iam.required.denied', resource: ROLE, action: 'ec2:DeleteVolume', status: 'fail' };
    const f = finding({ check: 'iam.required.denied', resource: { type: 'AWS::IAM::Role', id: 'k8s-control-plane', arn: ROLE }, action: 'EC2:deletevolume' });

    expect(findingMatches(expected, f)).toBe(true);
    expect(findingMatches({ ...expected, action: 'ec2:DetachVolume' }, f)).toBe(false);
    expect(findingMatches({ ...expected, status: 'error' }, f)).toBe(false);
    expect(findingMatches({ ...expected, cluster: 'staging' }, f)).toBe(false);
  });

  it('matches a VPC+AZ unit when both parts occur in the id', () => {
    const f = finding({ check: 'tags.subnet.role-missing', resource: { type: 'AWS::EC2::VPC', id: 'vpc-0abc/us-west-1a' } });

    expect(findingMatches({ check: 'tags.subnet.role-missing', resource: 'vpc-0abc/us-west-1a', status: 'fail' }, f)).toBe(true);
    expect(findingMatches({ check: 'tags.subnet.role-missing', resource: 'vpc-0abc/us-west-1c', status: 'fail' }, f)).toBe(false);
  });

  it('matches a service entry by evidence.service, with the action absent or <service>:*', () => {
    const entry: ExpectedFinding = { check: 'iam.excess.service-wildcard', resource: ROLE, service: 'ec2', status: 'fail' };

    expect(findingMatches(entry, wildcard('ec2'))).toBe(true);
    expect(findingMatches(entry, wildcard('ec2', 'ec2:*'))).toBe(true);
    expect(findingMatches(entry, wildcard('elasticloadbalancing'))).toBe(false);
    expect(findingMatches(entry, wildcard('ec2', 'ec2:RunInstances'))).toBe(false);
  });
});

describe('serviceOf', () => {
  it('falls back to the action prefix, then to the text', () => {
    expect(serviceOf(finding({ action: 'ecr:*' }), 'ecr')).toBe('ecr');
    expect(serviceOf(finding({ detail: 'allows 12 ecr: actions beyond the preset' }), 'ecr')).toBe('ecr');
    expect(serviceOf(finding({ detail: 'allows 12 actions beyond the preset' }), 'ecr')).toBeUndefined();
  });
});

describe('diffFindings', () => {
  it('reports missing and unexpected findings', () => {
    const expected: ExpectedFinding[] = [
      { check: 'tags.instance.missing', resource: 'i-0aaa', status: 'fail' },
      { check: 'tags.instance.missing', resource: 'i-0bbb', status: 'fail' },
    ];
    const findings = [finding({}), finding({ resource: { type: 'AWS::EC2::Instance', id: 'i-0ccc' } })];

    const diff = diffFindings(expected, findings);

    expect(diff.missing.map((e) => e.resource)).toEqual(['i-0bbb']);
    expect(diff.unexpected.map((f) => f.resource.id)).toEqual(['i-0ccc']);
    const text = formatDiff('x', diff);
    expect(text).toContain('1 missing, 1 unexpected');
    expect(text).toContain('- *  tags.instance.missing  i-0bbb');
    expect(text).toContain('+ prod  tags.instance.missing  i-0ccc');
  });

  it('pairs one to one: two identical entries need two findings', () => {
    const entry: ExpectedFinding = { check: 'tags.instance.missing', resource: 'i-0aaa', status: 'fail' };

    expect(diffFindings([entry, entry], [finding({})]).missing).toHaveLength(1);
    expect(diffFindings([entry], [finding({}), finding({})]).unexpected).toHaveLength(1);
  });

  it('does not let a loose text match take the finding another entry needs', () => {
    const noEvidence = (service: string, text: string) => finding({ check: 'iam.excess.actions', resource: { type: 'AWS::IAM::Role', id: ROLE }, detail: text, evidence: undefined, action: undefined, title: service });
    const ec2 = noEvidence('ec2', 'ec2: 3 actions; compare elasticloadbalancing: none');
    const elb = noEvidence('elasticloadbalancing', 'elasticloadbalancing: 40 actions');
    const expected: ExpectedFinding[] = [
      { check: 'iam.excess.actions', resource: ROLE, service: 'elasticloadbalancing', status: 'fail' },
      { check: 'iam.excess.actions', resource: ROLE, service: 'ec2', status: 'fail' },
    ];

    expect(diffFindings(expected, [ec2, elb])).toEqual({ missing: [], unexpected: [] });
  });

  it('ignores extra findings a tolerance covers, and only those', () => {
    const extra = finding({ status: 'error', check: 'tags.foreign-owned', resource: { type: 'AWS::EC2::Subnet', id: 'subnet-0miss' } });
    const other = finding({ status: 'error', check: 'tags.foreign-owned', resource: { type: 'AWS::EC2::Subnet', id: 'subnet-0else' } });

    const diff = diffFindings([], [extra, other], [{ status: 'error', resourceContains: 'subnet-0miss' }]);

    expect(diff.unexpected).toEqual([other]);
  });
});
