import type { Role } from '../../model/account-view.js';
import type { RoleKey } from '../../config/schema.js';
import type { ActionDecision, IamEngine } from '../../policy/decisions.js';
import type { CheckInput } from '../check.js';
import type { RoleRequirements } from '../../requirements/requirements-for.js';
import type { ActionCall } from '../../requirements/request-context.js';

/** The decision of one way of calling an action (its `context` and `call` say how it was asked). */
export interface CallDecision {
  call: ActionCall;
  decision: ActionDecision;
}

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
  /** The engine that decided them. */
  engine: IamEngine;
}

/** What {@link runIamChecks} reads besides the analysis (a CheckInput fits). */
export type IamCheckInput = Pick<CheckInput, 'view' | 'cluster'>;
