import { parsePolicyDocument } from '../document.js';
import type { PolicyDocument } from '../../model/account-view.js';
import { compileActionMatcher, type ActionMatcher } from './action-matcher.js';
import { compileCondition, type CompiledCondition } from './condition/compile-condition.js';
import { documentError } from './document-error.js';
import { compileResourceMatcher, type ResourceMatcher } from './resource-matcher.js';

/** Statement effect. */
export type Effect = 'Allow' | 'Deny';

/** One statement of an identity policy, validated and with its patterns and conditions compiled. */
export interface CompiledStatement {
  /** 0-based index in the document's Statement list (0 when Statement is a single object). */
  readonly index: number;
  readonly sid?: string;
  readonly effect: Effect;
  readonly actions: ActionMatcher;
  /** true when the statement uses NotAction: it applies to every action its patterns do NOT match. */
  readonly notAction: boolean;
  readonly resources: ResourceMatcher;
  /** true when the statement uses NotResource. */
  readonly notResource: boolean;
  readonly condition?: CompiledCondition;
}

/** A compiled identity policy document. Independent of the policy's name, so it can be shared. */
export interface CompiledDocument {
  readonly version?: string;
  readonly statements: readonly CompiledStatement[];
}

/** Options of {@link compilePolicyDocument}. */
export interface CompileDocumentOptions {
  /**
   * Reuse the compiled form of a document object compiled before (default true). Documents are treated
   * as immutable once compiled; pass false to force a fresh compilation.
   */
  reuseCompiled?: boolean;
}

const VERSIONS = new Set(['2012-10-17', '2008-10-17']);
const STATEMENT_FIELDS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const compiledDocuments = new WeakMap<object, CompiledDocument>();

/**
 * Validate and compile an identity-based policy document (or permissions boundary).
 *
 * Accepts a parsed object, a JSON string or a URL-encoded JSON string (decoded by `parsePolicyDocument`).
 * Statement may be one object or a list; Action/NotAction and Resource/NotResource a string or a list.
 * Wildcards are compiled once; action patterns match case-insensitively, resource patterns case-sensitively;
 * policy variables (`${aws:username}`) are not substituted but compared literally.
 *
 * @param policyId names the policy in error messages
 * @throws PolicyDocumentError naming the policy, statement index and field: no Statement, Effect other than
 *   Allow/Deny, both or neither of Action/NotAction (Resource/NotResource), empty or non-string patterns,
 *   an action without a service prefix, Principal/NotPrincipal or unknown fields, unknown Version, and any
 *   Condition problem (unknown operator, invalid value).
 */
export function compilePolicyDocument(
  document: PolicyDocument | string | unknown,
  policyId: string,
  options: CompileDocumentOptions = {},
): CompiledDocument {
  const reuse = options.reuseCompiled ?? true;
  const cacheable = reuse && typeof document === 'object' && document !== null;
  if (cacheable) {
    const cached = compiledDocuments.get(document);
    if (cached !== undefined) return cached;
  }
  const parsed = parsePolicyDocument(document, `policy "${policyId}"`);
  const version = parsed.Version;
  if (version !== undefined && !VERSIONS.has(version)) {
    throw documentError(policyId, `unsupported Version "${version}" (expected "2012-10-17" or "2008-10-17")`, undefined, 'Version');
  }
  const rawStatements: unknown[] = Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
  const statements = rawStatements.map((raw, index) => compileStatement(raw as Record<string, unknown>, policyId, index));
  const compiled: CompiledDocument = version === undefined ? { statements } : { version, statements };
  if (cacheable) compiledDocuments.set(document, compiled);
  return compiled;
}

function compileStatement(raw: Record<string, unknown>, policyId: string, index: number): CompiledStatement {
  const fail = (reason: string, field?: string) => documentError(policyId, reason, index, field);
  for (const field of Object.keys(raw)) {
    if (field === 'Principal' || field === 'NotPrincipal') {
      throw fail(`${field} is not allowed in an identity-based policy or permissions boundary`, field);
    }
    if (!STATEMENT_FIELDS.has(field)) throw fail(`unknown field "${field}"`, field);
  }
  const sid = raw.Sid;
  if (sid !== undefined && typeof sid !== 'string') throw fail('expected a string', 'Sid');
  const effect = raw.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') {
    throw fail(`must be "Allow" or "Deny", got ${effect === undefined ? 'nothing' : JSON.stringify(effect)}`, 'Effect');
  }
  const [actionField, actionPatterns] = exactlyOne(raw, 'Action', 'NotAction', fail);
  for (const pattern of actionPatterns) {
    if (!/^\*+$/.test(pattern) && !pattern.includes(':')) {
      throw fail(`"${pattern}" has no service prefix (expected "service:action" or "*")`, actionField);
    }
  }
  const [resourceField, resourcePatterns] = exactlyOne(raw, 'Resource', 'NotResource', fail);
  const condition = compileCondition(raw.Condition, policyId, index);
  return {
    index,
    ...(sid === undefined ? {} : { sid }),
    effect,
    actions: compileActionMatcher(actionPatterns),
    notAction: actionField === 'NotAction',
    resources: compileResourceMatcher(resourcePatterns),
    notResource: resourceField === 'NotResource',
    ...(condition === undefined ? {} : { condition }),
  };
}

function exactlyOne(
  raw: Record<string, unknown>,
  positive: string,
  negative: string,
  fail: (reason: string, field?: string) => Error,
): [string, string[]] {
  const hasPositive = raw[positive] !== undefined;
  const hasNegative = raw[negative] !== undefined;
  if (hasPositive && hasNegative) throw fail(`has both ${positive} and ${negative}`, `${positive}/${negative}`);
  if (!hasPositive && !hasNegative) throw fail(`needs ${positive} or ${negative}`, `${positive}/${negative}`);
  const field = hasPositive ? positive : negative;
  const value = raw[field];
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw fail('must not be an empty list', field);
  list.forEach((entry, i) => {
    if (typeof entry !== 'string' || entry === '') {
      throw fail(`expected a non-empty string${Array.isArray(value) ? ` at [${i}]` : ''}, got ${JSON.stringify(entry)}`, field);
    }
  });
  return [field, list as string[]];
}
