import { describe, expect, it } from '@jest/globals';
import { RESOURCE_TYPES } from '../../../lib/domain/findings/finding.js';
import { clusterScopeRef, ec2Ref, regionOf } from '../../../lib/domain/membership/resource-refs.js';
import { aCheckInput, aCluster, aView } from '../../support/builders.js';

describe('resource refs', () => {
  it('builds EC2 refs with an ARN when the account is known', () => {
    expect(ec2Ref(aCheckInput(), RESOURCE_TYPES.subnet, 'subnet-1')).toEqual({
      type: 'AWS::EC2::Subnet', id: 'subnet-1', arn: 'arn:aws:ec2:us-west-1:123456789012:subnet/subnet-1',
    });
    const china = aCheckInput({ view: aView({ region: 'cn-north-1' }) });
    expect(ec2Ref(china, RESOURCE_TYPES.routeTable, 'rtb-1').arn).toBe('arn:aws-cn:ec2:cn-north-1:123456789012:route-table/rtb-1');
  });

  it('omits the ARN without an account and falls back to the configured region', () => {
    const input = aCheckInput({ view: aView({ account: undefined, region: undefined }), cluster: aCluster({ account: undefined, region: 'eu-west-1' }) });

    expect(ec2Ref(input, RESOURCE_TYPES.vpc, 'vpc-1')).toEqual({ type: 'AWS::EC2::VPC', id: 'vpc-1' });
    expect(regionOf(input)).toBe('eu-west-1');
    expect(clusterScopeRef(input)).toEqual({ type: 'AWS::::Account', id: 'cluster/prod' });
  });
});
