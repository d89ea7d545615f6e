import type { CheckFamilyRunner } from '../check.js';
import { checkImds } from './imds.js';
import { checkInstanceProfiles } from './instance-profile.js';
import { checkNodeNames } from './node-name.js';
import { checkPrivateDnsMissing } from './private-dns-missing.js';
import { checkProviderIds } from './provider-id.js';

/** Every `node.*` check, in check-id order of docs/contracts.md "Check ids". */
export const NODE_CHECKS: readonly CheckFamilyRunner[] = [checkPrivateDnsMissing, checkInstanceProfiles, checkProviderIds, checkNodeNames, checkImds];

/**
 * The `nodes` check family (docs/domain.md section 4): private DNS names and instance profiles of member instances, and, when node
 * data is given, the providerID and name of each Kubernetes node.
 */
export const runNodeChecks: CheckFamilyRunner = (input) => NODE_CHECKS.flatMap((check) => check(input));
