/**
 * API calls of one cluster grow with pages, not with instances: the whole live audit of synthetic accounts of 1, 100
 * and 2,000 instances, served by the loopback fake with EC2 pages of 1,000 (the real maximum), counted per operation
 * on the wire (every request the real SDK clients sent, retries included).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { configSchema, type AuditConfig } from '../../lib/domain/config/schema.js';
import type { Report } from '../../lib/domain/report/report.js';
import { FakeAws } from '../support/fake-aws/fake-aws-server.js';
import { simulateWithEvaluator } from '../support/fake-aws/simulate-with-evaluator.js';
import { writeSyntheticAccount } from '../support/synthetic-account.js';
import { auditLive, removeDir, tempDir } from './support/live-audit.js';

const SIZES = [1, 100, 2000] as const;
type Size = (typeof SIZES)[number];
const EC2_OPERATIONS = ['DescribeInstances', 'DescribeSubnets', 'DescribeRouteTables', 'DescribeSecurityGroups'];

const CONFIG: AuditConfig = configSchema.parse({
  clusters: [
    {
      name: 'synthetic',
      region: 'us-west-1',
      account: '123456789012',
      roles: { controlPlane: 'arn:aws:iam::123456789012:role/synthetic-control-plane', worker: 'arn:aws:iam::123456789012:role/synthetic-worker' },
    },
  ],
});

interface Measured {
  calls: Record<string, number>;
  report: Report;
}

describe('live API calls for one cluster of N instances (EC2 pages of 1000)', () => {
  const measured = new Map<Size, Measured>();
  const dirs: string[] = [];

  beforeAll(async () => {
    for (const instances of SIZES) {
      const dir = await tempDir(`synthetic-${instances}`);
      dirs.push(dir);
      writeSyntheticAccount(dir, { cluster: 'synthetic', instances });
      const fake = await FakeAws.start({ snapshotDir: dir, simulate: simulateWithEvaluator(), pageSize: { ec2: 1000 } });
      try {
        const report = await auditLive(CONFIG, fake);
        const calls: Record<string, number> = {};
        for (const c of fake.calls) calls[c.action] = (calls[c.action] ?? 0) + 1;
        measured.set(instances, { calls, report });
      } finally {
        await fake.stop();
      }
    }
    const operations = [...new Set([...measured.values()].flatMap((m) => Object.keys(m.calls)))].sort();
    const rows = operations.map((op) => `${op.padEnd(34)}${SIZES.map((n) => String(measured.get(n)?.calls[op] ?? 0).padStart(8)).join('')}`);
    console.log(['calls per operation          instances:' + SIZES.map((n) => String(n).padStart(8)).join(''), ...rows].join('\n'));
  }, 60_000);

  afterAll(async () => {
    for (const dir of dirs) await removeDir(dir);
  });

  const count = (n: Size, op: string): number => measured.get(n)?.calls[op] ?? 0;

  it('audits every instance completely at every size', () => {
    // Assert
    for (const n of SIZES) {
      const report = measured.get(n)?.report;
      expect(report?.clusters[0]?.coverage.instances).toBe(n);
      expect(report?.summary.errors).toBe(0);
    }
  });

  it('makes the same calls, operation by operation, for 1 and 100 instances', () => {
    // Assert
    expect(measured.get(100)?.calls).toEqual(measured.get(1)?.calls);
    // 3 DescribeInstances (one per membership query), 1 DescribeSubnets, 1 DescribeSecurityGroups, 3 DescribeRouteTables
    // (the members' VPCs, and the two cluster-tag queries across the region)
    expect(EC2_OPERATIONS.reduce((sum, op) => sum + count(1, op), 0)).toBe(8);
  });

  it('adds one DescribeInstances page per membership query that returns more than 1000 instances for 2,000, nothing else', () => {
    // Assert: the tag-key and the instance-profile queries each return 2,000 instances (2 pages); KubernetesCluster: none.
    expect(count(2000, 'DescribeInstances') - count(100, 'DescribeInstances')).toBe(2);
    for (const op of EC2_OPERATIONS.filter((o) => o !== 'DescribeInstances')) expect(count(2000, op)).toBe(count(100, op));
    const { DescribeInstances: _a, ...others2000 } = measured.get(2000)?.calls ?? {};
    const { DescribeInstances: _b, ...others100 } = measured.get(100)?.calls ?? {};
    expect(others2000).toEqual(others100);
  });

  it('never calls per instance: 2,000 instances cost 10 EC2 calls', () => {
    // Assert
    expect(EC2_OPERATIONS.reduce((sum, op) => sum + count(2000, op), 0)).toBe(10);
  });
});
