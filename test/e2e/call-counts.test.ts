/**
 * API calls at the pagination minimum (issue 12): the whole live audit of synthetic accounts of 1, 100 and 2,000
 * instances, as the CLI configures it (FEWEST_CALLS), served by the loopback fake with EC2 pages of 1,000 (the real
 * maximum), counted per operation on the wire (every request the real SDK clients sent, retries included).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { configSchema, type AuditConfig } from '../../lib/domain/config/schema.js';
import type { Report } from '../../lib/domain/report/report.js';
import { FakeAws, type CallRecord } from '../support/fake-aws/fake-aws-server.js';
import { simulateWithEvaluator } from '../support/fake-aws/simulate-with-evaluator.js';
import { writeSyntheticAccount } from '../support/synthetic-account.js';
import { catalog } from '../../lib/domain/policy/catalog/index.js';
import { uniqueActions } from '../../lib/domain/requirements/actions.js';
import { requestContextFor } from '../../lib/domain/requirements/request-context.js';
import { callsOf, requirementsFor } from '../../lib/domain/requirements/requirements-for.js';
import { auditLive, removeDir, tempDir } from './support/live-audit.js';

const SIZES = [1, 100, 2000] as const;
type Size = (typeof SIZES)[number];
const EC2_OPERATIONS = ['DescribeInstances', 'DescribeSubnets', 'DescribeRouteTables', 'DescribeSecurityGroups', 'DescribeAvailabilityZones'];

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
  records: CallRecord[];
  report: Report;
}

/** Distinct request contexts of the synthetic cluster's roles over the catalogue (each role's requirements). */
function expectedContextGroups(): number {
  let total = 0;
  for (const key of ['controlPlane', 'worker'] as const) {
    const r = requirementsFor(CONFIG.clusters[0]!, key);
    const contexts = new Set<string>();
    for (const action of uniqueActions([...r.required, ...r.optional, ...r.allowedExcess, ...catalog.allActions()])) {
      for (const call of callsOf(r, action)) {
        contexts.add(JSON.stringify(Object.entries(requestContextFor(action, call.way, r.facts)).sort(([a], [b]) => a.localeCompare(b))));
      }
    }
    total += contexts.size;
  }
  return total;
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
        measured.set(instances, { calls, records: [...fake.calls], report });
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

  // The minimum (docs/api-calls.md): GetCallerIdentity 1; IAM reads min(role-scoped, ceil(entities / 1000)) = 1 sweep
  // page here (2 roles); one pass per EC2 listing: DescribeInstances ceil(N / 1000) (MaxResults 1000), DescribeSubnets
  // ceil(3 / 1000), DescribeRouteTables ceil(1 / 100), DescribeSecurityGroups ceil(1 / 1000); one
  // DescribeAvailabilityZones (zone types, not paginated; docs/provider-rules.md "Zone types"); SimulatePrincipalPolicy
  // ceil(actions / 1000) per distinct request context of each role (MaxItems 1000).
  it('reads IAM with one GetAccountAuthorizationDetails page and no role-by-role call', () => {
    for (const n of SIZES) {
      expect(count(n, 'GetAccountAuthorizationDetails')).toBe(1);
      for (const op of ['GetRole', 'ListRolePolicies', 'GetRolePolicy', 'ListAttachedRolePolicies', 'ListInstanceProfilesForRole', 'GetInstanceProfile']) expect(count(n, op)).toBe(0);
    }
  });

  it('reads each EC2 listing in one pass over the region: DescribeInstances ceil(N / 1000), one call for each other listing', () => {
    for (const n of SIZES) {
      expect(count(n, 'DescribeInstances')).toBe(Math.ceil(n / 1000));
      for (const op of EC2_OPERATIONS.filter((o) => o !== 'DescribeInstances')) expect(count(n, op)).toBe(1);
    }
  });

  it('simulates 1000 actions a call, one group per distinct request context of each role, and never asks for context keys', () => {
    for (const n of SIZES) {
      const simulations = simulationsOf(n);
      const groups = new Map<string, number>();
      for (const call of simulations) {
        const key = `${String(call.params.PolicySourceArn)} ${JSON.stringify(call.params.ContextEntries ?? [])}`;
        groups.set(key, (groups.get(key) ?? 0) + (call.params.ActionNames as string[]).length);
      }
      // One group per distinct request context (docs/iam-request-context.md) of each of the 2 roles, as the model
      // builds them for every catalogue action and each way the preset calls it.
      expect(groups.size).toBe(expectedContextGroups());
      expect(simulations).toHaveLength([...groups.values()].reduce((sum, actions) => sum + Math.ceil(actions / 1000), 0));
      expect(simulations.every((c) => Number(c.params.MaxItems) === 1000)).toBe(true);
      expect(count(n, 'GetContextKeysForPrincipalPolicy')).toBe(0);
    }
  });

  it('makes no other call: the total is the minimum, and grows with pages, not with instances', () => {
    for (const n of SIZES) {
      const minimum = 1 + 1 + Math.ceil(n / 1000) + 3 + 1 + simulationsOf(n).length;
      expect(Object.values(measured.get(n)?.calls ?? {}).reduce((a, b) => a + b, 0)).toBe(minimum);
    }
    expect(measured.get(100)?.calls).toEqual(measured.get(1)?.calls);
  });

  const simulationsOf = (n: Size) => (measured.get(n)?.records ?? []).filter((c) => c.action === 'SimulatePrincipalPolicy');
});
