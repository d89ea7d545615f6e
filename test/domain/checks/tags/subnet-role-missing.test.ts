import { describe, expect, it } from '@jest/globals';
import { checkSubnetRoleMissing, isElbCandidate } from '../../../../lib/domain/checks/tags/subnet-role-missing.js';
import { aCheckInput, aCompliantView, aGap, anAssociatedRouteTable, anInstance, aRouteTable, aSubnet, aView, clusterTag } from '../../../support/builders.js';

const privateTable = (subnetIds: string[]) => anAssociatedRouteTable(subnetIds, { routes: [{ destinationCidrBlock: '0.0.0.0/0', natGatewayId: 'nat-0a' }] });

describe('tags.subnet.role-missing', () => {
  it('treats subnets tagged for the cluster or without cluster keys as candidates', () => {
    expect(isElbCandidate(aSubnet(), 'prod')).toBe(true);
    expect(isElbCandidate(aSubnet({ tags: {} }), 'prod')).toBe(true);
    expect(isElbCandidate(aSubnet({ tags: clusterTag('staging', 'shared') }), 'prod')).toBe(false);
  });

  it('finds nothing in an empty account', () => {
    expect(checkSubnetRoleMissing(aCheckInput())).toEqual([]);
  });

  it('passes one candidate per AZ, a role-tagged candidate, and AZs where other clusters own the extra subnets', () => {
    const view = aCompliantView(1);
    view.subnets.push(
      aSubnet({ subnetId: 'subnet-b1', availabilityZone: 'us-west-1b', tags: {} }),
      aSubnet({ subnetId: 'subnet-b2', availabilityZone: 'us-west-1b', tags: { 'kubernetes.io/role/internal-elb': '1' } }),
      aSubnet({ subnetId: 'subnet-staging', tags: clusterTag('staging', 'shared') }),
    );

    expect(checkSubnetRoleMissing(aCheckInput({ view }))).toEqual([]);
  });

  it('flags an AZ with several candidates and no role tag, naming the provider pick and tagging commands', () => {
    const view = aCompliantView(1, {
      subnets: [aSubnet(), aSubnet({ subnetId: 'subnet-0b', tags: {} })],
      routeTables: [aRouteTable(), privateTable(['subnet-0b'])],
    });

    const drafts = checkSubnetRoleMissing(aCheckInput({ view }));

    expect(drafts).toEqual([
      expect.objectContaining({
        check: 'tags.subnet.role-missing',
        resource: { type: 'AWS::EC2::VPC', id: 'vpc-0a1b2c3d/us-west-1a' },
        remediation:
          'aws ec2 create-tags --resources subnet-0a1b2c3d --tags Key=kubernetes.io/role/elb,Value=1 --region us-west-1 && ' +
          'aws ec2 create-tags --resources subnet-0b --tags Key=kubernetes.io/role/internal-elb,Value=1 --region us-west-1',
      }),
    ]);
    expect(drafts[0]?.detail).toContain('Found multiple subnets in AZ "us-west-1a"');
    expect(drafts[0]?.evidence).toMatchObject({ candidates: [{ subnetId: 'subnet-0a1b2c3d', public: true, clusterTagged: true }, { subnetId: 'subnet-0b', public: false, clusterTagged: false }] });
  });

  it('reports each ambiguous AZ of each cluster VPC and ignores VPCs the cluster does not use', () => {
    const view = aView({
      instances: [anInstance(), anInstance({ subnetId: 'subnet-b1', availabilityZone: 'us-west-1b' })],
      subnets: [
        aSubnet(), aSubnet({ subnetId: 'subnet-a2', tags: {} }),
        aSubnet({ subnetId: 'subnet-b1', availabilityZone: 'us-west-1b' }), aSubnet({ subnetId: 'subnet-b2', availabilityZone: 'us-west-1b' }),
        aSubnet({ subnetId: 'subnet-d1', vpcId: 'vpc-default', tags: {} }), aSubnet({ subnetId: 'subnet-d2', vpcId: 'vpc-default', tags: {} }),
      ],
      routeTables: [aRouteTable()],
    });

    expect(checkSubnetRoleMissing(aCheckInput({ view })).map((d) => d.resource.id)).toEqual(['vpc-0a1b2c3d/us-west-1a', 'vpc-0a1b2c3d/us-west-1b']);
  });

  it('reports an error per VPC and AZ when the subnets could not be collected', () => {
    const view = aView({ instances: [anInstance(), anInstance({ availabilityZone: 'us-west-1c' })], gaps: [aGap('subnets')] });

    const drafts = checkSubnetRoleMissing(aCheckInput({ view }));

    expect(drafts.map((d) => [d.status, d.resource.id])).toEqual([
      ['error', 'vpc-0a1b2c3d/us-west-1a'],
      ['error', 'vpc-0a1b2c3d/us-west-1c'],
    ]);
  });

  it('reports an error for an AZ whose cluster subnet is missing, unless a known candidate has a role tag', () => {
    const missing = aView({ instances: [anInstance({ subnetId: 'subnet-gone' })], subnets: [aSubnet()] });
    const settled = aView({ instances: [anInstance({ subnetId: 'subnet-gone' })], subnets: [aSubnet({ tags: { 'kubernetes.io/role/elb': '1' } })] });

    expect(checkSubnetRoleMissing(aCheckInput({ view: missing }))).toEqual([expect.objectContaining({ status: 'error', resource: { type: 'AWS::EC2::VPC', id: 'vpc-0a1b2c3d/us-west-1a' } })]);
    expect(checkSubnetRoleMissing(aCheckInput({ view: settled }))).toEqual([]);
  });
});
