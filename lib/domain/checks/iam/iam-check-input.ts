import type { ResolvedRole } from '../../cluster-facts.js';
import type { ActionDecision, IamEngine } from '../../policy/decisions.js';
import type { CheckInput } from '../check.js';

/**
 * Everything known about one configured role before the pure IAM checks run: the role as evaluate resolved it
 * (lib/domain/cluster-facts.ts) plus its decisions, gathered by lib/app/analyse-iam.ts (the asynchronous part,
 * asking a PolicyDecisionSource).
 */
export interface IamRoleInput extends ResolvedRole {
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
