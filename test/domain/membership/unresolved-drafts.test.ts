import { describe, expect, it } from '@jest/globals';
import { couldNotCheck, instanceUnitErrors, kindGapDrafts, unknownRouteTableErrors } from '../../../lib/domain/membership/unresolved-drafts.js';
import { aCheckInput, aGap, anInstance, aSubnet, aView } from '../../support/builders.js';

describe('unresolved drafts', () => {
  it('makes an error draft naming the unit and the reason', () => {
    expect(couldNotCheck('tags.subnet.missing', { type: 'AWS::EC2::Subnet', id: 'subnet-1' }, 'gone')).toEqual({
      check: 'tags.subnet.missing', resource: { type: 'AWS::EC2::Subnet', id: 'subnet-1' }, status: 'error', detail: 'Could not check subnet-1: gone',
    });
  });

  it('makes nothing without gaps', () => {
    const input = aCheckInput({ view: aView({ instances: [anInstance()] }) });

    expect(kindGapDrafts('tags.subnet.missing', input, 'subnets', 'the subnets')).toEqual([]);
    expect(instanceUnitErrors('tags.subnet.missing', input)).toEqual([]);
  });

  it('makes one cluster-scope error for a whole-kind gap and one per gapped instance', () => {
    const input = aCheckInput({ view: aView({ gaps: [aGap('instances'), aGap('instances', { resourceId: 'i-1' })] }) });

    const drafts = instanceUnitErrors('tags.instance.missing', input);

    expect(drafts.map((d) => [d.status, d.resource.type, d.resource.id])).toEqual([
      ['error', 'AWS::::Account', '123456789012'],
      ['error', 'AWS::EC2::Instance', 'i-1'],
    ]);
    expect(drafts[0]?.detail).toContain('ec2:DescribeInstances');
  });

  it('groups unknown route tables per VPC', () => {
    const a = anInstance({ subnetId: 'subnet-a' });
    const b = anInstance({ subnetId: 'subnet-b' });
    const input = aCheckInput({ view: aView({ instances: [a, b], subnets: [aSubnet({ subnetId: 'subnet-a' }), aSubnet({ subnetId: 'subnet-b' })] }) });

    const drafts = unknownRouteTableErrors('tags.legacy-conflict', input);

    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ status: 'error', resource: { type: 'AWS::EC2::VPC', id: 'vpc-0a1b2c3d' }, evidence: { subnetIds: ['subnet-a', 'subnet-b'] } });
  });
});
