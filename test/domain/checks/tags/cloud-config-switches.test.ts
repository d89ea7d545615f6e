/**
 * The cloud-config switches, each from cloud-provider-aws 63ec440c: RouteTableID (aws_routes.go:37-44),
 * DisableSecurityGroupIngress (aws.go:2981, aws_loadbalancer.go:978), KubernetesClusterTag / KubernetesClusterID
 * (aws.go:647-650, tags.go:69-87). docs/provider-rules.md "Cloud-config switches".
 */
import { describe, expect, it } from '@jest/globals';
import { checkInstanceMissing } from '../../../../lib/domain/checks/tags/instance-missing.js';
import { checkRouteTables } from '../../../../lib/domain/checks/tags/route-tables.js';
import { checkSecurityGroups } from '../../../../lib/domain/checks/tags/security-groups.js';
import { computeMembership } from '../../../../lib/domain/membership.js';
import { aCheckInput, aCluster, aCompliantView, anAssociatedRouteTable, anInstance, aRouteTable, aSecurityGroup, aView, clusterTag } from '../../../support/builders.js';

describe('RouteTableID (aws_routes.go:37-44 bypasses the tag lookup)', () => {
  const withTable = (routeTableId: string) => aCluster({ cloudConfig: { routeTableId } });

  it('passes an untagged configured table of the cluster VPC, and ignores several tagged tables', () => {
    const view = aCompliantView(1, { routeTables: [aRouteTable({ tags: {} }), anAssociatedRouteTable([], { routeTableId: 'rtb-0000000000000000a', tags: {} })] });
    expect(checkRouteTables(aCheckInput({ view, cluster: withTable('rtb-0000000000000000a') }))).toEqual([]);
    const tagged = aCompliantView(1, { routeTables: [aRouteTable(), anAssociatedRouteTable([], { routeTableId: 'rtb-0000000000000000b', tags: clusterTag() })] });
    expect(checkRouteTables(aCheckInput({ view: tagged }))).toHaveLength(1);
    expect(checkRouteTables(aCheckInput({ view: tagged, cluster: withTable('rtb-0000000000000000b') }))).toEqual([]);
  });

  it('flags a configured table that does not exist with the route controller error', () => {
    const view = aCompliantView(1);
    const [draft] = checkRouteTables(aCheckInput({ view, cluster: withTable('rtb-00000000000000009') }));
    expect(draft).toMatchObject({ check: 'tags.route-table.missing', resource: expect.objectContaining({ id: 'vpc-0a1b2c3d' }) });
    expect(draft?.detail).toContain('unable to find route table for AWS cluster: prod');
  });

  it('flags a configured table of another VPC', () => {
    const view = aCompliantView(1);
    view.routeTables.push(aRouteTable({ routeTableId: 'rtb-0000000000000000c', vpcId: 'vpc-other', associations: [] }));
    const [draft] = checkRouteTables(aCheckInput({ view, cluster: withTable('rtb-0000000000000000c') }));
    expect(draft?.detail).toContain('a route table of vpc-other, not of vpc-0a1b2c3d');
  });
});

describe('DisableSecurityGroupIngress (aws.go:2981, aws_loadbalancer.go:978)', () => {
  it('turns both security-group rules off: the provider never looks for the instance group', () => {
    const view = aView({ instances: [anInstance({ securityGroupIds: ['sg-a', 'sg-b'] })], securityGroups: [aSecurityGroup({ groupId: 'sg-a' }), aSecurityGroup({ groupId: 'sg-b' })] });
    expect(checkSecurityGroups(aCheckInput({ view }))).toHaveLength(1);
    expect(checkSecurityGroups(aCheckInput({ view, cluster: aCluster({ cloudConfig: { disableSecurityGroupIngress: true } }) }))).toEqual([]);
  });
});

describe('KubernetesClusterTag / KubernetesClusterID (tags.go:69-87)', () => {
  it('membership and tag checks look for the configured id, in both tag forms', () => {
    const tagged = anInstance({ tags: clusterTag('prod-k8s'), instanceProfileArn: undefined });
    const legacy = anInstance({ tags: { KubernetesCluster: 'prod-k8s' }, instanceProfileArn: undefined });
    const view = aView({ instances: [tagged, legacy] });
    expect(computeMembership(view, aCluster()).instances).toEqual([]);
    expect(computeMembership(view, aCluster({ cloudConfig: { kubernetesClusterId: 'prod-k8s' } })).instances).toEqual([tagged, legacy]);
    expect(computeMembership(view, aCluster({ cloudConfig: { kubernetesClusterTag: 'prod-k8s' } })).instances).toEqual([tagged, legacy]);
  });

  it('tags.instance.missing asks for the configured id\'s key', () => {
    const worker = anInstance({ tags: clusterTag('prod') });
    const [draft] = checkInstanceMissing(aCheckInput({ view: aView({ instances: [worker] }), cluster: aCluster({ cloudConfig: { kubernetesClusterId: 'prod-k8s' } }) }));
    expect(draft?.remediation).toContain('Key=kubernetes.io/cluster/prod-k8s,Value=owned');
  });
});
