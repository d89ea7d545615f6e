import { compilePolicySet, type CompiledPolicySet } from './compile-policy-set.js';
import type { EvaluateRequestInput, EvaluationResult, PolicyInput, PolicySetInput } from './types.js';

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
 * Compiled policy sets are cached (see {@link compiledSetFor}), so calling this once per action costs about what
 * `compilePolicySet(...).evaluate` does; inputs are treated as immutable, as everywhere in the evaluator.
 *
 * @throws PolicyDocumentError when a document is invalid; InvalidEvaluationRequestError for a bad action.
 */
export function evaluateRequest(input: EvaluateRequestInput): EvaluationResult {
  return compiledSetFor(input).evaluate(input.request);
}

/** Sets kept by content key; cleared when it grows past this (a run audits a few dozen roles). */
const MAX_CACHED_SETS = 1024;

interface CachedSet {
  identity: readonly PolicyInput[];
  boundaries: readonly PolicyInput[] | undefined;
  set: CompiledPolicySet;
}

/** Fast path: the same `identityPolicies` array as last time (a loop over actions for one principal). */
const byArray = new WeakMap<readonly PolicyInput[], CachedSet>();
/** Slow path: the same policies in new arrays, keyed by the identity of each document (or the text of a string one). */
const byKey = new Map<string, CompiledPolicySet>();
const objectIds = new WeakMap<object, number>();
let nextObjectId = 0;

/**
 * The compiled set of a principal's policies, compiled once per distinct list of policies: the same arrays hit a
 * WeakMap; new arrays holding the same document objects (or strings) hit a bounded map keyed by them. A policy
 * whose document object is changed in place is not seen as changed (documents are cached per object already).
 */
export function compiledSetFor(input: PolicySetInput): CompiledPolicySet {
  const identity = input.identityPolicies;
  const boundaries = input.permissionsBoundaries;
  const cached = byArray.get(identity);
  if (cached !== undefined && sameItems(cached.identity, identity) && sameBoundaries(cached.boundaries, boundaries)) return cached.set;
  const key = `${identity.map(inputKey).join(',')}|${(boundaries ?? []).map(inputKey).join(',')}`;
  let set = byKey.get(key);
  if (set === undefined) {
    set = compilePolicySet(input);
    if (byKey.size >= MAX_CACHED_SETS) byKey.clear();
    byKey.set(key, set);
  }
  byArray.set(identity, { identity: [...identity], boundaries: boundaries === undefined ? undefined : [...boundaries], set });
  return set;
}

function sameItems(a: readonly PolicyInput[], b: readonly PolicyInput[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

function sameBoundaries(a: readonly PolicyInput[] | undefined, b: readonly PolicyInput[] | undefined): boolean {
  return a === undefined || b === undefined ? a === b || (a?.length ?? 0) + (b?.length ?? 0) === 0 : sameItems(a, b);
}

function inputKey(input: PolicyInput): string {
  if (typeof input === 'string') return `s${JSON.stringify(input)}`;
  if ('document' in input && !('Statement' in input)) {
    return `p${JSON.stringify([input.id, input.type ?? '', typeof input.document === 'string' ? input.document : objectId(input.document)])}`;
  }
  return `o${objectId(input)}`;
}

function objectId(value: object): number {
  let id = objectIds.get(value);
  if (id === undefined) {
    nextObjectId += 1;
    id = nextObjectId;
    objectIds.set(value, id);
  }
  return id;
}
