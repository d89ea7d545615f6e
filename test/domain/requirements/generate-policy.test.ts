import { describe, expect, it } from '@jest/globals';
import { PRESET_NAMES } from '../../../lib/domain/config/schema.js';
import { generatePolicy, PolicyGenerationError, type GeneratedStatement } from '../../../lib/domain/requirements/generate-policy.js';
import { presetByName } from '../../../lib/domain/requirements/presets.js';

const actionsOf = (statements: GeneratedStatement[]) => statements.flatMap((s) => s.Action);

describe('generatePolicy', () => {
  it('writes valid IAM JSON: version, one statement per service with a Sid, sorted actions on "*"', () => {
    // Act
    const policy = generatePolicy({ preset: 'cloud-provider-aws', role: 'control-plane' });

    // Assert
    expect(policy.Version).toBe('2012-10-17');
    // iam:CreateServiceLinkedRole is scoped to the ELB service-linked role (issue 8, Deliver 6)
    expect(policy.Statement.map((s) => s.Sid)).toEqual(['AutoScaling', 'Ec2', 'ElasticLoadBalancing', 'IamElbServiceLinkedRole', 'Kms']);
    for (const s of policy.Statement) {
      expect(s.Sid).toMatch(/^[A-Za-z0-9]+$/);
      expect(s.Effect).toBe('Allow');
      expect(s.Resource).toBe('*');
      expect(s.Condition).toEqual(s.Sid === 'IamElbServiceLinkedRole' ? { StringEquals: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' } } : undefined);
      expect([...s.Action].sort((a, b) => a.localeCompare(b))).toEqual(s.Action);
      expect(new Set(s.Action.map((a) => a.split(':')[0])).size).toBe(1);
    }
    expect(actionsOf(policy.Statement).sort()).toEqual([...presetByName('cloud-provider-aws').controlPlane.required].sort());
    expect(JSON.parse(JSON.stringify(policy))).toEqual(policy);
  });

  it('accepts the config spelling of roles and grants exactly the worker actions', () => {
    expect(actionsOf(generatePolicy({ preset: 'in-tree', role: 'worker' }).Statement)).toHaveLength(9);
  });

  it('adds optional and extra actions on request, canonicalised and without duplicates', () => {
    // Act
    const policy = generatePolicy({ preset: 'cloud-provider-aws', role: 'worker', includeOptional: true, extraRequired: ['EC2:describeinstancetypes', 'ec2:DescribeInstances', 'sts:GetCallerIdentity'] });

    // Assert
    expect(actionsOf(policy.Statement)).toHaveLength(11);
    expect(policy.Statement.find((s) => s.Sid === 'Sts')?.Action).toEqual(['sts:GetCallerIdentity']);
    expect(actionsOf(policy.Statement)).toContain('ec2:DescribeInstanceTypes');
  });

  it('leaves the route actions out without cloud routes', () => {
    const actions = actionsOf(generatePolicy({ preset: 'cloud-provider-aws', role: 'control-plane', cloudRoutes: false }).Statement);
    expect(actions).toHaveLength(55);
    expect(actions).not.toContain('ec2:CreateRoute');
  });

  it('conditions mutating actions on the resource tag and creates on the request tag when tag-scoped', () => {
    // Act
    const policy = generatePolicy({ preset: 'cloud-provider-aws', role: 'control-plane', cluster: 'prod', tagScoped: true });

    // Assert
    const bySid = new Map(policy.Statement.map((s) => [s.Sid, s]));
    expect(bySid.get('Ec2ClusterTagged')?.Condition).toEqual({ StringEquals: { 'aws:ResourceTag/kubernetes.io/cluster/prod': ['owned', 'shared'] } });
    expect(bySid.get('Ec2ClusterTagged')?.Action).toEqual(expect.arrayContaining(['ec2:DeleteSecurityGroup', 'ec2:AttachVolume']));
    expect(bySid.get('Ec2ClusterTaggedCreate')?.Condition).toEqual({ StringEquals: { 'aws:RequestTag/kubernetes.io/cluster/prod': ['owned', 'shared'] } });
    expect(bySid.get('Ec2ClusterTaggedCreate')?.Action).toEqual(['ec2:CreateSecurityGroup', 'ec2:CreateTags', 'ec2:CreateVolume']);
    expect(bySid.get('Ec2CreateSecurityGroupInVpc')).toEqual({ Sid: 'Ec2CreateSecurityGroupInVpc', Effect: 'Allow', Action: ['ec2:CreateSecurityGroup'], Resource: 'arn:aws:ec2:*:*:vpc/*' });
    expect(bySid.get('Ec2')?.Action.every((a) => a.startsWith('ec2:Describe'))).toBe(true);
    expect(actionsOf(policy.Statement.filter((s) => s.Sid !== 'Ec2CreateSecurityGroupInVpc')).sort()).toEqual([...presetByName('cloud-provider-aws').controlPlane.required].sort());
    expect(new Set(policy.Statement.map((s) => s.Sid)).size).toBe(policy.Statement.length);
  });

  it('uses the legacy KubernetesCluster tag and tag-on-create for kops', () => {
    // Act
    const policy = generatePolicy({ preset: 'kops', role: 'control-plane', cluster: 'prod', tagScoped: true, includeOptional: true });

    // Assert
    const bySid = new Map(policy.Statement.map((s) => [s.Sid, s]));
    expect(bySid.get('ElasticLoadBalancingClusterTagged')?.Condition).toEqual({ StringEquals: { 'aws:ResourceTag/KubernetesCluster': 'prod' } });
    expect(bySid.get('ElasticLoadBalancingClusterTaggedCreate')?.Action).toEqual([
      'elasticloadbalancing:CreateListener',
      'elasticloadbalancing:CreateLoadBalancer',
      'elasticloadbalancing:CreateTargetGroup',
    ]);
    expect(bySid.get('Ec2TagOnCreate')).toEqual({
      Sid: 'Ec2TagOnCreate',
      Effect: 'Allow',
      Action: ['ec2:CreateTags'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:RequestTag/KubernetesCluster': 'prod', 'ec2:CreateAction': 'CreateSecurityGroup' } },
    });
  });

  it('writes the partition into ARNs', () => {
    const policy = generatePolicy({ preset: 'kops', role: 'control-plane', cluster: 'prod', tagScoped: true, partition: 'aws-cn' });
    expect(policy.Statement.find((s) => s.Sid === 'Ec2CreateSecurityGroupInVpc')?.Resource).toBe('arn:aws-cn:ec2:*:*:vpc/*');
  });

  it.each(PRESET_NAMES)('%s control plane stays within the 10,240-character inline policy limit, tag-scoped too', (preset) => {
    const policy = generatePolicy({ preset, role: 'control-plane', cluster: 'a-rather-long-cluster-name-for-testing', tagScoped: true, includeOptional: true });
    expect(JSON.stringify(policy).length).toBeLessThan(10240);
  });

  it('refuses tag scoping without a cluster name', () => {
    expect(() => generatePolicy({ preset: 'kops', role: 'control-plane', tagScoped: true })).toThrow(
      new PolicyGenerationError('a tag-scoped policy needs the cluster name (--cluster NAME)', 'cluster'),
    );
  });

  it('refuses a role with nothing to grant, pointing to --include-optional', () => {
    expect(() => generatePolicy({ preset: 'kops', role: 'worker' })).toThrow(/requires no worker actions; add --include-optional/);
    expect(actionsOf(generatePolicy({ preset: 'kops', role: 'worker', includeOptional: true }).Statement)).toHaveLength(7);
  });

  it('refuses an unknown role', () => {
    expect(() => generatePolicy({ preset: 'kops', role: 'master' as 'worker' })).toThrow(PolicyGenerationError);
  });
});
