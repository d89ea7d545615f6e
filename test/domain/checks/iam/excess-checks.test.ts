import { describe, expect, it } from '@jest/globals';
import { checkExcess, EXCESS_SEVERITY } from '../../../../lib/domain/checks/iam/excess-checks.js';
import { PRIVILEGE_ESCALATION_ACTION_NAMES } from '../../../../lib/domain/checks/iam/privilege-escalation.js';
import { catalog } from '../../../../lib/domain/policy/catalog/index.js';
import { presetByName } from '../../../../lib/domain/requirements/presets.js';
import { aCluster, aRole, aView } from '../../../support/builders.js';
import { aRoleInput, decisionsFor } from '../../../support/iam.js';

const cluster = aCluster();
const worker = presetByName('cloud-provider-aws').worker;
const cp = presetByName('cloud-provider-aws').controlPlane;
const view = aView();

describe('checkExcess', () => {
  it('finds nothing when the role allows exactly what it needs', () => {
    expect(checkExcess(aRoleInput('worker', { decisions: decisionsFor(worker.required) }), view, cluster)).toEqual([]);
    expect(checkExcess(aRoleInput('controlPlane', { decisions: decisionsFor([...cp.required, ...cp.optional]) }), view, cluster)).toEqual([]);
  });

  it('grades excess by the highest access level: Read/List low, Write and Tagging medium, Permissions management high', () => {
    const cases: [string, string][] = [
      ['ec2:DescribeVpcs', 'low'],
      ['s3:GetObject', 'low'],
      ['ec2:RunInstances', 'medium'],
      ['ec2:DeleteTags', 'medium'],
      ['ec2:ModifySnapshotAttribute', 'high'],
    ];
    for (const [extra, severity] of cases) {
      const drafts = checkExcess(aRoleInput('worker', { decisions: decisionsFor([...worker.required, extra]) }), view, cluster);
      expect(drafts.map((d) => [d.check, d.action, d.severity])).toEqual([['iam.excess.actions', `${extra.split(':')[0]}:*`, severity]]);
    }
    expect(EXCESS_SEVERITY).toEqual({ 'Permissions management': 'high', Tagging: 'medium', Write: 'medium', Read: 'low', List: 'low' });
  });

  it('lists excess actions by access level with counts and the granting statements', () => {
    // Act
    const [draft] = checkExcess(aRoleInput('worker', { decisions: decisionsFor([...worker.required, 'ec2:DescribeVpcs', 'ec2:RunInstances']) }), view, cluster);

    // Assert
    expect(draft?.evidence).toEqual({
      service: 'ec2',
      summary: 'ec2: 4 allowed, 2 needed, 2 beyond need: 1 Write, 1 List',
      counts: { catalogue: catalog.actions('ec2').length, allowed: 4, needed: 2, excess: 2 },
      excessByAccessLevel: { Write: ['ec2:RunInstances'], List: ['ec2:DescribeVpcs'] },
      grantedBy: [{ policy: 'k8s', policyType: 'inline', statement: '#0', effect: 'Allow', actions: 2 }],
    });
    expect(draft?.remediation).toContain('kube-aws-audit policy --preset cloud-provider-aws --role worker --cluster prod');
  });

  it('accepts allowedExcess and the optional actions as not excess', () => {
    const withAccepted = aCluster({ allowedExcess: { worker: ['ec2:DescribeVpcs'] } });
    const input = aRoleInput('worker', { decisions: decisionsFor([...worker.required, 'ec2:DescribeVpcs']) }, withAccepted);
    expect(checkExcess(input, view, withAccepted)).toEqual([]);
  });

  it('reports a service wildcard plus its graded excess, ec2:* on the control plane', () => {
    // Arrange
    const allowed = [...cp.required, ...catalog.actions('ec2')];

    // Act
    const drafts = checkExcess(aRoleInput('controlPlane', { decisions: decisionsFor(allowed) }), view, cluster);

    // Assert
    expect(drafts.map((d) => [d.check, d.action, d.severity])).toEqual([
      ['iam.excess.service-wildcard', 'ec2:*', undefined],
      ['iam.excess.actions', 'ec2:*', 'high'],
    ]);
    const ec2 = catalog.actions('ec2').length;
    expect(drafts[0]?.evidence).toEqual(expect.objectContaining({ service: 'ec2', actionsAllowed: ec2, needed: 24 }));
    expect(String(drafts[1]?.evidence?.summary)).toMatch(new RegExp(`^ec2: ${ec2} allowed, 24 needed, ${ec2 - 24} beyond need: \\d+ Permissions management, \\d+ Write, \\d+ Read, \\d+ List$`));
  });

  it('does not call a wildcard blocked by the boundary excess', () => {
    // Arrange: ec2:* granted, but the boundary only lets the required ec2 actions through
    const boundaryBlocked = Object.fromEntries(
      catalog.actions('ec2').filter((a) => !worker.required.includes(a)).map((a) => [a, { decision: 'implicitDeny' as const, allowedByBoundary: false }]),
    );

    // Act
    const drafts = checkExcess(aRoleInput('worker', { decisions: decisionsFor([...worker.required, ...catalog.actions('ec2')], [], boundaryBlocked) }), view, cluster);

    // Assert
    expect(drafts).toEqual([]);
  });

  it('reports admin (and no service wildcards) when a statement grants "*" and everything is allowed', () => {
    // Arrange
    const role = aRole({ name: 'k8s-worker', inlinePolicies: [{ name: 'k8s', document: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }] });

    // Act
    const drafts = checkExcess(aRoleInput('worker', { role, decisions: decisionsFor(catalog.allActions()) }), aView({ roles: [role] }), cluster);

    // Assert
    const checks = drafts.map((d) => d.check);
    expect(checks.filter((c) => c === 'iam.excess.admin')).toHaveLength(1);
    expect(checks).not.toContain('iam.excess.service-wildcard');
    expect(checks.filter((c) => c === 'iam.excess.actions')).toHaveLength(catalog.auditedServices().length);
    expect(drafts.filter((d) => d.check === 'iam.excess.privilege-escalation').map((d) => d.action)).toEqual(PRIVILEGE_ESCALATION_ACTION_NAMES);
    expect(drafts[0]?.evidence).toEqual(expect.objectContaining({ grantedBy: [{ policy: 'k8s', policyType: 'inline', statement: '#0', effect: 'Allow' }] }));
  });

  it('reports service wildcards, not admin, when every service is granted by its own wildcard', () => {
    // Arrange
    const statements = catalog.auditedServices().map((s) => ({ Effect: 'Allow', Action: `${s}:*`, Resource: '*' }));
    const role = aRole({ name: 'k8s-worker', inlinePolicies: [{ name: 'k8s', document: { Statement: statements } }] });
    const decisions = decisionsFor(catalog.allActions()).map((d) => ({
      ...d,
      matchedStatements: [{ policyId: 'k8s', policyType: 'inline', statementIndex: catalog.auditedServices().indexOf(d.action.split(':')[0] as never), effect: 'Allow' as const }],
    }));

    // Act
    const drafts = checkExcess(aRoleInput('worker', { role, decisions }), aView({ roles: [role] }), cluster);

    // Assert
    expect(drafts.filter((d) => d.check === 'iam.excess.admin')).toEqual([]);
    expect(drafts.filter((d) => d.check === 'iam.excess.service-wildcard').map((d) => d.action)).toEqual(catalog.auditedServices().map((s) => `${s}:*`));
  });

  it('reports admin with a note when the engine does not say which statements granted', () => {
    const decisions = decisionsFor(catalog.allActions()).map((d) => ({ ...d, matchedStatements: [] }));
    const [admin] = checkExcess(aRoleInput('worker', { decisions }), view, cluster);
    expect(admin?.check).toBe('iam.excess.admin');
    expect(admin?.evidence).toEqual(expect.objectContaining({ note: expect.stringContaining('did not identify') }));
  });

  it('reports iam:PassRole on * as privilege escalation, unless accepted', () => {
    // Act
    const drafts = checkExcess(aRoleInput('worker', { decisions: decisionsFor([...worker.required, 'iam:PassRole']) }), view, cluster);
    const accepted = aCluster({ allowedExcess: { worker: ['iam:PassRole'] } });
    const none = checkExcess(aRoleInput('worker', { decisions: decisionsFor([...worker.required, 'iam:PassRole']) }, accepted), view, accepted);

    // Assert
    expect(drafts.map((d) => [d.check, d.action, d.severity])).toEqual([
      ['iam.excess.actions', 'iam:*', 'medium'],
      ['iam.excess.privilege-escalation', 'iam:PassRole', undefined],
    ]);
    expect(drafts[1]?.detail).toContain('pass any role');
    expect(none).toEqual([]);
  });

  it('gives one error draft when the role could not be decided', () => {
    const drafts = checkExcess(aRoleInput('worker', { decisionError: 'AccessDenied: iam:SimulatePrincipalPolicy' }), view, cluster);
    expect(drafts.map((d) => [d.check, d.status])).toEqual([['iam.excess.admin', 'error']]);
    expect(checkExcess(aRoleInput('worker', { role: undefined }), view, cluster)).toEqual([]);
    expect(checkExcess(aRoleInput('worker', { role: undefined, unavailable: 'x' }), view, cluster)).toHaveLength(1);
  });
});
