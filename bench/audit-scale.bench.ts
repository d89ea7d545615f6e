/**
 * Audit scale benchmark: a whole offline audit (snapshot read, membership, every check family, report) of synthetic
 * one-cluster accounts of 100 and 2,000 instances (test/support/synthetic-account.ts). The ratio of ms/op between
 * the two sizes shows how the evaluate stage grows with N: 20x the instances should cost about 20x, not 400x.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSnapshot } from '../lib/adapters/snapshot/read-snapshot.js';
import { runAudit } from '../lib/app/run-audit.js';
import type { AccountSource } from '../lib/app/ports.js';
import { configSchema } from '../lib/domain/config/schema.js';
import { LocalPolicyDecisionSource } from '../lib/domain/policy/local-decision-source.js';
import type { AccountView } from '../lib/domain/model/account-view.js';
import { writeSyntheticAccount } from '../test/support/synthetic-account.js';
import type { BenchSuite } from './suites.js';

const CLUSTER = 'bench';
const config = configSchema.parse({
  clusters: [{
    name: CLUSTER, region: 'us-west-1', account: '123456789012',
    roles: { controlPlane: `arn:aws:iam::123456789012:role/${CLUSTER}-control-plane`, worker: `arn:aws:iam::123456789012:role/${CLUSTER}-worker` },
  }],
});

async function viewOf(instances: number): Promise<AccountView> {
  const dir = mkdtempSync(join(tmpdir(), 'kaa-bench-'));
  try {
    writeSyntheticAccount(dir, { cluster: CLUSTER, instances, subnets: 6 });
    return (await loadSnapshot(dir)).view;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The view is read once: the benchmark times the evaluate and report stages, which are pure. */
const sourceOf = (view: AccountView): AccountSource => ({
  mode: 'snapshot',
  async collect() {
    return { view, decisions: new LocalPolicyDecisionSource(view), notes: [] };
  },
});

const small = await viewOf(100);
const large = await viewOf(2000);
const audit = async (view: AccountView) => (await runAudit({ config, source: sourceOf(view), now: () => new Date('2026-11-25T00:00:00Z'), runId: 'bench' })).report;

const suite: BenchSuite = {
  name: 'audit scale: full offline audit of one cluster (all families), 100 vs 2,000 instances',
  description: 'one op = runAudit over an already-read view: membership, IAM (2 roles x 1,473 actions), tag and node checks, report',
  async verify() {
    const [a, b] = [await audit(small), await audit(large)];
    const instances = [a.clusters[0]?.coverage.instances, b.clusters[0]?.coverage.instances];
    if (instances[0] !== 100 || instances[1] !== 2000) throw new Error(`unexpected coverage ${JSON.stringify(instances)}`);
    const tagFindings = (r: typeof a) => r.findings.filter((f) => !f.check.startsWith('iam.')).length;
    if (tagFindings(a) !== 0 || tagFindings(b) !== 0) throw new Error('the synthetic accounts should have no tag or node findings');
    console.log(`instances audited per op: 100 and 2000; findings: ${a.findings.length} and ${b.findings.length} (IAM only)`);
  },
  cases: [
    { name: '100 instances', fn: () => audit(small) },
    { name: '2,000 instances', fn: () => audit(large) },
  ],
};

export default suite;
