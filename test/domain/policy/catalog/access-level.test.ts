import { describe, expect, it } from '@jest/globals';
import { isAccessLevel, normaliseAccessLevel } from '../../../../lib/domain/policy/catalog/index.js';

describe('normaliseAccessLevel', () => {
  it.each([
    ['Read', 'Read'],
    ['List', 'List'],
    ['Write', 'Write'],
    ['Tagging, Write', 'Tagging'],
    ['Permissions management, Write', 'Permissions management'],
    ['permissions management', 'Permissions management'],
  ])('maps %j to %j', (raw, level) => {
    expect(normaliseAccessLevel(raw)).toBe(level);
  });

  it('throws for a value naming no level', () => {
    expect(() => normaliseAccessLevel('Admin')).toThrow('unknown IAM access level "Admin"');
  });

  it('recognises exact level names only', () => {
    expect(isAccessLevel('Tagging')).toBe(true);
    expect(isAccessLevel('tagging')).toBe(false);
  });
});
