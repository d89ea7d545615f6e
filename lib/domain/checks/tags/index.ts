import type { CheckFamilyRunner } from '../check.js';
import { checkForeignOwned } from './foreign-owned.js';
import { checkInstanceMissing } from './instance-missing.js';
import { checkLegacyConflict } from './legacy-conflict.js';
import { checkRouteTables } from './route-tables.js';
import { checkSecurityGroups } from './security-groups.js';
import { checkSubnetMissing } from './subnet-missing.js';
import { checkSubnetNoPublic } from './subnet-no-public.js';
import { checkSubnetRoleMissing } from './subnet-role-missing.js';
import { checkValueInvalid } from './value-invalid.js';

/** Every `tags.*` check, in check-id order of docs/contracts.md "Check ids". */
export const TAG_CHECKS: readonly CheckFamilyRunner[] = [
  checkInstanceMissing,
  checkLegacyConflict,
  checkValueInvalid,
  checkForeignOwned,
  checkSecurityGroups,
  checkSubnetMissing,
  checkSubnetRoleMissing,
  checkRouteTables,
  checkSubnetNoPublic,
];

/** The `tags` check family: cluster tags on instances, subnets, route tables and security groups (docs/domain.md section 3). */
export const runTagChecks: CheckFamilyRunner = (input) => TAG_CHECKS.flatMap((check) => check(input));
