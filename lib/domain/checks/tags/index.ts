import type { CheckEvaluator } from '../check.js';
import { familyEvaluators, runFamilyChecks } from '../run-checks.js';

/** Every `tags.*` check module's evaluate function, in registry order (lib/domain/checks/registry.ts). */
export const TAG_CHECKS: readonly CheckEvaluator[] = familyEvaluators('tags').map((c) => c.evaluate);

/** The `tags` check family: cluster tags on instances, subnets, route tables and security groups (docs/domain.md section 3). */
export const runTagChecks: CheckEvaluator = (input) => runFamilyChecks('tags', input);
