import { describe, expect, it } from '@jest/globals';
import { parseSecurityGroups } from '../../../lib/adapters/snapshot/parse-security-groups.js';
import { SNAPSHOT_FILES } from '../../../lib/adapters/snapshot/snapshot-files.js';
import { basicFile, snapshotErrorOf, snapshotFile } from './snapshot-fixture.js';

const SPEC = SNAPSHOT_FILES.securityGroups;

describe('parseSecurityGroups', () => {
  it('maps groups, with {} when Tags is missing', () => {
    expect(parseSecurityGroups(basicFile(SPEC))).toStrictEqual([
      { groupId: 'sg-0a1b2c3d4e5f60021', groupName: 'k8s-control-plane', vpcId: 'vpc-0a1b2c3d4e5f60001', tags: { 'kubernetes.io/cluster/prod-east': 'owned' } },
      { groupId: 'sg-0a1b2c3d4e5f60022', groupName: 'k8s-worker', vpcId: 'vpc-0a1b2c3d4e5f60001', tags: {} },
    ]);
  });

  it('names the path of a group without GroupName', () => {
    expect(snapshotErrorOf(() => parseSecurityGroups(snapshotFile(SPEC, { SecurityGroups: [{ GroupId: 'sg-1' }] }))).message).toBe(
      'snap/ec2-describe-security-groups.json: SecurityGroups[0].GroupName: expected a string, but it is missing',
    );
  });
});
