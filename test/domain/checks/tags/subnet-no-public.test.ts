/**
 * tags.subnet.no-public, per VPC the controller runs in, from cloud-provider-aws 63ec440c aws.go: the public filter
 * (1718-1721), the zone filter (1781-1789), the fallback to the controller's subnet (1673-1684) and the empty-result
 * error "could not find any suitable subnets for creating the ELB" (2680-2683).
 */
import { describe, expect, it } from '@jest/globals';
import { checkSubnetNoPublic } from '../../../../lib/domain/checks/tags/subnet-no-public.js';
import { subnetSelectionNotes } from '../../../../lib/domain/provider/notes.js';
import { clusterSubnetSelection } from '../../../../lib/domain/provider/cluster-subnets.js';
import { aCheckInput, aCompliantView, aControlPlaneInstance, aGap, anAssociatedRouteTable, anInstance, aRouteTable, aSubnet, aView, clusterTag } from '../../../support/builders.js';

const NAT_ONLY = [{ destinationCidrBlock: '10.0.0.0/16', gatewayId: 'local' }, { destinationCidrBlock: '0.0.0.0/0', natGatewayId: 'nat-0a' }];
const privateMain = () => aRouteTable({ routes: NAT_ONLY });

describe('tags.subnet.no-public', () => {
  it('passes a VPC with a public candidate', () => {
    expect(checkSubnetNoPublic(aCheckInput({ view: aCompliantView(1) }))).toEqual([]);
  });

  it('flags a VPC whose candidates are all private, and says internal load balancers still work', () => {
    const view = aCompliantView(1, {
      subnets: [aSubnet(), aSubnet({ subnetId: 'subnet-0b', availabilityZone: 'us-west-1b' })],
      routeTables: [privateMain()],
    });
    const drafts = checkSubnetNoPublic(aCheckInput({ view }));
    expect(drafts).toEqual([expect.objectContaining({ check: 'tags.subnet.no-public', resource: expect.objectContaining({ type: 'AWS::EC2::VPC', id: 'vpc-0a1b2c3d' }) })]);
    expect(drafts[0]?.detail).toContain('could not find any suitable subnets for creating the ELB');
    expect(drafts[0]?.detail).toContain('Internal load balancers still work (subnets subnet-0a1b2c3d, subnet-0b)');
  });

  it('counts an internet route inherited from the main table (aws.go:1889-1903)', () => {
    const view = aCompliantView(1, { routeTables: [aRouteTable()] });
    expect(checkSubnetNoPublic(aCheckInput({ view }))).toEqual([]);
  });

  it('flags a VPC whose only public candidate is in a Local Zone, and proposes making another cluster\'s public subnet a candidate', () => {
    const view = aCompliantView(1, {
      subnets: [
        aSubnet(),
        aSubnet({ subnetId: 'subnet-lax', availabilityZone: 'us-west-1-lax-1a' }),
        aSubnet({ subnetId: 'subnet-staging-pub', tags: clusterTag('staging', 'shared') }),
      ],
      routeTables: [privateMain(), anAssociatedRouteTable(['subnet-lax', 'subnet-staging-pub'])],
    });
    const [draft] = checkSubnetNoPublic(aCheckInput({ view }));
    expect(draft?.detail).toContain('The public ones (subnet-lax in us-west-1-lax-1a, a local-zone) are dropped');
    expect(draft?.remediation).toContain('aws ec2 create-tags --resources subnet-staging-pub --tags Key=kubernetes.io/cluster/prod,Value=shared');
  });

  it('with no candidate at all, judges the controller\'s own subnet (fallback): private -> finding naming the fallback', () => {
    const cp = aControlPlaneInstance({ subnetId: 'subnet-cp' });
    const view = aView({ instances: [cp], subnets: [aSubnet({ subnetId: 'subnet-cp', tags: clusterTag('staging', 'shared') })], routeTables: [privateMain()] });
    const [draft] = checkSubnetNoPublic(aCheckInput({ view }));
    expect(draft?.detail).toContain('falls back to the subnet of the instance it runs on (subnet-cp), which is private');
    expect(draft?.evidence).toMatchObject({ fallback: true, fallbackSubnets: ['subnet-cp'] });
  });

  it('with no candidate at all and a public controller subnet: no finding, a note that only the fallback is used', () => {
    const cp = aControlPlaneInstance({ subnetId: 'subnet-cp' });
    const view = aView({ instances: [cp], subnets: [aSubnet({ subnetId: 'subnet-cp', tags: clusterTag('staging', 'shared') })], routeTables: [aRouteTable()] });
    const input = aCheckInput({ view });
    expect(checkSubnetNoPublic(input)).toEqual([]);
    expect(subnetSelectionNotes(clusterSubnetSelection(input.view, input.cluster, input.membership).vpcs)).toEqual([expect.stringContaining('falls back to the subnet of the instance it runs on (subnet-cp)')]);
  });

  it('cannot judge the fallback without a control-plane instance', () => {
    const view = aView({ instances: [anInstance()], subnets: [aSubnet({ tags: clusterTag('staging', 'shared') })], routeTables: [aRouteTable()] });
    expect(checkSubnetNoPublic(aCheckInput({ view }))).toEqual([expect.objectContaining({ status: 'error' })]);
  });

  it('reports could-not-check, never a pass or a fail, when route tables are missing', () => {
    const gap = aView({ instances: [anInstance()], subnets: [aSubnet()], gaps: [aGap('routeTables')] });
    const unknown = aView({ instances: [anInstance()], subnets: [aSubnet()] });
    expect(checkSubnetNoPublic(aCheckInput({ view: gap }))).toEqual([expect.objectContaining({ status: 'error' })]);
    expect(checkSubnetNoPublic(aCheckInput({ view: unknown }))).toEqual([expect.objectContaining({ status: 'error' })]);
  });
});
