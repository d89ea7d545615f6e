import { describe, expect, it } from '@jest/globals';
import { checkValueInvalid } from '../../../../lib/domain/checks/tags/value-invalid.js';
import { aCheckInput, aCompliantView, aGap, anInstance, aRouteTable, aSecurityGroup, aSubnet, aView, clusterTag } from '../../../support/builders.js';

describe('tags.value.invalid', () => {
  it('finds nothing in an empty account', () => {
    expect(checkValueInvalid(aCheckInput())).toEqual([]);
  });

  it('passes owned and shared values and legacy-only tags', () => {
    const view = aCompliantView(1);
    view.instances.push(anInstance({ tags: { KubernetesCluster: 'prod' } }));

    expect(checkValueInvalid(aCheckInput({ view }))).toEqual([]);
  });

  it('flags a value that is neither owned nor shared', () => {
    const view = aCompliantView(1, { subnets: [aSubnet({ tags: clusterTag('prod', '1') })] });

    const drafts = checkValueInvalid(aCheckInput({ view }));

    expect(drafts).toEqual([
      expect.objectContaining({
        check: 'tags.value.invalid',
        resource: expect.objectContaining({ type: 'AWS::EC2::Subnet', id: 'subnet-0a1b2c3d' }),
        remediation: 'aws ec2 create-tags --resources subnet-0a1b2c3d --tags Key=kubernetes.io/cluster/prod,Value=shared --region us-west-1',
        evidence: expect.objectContaining({ value: '1' }),
      }),
    ]);
  });

  it('flags every resource kind, one finding each, and ignores other clusters\' keys', () => {
    const bad = clusterTag('prod', 'true');
    const instance = anInstance({ tags: bad });
    const view = aView({
      instances: [instance],
      subnets: [aSubnet({ tags: { ...bad, ...clusterTag('staging', 'yes') } })],
      routeTables: [aRouteTable({ tags: bad })],
      securityGroups: [aSecurityGroup({ tags: bad })],
    });

    const drafts = checkValueInvalid(aCheckInput({ view }));

    expect(drafts.map((d) => d.resource.type)).toEqual(['AWS::EC2::Instance', 'AWS::EC2::Subnet', 'AWS::EC2::RouteTable', 'AWS::EC2::SecurityGroup']);
    expect(drafts[0]?.remediation).toContain('Value=owned');
  });

  it('reports an error when the instances could not be collected', () => {
    const drafts = checkValueInvalid(aCheckInput({ view: aView({ gaps: [aGap('instances')] }) }));

    expect(drafts).toEqual([expect.objectContaining({ status: 'error' })]);
  });

  it('reports an error for a security group it could not read', () => {
    const drafts = checkValueInvalid(aCheckInput({ view: aCompliantView(1, { securityGroups: [], gaps: [aGap('securityGroups')] }) }));

    expect(drafts).toEqual([expect.objectContaining({ status: 'error', resource: expect.objectContaining({ id: 'sg-0a1b2c3d' }) })]);
    expect(drafts[0]?.detail).toContain('ec2:DescribeSecurityGroups');
  });
});
