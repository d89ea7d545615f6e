/**
 * tags.subnet.role-missing, per VPC + AZ + load-balancer type, from cloud-provider-aws 63ec440c aws.go findELBSubnets
 * (1690-1795): a finding exactly where the provider's choice falls to the lowest subnet id (aws.go:1758-1766).
 */
import { describe, expect, it } from '@jest/globals';
import { checkSubnetRoleMissing } from '../../../../lib/domain/checks/tags/subnet-role-missing.js';
import { aCheckInput, aCluster, aCompliantView, aControlPlaneInstance, aGap, anAssociatedRouteTable, anInstance, aRouteTable, aSubnet, aView, clusterTag, legacyClusterTag } from '../../../support/builders.js';

const privateTable = (subnetIds: string[]) => anAssociatedRouteTable(subnetIds, { routes: [{ destinationCidrBlock: '0.0.0.0/0', natGatewayId: 'nat-0a' }] });
const ELB = { 'kubernetes.io/role/elb': '1' };
const INTERNAL = { 'kubernetes.io/role/internal-elb': '1' };

describe('tags.subnet.role-missing', () => {
  it('finds nothing in an empty account', () => {
    expect(checkSubnetRoleMissing(aCheckInput())).toEqual([]);
  });

  it('passes one candidate per AZ, AZs settled by a role key of the right type, and subnets other clusters own', () => {
    const view = aCompliantView(1);
    view.subnets.push(
      aSubnet({ subnetId: 'subnet-b1', availabilityZone: 'us-west-1b', tags: { ...ELB } }),
      aSubnet({ subnetId: 'subnet-b2', availabilityZone: 'us-west-1b', tags: { ...INTERNAL } }),
      aSubnet({ subnetId: 'subnet-staging', tags: clusterTag('staging', 'shared') }),
    );
    expect(checkSubnetRoleMissing(aCheckInput({ view }))).toEqual([]);
  });

  it('a public and a private subnet without role keys: the cluster tag settles internal (aws.go:1747-1756), internet-facing has one public candidate (aws.go:1718-1721)', () => {
    const view = aCompliantView(1, {
      subnets: [aSubnet(), aSubnet({ subnetId: 'subnet-0b', tags: {} })],
      routeTables: [aRouteTable(), privateTable(['subnet-0b'])],
    });
    // internal: both compete; subnet-0a1b2c3d carries the cluster tag, subnet-0b does not -> cluster tag decides, no finding.
    expect(checkSubnetRoleMissing(aCheckInput({ view }))).toEqual([]);
  });

  it('public subnets with only internal-elb: internet-facing falls to the lowest id (aws.go:1730-1745); two internal-elb keys tie for internal too', () => {
    const view = aCompliantView(1, {
      subnets: [aSubnet({ tags: { ...clusterTag('prod', 'shared'), ...INTERNAL } }), aSubnet({ subnetId: 'subnet-0b', tags: { ...clusterTag('prod', 'shared'), ...INTERNAL } })],
    });
    // internal: both carry internal-elb and the cluster tag -> also a tie.
    const drafts = checkSubnetRoleMissing(aCheckInput({ view }));
    expect(drafts.map((d) => d.resource.id)).toEqual(['vpc-0a1b2c3d/us-west-1a/internet-facing', 'vpc-0a1b2c3d/us-west-1a/internal']);
    expect(drafts[0]?.detail).toContain('none carries kubernetes.io/role/elb (subnet-0a1b2c3d, subnet-0b carry only kubernetes.io/role/internal-elb');
    expect(drafts[0]?.remediation).toBe('aws ec2 create-tags --resources subnet-0a1b2c3d --tags Key=kubernetes.io/role/elb,Value=1 --region us-west-1   # or tag the subnet internet-facing load balancers should use in us-west-1a');
    expect(drafts[1]?.detail).toContain('all 2 carry kubernetes.io/role/internal-elb, so the key settles nothing');
  });

  it('two subnets with the same role key are a tie: names both, the one taken today, and keeps the key on one', () => {
    const view = aCompliantView(1, { subnets: [aSubnet({ tags: { ...clusterTag('prod', 'shared'), ...ELB } }), aSubnet({ subnetId: 'subnet-0b', tags: { ...clusterTag('prod', 'shared'), ...ELB } })] });
    const [draft] = checkSubnetRoleMissing(aCheckInput({ view })).filter((d) => d.resource.id.endsWith('/internet-facing'));
    expect(draft).toMatchObject({
      resource: { type: 'AWS::EC2::VPC', id: 'vpc-0a1b2c3d/us-west-1a/internet-facing' },
      evidence: { chosen: 'subnet-0a1b2c3d', decidedBy: 'lowest-id', candidates: [{ subnetId: 'subnet-0a1b2c3d', elb: true }, { subnetId: 'subnet-0b', elb: true }] },
      remediation: 'Keep kubernetes.io/role/elb on one subnet of us-west-1a only: aws ec2 delete-tags --resources subnet-0b --tags Key=kubernetes.io/role/elb --region us-west-1',
    });
    expect(draft?.detail).toContain('Found multiple subnets in AZ "us-west-1a"');
  });

  it('legacy-key-only subnets of another cluster compete as candidates (tags.go:188-195)', () => {
    const view = aCompliantView(1, { subnets: [aSubnet({ tags: legacyClusterTag('staging') }), aSubnet({ subnetId: 'subnet-0b', tags: legacyClusterTag('staging') })] });
    const drafts = checkSubnetRoleMissing(aCheckInput({ view }));
    expect(drafts.map((d) => d.resource.id)).toEqual(['vpc-0a1b2c3d/us-west-1a/internet-facing', 'vpc-0a1b2c3d/us-west-1a/internal']);
    expect(drafts[0]?.evidence).toMatchObject({ candidates: [{ subnetId: 'subnet-0a1b2c3d', legacyKubernetesCluster: 'staging' }, { subnetId: 'subnet-0b' }] });
  });

  it('no finding for a tie in a Local Zone, which the provider drops anyway (aws.go:1781-1789)', () => {
    const lz = 'us-west-1-lax-1a';
    const view = aCompliantView(1);
    view.subnets.push(aSubnet({ subnetId: 'subnet-l1', availabilityZone: lz, tags: {} }), aSubnet({ subnetId: 'subnet-l2', availabilityZone: lz, tags: {} }));
    expect(checkSubnetRoleMissing(aCheckInput({ view }))).toEqual([]);
  });

  it('looks only at the VPCs of control-plane instances when they are known (aws.go:644: the provider works in its own VPC)', () => {
    const view = aView({
      instances: [aControlPlaneInstance(), anInstance({ subnetId: 'subnet-w', vpcId: 'vpc-workers' })],
      subnets: [aSubnet(), aSubnet({ subnetId: 'subnet-w', vpcId: 'vpc-workers', tags: {} }), aSubnet({ subnetId: 'subnet-w2', vpcId: 'vpc-workers', tags: {} })],
      routeTables: [aRouteTable(), aRouteTable({ routeTableId: 'rtb-w', vpcId: 'vpc-workers' })],
    });
    expect(checkSubnetRoleMissing(aCheckInput({ view }))).toEqual([]);
  });

  it('reports each tied AZ of each cluster VPC and ignores VPCs the cluster does not use', () => {
    const view = aView({
      instances: [anInstance(), anInstance({ subnetId: 'subnet-b1', availabilityZone: 'us-west-1b' })],
      subnets: [
        aSubnet(), aSubnet({ subnetId: 'subnet-a2' }),
        aSubnet({ subnetId: 'subnet-b1', availabilityZone: 'us-west-1b' }), aSubnet({ subnetId: 'subnet-b2', availabilityZone: 'us-west-1b' }),
        aSubnet({ subnetId: 'subnet-d1', vpcId: 'vpc-default', tags: {} }), aSubnet({ subnetId: 'subnet-d2', vpcId: 'vpc-default', tags: {} }),
      ],
      routeTables: [aRouteTable()],
    });
    expect(checkSubnetRoleMissing(aCheckInput({ view })).map((d) => d.resource.id)).toEqual([
      'vpc-0a1b2c3d/us-west-1a/internet-facing', 'vpc-0a1b2c3d/us-west-1b/internet-facing', 'vpc-0a1b2c3d/us-west-1a/internal', 'vpc-0a1b2c3d/us-west-1b/internal',
    ]);
  });

  it('uses the cloud-config cluster id for the candidate filter (KubernetesClusterID, tags.go:69-87)', () => {
    const view = aCompliantView(1, { subnets: [aSubnet({ tags: clusterTag('prod-k8s', 'shared') }), aSubnet({ subnetId: 'subnet-0b', tags: clusterTag('prod-k8s', 'shared') })] });
    expect(checkSubnetRoleMissing(aCheckInput({ view }))).toEqual([]);
    const withId = aCheckInput({ view, cluster: aCluster({ cloudConfig: { kubernetesClusterId: 'prod-k8s' } }) });
    expect(checkSubnetRoleMissing(withId)).toHaveLength(2);
  });

  it('reports an error per VPC and AZ of the cluster (both types) when the subnets or route tables could not be collected', () => {
    const view = aView({ instances: [anInstance(), anInstance({ availabilityZone: 'us-west-1c' })], gaps: [aGap('subnets')] });
    expect(checkSubnetRoleMissing(aCheckInput({ view })).map((d) => [d.status, d.resource.id])).toEqual([
      ['error', 'vpc-0a1b2c3d/us-west-1a'],
      ['error', 'vpc-0a1b2c3d/us-west-1c'],
    ]);
    const tables = aView({ instances: [anInstance()], subnets: [aSubnet()], gaps: [aGap('routeTables')] });
    expect(checkSubnetRoleMissing(aCheckInput({ view: tables })).map((d) => [d.status, d.resource.id])).toEqual([['error', 'vpc-0a1b2c3d/us-west-1a']]);
  });

  it('reports an error for the AZ of a cluster subnet missing from the data, or of a candidate whose route table is unknown, and judges the other AZs', () => {
    const missing = aView({
      instances: [anInstance({ subnetId: 'subnet-gone' }), anInstance({ subnetId: 'subnet-b1', availabilityZone: 'us-west-1b' })],
      subnets: [aSubnet(), aSubnet({ subnetId: 'subnet-b1', availabilityZone: 'us-west-1b' }), aSubnet({ subnetId: 'subnet-b2', availabilityZone: 'us-west-1b' })],
      routeTables: [aRouteTable()],
    });
    const noTable = aView({ instances: [anInstance()], subnets: [aSubnet()] });
    expect(checkSubnetRoleMissing(aCheckInput({ view: missing })).map((d) => [d.status ?? 'fail', d.resource.id])).toEqual([
      ['error', 'vpc-0a1b2c3d/us-west-1a'],
      ['fail', 'vpc-0a1b2c3d/us-west-1b/internet-facing'],
      ['fail', 'vpc-0a1b2c3d/us-west-1b/internal'],
    ]);
    expect(checkSubnetRoleMissing(aCheckInput({ view: noTable }))[0]?.detail).toContain('could not locate routing table for subnet subnet-0a1b2c3d');
  });
});
