/**
 * Node join benchmark (issue 9): a whole offline audit of one cluster of 50,000 instances, without node data and
 * with 50,000 Kubernetes nodes (test/support/builders.ts: a compliant cluster, every node registered correctly). The
 * node checks join each node to its instance through indexes (lib/domain/checks/nodes/instance-index.ts), so the
 * nodes add work linear in their number; before the indexes the same run took minutes (each node scanned every
 * instance). The views are built on first use, so other benchmarks do not pay for them.
 */
import { runAudit } from '../lib/app/run-audit.js';
import type { AccountSource } from '../lib/app/ports.js';
import type { AuditConfig } from '../lib/domain/config/schema.js';
import type { AccountView } from '../lib/domain/model/account-view.js';
import { LocalPolicyDecisionSource } from '../lib/domain/policy/local-decision-source.js';
import { aCluster, aCompliantView, aNodeFor } from '../test/support/builders.js';
import type { BenchSuite } from './suites.js';

const SIZE = 50_000;
const config: AuditConfig = { clusters: [aCluster()] } as AuditConfig;

let views: { withoutNodes: AccountView; withNodes: AccountView } | undefined;
function viewsOnce(): { withoutNodes: AccountView; withNodes: AccountView } {
  if (views === undefined) {
    const withoutNodes = aCompliantView(SIZE);
    views = { withoutNodes, withNodes: { ...withoutNodes, nodes: withoutNodes.instances.map((i) => aNodeFor(i)) } };
  }
  return views;
}

const sourceOf = (view: AccountView): AccountSource => ({
  mode: 'snapshot',
  async collect() {
    return { view, decisions: new LocalPolicyDecisionSource(view), notes: [] };
  },
});

const audit = async (view: AccountView) => (await runAudit({ config, source: sourceOf(view), now: () => new Date('2026-11-25T00:00:00Z'), runId: 'bench', families: ['nodes', 'tags'] })).report;

const suite: BenchSuite = {
  name: 'node join: offline audit (tags, nodes) of 50,000 instances, without and with 50,000 nodes',
  description: 'one op = runAudit over an already-built view, families tags and nodes; the second case adds the 50,000 node joins',
  async verify() {
    const { withoutNodes, withNodes } = viewsOnce();
    const [a, b] = [await audit(withoutNodes), await audit(withNodes)];
    if (a.clusters[0]?.coverage.instances !== SIZE || b.clusters[0]?.coverage.instances !== SIZE) throw new Error('unexpected coverage');
    if (a.findings.length !== 0 || b.findings.length !== 0) throw new Error(`expected a compliant cluster, got ${a.findings.length} and ${b.findings.length} findings`);
    console.log(`instances ${SIZE}, nodes 0 and ${withNodes.nodes?.length ?? 0}; no findings in either`);
  },
  cases: [
    { name: '50,000 instances, no nodes', fn: () => audit(viewsOnce().withoutNodes) },
    { name: '50,000 instances x 50,000 nodes', fn: () => audit(viewsOnce().withNodes) },
  ],
};

export default suite;
