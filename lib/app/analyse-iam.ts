import type { IamAnalysis, IamRoleInput } from '../domain/checks/iam/index.js';
import { resolveRoles, type ResolvedRole } from '../domain/cluster-facts.js';
import type { ClusterConfig } from '../domain/config/schema.js';
import { describeError } from '../domain/describe-error.js';
import type { AccountView, Role } from '../domain/model/account-view.js';
import { catalog } from '../domain/policy/catalog/index.js';
import type { ActionDecision, PolicyDecisionSource } from '../domain/policy/decisions.js';
import { uniqueActions } from '../domain/requirements/actions.js';
import { describeCallWay, isAbsentKey, requestContextFor, type ActionCall, type CallWay } from '../domain/requirements/request-context.js';
import { callsOf, type RoleRequirements } from '../domain/requirements/requirements-for.js';
import { isAllowed } from '../domain/checks/iam/denial.js';
import type { CallDecision } from '../domain/checks/iam/iam-check-input.js';

/** Options of {@link analyseIam}. */
export interface AnalyseIamOptions {
  /** Called before each role is decided, e.g. for CLI progress on stderr. */
  onProgress?: (message: string) => void;
  /** The cluster's roles as evaluate resolved them (lib/domain/cluster-facts.ts); resolved from `view` when absent. */
  roles?: readonly ResolvedRole[];
}

/**
 * Decides every way of calling `actions` of one role, each with the request context AWS builds for it
 * (lib/domain/requirements/request-context.ts, docs/iam-request-context.md): one `decide()` call per distinct
 * context and way, with the keys AWS would not send marked absent. Returns the per-action decision (see
 * IamRoleInput.decisions) and the decisions of every way of the actions that have several.
 */
async function decideCalls(
  source: PolicyDecisionSource,
  role: Role,
  actions: readonly string[],
  requirements: RoleRequirements,
): Promise<{ decisions: ActionDecision[]; callDecisions: Record<string, CallDecision[]> }> {
  interface Asked { action: string; call: ActionCall; context: Record<string, readonly string[]> }
  // One decide() per distinct context (one SimulatePrincipalPolicy group); each action keeps its own way for the
  // absent-key rules. The same action asked two ways with the same context goes to a second group.
  const groups = new Map<string, { context: Record<string, readonly string[]>; ways: Map<string, CallWay>; asked: Asked[] }>();
  const askedByAction = new Map<string, Asked[]>();
  for (const action of actions) {
    const list: Asked[] = [];
    for (const call of callsOf(requirements, action)) {
      const context = requestContextFor(action, call.way, requirements.facts);
      const asked: Asked = { action, call, context };
      list.push(asked);
      const base = JSON.stringify(Object.entries(context).sort(([a], [b]) => a.localeCompare(b)));
      let n = 0;
      while (groups.get(`${base}#${n}`)?.ways.has(action.toLowerCase()) === true) n += 1;
      const key = `${base}#${n}`;
      const group = groups.get(key) ?? { context, ways: new Map<string, CallWay>(), asked: [] };
      group.ways.set(action.toLowerCase(), call.way);
      group.asked.push(asked);
      groups.set(key, group);
    }
    askedByAction.set(action.toLowerCase(), list);
  }
  const answers = new Map<Asked, ActionDecision>();
  const decideGroup = async (group: { context: Record<string, readonly string[]>; ways: Map<string, CallWay>; asked: Asked[] }): Promise<void> => {
    const { context, ways } = group;
    const decisions = await source.decide({
      role,
      actions: group.asked.map((a) => a.action),
      resource: '*',
      context,
      absentKey: (action, key) => isAbsentKey(action, ways.get(action.toLowerCase()), context, key),
    });
    const byAction = new Map(decisions.map((d) => [d.action.toLowerCase(), d]));
    for (const asked of group.asked) {
      const decision = byAction.get(asked.action.toLowerCase());
      // Never guess: an action the source did not answer makes the role's units "could not check".
      if (decision === undefined) throw new Error(`the ${source.engine} engine returned no decision for ${asked.action}`);
      answers.set(asked, { ...decision, context, call: describeCallWay(asked.call.way, asked.action) });
    }
  };
  // The first context alone (a source that cannot decide fails once, not once per context), then the others at
  // once: with the sources' own concurrency caps this takes as many rounds as all at once for a typical role.
  const [first, ...rest] = [...groups.values()];
  if (first !== undefined) await decideGroup(first);
  await Promise.all(rest.map(decideGroup));
  const callDecisions: Record<string, CallDecision[]> = {};
  const decisions = actions.map((action) => {
    const list = (askedByAction.get(action.toLowerCase()) ?? []).map((asked) => ({ call: asked.call, decision: answers.get(asked)! }));
    if (list.length > 1) callDecisions[action.toLowerCase()] = list;
    const needed = list.find((c) => c.call.feature === undefined && !isAllowed(c.decision));
    return (needed ?? list[0]!).decision;
  });
  return { decisions, callDecisions };
}

/**
 * Gathers what the pure IAM checks need for one cluster: for each configured role as resolved by
 * lib/domain/cluster-facts.ts (controlPlane, worker; one entry when both name the same role; the role from the view
 * and its requirements under the cluster's preset) the decisions for the required, optional and allowed-excess actions plus every catalogue action of the audited
 * services, with the preset's request context (the cluster tag, the cluster's region), adjusted per service (one
 * `decide()` call per distinct service context, see {@link serviceRequestContext}). A role hidden by a collection gap
 * is marked unavailable; an error thrown by the source is recorded as the reason the role's units could not be
 * checked (the checks turn both into `status: error` drafts). Never throws for a source failure.
 */
export async function analyseIam(
  view: AccountView,
  cluster: ClusterConfig,
  source: PolicyDecisionSource,
  opts: AnalyseIamOptions = {},
): Promise<IamAnalysis> {
  const roles: IamRoleInput[] = (opts.roles ?? resolveRoles(view, cluster)).map((r) => ({ ...r, keys: [...r.keys] }));
  let rolesExamined = 0;
  let actionsEvaluated = 0;
  let engine = source.engine;
  // The roles at once (their simulations share the source's IAM concurrency cap); notes in role order.
  const fallbackNotes = await Promise.all(
    roles.map(async (entry): Promise<string | undefined> => {
      if (!entry.role) return undefined;
      const r = entry.requirements;
      const actions = uniqueActions([...r.required, ...r.optional, ...r.allowedExcess, ...catalog.allActions()]);
      opts.onProgress?.(`deciding ${actions.length} actions for the ${entry.keys.join('+')} role ${entry.role.name}`);
      try {
        const { decisions, callDecisions } = await decideCalls(source, entry.role, actions, r);
        entry.decisions = decisions;
        if (Object.keys(callDecisions).length > 0) entry.callDecisions = callDecisions;
        rolesExamined += 1;
        actionsEvaluated += decisions.length;
        // The answers carry their provenance: a fallback engine and why the source's own could not decide.
        const fallback = decisions.find((d) => d.engine !== undefined && d.engine !== source.engine);
        if (fallback?.engine !== undefined) {
          engine = fallback.engine;
          return `IAM simulation unavailable for ${entry.role.arn}: ${fallback.fallbackReason ?? 'no reason given'}; used the local evaluator`;
        }
      } catch (err) {
        entry.decisionError = `the ${source.engine === 'local' ? 'local policy evaluator' : 'AWS policy simulation'} could not decide: ${describeError(err)}`;
      }
      return undefined;
    }),
  );
  const notes = fallbackNotes.filter((n): n is string => n !== undefined);
  return { roles, rolesExamined, actionsEvaluated, engine, ...(notes.length === 0 ? {} : { notes }) };
}
