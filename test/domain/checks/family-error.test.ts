import { describe, expect, it } from '@jest/globals';
import { checkMeta } from '../../../lib/domain/checks/check-ids.js';
import { CHECKS, familyErrorCheck, familyErrorDraft } from '../../../lib/domain/checks/family-error.js';
import { RESOURCE_TYPES } from '../../../lib/domain/findings/finding.js';

describe('familyErrorDraft', () => {
  it("files each family's error under the family's own id (<family>.family.unavailable)", () => {
    // Act / Assert
    expect([familyErrorCheck('iam'), familyErrorCheck('tags'), familyErrorCheck('nodes')]).toEqual([
      'iam.family.unavailable',
      'tags.family.unavailable',
      'node.family.unavailable',
    ]);
    expect(familyErrorDraft('nodes', 'c', '123456789012', 'r')).toMatchObject({
      check: 'node.family.unavailable',
      status: 'error',
      title: 'Node identity checks could not run',
      detail: 'Node identity checks could not run for cluster c: r',
    });
  });
});

describe('the family-unavailable ids', () => {
  it('are registered, one per family, and say what to do', () => {
    expect(CHECKS.map((c) => [c.id, checkMeta(c.id).family])).toEqual([
      ['iam.family.unavailable', 'iam'],
      ['tags.family.unavailable', 'tags'],
      ['node.family.unavailable', 'nodes'],
    ]);
  });

  it("file the error under the account, so every previous finding of the family is unverified, not resolved", () => {
    expect(familyErrorDraft('iam', 'c', '123456789012', 'r').resource).toEqual({ type: RESOURCE_TYPES.account, id: '123456789012' });
  });
});
