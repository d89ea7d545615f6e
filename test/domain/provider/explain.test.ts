/**
 * explainCluster and the rules it adds to the checks': findSecurityGroupForInstance (cloud-provider-aws 63ec440c
 * aws.go:2910-2952), findRouteTable with RouteTableID (aws_routes.go:37-44), and the zone-type note.
 */
import { describe, expect, it } from '@jest/globals';
import { computeMembership } from '../../../lib/domain/membership.js';
import { explainCluster } from '../../../lib/domain/provider/explain.js';
import { zoneTypeNotes } from '../../../lib/domain/provider/notes.js';
import { clusterSubnetSelection } from '../../../lib/domain/provider/cluster-subnets.js';
import { securityGroupForInstance } from '../../../lib/domain/provider/security-group-choice.js';
import { renderExplanation } from '../../../lib/domain/provider/render-explain.js';
import { aCluster, aCompliantView, aControlPlaneInstance, anInstance, aRouteTable, aSecurityGroup, aSubnet, aView, clusterTag } from '../../support/builders.js';

describe('securityGroupForInstance (aws.go:2910-2952)', () => {
  const groups = [aSecurityGroup({ groupId: 'sg-t1' }), aSecurityGroup({ groupId: 'sg-t2' }), aSecurityGroup({ groupId: 'sg-u1', tags: {} }), aSecurityGroup({ groupId: 'sg-u2', tags: {} })];
  const choose = (ids: string[]) => securityGroupForInstance(anInstance({ securityGroupIds: ids }), groups, 'prod');

  it('takes the one tagged group, else a single untagged one; errors on several of either; warns on none', () => {
    expect(choose(['sg-u1', 'sg-t1'])).toMatchObject({ kind: 'chosen', groupId: 'sg-t1', why: 'the only cluster-tagged group' });
    expect(choose(['sg-u1'])).toMatchObject({ kind: 'chosen', groupId: 'sg-u1', why: 'its only group (untagged)' });
    expect(choose(['sg-t1', 'sg-t2'])).toMatchObject({ kind: 'error', error: expect.stringContaining('Multiple tagged security groups found') });
    expect(choose(['sg-u1', 'sg-u2'])).toMatchObject({ kind: 'error', error: expect.stringContaining('Multiple untagged security groups found') });
    expect(choose([])).toMatchObject({ kind: 'none' });
  });

  it('is unknown when a group it cannot see could change the answer', () => {
    expect(choose(['sg-gone'])).toEqual({ kind: 'unknown', missing: ['sg-gone'] });
    expect(choose(['sg-t1', 'sg-gone'])).toEqual({ kind: 'unknown', missing: ['sg-gone'] });
  });
});

describe('explainCluster', () => {
  it('follows the cloud-config switches: RouteTableID, DisableSecurityGroupIngress, the cluster id', () => {
    const view = aCompliantView(1, { routeTables: [aRouteTable({ tags: {} })] });
    const cluster = aCluster({ cloudConfig: { routeTableId: 'rtb-0a1b2c3d', disableSecurityGroupIngress: true, kubernetesClusterId: 'prod' } });
    const e = explainCluster(view, cluster, computeMembership(view, cluster));
    expect(e.routeTable).toEqual({ cloudRoutes: true, via: 'routeTableId', tables: [{ routeTableId: 'rtb-0a1b2c3d', vpcId: 'vpc-0a1b2c3d' }], chosen: 'rtb-0a1b2c3d' });
    expect(e.instances[0]?.securityGroup).toMatchObject({ kind: 'disabled' });
    expect(e.settings).toMatchObject({ clusterIdFrom: 'kubernetesClusterId', checksOff: ['tags.sg.multiple-tagged', 'tags.sg.none-tagged', 'tags.route-table.ambiguous'] });
  });

  it('names the expected node name and providerID, and accepts the instance id as a name only out-of-tree', () => {
    const cp = aControlPlaneInstance({ instanceId: 'i-0cp' });
    const view = aView({ instances: [cp], subnets: [aSubnet()], routeTables: [aRouteTable()] });
    const ccm = explainCluster(view, aCluster(), computeMembership(view, aCluster()));
    expect(ccm.instances[0]).toMatchObject({ controlPlane: true, nodeNames: [cp.privateDnsName, 'i-0cp'], providerId: 'aws:///us-west-1a/i-0cp', imds: { verdict: 'ok' } });
    const inTree = aCluster({ preset: 'in-tree' });
    expect(explainCluster(view, inTree, computeMembership(view, inTree)).instances[0]?.nodeNames).toEqual([cp.privateDnsName]);
    expect(renderExplanation(ccm, 'table')).toContain('internet-facing: subnet-0a1b2c3d');
  });
});

describe('zoneTypeNotes', () => {
  it('says when a Local Zone was recognised by its name only', () => {
    const view = aView({
      instances: [anInstance()],
      subnets: [aSubnet(), aSubnet({ subnetId: 'subnet-lax', availabilityZone: 'us-west-1-lax-1a', tags: clusterTag('prod', 'shared') })],
      routeTables: [aRouteTable()],
    });
    const membership = computeMembership(view, aCluster());
    expect(zoneTypeNotes(clusterSubnetSelection(view, aCluster(), membership).vpcs)).toEqual([expect.stringContaining('us-west-1-lax-1a (local-zone) were derived from the zone names')]);
    const withZones = { ...view, availabilityZones: [{ zoneName: 'us-west-1a', zoneType: 'availability-zone' }, { zoneName: 'us-west-1-lax-1a', zoneType: 'local-zone' }] };
    expect(zoneTypeNotes(clusterSubnetSelection(withZones, aCluster(), computeMembership(withZones, aCluster())).vpcs)).toEqual([]);
  });
});
