import type { CheckEvaluator } from '../check.js';
import { familyEvaluators, runFamilyChecks } from '../run-checks.js';

/** Every `node.*` check module's evaluate function, in registry order (lib/domain/checks/registry.ts). */
export const NODE_CHECKS: readonly CheckEvaluator[] = familyEvaluators('nodes').map((c) => c.evaluate);

/**
 * The `nodes` check family (docs/domain.md section 4): private DNS names, instance profiles and metadata options of
 * member instances, and, when node data is given, the providerID and name of each Kubernetes node.
 */
export const runNodeChecks: CheckEvaluator = (input) => runFamilyChecks('nodes', input);
