import { compilePolicySet } from './compile-policy-set.js';
import type { EvaluateRequestInput, EvaluationResult } from './types.js';

/**
 * Decide one request against a principal's identity-based policies and optional permissions boundaries,
 * following AWS's documented policy evaluation logic for identity-based policies in one account
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html). SCPs, RCPs,
 * session and resource-based policies are out of scope.
 *
 * A statement applies to a request when its Action (or NotAction: every action NOT listed), its Resource (or
 * NotResource) and its Condition all match. Then:
 * 1. an applying Deny in any identity policy or any boundary → `explicitDeny` (matched: those Deny statements);
 * 2. otherwise, when boundaries are given, each boundary must have an applying Allow, and the identity
 *    policies must have one → `allowed` (matched: identity Allows, then boundary Allows);
 * 3. otherwise → `implicitDeny` (the default).
 *
 * Missing context (mirrors SimulatePrincipalPolicy's MissingContextValues with implicitDeny). A condition
 * whose key is absent from `request.context` is undecidable — except `...IfExists` (holds, but not under
 * `ForAnyValue:`, which ignores it), `Null` (tests the absence) and `ForAllValues:` (holds for an absent
 * set); a Condition block is false as soon as one of its clauses is decidedly false, else undecidable when
 * a clause is undecidable. A statement with an undecidable condition is "conditional". Then:
 * - a Deny that decidedly applies still gives `explicitDeny` and `missingContextKeys: []`;
 * - when the identity policies, or some boundary, have neither an applying nor a conditional Allow, the result
 *   is `implicitDeny` with `missingContextKeys: []` (denied whatever the context);
 * - otherwise, if some needed Allow is only conditional (identity policies without an applying Allow, or a
 *   boundary without one) or some Deny is conditional (it might deny), the result is `implicitDeny` with
 *   `missingContextKeys` = the keys of exactly those conditional statements, which are appended to
 *   `matchedStatements` with their own keys: "allowed only with context [keys]";
 * - else `allowed`.
 * So `allowed` is never reported when a missing key could change it, and `missingContextKeys` is non-empty
 * only when suitable values for those keys could make the request allowed (statements are treated
 * independently: contradictory conditions across statements are not detected).
 *
 * Documents are compiled and cached per document object (see `compilePolicySet` for evaluating many
 * requests against the same principal).
 *
 * @throws PolicyDocumentError when a document is invalid; InvalidEvaluationRequestError for a bad action.
 */
export function evaluateRequest(input: EvaluateRequestInput): EvaluationResult {
  return compilePolicySet(input).evaluate(input.request);
}
