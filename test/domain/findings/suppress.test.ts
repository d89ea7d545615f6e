import { describe, expect, it } from '@jest/globals';
import type { SuppressionConfig } from '../../../lib/domain/config/schema.js';
import { RESOURCE_TYPES } from '../../../lib/domain/findings/finding.js';
import { applySuppressions, expiredSuppressionNote } from '../../../lib/domain/findings/suppress.js';
import { aFinding } from '../../support/findings.js';

const TODAY = '2026-06-15';
const instance = aFinding();
const role = { type: RESOURCE_TYPES.role, id: 'k8s-worker', arn: 'arn:aws:iam::123456789012:role/k8s-worker' };
const denied = aFinding({ check: 'iam.required.denied', resource: role, action: 'ec2:CreateRoute' });

function suppression(overrides: Partial<SuppressionConfig> = {}): SuppressionConfig {
  return { check: 'tags.instance.missing', resource: 'i-0123456789abcdef0', reason: 'migrating', ...overrides };
}

describe('applySuppressions', () => {
  it('returns the findings unchanged when there are no suppressions', () => {
    const out = applySuppressions([instance], [], TODAY);

    expect(out).toEqual({ findings: [instance], expired: [] });
  });

  it('flags a finding matched on check and resource id, and keeps it in the list', () => {
    const other = aFinding({ resource: { type: RESOURCE_TYPES.instance, id: 'i-0fedcba9876543210' } });

    const out = applySuppressions([instance, other], [suppression({ expires: '2026-12-31' })], TODAY);

    expect(out.findings).toHaveLength(2);
    expect(out.findings[0]?.suppressed).toEqual({ reason: 'migrating', expires: '2026-12-31' });
    expect(out.findings[1]?.suppressed).toBeUndefined();
    expect(instance.suppressed).toBeUndefined();
  });

  it('does not match another check on the same resource', () => {
    const out = applySuppressions([instance], [suppression({ check: 'node.private-dns.missing' })], TODAY);

    expect(out.findings[0]?.suppressed).toBeUndefined();
  });

  it('keeps the older tags.subnet.role-missing id <vpc>/<az> working: it covers both load-balancer types of the AZ', () => {
    const az = (id: string) => aFinding({ check: 'tags.subnet.role-missing', resource: { type: RESOURCE_TYPES.vpc, id } });
    const findings = [az('vpc-0a/us-west-1a/internet-facing'), az('vpc-0a/us-west-1a/internal'), az('vpc-0a/us-west-1b/internal'), az('vpc-0a/us-west-1ab/internal')];

    const out = applySuppressions(findings, [suppression({ check: 'tags.subnet.role-missing', resource: 'vpc-0a/us-west-1a' })], TODAY);

    expect(out.findings.map((f) => f.suppressed !== undefined)).toEqual([true, true, false, false]);
  });

  it('matches every resource of the check with *', () => {
    const other = aFinding({ resource: { type: RESOURCE_TYPES.instance, id: 'i-0fedcba9876543210' } });

    const out = applySuppressions([instance, other, denied], [suppression({ resource: '*' })], TODAY);

    expect(out.findings.map((f) => f.suppressed !== undefined)).toEqual([true, true, false]);
  });

  it('matches a role by its ARN as well as by its id', () => {
    const out = applySuppressions([denied], [suppression({ check: 'iam.required.denied', resource: role.arn })], TODAY);

    expect(out.findings[0]?.suppressed).toEqual({ reason: 'migrating' });
  });

  it('matches the action ignoring case, and only that action', () => {
    const other = aFinding({ check: 'iam.required.denied', resource: role, action: 'ec2:DeleteRoute' });

    const out = applySuppressions([denied, other], [suppression({ check: 'iam.required.denied', resource: 'k8s-worker', action: 'EC2:createroute' })], TODAY);

    expect(out.findings.map((f) => f.suppressed !== undefined)).toEqual([true, false]);
  });

  it('matches every action when the suppression names none', () => {
    const other = aFinding({ check: 'iam.required.denied', resource: role, action: 'ec2:DeleteRoute' });

    const out = applySuppressions([denied, other], [suppression({ check: 'iam.required.denied', resource: 'k8s-worker' })], TODAY);

    expect(out.findings.every((f) => f.suppressed !== undefined)).toBe(true);
  });

  it('does not apply an expired suppression and returns it', () => {
    const old = suppression({ expires: '2026-06-14' });

    const out = applySuppressions([instance], [old], TODAY);

    expect(out.findings[0]?.suppressed).toBeUndefined();
    expect(out.expired).toEqual([old]);
  });

  it('still applies a suppression on its expiry day', () => {
    const out = applySuppressions([instance], [suppression({ expires: TODAY })], TODAY);

    expect(out.findings[0]?.suppressed).toEqual({ reason: 'migrating', expires: TODAY });
    expect(out.expired).toEqual([]);
  });

  it('suppresses an error finding only by a suppression naming its resource, never by *', () => {
    const error = aFinding({ status: 'error', detail: 'DescribeInstances denied' });

    const byWildcard = applySuppressions([error], [suppression({ resource: '*' })], TODAY);
    const byResource = applySuppressions([error], [suppression()], TODAY);

    expect(byWildcard.findings[0]?.suppressed).toBeUndefined();
    expect(byResource.findings[0]?.suppressed).toEqual({ reason: 'migrating' });
  });

  it('uses the first matching suppression', () => {
    const out = applySuppressions([instance], [suppression({ reason: 'first' }), suppression({ resource: '*', reason: 'second' })], TODAY);

    expect(out.findings[0]?.suppressed?.reason).toBe('first');
  });

  it('rejects a today that is not YYYY-MM-DD', () => {
    expect(() => applySuppressions([instance], [], '2026-06-15T00:00:00Z')).toThrow('YYYY-MM-DD');
  });
});

describe('expiredSuppressionNote', () => {
  it('names the check, resource, action, date and reason', () => {
    const note = expiredSuppressionNote(suppression({ action: 'ec2:CreateRoute', expires: '2026-01-31' }));

    expect(note).toBe(
      'suppression of tags.instance.missing on i-0123456789abcdef0 ec2:CreateRoute expired on 2026-01-31 and no longer applies (reason was: migrating)',
    );
  });
});
