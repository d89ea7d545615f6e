import { documentError } from '../document-error.js';
import type { NormalizedContext } from './context.js';
import { OPERATORS } from './operators.js';
import { parseBool } from './values.js';

/**
 * The outcome of a Condition block for one request:
 * - `true`: every condition is met;
 * - `false`: at least one condition is decidedly not met (whatever the missing keys would be);
 * - a list of condition keys (as written in the policy): nothing is decidedly false, but these keys are
 *   absent from the request context and their conditions cannot be decided.
 */
export type ConditionOutcome = boolean | readonly string[];

/** Set qualifier of a condition operator. */
export type SetQualifier = 'none' | 'ForAnyValue' | 'ForAllValues';

/** One (operator, key) pair of a Condition block with its policy values compiled. */
export interface ConditionClause {
  /** Operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  /** Condition key as written, e.g. `aws:ResourceTag/KubernetesCluster`. */
  readonly key: string;
  readonly lowerKey: string;
  /** `true`/`false`, or `undefined` when the key is absent and the operator has no rule for absent keys. */
  evaluate(requestValues: readonly string[] | undefined): boolean | undefined;
  /**
   * The outcome when the key is certainly absent from the request (AWS's rule, IAM User Guide "Condition
   * operators"): a positive operator does not match, a negated one does, `...IfExists` holds, `Null: true` holds,
   * `ForAllValues:` holds and `ForAnyValue:` does not.
   */
  absent(): boolean;
}

/** A compiled Condition block: all clauses must hold (operators AND keys AND). */
export interface CompiledCondition {
  readonly clauses: readonly ConditionClause[];
  /**
   * `absentKey(lowerKey)`: true when the caller knows that AWS does not send that key with this request; such a
   * key is decided by {@link ConditionClause.absent} instead of being reported missing.
   */
  evaluate(context: NormalizedContext, absentKey?: (lowerKey: string) => boolean): ConditionOutcome;
}

const OPERATOR_NAME = /^(?:(ForAnyValue|ForAllValues):)?(.+?)(IfExists)?$/i;

function conditionValues(raw: unknown): string[] | undefined {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) return undefined;
  const out: string[] = [];
  for (const v of list) {
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'number' || typeof v === 'boolean') out.push(String(v));
    else return undefined;
  }
  return out;
}

function compileClause(operator: string, key: string, values: string[], fail: (reason: string) => Error): ConditionClause {
  const parsed = OPERATOR_NAME.exec(operator);
  const base = parsed?.[2]?.toLowerCase() ?? '';
  const qualifierText = parsed?.[1]?.toLowerCase();
  const qualifier: SetQualifier =
    qualifierText === 'foranyvalue' ? 'ForAnyValue' : qualifierText === 'forallvalues' ? 'ForAllValues' : 'none';
  const ifExists = parsed?.[3] !== undefined;
  const lowerKey = key.toLowerCase();

  if (base === 'null') {
    if (ifExists) throw fail('the Null operator has no IfExists form');
    const wanted = new Set<boolean>();
    for (const v of values) {
      const b = parseBool(v);
      if (b === undefined) throw fail(`"${v}" is not "true" or "false"`);
      wanted.add(b);
    }
    return {
      operator,
      key,
      lowerKey,
      // Null: true means "the key is absent" (an empty value list counts as absent).
      evaluate: (requestValues) => wanted.has(requestValues === undefined || requestValues.length === 0),
      absent: () => wanted.has(true),
    };
  }

  const spec = OPERATORS.get(base);
  if (spec === undefined) throw fail(`unsupported condition operator "${operator}"`);
  let test: (v: string) => boolean;
  try {
    test = spec.compile(values);
  } catch (error) {
    throw fail(`${(error as Error).message} (operator ${spec.name})`);
  }
  const negated = spec.negated;
  const satisfies = negated ? (v: string) => !test(v) : test;
  return {
    operator,
    key,
    lowerKey,
    absent: () => (qualifier === 'ForAnyValue' ? false : qualifier === 'ForAllValues' || ifExists || negated),
    evaluate(requestValues) {
      // ForAnyValue ignores IfExists: an absent key or an empty set never satisfies it (AWS: "if the key is
      // missing or resolves to a null data set, the condition returns false"), so IfExists cannot turn it true.
      const absentHolds = qualifier === 'ForAllValues' || (ifExists && qualifier !== 'ForAnyValue');
      if (requestValues === undefined) return absentHolds ? true : undefined;
      if (ifExists && qualifier !== 'ForAnyValue' && requestValues.length === 0) return true;
      switch (qualifier) {
        case 'ForAnyValue':
          return requestValues.some(satisfies);
        case 'ForAllValues':
          return requestValues.every(satisfies);
        default:
          return negated ? requestValues.every(satisfies) : requestValues.some(test);
      }
    },
  };
}

/**
 * Compile a statement's Condition element. Returns `undefined` when there is none.
 *
 * Semantics (IAM, plus the missing-context rule of this evaluator):
 * - operators AND, keys within an operator AND, values of one key OR (a negated operator such as
 *   `StringNotEquals` holds when the request value equals none of them);
 * - condition keys are case-insensitive; operator names are matched case-insensitively;
 * - a key absent from the request context makes its clause undecidable (reported as a missing context key),
 *   except: `...IfExists` holds, `Null` tests the absence itself, `ForAllValues:` holds (empty set);
 *   `ForAnyValue:` ignores `IfExists` (an absent key stays undecidable: AWS evaluates it false, and a
 *   supplied value could make it true);
 * - a key given with an empty value list is known and has no values: `ForAnyValue:` (with or without
 *   `IfExists`) and plain positive operators do not hold, `ForAllValues:`, plain negated operators and
 *   `...IfExists` hold, `Null: true` holds;
 * - without a set qualifier, a request key with several values holds for a positive operator when any value
 *   matches, and for a negated operator when no value matches;
 * - `ForAnyValue:` holds when at least one request value satisfies the operator, `ForAllValues:` when every
 *   request value does;
 * - request values that are not valid for a typed operator (a non-number for Numeric*, a non-IP for IpAddress,
 *   ...) never match the positive form (so they satisfy the negated form).
 * - policy variables in condition values (`${aws:PrincipalTag/team}`) are not substituted: compared literally.
 *
 * @throws PolicyDocumentError for an unknown operator, an empty or non-scalar value list, or a policy value
 *   that is invalid for its operator.
 */
export function compileCondition(raw: unknown, policyId: string, statementIndex: number): CompiledCondition | undefined {
  if (raw === undefined) return undefined;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw documentError(policyId, 'expected an object of condition operators', statementIndex, 'Condition');
  }
  const clauses: ConditionClause[] = [];
  for (const [operator, block] of Object.entries(raw as Record<string, unknown>)) {
    const opField = `Condition.${operator}`;
    if (block === null || typeof block !== 'object' || Array.isArray(block)) {
      throw documentError(policyId, 'expected an object of condition keys', statementIndex, opField);
    }
    const entries = Object.entries(block as Record<string, unknown>);
    if (entries.length === 0) throw documentError(policyId, 'names no condition key', statementIndex, opField);
    for (const [key, rawValues] of entries) {
      const field = `${opField}.${key}`;
      const fail = (reason: string) => documentError(policyId, reason, statementIndex, field);
      if (key.trim() === '') throw documentError(policyId, 'empty condition key', statementIndex, opField);
      const values = conditionValues(rawValues);
      if (values === undefined) throw fail('expected a string, number or boolean, or a non-empty list of them');
      clauses.push(compileClause(operator, key, values, fail));
    }
  }
  if (clauses.length === 0) return undefined;
  return {
    clauses,
    evaluate(context, absentKey) {
      let missing: string[] | undefined;
      for (const clause of clauses) {
        const values = context.get(clause.lowerKey);
        const result = values === undefined && absentKey?.(clause.lowerKey) === true ? clause.absent() : clause.evaluate(values);
        if (result === false) return false;
        if (result === undefined) (missing ??= []).push(clause.key);
      }
      return missing ?? true;
    },
  };
}
