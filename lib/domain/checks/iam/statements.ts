import type { AccountView, PolicyDocument, Role } from '../../model/account-view.js';
import type { ActionDecision, MatchedStatement } from '../../policy/decisions.js';

/** A matched statement as findings show it. */
export interface StatementEvidence {
  policy: string;
  policyType: string;
  /** Sid, else `#<index>`, else undefined when the engine did not say which statement. */
  statement?: string;
  effect?: 'Allow' | 'Deny';
}

/** Short form of a matched statement for evidence. */
export function describeStatement(ms: MatchedStatement): StatementEvidence {
  const statement = ms.sid ?? (ms.statementIndex === undefined ? undefined : `#${ms.statementIndex}`);
  return {
    policy: ms.policyId,
    policyType: ms.policyType,
    ...(statement === undefined ? {} : { statement }),
    ...(ms.effect === undefined ? {} : { effect: ms.effect }),
  };
}

/** One-line label, e.g. `inline policy k8s (statement Ec2)`. */
export function statementLabel(ms: MatchedStatement): string {
  const s = describeStatement(ms);
  return `${s.policyType} policy ${s.policy}${s.statement ? ` (statement ${s.statement})` : ''}`;
}

const key = (ms: MatchedStatement) => `${ms.policyType}\u0000${ms.policyId}\u0000${ms.statementIndex ?? ''}\u0000${ms.sid ?? ''}`;

/** Matched statements that grant (not Deny) an allowed decision. */
export function grantingStatements(decision: ActionDecision): MatchedStatement[] {
  return decision.matchedStatements.filter((ms) => ms.effect !== 'Deny' && ms.policyType !== 'boundary' && ms.policyType !== 'scp');
}

/** Matched Deny statements (explicit deny), or all matched statements when the engine gives no effect. */
export function denyingStatements(decision: ActionDecision): MatchedStatement[] {
  const withEffect = decision.matchedStatements.filter((ms) => ms.effect === 'Deny');
  if (withEffect.length > 0) return withEffect;
  return decision.matchedStatements.filter((ms) => ms.effect === undefined);
}

/**
 * The statements that grant a set of allowed decisions, with how many of the actions each grants, most first.
 */
export function grantingSummary(decisions: readonly ActionDecision[]): (StatementEvidence & { actions: number })[] {
  const counts = new Map<string, { ms: MatchedStatement; n: number }>();
  for (const d of decisions) {
    for (const ms of grantingStatements(d)) {
      const k = key(ms);
      const entry = counts.get(k);
      if (entry) entry.n += 1;
      else counts.set(k, { ms, n: 1 });
    }
  }
  return [...counts.values()]
    .sort((a, b) => b.n - a.n || a.ms.policyId.localeCompare(b.ms.policyId))
    .map(({ ms, n }) => ({ ...describeStatement(ms), actions: n }));
}

function statementsOf(doc: PolicyDocument): Record<string, unknown>[] {
  const raw = doc.Statement;
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null && !Array.isArray(s));
}

/**
 * The statement object a matched statement points to, looked up in the role's inline policies and the view's
 * managed policies; undefined when the document or the statement cannot be located (e.g. the engine gave
 * neither index nor Sid).
 */
export function lookupStatement(view: AccountView, role: Role, ms: MatchedStatement): Record<string, unknown> | undefined {
  const inline = role.inlinePolicies.find((p) => p.name === ms.policyId);
  const managed = view.managedPolicies.find((p) => p.arn === ms.policyId || p.name === ms.policyId);
  const doc = ms.policyType === 'inline' || ms.policyType === 'role' ? (inline?.document ?? managed?.document) : (managed?.document ?? inline?.document);
  if (!doc) return undefined;
  const statements = statementsOf(doc);
  if (ms.statementIndex !== undefined) return statements[ms.statementIndex];
  if (ms.sid !== undefined) return statements.find((s) => s.Sid === ms.sid);
  return statements.length === 1 ? statements[0] : undefined;
}

/** True when a statement grants every action by itself: `Action: "*"` (or `*:*`), or any NotAction. */
export function grantsEverything(statement: Record<string, unknown>): boolean {
  if (statement.Effect !== 'Allow') return false;
  if ('NotAction' in statement) return true;
  const actions = Array.isArray(statement.Action) ? statement.Action : [statement.Action];
  return actions.some((a) => typeof a === 'string' && /^\*+(:\*+)?$/.test(a.trim()));
}
