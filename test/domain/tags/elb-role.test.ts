import { describe, expect, it } from '@jest/globals';
import { hasElbRoleTag } from '../../../lib/domain/tags/elb-role.js';

describe('hasElbRoleTag', () => {
  it('looks at the key only', () => {
    expect(hasElbRoleTag({ 'kubernetes.io/role/elb': '' })).toBe(true);
    expect(hasElbRoleTag({ 'kubernetes.io/role/internal-elb': '1' })).toBe(true);
    expect(hasElbRoleTag({ 'kubernetes.io/role/master': '1' })).toBe(false);
  });
});
