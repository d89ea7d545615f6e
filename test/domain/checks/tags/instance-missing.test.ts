import { describe, expect, it } from '@jest/globals';
import { checkInstanceMissing } from '../../../../lib/domain/checks/tags/instance-missing.js';
import { aCheckInput, aCluster, aCompliantView, aGap, anInstance, aView, clusterTag } from '../../../support/builders.js';

describe('tags.instance.missing', () => {
  it('finds nothing in an empty account', () => {
    expect(checkInstanceMissing(aCheckInput())).toEqual([]);
  });

  it('passes tagged members, legacy-tagged members and instances of other clusters', () => {
    const view = aCompliantView(2);
    view.instances.push(anInstance({ tags: { KubernetesCluster: 'prod' } }), anInstance({ tags: clusterTag('staging'), instanceProfileArn: undefined }));

    expect(checkInstanceMissing(aCheckInput({ view }))).toEqual([]);
  });

  it('flags a member found through its role that lacks the tag, with a ready command', () => {
    const instance = anInstance({ instanceId: 'i-0abc', tags: { Name: 'worker-1' } });

    const drafts = checkInstanceMissing(aCheckInput({ view: aView({ instances: [instance] }) }));

    expect(drafts).toEqual([
      expect.objectContaining({
        check: 'tags.instance.missing',
        resource: { type: 'AWS::EC2::Instance', id: 'i-0abc', arn: 'arn:aws:ec2:us-west-1:123456789012:instance/i-0abc' },
        remediation: 'aws ec2 create-tags --resources i-0abc --tags Key=kubernetes.io/cluster/prod,Value=owned --region us-west-1',
      }),
    ]);
    expect(drafts[0]?.status).toBeUndefined();
    expect(drafts[0]?.detail).toContain('worker role arn:aws:iam::123456789012:role/k8s-worker');
    expect(drafts[0]?.detail).toContain('drops it from Service load-balancer backends');
    expect(drafts[0]?.evidence).toMatchObject({ tags: { Name: 'worker-1' } });
  });

  it('flags members of a listed Auto Scaling group, one finding per instance', () => {
    const a = anInstance({ tags: { 'aws:autoscaling:groupName': 'alpha' }, instanceProfileArn: undefined });
    const b = anInstance({ tags: { 'aws:autoscaling:groupName': 'alpha' }, instanceProfileArn: undefined });
    const tagged = anInstance();

    const drafts = checkInstanceMissing(aCheckInput({ view: aView({ instances: [a, tagged, b] }), cluster: aCluster({ autoScalingGroups: ['alpha'] }) }));

    expect(drafts.map((d) => d.resource.id)).toEqual([a.instanceId, b.instanceId]);
    expect(drafts[0]?.detail).toContain('Auto Scaling group alpha');
  });

  it('reports an error, not a pass, when the instances could not be collected', () => {
    const drafts = checkInstanceMissing(aCheckInput({ view: aView({ gaps: [aGap('instances')] }) }));

    expect(drafts).toEqual([expect.objectContaining({ status: 'error', resource: { type: 'AWS::::Account', id: '123456789012' } })]);
    expect(drafts[0]?.detail).toContain('AccessDenied');
  });

  it('reports an error for untagged instances whose role could not be read', () => {
    const untagged = anInstance({ tags: {} });

    const drafts = checkInstanceMissing(aCheckInput({ view: aView({ instances: [untagged], roles: [], instanceProfiles: [], gaps: [aGap('roles')] }) }));

    expect(drafts).toEqual([expect.objectContaining({ status: 'error', resource: expect.objectContaining({ id: untagged.instanceId }) })]);
  });
});
