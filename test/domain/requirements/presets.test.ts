import { describe, expect, it } from '@jest/globals';
import { PRESET_NAMES } from '../../../lib/domain/config/schema.js';
import { catalog } from '../../../lib/domain/policy/catalog/index.js';
import { isPresetName, presetByName, PRESETS } from '../../../lib/domain/requirements/presets.js';

const lower = (list: readonly string[]) => list.map((a) => a.toLowerCase());
const unique = (list: readonly string[]) => new Set(lower(list)).size;

describe('presets', () => {
  it('has one preset per config preset name, with the source docs/domain.md gives', () => {
    expect(Object.keys(PRESETS).sort()).toEqual([...PRESET_NAMES].sort());
    expect(PRESETS['cloud-provider-aws'].source).toBe('kubernetes/cloud-provider-aws docs/prerequisites.md, 2026-07');
    expect(PRESETS['in-tree'].source).toBe('kubernetes/legacy-cloud-providers v0.26.0 aws/aws.go');
    expect(PRESETS.kops.source).toBe('kubernetes/kops pkg/model/iam/iam_builder.go, master 2026-08');
  });

  describe('cloud-provider-aws', () => {
    const p = presetByName('cloud-provider-aws');

    it('requires 57 unique control-plane actions, AddTags once', () => {
      expect(p.controlPlane.required).toHaveLength(57);
      expect(unique(p.controlPlane.required)).toBe(57);
      expect(p.controlPlane.required.filter((a) => a === 'elasticloadbalancing:AddTags')).toHaveLength(1);
    });

    it('requires 9 worker actions: DescribeInstances, DescribeRegions and the seven ECR pull actions', () => {
      expect(p.worker.required).toHaveLength(9);
      expect(unique(p.worker.required)).toBe(9);
      expect(p.worker.required.filter((a) => a.startsWith('ecr:'))).toHaveLength(7);
      expect(p.worker.required).toEqual(expect.arrayContaining(['ec2:DescribeInstances', 'ec2:DescribeRegions']));
    });

    it('has the four feature-dependent actions as optional control-plane actions', () => {
      expect([...p.controlPlane.optional].sort()).toEqual([
        'ec2:DeleteTags',
        'ec2:DescribeNetworkInterfaces',
        'elasticloadbalancing:DescribeTargetGroupAttributes',
        'elasticloadbalancing:ModifyTargetGroupAttributes',
      ]);
    });

    it('gives the kubernetes.io/cluster/<name> tag as request context', () => {
      expect(p.contextFor('prod')).toEqual({
        'aws:ResourceTag/kubernetes.io/cluster/prod': ['owned'],
        'aws:RequestTag/kubernetes.io/cluster/prod': ['owned'],
      });
    });
  });

  describe('in-tree', () => {
    const p = presetByName('in-tree');

    it('requires 20 ec2, 29 elasticloadbalancing (no SetSecurityGroups), 2 autoscaling and 7 ECR actions on the control plane', () => {
      const count = (s: string) => p.controlPlane.required.filter((a) => a.startsWith(`${s}:`)).length;
      expect([count('ec2'), count('elasticloadbalancing'), count('autoscaling'), count('ecr')]).toEqual([20, 29, 2, 7]);
      expect(unique(p.controlPlane.required)).toBe(58);
      expect(p.controlPlane.required).not.toContain('elasticloadbalancing:SetSecurityGroups');
      expect(p.controlPlane.required).toContain('autoscaling:UpdateAutoScalingGroup');
    });

    it('requires the same 9 worker actions as cloud-provider-aws', () => {
      expect([...p.worker.required].sort()).toEqual([...presetByName('cloud-provider-aws').worker.required].sort());
    });

    it('keeps unconditional, when tag-scoped, what kops grants the legacy provider unconditionally', () => {
      expect(p.tagScoping.create).not.toContain('ec2:CreateSecurityGroup');
      expect(p.tagScoping.mutating).not.toContain('ec2:AttachVolume');
      expect(p.tagScoping.mutating).toContain('elasticloadbalancing:DeleteLoadBalancer');
    });
  });

  describe('kops', () => {
    const p = presetByName('kops');

    it('scopes mutating actions by aws:ResourceTag and creates by aws:RequestTag on the legacy tag', () => {
      expect(p.contextFor('prod')).toEqual({
        'aws:ResourceTag/KubernetesCluster': ['prod'],
        'aws:RequestTag/KubernetesCluster': ['prod'],
        'ec2:CreateAction': ['CreateSecurityGroup'],
      });
      expect(p.tagScoping.mutating).toEqual(expect.arrayContaining(['ec2:AuthorizeSecurityGroupIngress', 'elasticloadbalancing:DeleteLoadBalancer', 'ec2:CreateRoute']));
      expect([...p.tagScoping.create].sort()).toEqual([
        'ec2:CreateSecurityGroup',
        'ec2:CreateTags',
        'elasticloadbalancing:CreateListener',
        'elasticloadbalancing:CreateLoadBalancer',
        'elasticloadbalancing:CreateTargetGroup',
      ]);
    });

    it('leaves Describe actions unconditional', () => {
      const scoped = lower([...p.tagScoping.mutating, ...p.tagScoping.create]);
      expect(scoped.some((a) => a.includes(':describe'))).toBe(false);
    });

    it('requires nothing of the node role by default and has the ECR pull actions as optional', () => {
      expect(p.worker.required).toEqual([]);
      expect(p.worker.optional).toHaveLength(7);
    });
  });

  it.each(PRESET_NAMES)('%s: every action exists in the catalogue (catches typos)', (name) => {
    // Arrange
    const p = presetByName(name);
    const all = [
      ...p.controlPlane.required,
      ...p.controlPlane.optional,
      ...p.controlPlane.tolerated,
      ...p.worker.required,
      ...p.worker.optional,
      ...p.worker.tolerated,
      ...p.cloudRoutesOnly,
      ...p.tagScoping.mutating,
      ...p.tagScoping.create,
    ];

    // Act
    const unknown = all.filter((a) => catalog.canonicalAction(a) !== a);

    // Assert
    expect(unknown).toEqual([]);
  });

  it.each(PRESET_NAMES)('%s: required and optional never overlap, and tag-scoped actions are preset actions', (name) => {
    const p = presetByName(name);
    for (const role of [p.controlPlane, p.worker]) {
      const req = new Set(lower(role.required));
      expect(role.optional.filter((a) => req.has(a.toLowerCase()))).toEqual([]);
    }
    const own = new Set(lower([...p.controlPlane.required, ...p.controlPlane.optional, ...p.worker.required, ...p.worker.optional]));
    expect([...p.tagScoping.mutating, ...p.tagScoping.create].filter((a) => !own.has(a.toLowerCase()))).toEqual([]);
    expect(p.cloudRoutesOnly.every((a) => p.controlPlane.required.includes(a))).toBe(true);
  });

  it('validates preset names', () => {
    expect(isPresetName('kops')).toBe(true);
    expect(isPresetName('KOPS')).toBe(false);
  });
});
