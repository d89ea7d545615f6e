/**
 * Wildcard matching benchmark (issue 9): the pathological IAM action pattern `elasticloadbalancing:` + `*?` x N + `x`
 * against a real action name. The matcher (lib/domain/policy/evaluator/wildcard.ts) never backtracks; the anchored
 * RegExp it replaced (`.*.` per pair, kept here only as the baseline) roughly triples its time with each extra pair,
 * so it is measured at 8 pairs (the issue measured 14 pairs at 271 s through `--checks iam`).
 */
import { compileWildcard } from '../lib/domain/policy/evaluator/wildcard.js';
import type { BenchSuite } from './run.js';

const ACTION = 'elasticloadbalancing:DescribeLoadBalancerAttributes';
const pattern = (pairs: number) => `elasticloadbalancing:${'*?'.repeat(pairs)}x`;

/** The replaced implementation: an anchored RegExp with `.*` per `*` and `.` per `?`. */
function backtrackingRegExp(p: string): RegExp {
  let source = '';
  for (const ch of p) source += ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}/]/g, '\\$&');
  return new RegExp(`^${source}$`, 'is');
}

const regex8 = backtrackingRegExp(pattern(8));
const matcher8 = compileWildcard(pattern(8), true);
const matcher14 = compileWildcard(pattern(14), true);
const matcher10k = compileWildcard(pattern(10_000), true);

const suite: BenchSuite = {
  name: 'wildcard: elasticloadbalancing:(*?)xN x vs a 51-character action',
  description: 'one op = one match decision (all are "no match")',
  verify() {
    for (const m of [matcher8, matcher14, matcher10k]) if (m.test(ACTION)) throw new Error('expected no match');
    if (regex8.test(ACTION)) throw new Error('expected no match');
  },
  cases: [
    { name: 'backtracking RegExp (replaced), 8 pairs', fn: () => regex8.test(ACTION) },
    { name: 'segment matcher, 8 pairs', fn: () => matcher8.test(ACTION) },
    { name: 'segment matcher, 14 pairs', fn: () => matcher14.test(ACTION) },
    { name: 'segment matcher, 10,000 pairs', fn: () => matcher10k.test(ACTION) },
  ],
};

export default suite;
