import { describe, expect, it } from '@jest/globals';
import { isNonEc2Node, nodeInstance, resolveNodeName } from '../../../../lib/domain/checks/nodes/node-instance.js';
import { aCheckInput, aCluster, anInstance, aNode, aNodeFor, aView, clusterTag } from '../../../support/builders.js';

describe('node to instance mapping', () => {
  const member = anInstance({ instanceId: 'i-0member', privateDnsName: 'ip-10-0-0-5.us-west-1.compute.internal' });
  const twinOtherVpc = anInstance({ instanceId: 'i-0twin', privateDnsName: 'ip-10-0-0-5.us-west-1.compute.internal', vpcId: 'vpc-x', tags: clusterTag('staging'), instanceProfileArn: undefined });
  const view = aView({ instances: [twinOtherVpc, member] });

  it('maps by private DNS name, preferring members when names repeat across VPCs', () => {
    expect(resolveNodeName(aCheckInput({ view }), aNode({ name: 'IP-10-0-0-5.us-west-1.compute.internal' }))).toEqual({ kind: 'found', rule: 'private-dns', instance: member });
  });

  it('maps resource-based names with the CCM, not with the in-tree provider', () => {
    const ccm = aCheckInput({ view });
    const inTree = aCheckInput({ view, cluster: aCluster({ preset: 'in-tree' }) });

    expect(resolveNodeName(ccm, aNode({ name: 'i-0member.us-west-1.compute.internal' }))).toMatchObject({ kind: 'found', rule: 'resource-name', instance: member });
    expect(resolveNodeName(ccm, aNode({ name: 'i-0nothing' }))).toEqual({ kind: 'not-found', rule: 'resource-name', instanceId: 'i-0nothing' });
    expect(resolveNodeName(inTree, aNode({ name: 'i-0member' }))).toEqual({ kind: 'not-found', rule: 'private-dns' });
  });

  it('reports ambiguous names among members', () => {
    const again = anInstance({ privateDnsName: member.privateDnsName, vpcId: 'vpc-y' });

    expect(resolveNodeName(aCheckInput({ view: aView({ instances: [member, again] }) }), aNode({ name: member.privateDnsName })).kind).toBe('ambiguous');
  });

  it('falls back to the providerID when the name resolves to nothing', () => {
    const input = aCheckInput({ view });

    expect(nodeInstance(input, aNodeFor(member, { name: 'custom-hostname' }))).toBe(member);
    expect(nodeInstance(input, aNode({ name: 'custom-hostname' }))).toBeUndefined();
  });

  it('recognises Fargate and hybrid nodes', () => {
    expect(isNonEc2Node(aNode({ name: 'fargate-ip-10-0-0-1.us-west-1.compute.internal' }))).toBe(true);
    expect(isNonEc2Node(aNode({ labels: { 'eks.amazonaws.com/compute-type': 'hybrid' } }))).toBe(true);
    expect(isNonEc2Node(aNode({ providerId: 'eks-hybrid:///us-west-1/prod/mi-1' }))).toBe(true);
    expect(isNonEc2Node(aNodeFor(member))).toBe(false);
  });
});
