import { describe, expect, it } from '@jest/globals';
import { mergeRequirements, requirementsFor } from '../../../lib/domain/requirements/requirements-for.js';
import { aCluster } from '../../support/builders.js';

describe('requirementsFor', () => {
  it('returns the preset lists of the role', () => {
    // Act
    const cp = requirementsFor(aCluster(), 'controlPlane');
    const worker = requirementsFor(aCluster(), 'worker');

    // Assert
    expect(cp.required).toHaveLength(57);
    expect(cp.optional).toHaveLength(4);
    expect(cp.allowedExcess).toEqual([]);
    expect(cp.unresolved).toEqual([]);
    expect(worker.required).toHaveLength(9);
    expect(cp.preset.name).toBe('cloud-provider-aws');
    expect(cp.context).toEqual(expect.objectContaining({ 'aws:ResourceTag/kubernetes.io/cluster/prod': ['owned'] }));
  });

  it('adds extraRequired in canonical casing, once', () => {
    // Arrange
    const cluster = aCluster({ extraRequired: { worker: ['EC2:describeinstancetypes', 'ec2:DescribeInstances', 'lambda:InvokeFunction'] } });

    // Act
    const r = requirementsFor(cluster, 'worker');

    // Assert
    expect(r.required).toHaveLength(11);
    expect(r.required).toContain('ec2:DescribeInstanceTypes');
    expect(r.required).toContain('lambda:InvokeFunction');
  });

  it('expands extraRequired wildcards over the catalogue and reports those it cannot list', () => {
    // Arrange
    const cluster = aCluster({ extraRequired: { worker: ['sts:GetCallerIdentit?', 'lambda:Get*', 'ec2:Nope*'] } });

    // Act
    const r = requirementsFor(cluster, 'worker');

    // Assert
    expect(r.required).toContain('sts:GetCallerIdentity');
    expect(r.unresolved).toEqual(['lambda:Get*', 'ec2:Nope*']);
  });

  it('takes allowedExcess (expanded) as accepted excess, never overlapping required', () => {
    // Arrange
    const cluster = aCluster({ allowedExcess: { controlPlane: ['autoscaling:UpdateAutoScalingGroup', 'ec2:DescribeInstances', 'sts:GetCallerIdentit?'] } });

    // Act
    const r = requirementsFor(cluster, 'controlPlane');

    // Assert
    expect(r.allowedExcess).toEqual(['autoscaling:UpdateAutoScalingGroup', 'sts:GetCallerIdentity']);
  });

  it('moves the route controller actions to optional when cloudRoutes is off', () => {
    // Act
    const r = requirementsFor(aCluster({ cloudRoutes: false }), 'controlPlane');

    // Assert
    expect(r.required).toHaveLength(55);
    expect(r.required).not.toContain('ec2:CreateRoute');
    expect(r.optional).toEqual(expect.arrayContaining(['ec2:CreateRoute', 'ec2:DeleteRoute']));
  });

  it('tolerates what kops grants its own components', () => {
    // Act
    const r = requirementsFor(aCluster({ preset: 'kops' }), 'worker');

    // Assert
    expect(r.required).toEqual([]);
    expect(r.allowedExcess).toEqual(expect.arrayContaining(['kms:GenerateRandom', 'ec2:DescribeInstanceTypes']));
    expect(r.context).toEqual(expect.objectContaining({ 'aws:ResourceTag/KubernetesCluster': ['prod'] }));
  });
});

describe('mergeRequirements', () => {
  it('unions both roles, required winning over optional and accepted excess', () => {
    // Arrange
    const cluster = aCluster({ preset: 'kops' });

    // Act
    const merged = mergeRequirements(requirementsFor(cluster, 'controlPlane'), requirementsFor(cluster, 'worker'));

    // Assert
    expect(merged.required).toHaveLength(47);
    expect(merged.optional).toEqual(expect.arrayContaining(['ecr:GetAuthorizationToken', 'ec2:DeleteTags']));
    expect(merged.allowedExcess).not.toContain('ec2:DescribeInstances');
    expect(merged.allowedExcess).toContain('kms:GenerateRandom');
  });
});
