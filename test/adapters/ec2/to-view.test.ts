import { describe, expect, it } from '@jest/globals';
import { instanceFromSdk, routeTableFromSdk, securityGroupFromSdk, subnetFromSdk } from '../../../lib/adapters/ec2/to-view.js';

describe('EC2 to view', () => {
  it('keeps an empty PrivateDnsName as "" and tolerates missing optional fields', () => {
    expect(instanceFromSdk({ InstanceId: 'i-1', State: { Name: 'stopped' }, PrivateDnsName: '' })).toEqual({
      instanceId: 'i-1',
      state: 'stopped',
      privateDnsName: '',
      securityGroupIds: [],
      tags: {},
    });
  });

  it('maps subnets, route tables and security groups with tags as records', () => {
    expect(subnetFromSdk({ SubnetId: 's', VpcId: 'v', AvailabilityZone: 'us-west-1a', Tags: [{ Key: 'k', Value: 'v' }] })).toEqual({ subnetId: 's', vpcId: 'v', availabilityZone: 'us-west-1a', tags: { k: 'v' } });
    expect(routeTableFromSdk({ RouteTableId: 'r', VpcId: 'v', Associations: [{ Main: true }], Routes: [{ GatewayId: 'local' }] })).toEqual({
      routeTableId: 'r',
      vpcId: 'v',
      associations: [{ main: true }],
      routes: [{ gatewayId: 'local' }],
      tags: {},
    });
    expect(securityGroupFromSdk({ GroupId: 'sg', GroupName: 'n' })).toEqual({ groupId: 'sg', groupName: 'n', tags: {} });
  });
});
