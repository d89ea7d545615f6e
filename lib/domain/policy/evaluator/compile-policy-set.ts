import type { PolicyDocument } from '../../model/account-view.js';
import { InvalidEvaluationRequestError } from '../errors.js';
import { normalizeContext } from './condition/context.js';
import { compilePolicyDocument, type CompileDocumentOptions, type CompiledStatement } from './compile-document.js';
import type {
  EvaluatedStatement,
  EvaluationRequest,
  EvaluationResult,
  PolicyInput,
  PolicySetInput,
  PolicySource,
  PolicyType,
} from './types.js';

/** A compiled statement together with the reference reported when it takes part in a decision. */
export interface PolicySetStatement {
  /** `identity` for identity policies, `boundary` for permissions boundaries. */
  readonly section: 'identity' | 'boundary';
  /** Index of the boundary in `permissionsBoundaries` (boundary statements only). */
  readonly boundaryIndex?: number;
  readonly ref: Readonly<EvaluatedStatement>;
  readonly statement: CompiledStatement;
}

/** The policies of one principal, compiled once and evaluated many times. */
export interface CompiledPolicySet {
  /** Every statement, identity policies first, in document order. */
  readonly statements: readonly PolicySetStatement[];
  /** true when permissions boundaries were given. */
  readonly hasBoundary: boolean;
  /**
   * Decide one request following AWS's identity-based evaluation logic (see `evaluateRequest`).
   * @throws InvalidEvaluationRequestError when the action is not `service:Action` or contains a wildcard.
   */
  evaluate(request: EvaluationRequest): EvaluationResult;
}

/** Options of {@link compilePolicySet}. */
export type CompilePolicySetOptions = CompileDocumentOptions;

interface ActionCandidates {
  identity: readonly PolicySetStatement[];
  boundaries: readonly (readonly PolicySetStatement[])[];
}

interface GroupState {
  allow: PolicySetStatement[] | undefined;
  allowMaybe: EvaluatedStatement[] | undefined;
  deny: PolicySetStatement[] | undefined;
  denyMaybe: EvaluatedStatement[] | undefined;
}

/** The candidate cache is cleared when it grows past this many action names. */
const MAX_CACHED_ACTIONS = 50_000;

function isPolicySource(input: PolicyInput): input is PolicySource {
  return typeof input === 'object' && input !== null && 'document' in input && !('Statement' in input);
}

function toSource(input: PolicyInput, label: string, boundary: boolean): { id: string; type: PolicyType; document: PolicyDocument | string } {
  if (isPolicySource(input)) {
    const type: PolicyType = boundary ? 'boundary' : (input.type ?? (input.id.startsWith('arn:') ? 'managed' : 'inline'));
    return { id: input.id, type, document: input.document };
  }
  return { id: label, type: boundary ? 'boundary' : 'inline', document: input };
}

function compileSection(
  inputs: readonly PolicyInput[],
  section: 'identity' | 'boundary',
  options: CompilePolicySetOptions,
): PolicySetStatement[][] {
  const label = section === 'identity' ? 'identityPolicies' : 'permissionsBoundaries';
  return inputs.map((input, policyIndex) => {
    const source = toSource(input, `${label}[${policyIndex}]`, section === 'boundary');
    const compiled = compilePolicyDocument(source.document, source.id, options);
    return compiled.statements.map((statement) => {
      const ref: EvaluatedStatement = {
        policyId: source.id,
        policyType: source.type,
        statementIndex: statement.index,
        ...(statement.sid === undefined ? {} : { sid: statement.sid }),
        effect: statement.effect,
      };
      return {
        section,
        ...(section === 'boundary' ? { boundaryIndex: policyIndex } : {}),
        ref: Object.freeze(ref),
        statement,
      };
    });
  });
}

function parseAction(action: unknown): { lower: string; service: string } {
  if (typeof action !== 'string' || action.indexOf(':') <= 0 || action.indexOf(':') === action.length - 1) {
    throw new InvalidEvaluationRequestError(`action must be "service:Action", got ${JSON.stringify(action)}`, 'action');
  }
  if (action.includes('*') || action.includes('?')) {
    throw new InvalidEvaluationRequestError(`action must not contain wildcards, got "${action}"`, 'action');
  }
  const lower = action.toLowerCase();
  return { lower, service: lower.slice(0, lower.indexOf(':')) };
}

function conditional(entry: PolicySetStatement, keys: readonly string[]): EvaluatedStatement {
  return { ...entry.ref, missingContextKeys: [...keys] };
}

function addKeys(target: Map<string, string>, statements: readonly EvaluatedStatement[] | undefined): void {
  if (statements === undefined) return;
  for (const s of statements) for (const key of s.missingContextKeys ?? []) {
    const lower = key.toLowerCase();
    if (!target.has(lower)) target.set(lower, key);
  }
}

/**
 * Compile the policies of one principal once, for evaluating many requests (e.g. ~1,300 catalogue actions
 * for a role of 10 policies in a few milliseconds). Documents are validated and their patterns compiled
 * here; per action name the statements whose Action/NotAction applies are cached.
 *
 * @throws PolicyDocumentError when any document is invalid (the message names the policy, statement, field).
 */
export function compilePolicySet(input: PolicySetInput, options: CompilePolicySetOptions = {}): CompiledPolicySet {
  const identity = compileSection(input.identityPolicies, 'identity', options).flat();
  const boundaries = compileSection(input.permissionsBoundaries ?? [], 'boundary', options);
  const hasBoundary = boundaries.length > 0;
  const statements = [...identity, ...boundaries.flat()];
  const candidatesByAction = new Map<string, ActionCandidates>();

  const appliesToAction = (entry: PolicySetStatement, lower: string, service: string) =>
    entry.statement.actions.matches(lower, service) !== entry.statement.notAction;

  function candidatesFor(lower: string, service: string): ActionCandidates {
    let found = candidatesByAction.get(lower);
    if (found === undefined) {
      found = {
        identity: identity.filter((e) => appliesToAction(e, lower, service)),
        boundaries: boundaries.map((group) => group.filter((e) => appliesToAction(e, lower, service))),
      };
      if (candidatesByAction.size >= MAX_CACHED_ACTIONS) candidatesByAction.clear();
      candidatesByAction.set(lower, found);
    }
    return found;
  }

  function evaluate(request: EvaluationRequest): EvaluationResult {
    const { lower, service } = parseAction(request.action);
    const resource = request.resource ?? '*';
    const context = normalizeContext(request.context);
    const candidates = candidatesFor(lower, service);

    const assess = (entries: readonly PolicySetStatement[]): GroupState => {
      const state: GroupState = { allow: undefined, allowMaybe: undefined, deny: undefined, denyMaybe: undefined };
      for (const entry of entries) {
        const { statement } = entry;
        if (statement.resources.matches(resource) === statement.notResource) continue;
        const outcome = statement.condition === undefined ? true : statement.condition.evaluate(context, request.absentKey);
        if (outcome === false) continue;
        if (outcome === true) {
          if (statement.effect === 'Allow') (state.allow ??= []).push(entry);
          else (state.deny ??= []).push(entry);
        } else if (statement.effect === 'Allow') {
          (state.allowMaybe ??= []).push(conditional(entry, outcome));
        } else {
          (state.denyMaybe ??= []).push(conditional(entry, outcome));
        }
      }
      return state;
    };

    const id = assess(candidates.identity);
    const bounds = candidates.boundaries.map(assess);
    const refs = (entries: readonly PolicySetStatement[] | undefined): EvaluatedStatement[] =>
      entries === undefined ? [] : entries.map((e) => e.ref);

    const allowedByBoundary = hasBoundary
      ? bounds.every((b) => b.allow !== undefined && b.deny === undefined && b.denyMaybe === undefined)
      : undefined;
    const withBoundary = (result: Omit<EvaluationResult, 'allowedByBoundary'>): EvaluationResult =>
      allowedByBoundary === undefined ? result : { ...result, allowedByBoundary };

    // 1. An explicit Deny in any identity policy or boundary wins.
    const denies = [...refs(id.deny), ...bounds.flatMap((b) => refs(b.deny))];
    if (denies.length > 0) return withBoundary({ decision: 'explicitDeny', matchedStatements: denies, missingContextKeys: [] });

    const allows = [...refs(id.allow), ...bounds.flatMap((b) => refs(b.allow))];
    // 2. Identity policies and every boundary must (possibly) allow; if any cannot, it is a plain implicit deny.
    const identityCan = id.allow !== undefined || id.allowMaybe !== undefined;
    const boundariesCan = bounds.every((b) => b.allow !== undefined || b.allowMaybe !== undefined);
    if (!identityCan || !boundariesCan) {
      return withBoundary({ decision: 'implicitDeny', matchedStatements: allows, missingContextKeys: [] });
    }
    // 3. Definitely allowed only when nothing undecided could change it.
    const undecided: EvaluatedStatement[] = [];
    if (id.allow === undefined) undecided.push(...(id.allowMaybe ?? []));
    for (const b of bounds) if (b.allow === undefined) undecided.push(...(b.allowMaybe ?? []));
    undecided.push(...(id.denyMaybe ?? []));
    for (const b of bounds) undecided.push(...(b.denyMaybe ?? []));
    if (undecided.length === 0) {
      return withBoundary({ decision: 'allowed', matchedStatements: allows, missingContextKeys: [] });
    }
    const keys = new Map<string, string>();
    addKeys(keys, undecided);
    const missingContextKeys = [...keys.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, key]) => key);
    return withBoundary({ decision: 'implicitDeny', matchedStatements: [...allows, ...undecided], missingContextKeys });
  }

  return { statements, hasBoundary, evaluate };
}
