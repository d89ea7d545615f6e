// The IAM evaluator as shipped (compiled dist/, fresh process): evaluations per second warm (one compiled set, how
// the audit uses it) and through evaluateRequest() (one call per action, which caches compiled sets), and the time of
// the excess analysis of a role allowed `*` (decide every catalogue action, then the excess check). Prints one JSON
// line. Used by bench/run.ts; `node bench/workers/evaluator.mjs [budgetMs]`.
import { analyseIam } from '../../dist/lib/app/analyse-iam.js';
import { checkExcess } from '../../dist/lib/domain/checks/iam/excess-checks.js';
import { configSchema } from '../../dist/lib/domain/config/schema.js';
import { catalog } from '../../dist/lib/domain/policy/catalog/index.js';
import { compilePolicySet } from '../../dist/lib/domain/policy/evaluator/compile-policy-set.js';
import { evaluateRequest } from '../../dist/lib/domain/policy/evaluator/evaluate-request.js';
import { LocalPolicyDecisionSource } from '../../dist/lib/domain/policy/local-decision-source.js';
import { context, role } from './evaluator-role.mjs';

const budgetMs = Number(process.argv[2] ?? 1000);
const actions = [...catalog.allActions()];
const requests = actions.map((action) => ({ action, context }));

// The three ways must agree before anything is timed.
const fresh = requests.map((r) => compilePolicySet(role, { reuseCompiled: false }).evaluate(r).decision);
const warmSet = compilePolicySet(role);
if (requests.some((r, i) => warmSet.evaluate(r).decision !== fresh[i])) throw new Error('warm evaluation disagrees with a fresh compilation');
if (requests.some((r, i) => evaluateRequest({ ...role, request: r }).decision !== fresh[i])) throw new Error('evaluateRequest disagrees with a fresh compilation');

let sink = 0;
function rate(evaluateOne) {
  const warmUntil = performance.now() + Math.min(200, budgetMs / 5);
  while (performance.now() < warmUntil) for (const r of requests) sink += evaluateOne(r).matchedStatements.length;
  let n = 0;
  const started = performance.now();
  let now = started;
  while (now - started < budgetMs) {
    for (const r of requests) sink += evaluateOne(r).matchedStatements.length;
    n += requests.length;
    now = performance.now();
  }
  return (n * 1000) / (now - started);
}
const warm = rate((r) => warmSet.evaluate(r));
const viaEvaluateRequest = rate((r) => evaluateRequest({ ...role, request: r }));

// Excess analysis of a role allowed everything: a fresh view each time (nothing compiled or cached before).
const cluster = configSchema.parse({
  clusters: [{ name: 'bench', region: 'us-west-1', account: '123456789012', roles: { worker: 'arn:aws:iam::123456789012:role/bench-admin' } }],
}).clusters[0];
async function excessOnce() {
  const admin = {
    arn: 'arn:aws:iam::123456789012:role/bench-admin',
    name: 'bench-admin',
    path: '/',
    inlinePolicies: [{ name: 'admin', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }],
    attachedPolicies: [],
    instanceProfiles: [],
    tags: {},
  };
  const view = { account: '123456789012', region: 'us-west-1', roles: [admin], managedPolicies: [], instanceProfiles: [], instances: [], subnets: [], routeTables: [], securityGroups: [], gaps: [] };
  const started = performance.now();
  const analysis = await analyseIam(view, cluster, new LocalPolicyDecisionSource(view));
  const drafts = analysis.roles.flatMap((entry) => checkExcess(entry, view, cluster));
  const ms = performance.now() - started;
  if (drafts.length === 0) throw new Error('the excess check found nothing on a role allowed *');
  return { ms, decided: analysis.actionsEvaluated, findings: drafts.length };
}
const excess = [];
for (let i = 0; i < 7; i += 1) excess.push(await excessOnce());
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(
  JSON.stringify({
    actions: actions.length,
    decisions: Object.fromEntries(['allowed', 'explicitDeny', 'implicitDeny'].map((d) => [d, fresh.filter((x) => x === d).length])),
    warm,
    viaEvaluateRequest,
    excessMsPerRole: median(excess.map((e) => e.ms)),
    excessDecided: excess[0].decided,
    excessFindings: excess[0].findings,
    sink: sink > 0,
  }),
);
