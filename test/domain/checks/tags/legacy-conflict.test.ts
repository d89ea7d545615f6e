import { describe, expect, it } from '@jest/globals';
import { checkLegacyConflict } from '../../../../lib/domain/checks/tags/legacy-conflict.js';
import { aCheckInput, aCompliantView, aGap, anInstance, aRouteTable, aSecurityGroup, aSubnet, aView, clusterTag } from '../../../support/builders.js';

describe('tags.legacy-conflict', () => {
  it('finds nothing in an empty account', () => {
    expect(checkLegacyConflict(aCheckInput())).toEqual([]);
  });

  it('passes consistent tags, including matching legacy tags and shared subnets', () => {
    const view = aCompliantView(1, {
      subnets: [aSubnet({ tags: { ...clusterTag('prod', 'shared'), ...clusterTag('staging', 'shared'), KubernetesCluster: 'prod' } })],
    });
    view.instances.push(anInstance({ tags: { ...clusterTag(), KubernetesCluster: 'prod' } }));

    expect(checkLegacyConflict(aCheckInput({ view }))).toEqual([]);
  });

  it('flags an instance whose legacy value differs, quoting the provider start-up error', () => {
    const instance = anInstance({ instanceId: 'i-0abc', tags: { ...clusterTag(), KubernetesCluster: 'old-prod' } });

    const drafts = checkLegacyConflict(aCheckInput({ view: aCompliantView(0, { instances: [instance] }) }));

    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ check: 'tags.legacy-conflict', resource: { type: 'AWS::EC2::Instance', id: 'i-0abc' } });
    expect(drafts[0]?.detail).toContain('clusterID tags did not match: "prod" vs "old-prod"');
    expect(drafts[0]?.remediation).toContain('aws ec2 delete-tags --resources i-0abc --tags Key=KubernetesCluster --region us-west-1');
  });

  it('keeps the legacy tag when it names this cluster and replaces the foreign key instead', () => {
    const instance = anInstance({ instanceId: 'i-0abc', tags: { ...clusterTag('staging'), KubernetesCluster: 'prod' } });

    const drafts = checkLegacyConflict(aCheckInput({ view: aCompliantView(0, { instances: [instance] }) }));

    expect(drafts[0]?.detail).toContain('clusterID tags did not match: "staging" vs "prod"');
    expect(drafts[0]?.remediation).toBe(
      'aws ec2 delete-tags --resources i-0abc --tags Key=kubernetes.io/cluster/staging --region us-west-1 && ' +
        'aws ec2 create-tags --resources i-0abc --tags Key=kubernetes.io/cluster/prod,Value=owned --region us-west-1',
    );
  });

  it('flags two cluster keys on an instance and removes the foreign one', () => {
    const instance = anInstance({ instanceId: 'i-0abc', tags: { ...clusterTag(), ...clusterTag('staging') } });

    const drafts = checkLegacyConflict(aCheckInput({ view: aCompliantView(0, { instances: [instance] }) }));

    expect(drafts[0]?.detail).toContain('Found multiple cluster tags with prefix kubernetes.io/cluster/ ("prod" and "staging")');
    expect(drafts[0]?.remediation).toBe('aws ec2 delete-tags --resources i-0abc --tags Key=kubernetes.io/cluster/staging --region us-west-1');
  });

  it('checks subnets, route tables and security groups of the cluster, one finding each', () => {
    const conflicting = { ...clusterTag('prod', 'shared'), KubernetesCluster: 'staging' };
    const view = aCompliantView(1, {
      subnets: [aSubnet({ tags: conflicting })],
      routeTables: [aRouteTable({ tags: conflicting })],
      securityGroups: [aSecurityGroup({ tags: conflicting })],
    });

    const drafts = checkLegacyConflict(aCheckInput({ view }));

    expect(drafts.map((d) => d.resource.type)).toEqual(['AWS::EC2::Subnet', 'AWS::EC2::RouteTable', 'AWS::EC2::SecurityGroup']);
    expect(drafts[0]?.detail).toContain('KubernetesCluster=staging');
  });

  it('ignores resources the cluster does not use', () => {
    const view = aCompliantView(1);
    view.subnets.push(aSubnet({ subnetId: 'subnet-other', vpcId: 'vpc-default', tags: { ...clusterTag('x'), KubernetesCluster: 'y' } }));

    expect(checkLegacyConflict(aCheckInput({ view }))).toEqual([]);
  });

  it('reports errors for the subnets and security groups it could not read', () => {
    const instance = anInstance({ subnetId: 'subnet-missing', securityGroupIds: ['sg-missing'] });

    const drafts = checkLegacyConflict(aCheckInput({ view: aView({ instances: [instance], routeTables: [aRouteTable()] }) }));

    expect(drafts.map((d) => [d.status, d.resource.id])).toEqual([
      ['error', 'subnet-missing'],
      ['error', 'sg-missing'],
    ]);
  });

  it('reports one error per VPC when the route tables could not be collected', () => {
    const drafts = checkLegacyConflict(aCheckInput({ view: aCompliantView(2, { routeTables: [], gaps: [aGap('routeTables')] }) }));

    expect(drafts).toEqual([expect.objectContaining({ status: 'error', resource: expect.objectContaining({ type: 'AWS::EC2::VPC', id: 'vpc-0a1b2c3d' }) })]);
  });
});
