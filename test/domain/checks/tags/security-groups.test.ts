import { describe, expect, it } from '@jest/globals';
import { checkSecurityGroups } from '../../../../lib/domain/checks/tags/security-groups.js';
import { aCheckInput, aCompliantView, aGap, anInstance, aSecurityGroup, aView, clusterTag } from '../../../support/builders.js';

const only = (check: string, drafts: ReturnType<typeof checkSecurityGroups>) => drafts.filter((d) => d.check === check);

describe('tags.sg.multiple-tagged and tags.sg.none-tagged', () => {
  it('find nothing in an empty account', () => {
    expect(checkSecurityGroups(aCheckInput())).toEqual([]);
  });

  it('pass one tagged group among several, a single untagged group, and an instance without groups', () => {
    const view = aView({
      instances: [
        anInstance({ securityGroupIds: ['sg-k8s', 'sg-ssh'] }),
        anInstance({ securityGroupIds: ['sg-ssh'] }),
        anInstance({ securityGroupIds: [] }),
      ],
      securityGroups: [aSecurityGroup({ groupId: 'sg-k8s' }), aSecurityGroup({ groupId: 'sg-ssh', tags: {} })],
    });

    expect(checkSecurityGroups(aCheckInput({ view }))).toEqual([]);
  });

  it('flag several tagged groups with the provider error and keep the most used group', () => {
    const a = anInstance({ instanceId: 'i-0a', securityGroupIds: ['sg-node', 'sg-cluster'] });
    const b = anInstance({ instanceId: 'i-0b', securityGroupIds: ['sg-cluster'] });
    const view = aView({
      instances: [a, b],
      securityGroups: [aSecurityGroup({ groupId: 'sg-node', groupName: 'nodes' }), aSecurityGroup({ groupId: 'sg-cluster', groupName: 'eks-cluster-sg', tags: { KubernetesCluster: 'prod' } })],
    });

    const drafts = checkSecurityGroups(aCheckInput({ view }));

    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ check: 'tags.sg.multiple-tagged', resource: { type: 'AWS::EC2::Instance', id: 'i-0a' } });
    expect(drafts[0]?.detail).toContain(
      'Multiple tagged security groups found for instance i-0a; ensure only the k8s security group is tagged; the tagged groups were sg-node(nodes) sg-cluster(eks-cluster-sg)',
    );
    expect(drafts[0]?.remediation).toContain('aws ec2 delete-tags --resources sg-node --tags Key=kubernetes.io/cluster/prod --region us-west-1');
  });

  it('flag several untagged groups with the provider error and suggest tagging one', () => {
    const instance = anInstance({ instanceId: 'i-0a', securityGroupIds: ['sg-b', 'sg-a'] });
    const view = aView({ instances: [instance], securityGroups: [aSecurityGroup({ groupId: 'sg-a', tags: {} }), aSecurityGroup({ groupId: 'sg-b', tags: clusterTag('staging') })] });

    const drafts = checkSecurityGroups(aCheckInput({ view }));

    expect(drafts).toHaveLength(1);
    expect(drafts[0]?.check).toBe('tags.sg.none-tagged');
    expect(drafts[0]?.detail).toContain('Multiple untagged security groups found for instance i-0a; ensure the k8s security group is tagged');
    expect(drafts[0]?.remediation).toContain('aws ec2 create-tags --resources sg-a --tags Key=kubernetes.io/cluster/prod,Value=owned --region us-west-1');
  });

  it('report each instance separately', () => {
    const groups = [aSecurityGroup({ groupId: 'sg-1', tags: {} }), aSecurityGroup({ groupId: 'sg-2', tags: {} }), aSecurityGroup({ groupId: 'sg-3' }), aSecurityGroup({ groupId: 'sg-4' })];
    const view = aView({
      instances: [
        anInstance({ instanceId: 'i-1', securityGroupIds: ['sg-1', 'sg-2'] }),
        anInstance({ instanceId: 'i-2', securityGroupIds: ['sg-3', 'sg-4'] }),
        anInstance({ instanceId: 'i-3', securityGroupIds: ['sg-1', 'sg-3'] }),
      ],
      securityGroups: groups,
    });

    const drafts = checkSecurityGroups(aCheckInput({ view }));

    expect(drafts.map((d) => [d.check, d.resource.id])).toEqual([
      ['tags.sg.none-tagged', 'i-1'],
      ['tags.sg.multiple-tagged', 'i-2'],
    ]);
  });

  it('report errors when an unreadable group could change the verdict', () => {
    const view = aView({
      instances: [
        anInstance({ instanceId: 'i-1', securityGroupIds: ['sg-tagged', 'sg-gone'] }),
        anInstance({ instanceId: 'i-2', securityGroupIds: ['sg-plain', 'sg-gone'] }),
        anInstance({ instanceId: 'i-3', securityGroupIds: ['sg-gone'] }),
      ],
      securityGroups: [aSecurityGroup({ groupId: 'sg-tagged' }), aSecurityGroup({ groupId: 'sg-plain', tags: {} })],
    });

    const drafts = checkSecurityGroups(aCheckInput({ view }));

    expect(drafts.map((d) => [d.check, d.status, d.resource.id])).toEqual([
      // i-1: the unreadable group may be a second tagged one; i-2: it may be the tagged one (or a second untagged one)
      ['tags.sg.multiple-tagged', 'error', 'i-1'],
      ['tags.sg.none-tagged', 'error', 'i-2'],
    ]);
  });

  it('still fail when two readable groups are tagged and another is unreadable', () => {
    const view = aView({
      instances: [anInstance({ securityGroupIds: ['sg-1', 'sg-2', 'sg-gone'] })],
      securityGroups: [aSecurityGroup({ groupId: 'sg-1' }), aSecurityGroup({ groupId: 'sg-2' })],
    });

    expect(only('tags.sg.multiple-tagged', checkSecurityGroups(aCheckInput({ view })))[0]?.status).toBeUndefined();
  });

  it('report errors for both checks when the instances could not be collected', () => {
    const drafts = checkSecurityGroups(aCheckInput({ view: aCompliantView(0, { gaps: [aGap('instances')] }) }));

    expect(drafts.map((d) => [d.check, d.status])).toEqual([
      ['tags.sg.multiple-tagged', 'error'],
      ['tags.sg.none-tagged', 'error'],
    ]);
  });
});
