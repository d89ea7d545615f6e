import { describe, expect, it } from '@jest/globals';
import { runIamChecks } from '../../../../lib/domain/checks/iam/index.js';
import { isCheckId } from '../../../../lib/domain/checks/check-ids.js';
import { presetByName } from '../../../../lib/domain/requirements/presets.js';
import { aCluster, aView } from '../../../support/builders.js';
import { anAnalysis, aRoleInput, decisionsFor } from '../../../support/iam.js';

const cluster = aCluster();
const p = presetByName('cloud-provider-aws');

describe('runIamChecks', () => {
  it('finds nothing for roles written exactly to the preset (with its optional actions)', () => {
    // Arrange
    const iam = anAnalysis([
      aRoleInput('controlPlane', { decisions: decisionsFor([...p.controlPlane.required, ...p.controlPlane.optional]) }),
      aRoleInput('worker', { decisions: decisionsFor(p.worker.required) }),
    ]);

    // Act
    const drafts = runIamChecks({ view: aView(), cluster }, iam);

    // Assert
    expect(drafts).toEqual([]);
  });

  it('returns nothing without configured roles (empty account)', () => {
    expect(runIamChecks({ view: aView(), cluster }, anAnalysis([]))).toEqual([]);
  });

  it('checks several roles independently, with contract check ids only', () => {
    // Arrange
    const iam = anAnalysis([
      aRoleInput('controlPlane', { role: undefined }),
      aRoleInput('worker', { decisions: decisionsFor(p.worker.required.slice(1)) }),
    ]);

    // Act
    const drafts = runIamChecks({ view: aView(), cluster }, iam);

    // Assert
    expect(drafts.map((d) => [d.check, d.action ?? null])).toEqual([
      ['iam.role.missing', null],
      ['iam.required.denied', p.worker.required[0]],
    ]);
    expect(drafts.every((d) => isCheckId(d.check))).toBe(true);
  });

  it('labels a role serving both control plane and workers with both keys and both generator commands', () => {
    // Arrange
    const input = aRoleInput('controlPlane', { keys: ['controlPlane', 'worker'], decisions: decisionsFor([]) });

    // Act
    const [first] = runIamChecks({ view: aView(), cluster }, anAnalysis([input]));

    // Assert
    expect(first?.detail).toMatch(/^controlPlane\+worker role k8s-control-plane/);
    expect(first?.remediation).toContain('--role control-plane --cluster prod and kube-aws-audit policy --preset cloud-provider-aws --role worker');
  });
});
