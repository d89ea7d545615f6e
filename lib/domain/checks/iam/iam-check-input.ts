import type { ResolvedRole } from '../../cluster-facts.js';
import type { ActionDecision, IamEngine } from '../../policy/decisions.js';
import type { CheckInput } from '../check.js';
import type { ActionCall } from '../../requirements/request-context.js';

/** The decision of one way of calling an action (its `context` and `call` say how it was asked). */
export interface CallDecision {
  call: ActionCall;
  decision: ActionDecision;
}

/**
 * Everything known about one configured role before the pure IAM checks run: the role as evaluate resolved it
 * (lib/domain/cluster-facts.ts) plus its decisions, gathered by lib/app/analyse-iam.ts (the asynchronous part,
 * asking a PolicyDecisionSource).
 */
export interface IamRoleInput extends ResolvedRole {
  /**
   * One decision per evaluated action, each with the request context it was decided with; for an action called
   * in several ways, the decision of the first way the provider needs that is not allowed, else of the first way.
   * Undefined when no decision could be obtained.
   */
  decisions?: ActionDecision[];
  /** Every way of every required / optional / allowed-excess action, by lower-case action name. */
  callDecisions?: Record<string, CallDecision[]>;
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
  /**
   * Notes the decisions brought with them, e.g. `IAM simulation unavailable for <role>: <reason>; used the local
   * evaluator` when a fallback engine answered.
   */
  notes?: string[];
  /** The engine that decided them (the fallback's when any answer came from it: the weaker claim). */
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
