import { describe, expect, it } from '@jest/globals';
import { catalog, expandActionPattern } from '../../../../lib/domain/policy/catalog/index.js';

describe('expandActionPattern', () => {
  it('canonicalises a literal catalogue action', () => {
    expect(expandActionPattern('ec2:describeinstances')).toEqual({ actions: ['ec2:DescribeInstances'], unresolved: false });
  });

  it('keeps a literal action outside the catalogue as written', () => {
    expect(expandActionPattern('lambda:InvokeFunction')).toEqual({ actions: ['lambda:InvokeFunction'], unresolved: false });
  });

  it('expands a wildcard over the service, case-insensitively', () => {
    // Act
    const { actions, unresolved } = expandActionPattern('EC2:Describe*');

    // Assert
    expect(unresolved).toBe(false);
    expect(actions).toContain('ec2:DescribeInstances');
    expect(actions.every((a) => a.startsWith('ec2:Describe'))).toBe(true);
    expect(actions.length).toBeGreaterThan(100);
  });

  it('expands ? as exactly one character', () => {
    expect(expandActionPattern('sts:GetCallerIdentit?').actions).toEqual(['sts:GetCallerIdentity']);
  });

  it('marks wildcards in unaudited services or over all services as unresolved', () => {
    expect(expandActionPattern('lambda:*')).toEqual({ actions: [], unresolved: true });
    const all = expandActionPattern('*');
    expect(all.unresolved).toBe(true);
    expect(all.actions).toHaveLength(catalog.allActions().length);
  });
});
