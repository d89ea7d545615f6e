import { describe, expect, it } from '@jest/globals';
import { checkSubnetMissing } from '../../../../lib/domain/checks/tags/subnet-missing.js';
import { aCheckInput, aCompliantView, aGap, anInstance, aSubnet, aView, clusterTag } from '../../../support/builders.js';

describe('tags.subnet.missing', () => {
  it('finds nothing in an empty account', () => {
    expect(checkSubnetMissing(aCheckInput())).toEqual([]);
  });

  it('passes subnets tagged in either form and ignores subnets the cluster does not use', () => {
    const view = aCompliantView(1);
    view.instances.push(anInstance({ subnetId: 'subnet-legacy' }));
    view.subnets.push(aSubnet({ subnetId: 'subnet-legacy', tags: { KubernetesCluster: 'prod' } }), aSubnet({ subnetId: 'subnet-default-vpc', vpcId: 'vpc-default', tags: {} }));

    expect(checkSubnetMissing(aCheckInput({ view }))).toEqual([]);
  });

  it('flags an untagged subnet hosting cluster instances, with a ready command', () => {
    const a = anInstance();
    const b = anInstance();
    const view = aCompliantView(0, { instances: [a, b], subnets: [aSubnet({ tags: { Name: 'private-a' } })] });

    const drafts = checkSubnetMissing(aCheckInput({ view }));

    expect(drafts).toEqual([
      expect.objectContaining({
        check: 'tags.subnet.missing',
        resource: expect.objectContaining({ type: 'AWS::EC2::Subnet', id: 'subnet-0a1b2c3d' }),
        remediation: 'aws ec2 create-tags --resources subnet-0a1b2c3d --tags Key=kubernetes.io/cluster/prod,Value=shared --region us-west-1',
        evidence: expect.objectContaining({ instanceIds: [a.instanceId, b.instanceId] }),
      }),
    ]);
  });

  it('explains that a subnet with another cluster\'s kubernetes.io/cluster/ key is excluded (aws.go:1662-1668)', () => {
    const view = aCompliantView(1, { subnets: [aSubnet({ tags: clusterTag('staging', 'shared') })] });
    const [draft] = checkSubnetMissing(aCheckInput({ view }));

    expect(draft?.detail).toContain('It carries kubernetes.io/cluster/staging, so the provider does not consider it');
    expect(draft?.evidence).toMatchObject({ loadBalancerCandidate: false });
  });

  it('says truthfully that a subnet with only another cluster\'s legacy KubernetesCluster key is still a candidate (tags.go:188-195), and where it is chosen', () => {
    const view = aCompliantView(1, { subnets: [aSubnet({ tags: { KubernetesCluster: 'staging' } })] });
    const [draft] = checkSubnetMissing(aCheckInput({ view }));

    expect(draft?.detail).toContain('still a load-balancer candidate only because it carries no kubernetes.io/cluster/ key at all (its KubernetesCluster=staging does not exclude it');
    expect(draft?.detail).toContain('today it is the internet-facing and internal load-balancer subnet of us-west-1a');
    expect(draft?.evidence).toMatchObject({ loadBalancerCandidate: true, chosenFor: ['internet-facing', 'internal'] });
  });

  it('reports each subnet once', () => {
    const view = aView({
      instances: [anInstance({ subnetId: 'subnet-a' }), anInstance({ subnetId: 'subnet-b' }), anInstance({ subnetId: 'subnet-a' })],
      subnets: [aSubnet({ subnetId: 'subnet-a', tags: {} }), aSubnet({ subnetId: 'subnet-b', tags: {} })],
    });

    expect(checkSubnetMissing(aCheckInput({ view })).map((d) => d.resource.id)).toEqual(['subnet-a', 'subnet-b']);
  });

  it('reports an error per subnet it could not read, and one when the instances are unknown', () => {
    const subnets = checkSubnetMissing(aCheckInput({ view: aView({ instances: [anInstance()], gaps: [aGap('subnets')] }) }));
    const instances = checkSubnetMissing(aCheckInput({ view: aView({ gaps: [aGap('instances')] }) }));

    expect(subnets).toEqual([expect.objectContaining({ status: 'error', resource: expect.objectContaining({ id: 'subnet-0a1b2c3d' }) })]);
    expect(subnets[0]?.detail).toContain('ec2:DescribeSubnets');
    expect(instances).toEqual([expect.objectContaining({ status: 'error', resource: { type: 'AWS::::Account', id: '123456789012' } })]);
  });
});
