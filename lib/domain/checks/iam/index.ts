export { runIamChecks } from './run-iam-checks.js';
export type { IamAnalysis, IamCheckInput, IamRoleInput } from './iam-check-input.js';
export { evaluateTrustPolicy, EC2_SERVICE_PRINCIPALS, type TrustVerdict } from './trust-policy.js';
export { explainDenial, isAllowed, DENIAL_REASONS, type Denial, type DenialReason } from './denial.js';
export { EXCESS_SEVERITY } from './excess-checks.js';
export { PRIVILEGE_ESCALATION_ACTIONS, PRIVILEGE_ESCALATION_ACTION_NAMES } from './privilege-escalation.js';
export { policyCommand } from './remediation.js';
