import { describe, expect, it } from '@jest/globals';
import { parseMeta } from '../../../lib/adapters/snapshot/parse-meta.js';
import { SNAPSHOT_FILES } from '../../../lib/adapters/snapshot/snapshot-files.js';
import { snapshotErrorOf, snapshotFile } from './snapshot-fixture.js';

const SPEC = SNAPSHOT_FILES.meta;

describe('parseMeta', () => {
  it('reads account and region and ignores other fields', () => {
    expect(parseMeta(snapshotFile(SPEC, { account: '123456789012', region: 'us-west-1', capturedAt: '2026-09-26' }))).toStrictEqual({
      account: '123456789012',
      region: 'us-west-1',
      gaps: [],
      notes: [],
    });
  });

  it('allows either field to be absent', () => {
    expect(parseMeta(snapshotFile(SPEC, {}))).toStrictEqual({ gaps: [], notes: [] });
  });

  it('pads an account written as a number', () => {
    expect(parseMeta(snapshotFile(SPEC, { account: 12345678901 })).account).toBe('012345678901');
  });

  it('reads the clusters, gaps and notes `kube-aws-audit snapshot` records', () => {
    const gap = { kind: 'subnets', source: 'ec2:DescribeSubnets', reason: 'AccessDenied: not authorized to perform ec2:DescribeSubnets' };
    const json = { account: '123456789012', region: 'us-west-1', clusters: ['prod-east'], gaps: [gap, { ...gap, kind: 'roles', resourceId: 'arn:aws:iam::123456789012:role/x' }], notes: ['n'] };

    expect(parseMeta(snapshotFile(SPEC, json))).toStrictEqual({
      account: '123456789012',
      region: 'us-west-1',
      clusters: ['prod-east'],
      gaps: [gap, { ...gap, kind: 'roles', resourceId: 'arn:aws:iam::123456789012:role/x' }],
      notes: ['n'],
    });
  });

  it('names the path of a malformed gap', () => {
    const json = { gaps: [{ kind: 'buckets', source: 's', reason: 'r' }] };

    expect(snapshotErrorOf(() => parseMeta(snapshotFile(SPEC, json))).message).toMatch(/^snap\/meta\.json: gaps\[0\]\.kind: /);
  });

  it('names the field of a malformed value', () => {
    expect(snapshotErrorOf(() => parseMeta(snapshotFile(SPEC, { account: '1234', region: 'us-west-1' }))).message).toBe(
      'snap/meta.json: account: expected a 12-digit AWS account id like "123456789012"',
    );
    expect(snapshotErrorOf(() => parseMeta(snapshotFile(SPEC, { region: 'uswest1' }))).message).toBe(
      'snap/meta.json: region: expected an AWS region like "us-west-1"',
    );
  });
});
