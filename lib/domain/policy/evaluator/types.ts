import type { PolicyDocument } from '../../model/account-view.js';
import type { Decision, MatchedStatement } from '../decisions.js';
import type { RequestContext } from './condition/context.js';
import type { Effect } from './compile-document.js';

/** Where a policy comes from; reported as `policyType` of matched statements. */
export type PolicyType = 'inline' | 'managed' | 'boundary';

/** A named policy document. */
export interface PolicySource {
  /** Policy name (inline) or ARN (managed / boundary). */
  id: string;
  /**
   * Defaults: in `identityPolicies`, `managed` when the id starts with `arn:`, else `inline`;
   * in `permissionsBoundaries` always `boundary`.
   */
  type?: PolicyType;
  /** A parsed document, a JSON string, or a URL-encoded JSON string (as the IAM API returns it). */
  document: PolicyDocument | string;
}

/**
 * A policy as callers may give it: a {@link PolicySource}, or for convenience a bare document (object or
 * string), named `identityPolicies[i]` / `permissionsBoundaries[i]`.
 */
export type PolicyInput = PolicySource | PolicyDocument | string;

/** The policies that apply to one principal. */
export interface PolicySetInput {
  /** Inline and attached managed policies of the principal. */
  identityPolicies: readonly PolicyInput[];
  /** Permissions boundary documents (IAM allows one per principal; each given one limits independently). */
  permissionsBoundaries?: readonly PolicyInput[];
}

/** One request to decide. */
export interface EvaluationRequest {
  /** `service:Action`, no wildcards (as SimulatePrincipalPolicy requires); matched case-insensitively. */
  action: string;
  /** Resource ARN; default `*` (compared literally, see `compileResourceMatcher`). */
  resource?: string;
  /** Condition keys (case-insensitive) and their values. */
  context?: RequestContext;
  /**
   * Keys (given lower case) AWS certainly does not send with this request: conditions on them are decided as
   * for an absent key (positive operators false, negated operators, IfExists, Null:true and ForAllValues true)
   * instead of being reported as missing context. Default: none known.
   */
  absentKey?: (lowerKey: string) => boolean;
}

/** Input of `evaluateRequest`. */
export interface EvaluateRequestInput extends PolicySetInput {
  request: EvaluationRequest;
}

/**
 * A statement that took part in a decision. When `missingContextKeys` is present the statement's condition
 * could not be decided for want of those keys: it is a statement that would allow (Allow) or might deny
 * (Deny) depending on the missing context.
 */
export interface EvaluatedStatement extends MatchedStatement {
  policyType: PolicyType;
  statementIndex: number;
  effect: Effect;
  missingContextKeys?: readonly string[];
}

/** The decision for one request. */
export interface EvaluationResult {
  decision: Decision;
  /**
   * - `allowed`: the identity Allow statements that matched, then the boundary Allow statements that matched;
   * - `explicitDeny`: the Deny statements that matched (identity and boundary);
   * - `implicitDeny`: the Allow statements that matched (e.g. identity grants that a boundary blocked; empty
   *   when nothing granted), plus, when `missingContextKeys` is not empty, the statements whose undecided
   *   conditions need those keys (each carrying its own `missingContextKeys`).
   * Statement objects without `missingContextKeys` are shared between results and frozen: copy before changing.
   */
  matchedStatements: EvaluatedStatement[];
  /**
   * Condition keys absent from the request context on which the decision depends. Non-empty only with
   * `implicitDeny`, meaning "allowed only with suitable context for these keys". Sorted, deduplicated
   * case-insensitively, spelled as in the policy.
   */
  missingContextKeys: string[];
  /**
   * Present only when boundaries were given: true when every boundary definitely allows the request (an
   * Allow statement matches and no boundary Deny matches or might match), else false — like
   * SimulatePrincipalPolicy's AllowedByPermissionsBoundary it describes the boundary alone.
   */
  allowedByBoundary?: boolean;
}
