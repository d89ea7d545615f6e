import { describe, expect, it } from '@jest/globals';
import { resolveInstanceProfile } from '../../../lib/domain/membership/instance-profiles.js';
import { DEFAULTS, aRole, aView } from '../../support/builders.js';

describe('resolveInstanceProfile', () => {
  it('resolves through view.instanceProfiles', () => {
    expect(resolveInstanceProfile(aView(), DEFAULTS.workerProfileArn)).toEqual({
      found: true, profileArn: DEFAULTS.workerProfileArn, profileName: 'k8s-worker', roleArns: [DEFAULTS.workerRoleArn],
    });
  });

  it('falls back to the profiles each role lists', () => {
    const role = aRole({ name: 'custom', path: '/k8s/' });

    const resolved = resolveInstanceProfile(aView({ instanceProfiles: [], roles: [role] }), 'arn:aws:iam::123456789012:instance-profile/custom');

    expect(resolved).toEqual({ found: true, profileArn: 'arn:aws:iam::123456789012:instance-profile/custom', profileName: 'custom', roleArns: [role.arn] });
  });

  it('says when the profile is unknown', () => {
    expect(resolveInstanceProfile(aView(), 'arn:aws:iam::123456789012:instance-profile/x')).toEqual({
      found: false, profileArn: 'arn:aws:iam::123456789012:instance-profile/x', profileName: 'x',
    });
  });
});
