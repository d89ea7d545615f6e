import type { Role } from '../model/account-view.js';

/** Which engine decided IAM questions (Report JSON `iamEngine`). */
export type IamEngine = 'aws-simulation' | 'local';

/** IAM's three evaluation outcomes (SimulatePrincipalPolicy EvalDecision). */
export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

/** A policy statement that took part in a decision. */
export interface MatchedStatement {
  /** Policy name (inline) or ARN (managed / boundary); for AWS simulation the SourcePolicyId. */
  policyId: string;
  /** `inline` | `managed` | `boundary` | `scp` | `resource` | `none` (AWS SourcePolicyType values also accepted). */
  policyType: string;
  /** 0-based index of the statement in the document's Statement list, when known. */
  statementIndex?: number;
  sid?: string;
  effect?: 'Allow' | 'Deny';
}

/** The decision for one action of one role. */
export interface ActionDecision {
  /** Canonical action name, e.g. `ec2:DescribeInstances`. */
  action: string;
  decision: Decision;
  matchedStatements: MatchedStatement[];
  /**
   * Condition keys that had no value in the request context. A non-empty list on an implicitDeny means
   * "allowed only with context [keys]": never report that as plainly allowed or denied.
   */
  missingContextKeys: string[];
  /** false when a permissions boundary blocked an otherwise allowed action. */
  allowedByBoundary?: boolean;
  /** false when an SCP blocked the action (AWS simulation only). */
  allowedByOrganizations?: boolean;
  /** The request context the action was decided with (set by lib/app/analyse-iam.ts). */
  context?: Record<string, readonly string[]>;
  /** How the call was made (e.g. `no-resource`, `tag-on-create of ec2:CreateSecurityGroup`), when known. */
  call?: string;
  /**
   * The engine that decided this answer when it is not the source's own `engine` (a fallback source answering with
   * its second engine). Decisions carry their own provenance: nothing is written into a shared array.
   */
  engine?: IamEngine;
  /** Why the source's own engine could not decide, when another one did (`engine`); it becomes a cluster note. */
  fallbackReason?: string;
}

/** A request to decide many actions of one role at once. */
export interface DecisionRequest {
  role: Role;
  actions: readonly string[];
  /** Resource ARN, default `*`. */
  resource?: string;
  /** Request context, e.g. `{ "aws:ResourceTag/KubernetesCluster": ["prod"] }`. */
  context?: Record<string, readonly string[]>;
  /**
   * Keys AWS certainly does not send with `action` in this request (lib/domain/requirements/request-context.ts
   * `isAbsentKey`): decided as absent, never reported as missing context. Default: none known.
   */
  absentKey?: (action: string, key: string) => boolean;
}

/**
 * Port: where IAM decisions come from. The local evaluator (over the documents in the AccountView) and
 * the AWS simulation engine (SimulatePrincipalPolicy) both implement it. Implementations must throw
 * (never return "allowed" or "implicitDeny") when they could not decide.
 */
export interface PolicyDecisionSource {
  readonly engine: IamEngine;
  decide(request: DecisionRequest): Promise<ActionDecision[]>;
}
