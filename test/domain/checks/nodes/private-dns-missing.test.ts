import { describe, expect, it } from '@jest/globals';
import { checkPrivateDnsMissing } from '../../../../lib/domain/checks/nodes/private-dns-missing.js';
import { aCheckInput, aCompliantView, aGap, anInstance, aView, clusterTag } from '../../../support/builders.js';

describe('node.private-dns.missing', () => {
  it('finds nothing in an empty account', () => {
    expect(checkPrivateDnsMissing(aCheckInput())).toEqual([]);
  });

  it('passes members with a private DNS name, pending instances and instances of other clusters', () => {
    const view = aCompliantView(2);
    view.instances.push(anInstance({ state: 'pending', privateDnsName: '' }), anInstance({ privateDnsName: '', tags: clusterTag('staging'), instanceProfileArn: undefined }));

    expect(checkPrivateDnsMissing(aCheckInput({ view }))).toEqual([]);
  });

  it('flags a member without a private DNS name with the VPC commands', () => {
    const instance = anInstance({ instanceId: 'i-0abc', privateDnsName: '' });

    const drafts = checkPrivateDnsMissing(aCheckInput({ view: aView({ instances: [instance] }) }));

    expect(drafts).toEqual([
      expect.objectContaining({
        check: 'node.private-dns.missing',
        resource: expect.objectContaining({ type: 'AWS::EC2::Instance', id: 'i-0abc' }),
        remediation:
          'aws ec2 modify-vpc-attribute --vpc-id vpc-0a1b2c3d --enable-dns-support Value=true --region us-west-1 && ' +
          'aws ec2 modify-vpc-attribute --vpc-id vpc-0a1b2c3d --enable-dns-hostnames Value=true --region us-west-1',
      }),
    ]);
    expect(drafts[0]?.detail).toContain('node.cloudprovider.kubernetes.io/uninitialized');
  });

  it('reports each instance, stopped ones included', () => {
    const view = aView({ instances: [anInstance({ privateDnsName: '' }), anInstance(), anInstance({ privateDnsName: '', state: 'stopped' })] });

    expect(checkPrivateDnsMissing(aCheckInput({ view })).map((d) => d.resource.id)).toEqual([view.instances[0]?.instanceId, view.instances[2]?.instanceId]);
  });

  it('reports an error when the instances could not be collected', () => {
    expect(checkPrivateDnsMissing(aCheckInput({ view: aView({ gaps: [aGap('instances')] }) }))).toEqual([expect.objectContaining({ status: 'error' })]);
  });
});
