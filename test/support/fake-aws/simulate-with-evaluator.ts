import { compilePolicySet, type CompiledPolicySet, type EvaluatedStatement } from '../../../lib/domain/policy/evaluator/index.js';
import type { PolicyDocument } from '../../../lib/domain/model/account-view.js';
import { inferCallWay, isAbsentKey } from '../../../lib/domain/requirements/request-context.js';
import type { SimulatedPolicy, SimulateFn, SimulateInput } from './fake-aws-server.js';

type Json = Record<string, unknown>;

/**
 * How MatchedStatements name their source policy type.
 * - `console`: `IAM Policy` for identity policies and `PermissionsBoundaryPolicy` for the boundary, as the policy
 *   simulator's answers have been seen to read;
 * - `api`: the values the IAM API model documents (`role` for a role's inline policy, `aws-managed` /
 *   `user-managed` for managed policies; the boundary as `PermissionsBoundaryPolicy`, which the model does not list).
 */
export type SourcePolicyTypeStyle = 'console' | 'api';

export interface SimulateWithEvaluatorOptions {
  /** Default `console`. */
  sourcePolicyTypes?: SourcePolicyTypeStyle;
}

/**
 * A `simulate` for {@link FakeAws} backed by our own policy evaluator (lib/domain/policy/evaluator), answering in
 * the SDK's EvaluationResult shape: EvalActionName, EvalResourceName, EvalDecision, MatchedStatements
 * (SourcePolicyId = inline policy name or managed policy name, SourcePolicyType, StartPosition/EndPosition as
 * 1-based line and column in the document text the fake serves), MissingContextValues, and
 * PermissionsBoundaryDecisionDetail when the role has a boundary.
 *
 * Context: the ContextEntries are used as given (as the simulator does, for every action of the call). A condition
 * key that is not given is decided as AWS decides it for that action (docs/iam-request-context.md): a key AWS never
 * sends with the action (a resource tag on a Describe call, a request tag on a call that sends none, a service key
 * the action does not support) is absent, so a condition on it does not match and is not reported as missing;
 * other keys come back in MissingContextValues. The way of the call is read back from the entries
 * (`inferCallWay`).
 *
 * So a live audit against the fake decides exactly what the local evaluator decides over the same documents, and
 * the only difference the live path adds is the wire: serialisation, pagination, position-to-statement mapping.
 */
export function simulateWithEvaluator(options: SimulateWithEvaluatorOptions = {}): SimulateFn {
  const style = options.sourcePolicyTypes ?? 'console';
  const compiled = new Map<string, { set: CompiledPolicySet; texts: Map<string, string> }>();
  return (input: SimulateInput) => {
    const key = cacheKey(input);
    let entry = compiled.get(key);
    if (entry === undefined) {
      const all = [...input.identityPolicies, ...input.permissionsBoundaries];
      entry = {
        set: compilePolicySet({
          identityPolicies: input.identityPolicies.map((p) => ({ id: p.id, type: p.type, document: p.document as PolicyDocument })),
          permissionsBoundaries: input.permissionsBoundaries.map((p) => ({ id: p.id, type: p.type, document: p.document as PolicyDocument })),
        }),
        texts: new Map(all.map((p) => [`${p.type}\u0000${p.id}`, p.text])),
      };
      compiled.set(key, entry);
    }
    const { set, texts } = entry;
    return input.actions.map((action): Json => {
      const way = inferCallWay(action, input.context);
      const result = set.evaluate({
        action,
        resource: input.resource,
        context: input.context,
        absentKey: (key) => isAbsentKey(action, way, input.context, key),
      });
      const out: Json = {
        EvalActionName: action,
        EvalResourceName: input.resource,
        EvalDecision: result.decision,
        MatchedStatements: result.matchedStatements.map((s) => matchedStatement(s, texts, style)),
        MissingContextValues: [...result.missingContextKeys],
      };
      if (input.permissionsBoundaries.length > 0) {
        out.PermissionsBoundaryDecisionDetail = { AllowedByPermissionsBoundary: result.allowedByBoundary === true };
      }
      return out;
    });
  };
}

function cacheKey(input: SimulateInput): string {
  const part = (p: SimulatedPolicy<'inline' | 'managed' | 'boundary'>) => `${p.type}:${p.id}:${p.text}`;
  return [String(input.role.Arn), ...input.identityPolicies.map(part), ...input.permissionsBoundaries.map(part)].join('\u0001');
}

function matchedStatement(s: EvaluatedStatement, texts: Map<string, string>, style: SourcePolicyTypeStyle): Json {
  const out: Json = { SourcePolicyId: sourcePolicyId(s), SourcePolicyType: sourcePolicyType(s, style) };
  const text = texts.get(`${s.policyType}\u0000${s.policyId}`);
  const span = text === undefined ? undefined : statementSpans(text)?.[s.statementIndex];
  if (text !== undefined && span !== undefined) {
    out.StartPosition = position(text, span.start);
    out.EndPosition = position(text, span.end);
  }
  return out;
}

/** Inline: the policy name; managed and boundary: the policy name (the last segment of the ARN). */
function sourcePolicyId(s: EvaluatedStatement): string {
  return s.policyType === 'inline' ? s.policyId : s.policyId.slice(s.policyId.lastIndexOf('/') + 1);
}

function sourcePolicyType(s: EvaluatedStatement, style: SourcePolicyTypeStyle): string {
  if (s.policyType === 'boundary') return 'PermissionsBoundaryPolicy';
  if (style === 'console') return 'IAM Policy';
  if (s.policyType === 'inline') return 'role';
  return s.policyId.startsWith('arn:aws:iam::aws:') ? 'aws-managed' : 'user-managed';
}

/** 1-based line and column of an offset. */
function position(text: string, offset: number): { Line: number; Column: number } {
  const before = text.slice(0, offset);
  const lastNewline = before.lastIndexOf('\n');
  return { Line: before.split('\n').length, Column: offset - lastNewline };
}

interface Span {
  start: number;
  end: number;
}

/**
 * Offsets of the elements of the document's top-level `Statement` (one span for a single statement object):
 * `start` at the opening brace, `end` just past the closing one. Undefined when the text is not such a document.
 */
export function statementSpans(text: string): Span[] | undefined {
  let pos = 0;
  const ws = () => {
    while (pos < text.length && /\s/.test(text[pos]!)) pos += 1;
  };
  const skipString = (): boolean => {
    if (text[pos] !== '"') return false;
    for (pos += 1; pos < text.length; pos += 1) {
      if (text[pos] === '\\') pos += 1;
      else if (text[pos] === '"') {
        pos += 1;
        return true;
      }
    }
    return false;
  };
  const skipValue = (): boolean => {
    const c = text[pos];
    if (c === '"') return skipString();
    if (c === '{' || c === '[') {
      let depth = 0;
      while (pos < text.length) {
        const ch = text[pos];
        if (ch === '"') {
          if (!skipString()) return false;
          continue;
        }
        if (ch === '{' || ch === '[') depth += 1;
        if (ch === '}' || ch === ']') depth -= 1;
        pos += 1;
        if (depth === 0) return true;
      }
      return false;
    }
    const m = /^[^,}\]\s]+/.exec(text.slice(pos));
    if (m === null) return false;
    pos += m[0].length;
    return true;
  };
  ws();
  if (text[pos] !== '{') return undefined;
  pos += 1;
  for (;;) {
    ws();
    const keyStart = pos;
    if (!skipString()) return undefined;
    const key = JSON.parse(text.slice(keyStart, pos)) as string;
    ws();
    if (text[pos] !== ':') return undefined;
    pos += 1;
    ws();
    if (key === 'Statement') {
      if (text[pos] === '{') {
        const start = pos;
        return skipValue() ? [{ start, end: pos }] : undefined;
      }
      if (text[pos] !== '[') return undefined;
      pos += 1;
      const spans: Span[] = [];
      for (;;) {
        ws();
        if (text[pos] === ']') return spans;
        const start = pos;
        if (!skipValue()) return undefined;
        spans.push({ start, end: pos });
        ws();
        if (text[pos] === ',') pos += 1;
      }
    }
    if (!skipValue()) return undefined;
    ws();
    if (text[pos] !== ',') return undefined;
    pos += 1;
  }
}
