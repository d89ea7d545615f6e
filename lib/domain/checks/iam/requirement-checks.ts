import type { CheckEvaluator, CheckMeta } from '../check.js';
import type { ClusterConfig } from '../../config/schema.js';
import type { FindingDraft } from '../../findings/finding.js';
import type { ActionDecision } from '../../policy/decisions.js';
import { catalog, serviceOf } from '../../policy/catalog/index.js';
import { describeCallWay, serviceRequestContext } from '../../requirements/request-context.js';
import { iamAnalysisOf, type CallDecision, type IamRoleInput } from './iam-check-input.js';
import { explainDenial, isAllowed, type Denial } from './denial.js';
import { generatorRemediation } from './remediation.js';
import { roleLabel, roleResource } from './role-checks.js';

/** The checks this module evaluates (docs/architecture.md "A check is one unit"). */
export const CHECKS = [
  { id: 'iam.required.denied', family: 'iam', severity: 'high', unit: 'role+action',
    title: 'Required action is not allowed',
    risk: 'The cloud provider call fails, usually silently: load balancers, volumes or routes are not reconciled.',
    remediation: 'Grant the action (see `kube-aws-audit policy`) or remove the deny that blocks it.',
    reads: ['roles', 'iam'] },
  { id: 'iam.optional.denied', family: 'iam', severity: 'info', unit: 'role+action',
    title: 'Feature-dependent action is not allowed',
    risk: 'The feature that needs this action (tagging controller, Fargate, target-group attributes) will fail if enabled.',
    remediation: 'Grant the action only if the feature is used.',
    reads: ['roles', 'iam'] },
] as const satisfies readonly CheckMeta[];

export const REQUIRED_DENIED = CHECKS[0].id;
export const OPTIONAL_DENIED = CHECKS[1].id;

function remediationFor(denial: Denial, input: IamRoleInput, cluster: ClusterConfig, optional: boolean): string {
  const lead: Record<Denial['reason'], string> = {
    implicitDeny: 'Grant the action.',
    explicitDeny: 'Remove or narrow the Deny statement that matches the action.',
    boundary: `Add the action to the permissions boundary ${input.role?.permissionsBoundaryArn ?? ''}`.trimEnd() + '.',
    scp: 'Ask the organization administrators to exempt the action from the service control policy.',
    'missing-context': 'The allowing statement has conditions the cloud provider\'s requests do not meet: drop the condition or tag the resources as the condition expects.',
  };
  return generatorRemediation(cluster, input.keys, `${optional ? 'Only if the feature is used: ' : ''}${lead[denial.reason]}`);
}

function denialDraft(
  check: 'iam.required.denied' | 'iam.optional.denied',
  what: string,
  action: string,
  decision: ActionDecision,
  ways: readonly CallDecision[],
  input: IamRoleInput,
  cluster: ClusterConfig,
  resource: ReturnType<typeof roleResource>,
  label: string,
  several: boolean,
): FindingDraft {
  const denial = explainDenial(decision);
  const known = catalog.canonicalAction(action) !== undefined || !catalog.auditedServices().some((s) => action.toLowerCase().startsWith(`${s}:`));
  const features = [...new Set(ways.map((w) => w.call.feature).filter((f): f is string => f !== undefined))];
  const how = several || features.length > 0 ? ` (${ways.map((w) => w.decision.call ?? describeCallWay(w.call.way, action)).join('; ')})` : '';
  const context = decision.context ?? serviceRequestContext(input.requirements.context, serviceOf(action));
  return {
    check,
    resource,
    action,
    ...(denial.reason === 'missing-context' ? { title: `${what} action allowed only with context [${denial.missingContextKeys?.join(', ')}]` } : {}),
    detail:
      `${label} cannot call ${action}${how}: ${denial.explanation}.` +
      (features.length > 0 ? ` Needed only for: ${features.join('; ')}.` : '') +
      (known ? '' : ' (The action is not in the catalogue: check its spelling.)'),
    evidence: {
      reason: denial.reason,
      decision: decision.decision,
      ...(denial.deniedBy ? { deniedBy: denial.deniedBy } : {}),
      ...(denial.missingContextKeys ? { missingContextKeys: denial.missingContextKeys } : {}),
      ...(decision.allowedByBoundary !== undefined ? { allowedByBoundary: decision.allowedByBoundary } : {}),
      ...(decision.allowedByOrganizations !== undefined ? { allowedByOrganizations: decision.allowedByOrganizations } : {}),
      ...(decision.call !== undefined ? { call: decision.call } : {}),
      context,
      ...(several
        ? { calls: ways.map((w) => ({ call: w.decision.call ?? describeCallWay(w.call.way, action), reason: explainDenial(w.decision).reason, context: w.decision.context ?? context, ...(w.call.feature ? { feature: w.call.feature } : {}) })) }
        : {}),
      ...(features.length > 0 ? { features } : {}),
    },
    remediation: remediationFor(denial, input, cluster, check === 'iam.optional.denied'),
  };
}

function lookup(decisions: readonly ActionDecision[]): Map<string, ActionDecision> {
  return new Map(decisions.map((d) => [d.action.toLowerCase(), d]));
}

/**
 * iam.required.denied (per role+action, high) and iam.optional.denied (per role+action, info). The evidence
 * names the reason (implicitDeny, explicitDeny with the statements, boundary, scp, missing-context with the keys).
 * A missing-context denial stays a fail, titled "allowed only with context". Actions the engine returned no
 * decision for, wildcard extraRequired entries that cannot be listed, and roles whose decisions failed give
 * `status: error` drafts for exactly those units.
 */
export function checkRequirements(input: IamRoleInput, cluster: ClusterConfig): FindingDraft[] {
  const resource = roleResource(input);
  const label = roleLabel(input);
  const drafts: FindingDraft[] = [];
  const kinds = [
    { check: REQUIRED_DENIED, actions: input.requirements.required, what: 'Required' },
    { check: OPTIONAL_DENIED, actions: input.requirements.optional, what: 'Feature-dependent' },
  ] as const;

  const notChecked = input.role === undefined ? input.unavailable : input.decisionError;
  if (notChecked !== undefined || (input.role !== undefined && input.decisions === undefined)) {
    const reason = notChecked ?? 'no decisions were obtained for the role';
    for (const { check, actions } of kinds) {
      for (const action of actions) {
        drafts.push({ check, resource, action, status: 'error', detail: `Could not check ${action} for ${label}: ${reason}`, evidence: { reason } });
      }
    }
  }
  if (input.role === undefined || input.decisions === undefined) return drafts;

  for (const pattern of input.requirements.unresolved) {
    drafts.push({
      check: REQUIRED_DENIED,
      resource,
      action: pattern,
      status: 'error',
      detail: `Could not check extraRequired entry ${pattern} for ${label}: a wildcard can only be decided over the action catalogue of ${catalog.auditedServices().join(', ')}, and it matches none of its actions. List the actions instead.`,
      evidence: { reason: 'unresolved-wildcard' },
    });
  }

  const byAction = lookup(input.decisions);
  for (const { check, actions, what } of kinds) {
    for (const action of actions) {
      const decision = byAction.get(action.toLowerCase());
      if (!decision) {
        drafts.push({ check, resource, action, status: 'error', detail: `Could not check ${action} for ${label}: the decision engine returned no decision for it.`, evidence: { reason: 'no-decision' } });
        continue;
      }
      const calls: CallDecision[] = input.callDecisions?.[action.toLowerCase()] ?? [{ call: { way: { kind: 'no-resource' } }, decision }];
      const denied = calls.filter((c) => !isAllowed(c.decision));
      if (denied.length === 0) continue;
      // A way made only with a feature is never a high finding: on a required action it is reported as the
      // feature-dependent (info) check, naming the feature.
      const groups = check === 'iam.required.denied'
        ? [
            { check, what, ways: denied.filter((c) => c.call.feature === undefined) },
            { check: 'iam.optional.denied' as const, what: 'Feature-dependent', ways: denied.filter((c) => c.call.feature !== undefined) },
          ]
        : [{ check, what, ways: denied }];
      for (const group of groups) {
        const first = group.ways[0];
        if (first === undefined) continue;
        drafts.push(denialDraft(group.check, group.what, action, first.decision, group.ways, input, cluster, resource, label, calls.length > 1));
      }
    }
  }
  return drafts;
}

/** This module's evaluate function (the registry runs it), over every configured role of the IAM analysis. */
export const evaluate: CheckEvaluator = (input) => iamAnalysisOf(input).roles.flatMap((role) => checkRequirements(role, input.cluster));
