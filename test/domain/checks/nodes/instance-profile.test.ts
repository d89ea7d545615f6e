import { describe, expect, it } from '@jest/globals';
import { checkInstanceProfiles } from '../../../../lib/domain/checks/nodes/instance-profile.js';
import { DEFAULTS, aCheckInput, aCluster, aGap, anInstance, anInstanceProfile, aView } from '../../../support/builders.js';

describe('node.instance-profile.missing and node.instance-profile.unexpected', () => {
  it('find nothing in an empty account', () => {
    expect(checkInstanceProfiles(aCheckInput())).toEqual([]);
  });

  it('pass members using either configured role, also through a role path', () => {
    const pathProfile = anInstanceProfile({ name: 'pathy', roleArns: ['arn:aws:iam::123456789012:role/k8s/k8s-control-plane'] });
    const view = aView({ instances: [anInstance(), anInstance({ instanceProfileArn: DEFAULTS.controlPlaneProfileArn }), anInstance({ instanceProfileArn: pathProfile.arn })] });
    view.instanceProfiles.push(pathProfile);

    expect(checkInstanceProfiles(aCheckInput({ view }))).toEqual([]);
  });

  it('flag a member without a profile and name the worker profile to attach', () => {
    const instance = anInstance({ instanceId: 'i-0abc', instanceProfileArn: undefined });

    const drafts = checkInstanceProfiles(aCheckInput({ view: aView({ instances: [instance] }) }));

    expect(drafts).toEqual([expect.objectContaining({ check: 'node.instance-profile.missing', resource: expect.objectContaining({ id: 'i-0abc' }) })]);
    expect(drafts[0]?.remediation).toMatch(/^aws ec2 associate-iam-instance-profile --instance-id i-0abc --iam-instance-profile Name=k8s-worker --region us-west-1/);
  });

  it('offer to create the profile when none exists for the configured roles', () => {
    const instance = anInstance({ instanceId: 'i-0abc', instanceProfileArn: undefined });

    const drafts = checkInstanceProfiles(aCheckInput({ view: aView({ instances: [instance], instanceProfiles: [], roles: [] }) }));

    expect(drafts[0]?.remediation).toMatch(/^aws iam create-instance-profile --instance-profile-name k8s-worker && aws iam add-role-to-instance-profile --instance-profile-name k8s-worker --role-name k8s-worker && aws ec2 associate-iam-instance-profile/);
  });

  it('flag a member whose profile holds another role, or no role, with a replace command', () => {
    const web = anInstanceProfile({ name: 'web', roleArns: ['arn:aws:iam::123456789012:role/web'] });
    const empty = anInstanceProfile({ name: 'empty', roleArns: [] });
    const a = anInstance({ instanceId: 'i-0a', instanceProfileArn: web.arn });
    const b = anInstance({ instanceId: 'i-0b', instanceProfileArn: empty.arn });
    const view = aView({ instances: [a, b] });
    view.instanceProfiles.push(web, empty);

    const drafts = checkInstanceProfiles(aCheckInput({ view }));

    expect(drafts.map((d) => [d.check, d.resource.id])).toEqual([
      ['node.instance-profile.unexpected', 'i-0a'],
      ['node.instance-profile.unexpected', 'i-0b'],
    ]);
    expect(drafts[0]?.detail).toContain('arn:aws:iam::123456789012:role/web');
    expect(drafts[1]?.detail).toContain('holds no role');
    expect(drafts[0]?.remediation).toContain('aws ec2 replace-iam-instance-profile-association --association-id "$(aws ec2 describe-iam-instance-profile-associations --filters Name=instance-id,Values=i-0a');
  });

  it('accept the control-plane role when only it is configured', () => {
    const view = aView({ instances: [anInstance({ instanceProfileArn: DEFAULTS.controlPlaneProfileArn })] });

    expect(checkInstanceProfiles(aCheckInput({ view, cluster: aCluster({ roles: { controlPlane: DEFAULTS.controlPlaneRoleArn } }) }))).toEqual([]);
  });

  it('report an error, not a pass, for a profile missing from the IAM data', () => {
    const instance = anInstance({ instanceProfileArn: 'arn:aws:iam::123456789012:instance-profile/unknown' });

    const drafts = checkInstanceProfiles(aCheckInput({ view: aView({ instances: [instance] }) }));

    expect(drafts).toEqual([expect.objectContaining({ check: 'node.instance-profile.unexpected', status: 'error' })]);
    expect(drafts[0]?.detail).toContain('not in the collected IAM data');
  });

  it('report errors when the roles or the instances could not be collected', () => {
    const roles = checkInstanceProfiles(aCheckInput({ view: aView({ instances: [anInstance()], roles: [], instanceProfiles: [], gaps: [aGap('roles')] }) }));
    const instances = checkInstanceProfiles(aCheckInput({ view: aView({ gaps: [aGap('instances')] }) }));

    expect(roles.map((d) => [d.check, d.status])).toEqual([['node.instance-profile.unexpected', 'error']]);
    expect(instances.map((d) => [d.check, d.status])).toEqual([
      ['node.instance-profile.missing', 'error'],
      ['node.instance-profile.unexpected', 'error'],
    ]);
  });
});
