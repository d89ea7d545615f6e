import { describe, expect, it } from '@jest/globals';
import { checkProviderIds } from '../../../../lib/domain/checks/nodes/provider-id.js';
import { aCheckInput, aGap, anInstance, aNode, aNodeFor, aView } from '../../../support/builders.js';

describe('node.provider-id.missing and node.provider-id.mismatch', () => {
  const a = anInstance({ instanceId: 'i-0aaa', availabilityZone: 'us-west-1a' });
  const b = anInstance({ instanceId: 'i-0bbb', availabilityZone: 'us-west-1b' });

  it('do not run without node data', () => {
    expect(checkProviderIds(aCheckInput({ view: aView({ instances: [a] }) }))).toEqual([]);
  });

  it('find nothing when the cluster has no nodes', () => {
    expect(checkProviderIds(aCheckInput({ view: aView({ instances: [a], nodes: [] }) }))).toEqual([]);
  });

  it('pass nodes registered by the cloud provider, and skip Fargate nodes', () => {
    const view = aView({ instances: [a, b], nodes: [aNodeFor(a), aNodeFor(b), aNode({ name: 'fargate-ip-10-1-1-1.us-west-1.compute.internal' })] });

    expect(checkProviderIds(aCheckInput({ view }))).toEqual([]);
  });

  it('flag a node without providerID and suggest the providerID of its instance', () => {
    const node = aNodeFor(a, { providerId: undefined });

    const drafts = checkProviderIds(aCheckInput({ view: aView({ instances: [a], nodes: [node] }) }));

    expect(drafts).toEqual([
      expect.objectContaining({
        check: 'node.provider-id.missing',
        resource: { type: 'Kubernetes::Node', id: a.privateDnsName },
        evidence: { node: a.privateDnsName, expectedProviderId: 'aws:///us-west-1a/i-0aaa' },
      }),
    ]);
    expect(drafts[0]?.detail).toContain(`node "${a.privateDnsName}" did not have ProviderID set`);
    expect(drafts[0]?.remediation).toContain(`kubectl delete node ${a.privateDnsName}`);
  });

  it('flag an unparsable providerID with the provider error', () => {
    const node = aNodeFor(a, { providerId: 'aws:///us-west-1a/vol-0abc' });

    const drafts = checkProviderIds(aCheckInput({ view: aView({ instances: [a], nodes: [node] }) }));

    expect(drafts.map((d) => d.check)).toEqual(['node.provider-id.mismatch']);
    expect(drafts[0]?.detail).toContain('Invalid format for AWS instance (aws:///us-west-1a/vol-0abc)');
    expect(drafts[0]?.evidence).toMatchObject({ expectedProviderId: 'aws:///us-west-1a/i-0aaa' });
  });

  it('flag a providerID naming a missing instance, the wrong zone, another instance than the name, or a zoneless form', () => {
    const view = aView({
      instances: [a, b],
      nodes: [
        aNodeFor(a, { name: 'n-missing', providerId: 'aws:///us-west-1a/i-0gone' }),
        aNodeFor(a, { name: a.privateDnsName, providerId: 'aws:///us-west-1c/i-0aaa' }),
        aNodeFor(b, { name: b.privateDnsName, providerId: 'aws:///us-west-1a/i-0aaa' }),
        aNodeFor(a, { name: 'i-0aaa', providerId: 'aws:////i-0aaa' }),
      ],
    });

    const drafts = checkProviderIds(aCheckInput({ view }));

    expect(drafts.map((d) => [d.check, d.resource.id])).toEqual([
      ['node.provider-id.mismatch', 'n-missing'],
      ['node.provider-id.mismatch', a.privateDnsName],
      ['node.provider-id.mismatch', b.privateDnsName],
      ['node.provider-id.mismatch', 'i-0aaa'],
    ]);
    expect(drafts[0]?.detail).toContain('instance i-0gone does not exist in us-west-1');
    expect(drafts[1]?.detail).toContain('zone us-west-1c but i-0aaa is in us-west-1a');
    expect(drafts[2]?.detail).toContain('the node name maps to i-0bbb');
    expect(drafts[2]?.remediation).toContain('aws:///us-west-1b/i-0bbb');
    expect(drafts[3]?.detail).toContain('not in the form aws:///<availability-zone>/<instance-id>');
  });

  it('skip stale nodes of terminated instances, unless the name now maps to a live instance', () => {
    const old = anInstance({ instanceId: 'i-0old', state: 'terminated', privateDnsName: 'ip-10-0-9-9.us-west-1.compute.internal' });
    const reused = anInstance({ instanceId: 'i-0new', privateDnsName: 'ip-10-0-9-9.us-west-1.compute.internal' });
    const stale = aNode({ name: 'gone-node', providerId: 'aws:///us-west-1a/i-0old' });
    const reusedName = aNode({ name: reused.privateDnsName, providerId: 'aws:///us-west-1a/i-0old' });

    const drafts = checkProviderIds(aCheckInput({ view: aView({ instances: [old, reused], nodes: [stale, reusedName] }) }));

    expect(drafts.map((d) => d.resource.id)).toEqual([reused.privateDnsName]);
    expect(drafts[0]?.detail).toContain('i-0old, which is terminated');
  });

  it('report errors when the nodes or the instances could not be collected', () => {
    const nodesGap = checkProviderIds(aCheckInput({ view: aView({ instances: [a], gaps: [aGap('nodes')] }) }));
    const instancesGap = checkProviderIds(aCheckInput({ view: aView({ nodes: [aNodeFor(a), aNodeFor(b, { providerId: undefined })], gaps: [aGap('instances')] }) }));

    expect(nodesGap.map((d) => [d.check, d.status, d.resource.type])).toEqual([
      ['node.provider-id.missing', 'error', 'AWS::::Account'],
      ['node.provider-id.mismatch', 'error', 'AWS::::Account'],
    ]);
    expect(instancesGap.map((d) => [d.check, d.status ?? 'fail', d.resource.id])).toEqual([
      ['node.provider-id.mismatch', 'error', a.privateDnsName],
      ['node.provider-id.missing', 'fail', b.privateDnsName],
    ]);
  });

  it('report an error when the instance named by the providerID could not be collected', () => {
    const view = aView({ instances: [], nodes: [aNodeFor(a)], gaps: [aGap('instances', { resourceId: 'i-0aaa' })] });

    expect(checkProviderIds(aCheckInput({ view })).map((d) => [d.check, d.status])).toEqual([['node.provider-id.mismatch', 'error']]);
  });
});
