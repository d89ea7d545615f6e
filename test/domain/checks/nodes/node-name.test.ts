import { describe, expect, it } from '@jest/globals';
import { checkNodeNames } from '../../../../lib/domain/checks/nodes/node-name.js';
import { aCheckInput, aCluster, aGap, anInstance, aNode, aNodeFor, aView, clusterTag } from '../../../support/builders.js';

describe('node.name.mismatch', () => {
  const a = anInstance({ instanceId: 'i-0aaa', privateIpAddress: '10.0.0.10', privateDnsName: 'ip-10-0-0-10.us-west-1.compute.internal' });
  const b = anInstance({ instanceId: 'i-0bbb' });

  it('does not run without node data and finds nothing without nodes', () => {
    expect(checkNodeNames(aCheckInput({ view: aView({ instances: [a] }) }))).toEqual([]);
    expect(checkNodeNames(aCheckInput({ view: aView({ instances: [a], nodes: [] }) }))).toEqual([]);
  });

  it('passes private DNS names, resource-based names with the CCM, and names the CCM maps through the providerID', () => {
    const view = aView({
      instances: [a, b],
      nodes: [aNodeFor(a), aNode({ name: 'i-0bbb.us-west-1.compute.internal' }), aNodeFor(b, { name: 'custom-hostname' }), aNode({ name: 'fargate-ip-1' })],
    });

    expect(checkNodeNames(aCheckInput({ view }))).toEqual([]);
  });

  it('flags a name that matches no instance and points at the instance with the node IP', () => {
    const node = aNode({ name: 'worker-1', internalIps: ['10.0.0.10'] });

    const drafts = checkNodeNames(aCheckInput({ view: aView({ instances: [a], nodes: [node] }) }));

    expect(drafts).toEqual([expect.objectContaining({ check: 'node.name.mismatch', resource: { type: 'Kubernetes::Node', id: 'worker-1' } })]);
    expect(drafts[0]?.detail).toContain('node.cloudprovider.kubernetes.io/uninitialized');
    expect(drafts[0]?.remediation).toBe(`Name the kubelet ${a.privateDnsName} (the instance's PrivateDnsName), then re-register: kubectl delete node worker-1`);
  });

  it('flags resource-based names with the in-tree provider when nothing else maps the node', () => {
    const view = aView({ instances: [a], nodes: [aNode({ name: 'i-0aaa' })] });

    const drafts = checkNodeNames(aCheckInput({ view, cluster: aCluster({ preset: 'in-tree' }) }));

    expect(drafts.map((d) => d.resource.id)).toEqual(['i-0aaa']);
    expect(drafts[0]?.detail).toContain('the in-tree provider forces it');
  });

  it('flags a resource-based name for an instance that does not exist, without falling back to the providerID', () => {
    const view = aView({ instances: [a], nodes: [aNodeFor(a, { name: 'i-0gone' })] });

    expect(checkNodeNames(aCheckInput({ view }))[0]?.detail).toContain('resource-based name for instance i-0gone, which does not exist');
  });

  it('flags names of instances outside the cluster and ambiguous names, one finding per node', () => {
    const outsider = anInstance({ instanceId: 'i-0out', tags: clusterTag('staging'), instanceProfileArn: undefined });
    const twin = anInstance({ privateDnsName: a.privateDnsName, vpcId: 'vpc-2' });
    const view = aView({ instances: [a, twin, outsider], nodes: [aNodeFor(outsider), aNodeFor(a), aNodeFor(b, { name: 'lost', providerId: 'aws:///us-west-1a/i-0out' })] });

    const drafts = checkNodeNames(aCheckInput({ view }));

    expect(drafts.map((d) => d.resource.id)).toEqual([outsider.privateDnsName, a.privateDnsName, 'lost']);
    expect(drafts[0]?.detail).toContain('i-0out, which is not part of cluster prod');
    expect(drafts[1]?.detail).toContain(`multiple instances found for name: ${a.privateDnsName}`);
    expect(drafts[2]?.detail).toContain('its providerID names i-0out');
  });

  it('skips nodes of terminated or shutting-down instances', () => {
    const going = anInstance({ instanceId: 'i-0going', state: 'shutting-down' });
    const gone = anInstance({ instanceId: 'i-0gone', state: 'terminated' });
    const view = aView({ instances: [going, gone], nodes: [aNodeFor(going), aNodeFor(gone, { name: 'old-node' })] });

    expect(checkNodeNames(aCheckInput({ view }))).toEqual([]);
  });

  it('reports errors when the nodes or the instances could not be collected', () => {
    const nodesGap = checkNodeNames(aCheckInput({ view: aView({ gaps: [aGap('nodes')] }) }));
    const instancesGap = checkNodeNames(aCheckInput({ view: aView({ nodes: [aNodeFor(a), aNodeFor(b)], gaps: [aGap('instances')] }) }));

    expect(nodesGap).toEqual([expect.objectContaining({ status: 'error', resource: { type: 'AWS::::Account', id: '123456789012' } })]);
    expect(instancesGap.map((d) => [d.status, d.resource.id])).toEqual([
      ['error', a.privateDnsName],
      ['error', b.privateDnsName],
    ]);
  });
});
