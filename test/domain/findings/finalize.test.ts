import type { CheckId } from '../../../lib/domain/checks/check-ids.js';
import { describe, expect, it } from '@jest/globals';
import { checkMeta } from '../../../lib/domain/checks/check-ids.js';
import { DUPLICATE_DRAFTS_KEY, finalizeFindings } from '../../../lib/domain/findings/finalize.js';
import { RESOURCE_TYPES } from '../../../lib/domain/findings/finding.js';
import { fingerprint } from '../../../lib/domain/findings/fingerprint.js';
import { aDraft, CLUSTER } from '../../support/findings.js';

describe('finalizeFindings', () => {
  it('returns nothing for no drafts', () => {
    expect(finalizeFindings([], CLUSTER)).toEqual([]);
  });

  it('fills id, cluster, title, default severity, status and remediation from the check metadata', () => {
    const draft = aDraft();

    const [finding] = finalizeFindings([draft], CLUSTER);

    const meta = checkMeta('tags.instance.missing');
    expect(finding).toEqual({
      id: fingerprint({ check: draft.check, ...CLUSTER, resource: draft.resource }),
      check: 'tags.instance.missing',
      severity: meta.severity,
      status: 'fail',
      ...CLUSTER,
      resource: draft.resource,
      title: meta.title,
      detail: draft.detail,
      remediation: meta.remediation,
    });
  });

  it('keeps what the draft sets over the defaults', () => {
    const draft = aDraft({
      check: 'iam.excess.actions', severity: 'medium', title: 'Role allows 3 Write actions of ec2',
      resource: { type: RESOURCE_TYPES.role, id: 'k8s-worker' }, action: 'ec2:*',
      remediation: 'aws iam delete-role-policy --role-name k8s-worker --policy-name extra', evidence: { actions: ['ec2:RunInstances'] },
    });

    const [finding] = finalizeFindings([draft], CLUSTER);

    expect(finding).toMatchObject({
      severity: 'medium', title: 'Role allows 3 Write actions of ec2', action: 'ec2:*',
      remediation: 'aws iam delete-role-policy --role-name k8s-worker --policy-name extra', evidence: { actions: ['ec2:RunInstances'] },
    });
  });

  it('gives an error draft no generic remediation', () => {
    const [finding] = finalizeFindings([aDraft({ status: 'error', detail: 'DescribeInstances was denied' })], CLUSTER);

    expect(finding?.status).toBe('error');
    expect(finding?.remediation).toBeUndefined();
  });

  it('collapses exact duplicates into one finding', () => {
    const findings = finalizeFindings([aDraft({ evidence: { a: 1, b: 2 } }), aDraft({ evidence: { b: 2, a: 1 } })], CLUSTER);

    expect(findings).toHaveLength(1);
    expect(findings[0]?.evidence).toEqual({ a: 1, b: 2 });
  });

  it('treats actions differing only in case as the same finding', () => {
    const role = { type: RESOURCE_TYPES.role, id: 'k8s-worker' };
    const findings = finalizeFindings(
      [aDraft({ check: 'iam.required.denied', resource: role, action: 'ec2:CreateRoute', detail: 'implicit deny' }),
        aDraft({ check: 'iam.required.denied', resource: role, action: 'EC2:createroute', detail: 'implicit deny' })],
      CLUSTER,
    );

    expect(findings).toHaveLength(1);
  });

  it('keeps the more severe of two differing drafts with the same id and records the other in evidence', () => {
    const low = aDraft({ severity: 'low', detail: 'first, low' });
    const high = aDraft({ severity: 'critical', detail: 'second, critical' });
    const other = aDraft({ resource: { type: RESOURCE_TYPES.instance, id: 'i-0fedcba9876543210' } });

    const findings = finalizeFindings([low, other, high], CLUSTER);

    expect(findings.map((f) => f.detail)).toEqual(['second, critical', other.detail]);
    expect(findings[0]?.severity).toBe('critical');
    expect(findings[0]?.evidence?.[DUPLICATE_DRAFTS_KEY]).toEqual([
      { severity: 'low', status: 'fail', title: checkMeta('tags.instance.missing').title, detail: 'first, low' },
    ]);
  });

  it('keeps the first draft when differing duplicates are equally severe', () => {
    const findings = finalizeFindings([aDraft({ detail: 'one' }), aDraft({ detail: 'two' }), aDraft({ detail: 'two' })], CLUSTER);

    expect(findings).toHaveLength(1);
    expect(findings[0]?.detail).toBe('one');
    expect(findings[0]?.evidence?.[DUPLICATE_DRAFTS_KEY]).toHaveLength(1);
  });

  it('throws for an unknown check id', () => {
    expect(() => finalizeFindings([aDraft({ check: 'tags.nope' as CheckId })], CLUSTER)).toThrow('unknown check id tags.nope');
  });
});
