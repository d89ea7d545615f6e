import type { Role } from '../../model/account-view.js';
import type { RoleKey } from '../../config/schema.js';
import type { ActionDecision, IamEngine } from '../../policy/decisions.js';
import type { CheckInput } from '../check.js';
import type { RoleRequirements } from '../../requirements/requirements-for.js';

/**
 * Everything known about one configured role before the pure IAM checks run. Built by lib/app/analyse-iam.ts,
 * which does the asynchronous part (asking a PolicyDecisionSource).
 */
export interface IamRoleInput {
  /** The config keys that name this role (both when one role serves control plane and workers). */
  keys: RoleKey[];
  /** The ARN as configured. */
  configuredArn: string;
  /** What the role must / may / is allowed to do. */
  requirements: RoleRequirements;
  /** The collected role; undefined when it does not exist or could not be collected. */
  role?: Role;
  /** Why the role could not be collected (a CollectionGap); set only when `role` is undefined for that reason. */
  unavailable?: string;
  /** One decision per evaluated action; undefined when no decision could be obtained. */
  decisions?: ActionDecision[];
  /** Why `decisions` is missing (the decision source threw); never set together with `decisions`. */
  decisionError?: string;
}

/**
 * The result of the asynchronous IAM gathering (lib/app/analyse-iam.ts `analyseIam`): per configured role, the
 * collected role and its decisions (or why there are none), plus coverage counts. Pure data.
 */
export interface IamAnalysis {
  roles: IamRoleInput[];
  /** Roles that exist and whose actions were decided (Report coverage.roles). */
  rolesExamined: number;
  /** Actions decided, summed over the roles (Report coverage.actionsEvaluated). */
  actionsEvaluated: number;
  /** The engine that decided them. */
  engine: IamEngine;
}

/** What {@link runIamChecks} reads besides the analysis (a CheckInput fits). */
export type IamCheckInput = Pick<CheckInput, 'view' | 'cluster'>;

/**
 * The IAM analysis of a check input. The runner never calls an IAM check without one (a missing analysis is the
 * family's `iam.family.unavailable` error), so its absence here is a programming error.
 */
export function iamAnalysisOf(input: Pick<CheckInput, 'iam'>): IamAnalysis {
  if (input.iam === undefined) throw new Error('an IAM check ran without an IAM analysis');
  return input.iam;
}
