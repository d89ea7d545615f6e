import type { IamAnalysis, IamRoleInput } from '../domain/checks/iam/index.js';
import { resolveRoles, type ResolvedRole } from '../domain/cluster-facts.js';
import type { ClusterConfig } from '../domain/config/schema.js';
import { describeError } from '../domain/describe-error.js';
import type { AccountView, Role } from '../domain/model/account-view.js';
import { catalog, serviceOf } from '../domain/policy/catalog/index.js';
import type { ActionDecision, PolicyDecisionSource } from '../domain/policy/decisions.js';
import { uniqueActions } from '../domain/requirements/actions.js';
import { serviceRequestContext } from '../domain/requirements/request-context.js';

/** Options of {@link analyseIam}. */
export interface AnalyseIamOptions {
  /** Called before each role is decided, e.g. for CLI progress on stderr. */
  onProgress?: (message: string) => void;
  /** The cluster's roles as evaluate resolved them (lib/domain/cluster-facts.ts); resolved from `view` when absent. */
  roles?: readonly ResolvedRole[];
}

/**
 * Decides `actions` of one role with the request context each service's calls carry (IAM requests go to the
 * partition's global endpoint region, EC2 requests also carry `ec2:Region`): one `decide()` call per distinct
 * context, answers in `actions` order.
 */
async function decideWithServiceContexts(
  source: PolicyDecisionSource,
  role: Role,
  actions: readonly string[],
  context: Readonly<Record<string, readonly string[]>>,
): Promise<ActionDecision[]> {
  const groups = new Map<string, { context: Record<string, readonly string[]>; actions: string[] }>();
  for (const action of actions) {
    const serviceContext = serviceRequestContext(context, serviceOf(action));
    const key = JSON.stringify(Object.entries(serviceContext).sort(([a], [b]) => a.localeCompare(b)));
    const group = groups.get(key) ?? { context: serviceContext, actions: [] };
    group.actions.push(action);
    groups.set(key, group);
  }
  const byAction = new Map<string, ActionDecision>();
  for (const group of groups.values()) {
    const decisions = await source.decide({ role, actions: group.actions, resource: '*', context: group.context });
    for (const decision of decisions) byAction.set(decision.action.toLowerCase(), decision);
  }
  return actions.map((action) => {
    const decision = byAction.get(action.toLowerCase());
    // Never guess: an action the source did not answer makes the role's units "could not check".
    if (decision === undefined) throw new Error(`the ${source.engine} engine returned no decision for ${action}`);
    return decision;
  });
}

/**
 * Gathers what the pure IAM checks need for one cluster: for each configured role (controlPlane, worker; one
 * entry when both name the same role) the role from the view, its requirements under the cluster's preset, and
 * the decisions for the required, optional and allowed-excess actions plus every catalogue action of the audited
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
  for (const entry of roles) {
    if (!entry.role) continue;
    const r = entry.requirements;
    const actions = uniqueActions([...r.required, ...r.optional, ...r.allowedExcess, ...catalog.allActions()]);
    opts.onProgress?.(`deciding ${actions.length} actions for the ${entry.keys.join('+')} role ${entry.role.name}`);
    try {
      const decisions = await decideWithServiceContexts(source, entry.role, actions, r.context);
      entry.decisions = decisions;
      rolesExamined += 1;
      actionsEvaluated += decisions.length;
    } catch (err) {
      entry.decisionError = `the ${source.engine === 'local' ? 'local policy evaluator' : 'AWS policy simulation'} could not decide: ${describeError(err)}`;
    }
  }
  return { roles, rolesExamined, actionsEvaluated, engine: source.engine };
}
