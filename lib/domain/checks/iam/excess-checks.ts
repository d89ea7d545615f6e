import type { CheckEvaluator, CheckMeta } from '../check.js';
import type { ClusterConfig } from '../../config/schema.js';
import type { FindingDraft } from '../../findings/finding.js';
import type { Severity } from '../../findings/severity.js';
import type { AccountView } from '../../model/account-view.js';
import type { ActionDecision } from '../../policy/decisions.js';
import { ACCESS_LEVELS, catalog, type AccessLevel } from '../../policy/catalog/index.js';
import { iamAnalysisOf, type IamRoleInput } from './iam-check-input.js';
import { isAllowed } from './denial.js';
import { PRIVILEGE_ESCALATION_ACTIONS, PRIVILEGE_ESCALATION_ACTION_NAMES } from './privilege-escalation.js';
import { generatorRemediation } from './remediation.js';
import { roleLabel, roleResource } from './role-checks.js';
import { describeStatement, grantingStatements, grantingSummary, grantsEverything, lookupStatement, type StatementEvidence } from './statements.js';

/** The checks this module evaluates (docs/architecture.md "A check is one unit"). */
export const CHECKS = [
  { id: 'iam.excess.admin', family: 'iam', severity: 'critical', unit: 'role',
    title: 'Role allows every action ("*")',
    risk: 'Any workload that reaches the instance metadata service gets full control of the account.',
    remediation: 'Replace the grant with the least-privilege policy from `kube-aws-audit policy`.',
    reads: ['roles', 'iam'] },
  { id: 'iam.excess.service-wildcard', family: 'iam', severity: 'medium', unit: 'role+service',
    title: 'Role allows every action of a service',
    risk: 'A service wildcard grants destructive and future actions the cloud provider never calls.',
    remediation: 'Replace the wildcard with the actions of `kube-aws-audit policy`.',
    reads: ['roles', 'iam'] },
  { id: 'iam.excess.actions', family: 'iam', severity: 'low', unit: 'role+service',
    title: 'Role allows actions beyond the requirement',
    risk: 'Extra permissions widen what a compromised pod can do through the node\'s credentials.',
    remediation: 'Remove the listed actions, or list them in allowedExcess if they are needed.',
    reads: ['roles', 'iam'] },
  { id: 'iam.excess.privilege-escalation', family: 'iam', severity: 'critical', unit: 'role+action',
    title: 'Role can escalate its own privileges',
    risk: 'The role can grant itself or another principal more permissions, up to account takeover.',
    remediation: 'Remove the action, or scope it to specific resources.',
    reads: ['roles', 'iam'] },
] as const satisfies readonly CheckMeta[];

export const EXCESS_ADMIN = CHECKS[0].id;
export const SERVICE_WILDCARD = CHECKS[1].id;
export const EXCESS_ACTIONS = CHECKS[2].id;
export const PRIVILEGE_ESCALATION = CHECKS[3].id;

/**
 * Severity of iam.excess.actions by the most privileged access level among the excess actions.
 * Permissions management (e.g. ec2:ModifySnapshotAttribute shares data with other accounts, kms:PutKeyPolicy) is
 * high; Write and Tagging (tags drive cluster membership and tag-based access control) are medium, as the
 * contract grades excess Write; Read and List are low.
 */
export const EXCESS_SEVERITY: Readonly<Record<AccessLevel, Severity>> = {
  'Permissions management': 'high',
  Tagging: 'medium',
  Write: 'medium',
  Read: 'low',
  List: 'low',
};

interface RoleView {
  input: IamRoleInput;
  allowed: Map<string, ActionDecision>;
  decided: Set<string>;
  needed: Set<string>;
}

function roleView(input: IamRoleInput, decisions: readonly ActionDecision[]): RoleView {
  const allowed = new Map<string, ActionDecision>();
  const decided = new Set<string>();
  for (const d of decisions) {
    decided.add(d.action.toLowerCase());
    if (isAllowed(d)) allowed.set(d.action.toLowerCase(), d);
  }
  const r = input.requirements;
  const needed = new Set([...r.required, ...r.optional, ...r.allowedExcess].map((a) => a.toLowerCase()));
  return { input, allowed, decided, needed };
}

function serviceStats(rv: RoleView, service: string) {
  const actions = catalog.actions(service);
  const allowed = actions.filter((a) => rv.allowed.has(a.toLowerCase()));
  const undecided = actions.filter((a) => !rv.decided.has(a.toLowerCase()));
  const neededAllowed = allowed.filter((a) => rv.needed.has(a.toLowerCase()));
  const excess = allowed.filter((a) => !rv.needed.has(a.toLowerCase()));
  const byLevel = new Map<AccessLevel, string[]>();
  for (const a of excess) {
    const level = catalog.accessLevel(a) ?? 'Write';
    byLevel.set(level, [...(byLevel.get(level) ?? []), a]);
  }
  return { actions, allowed, undecided, neededAllowed, excess, byLevel };
}

function levelSummary(byLevel: Map<AccessLevel, string[]>): string {
  return ACCESS_LEVELS.filter((l) => byLevel.has(l))
    .map((l) => `${byLevel.get(l)!.length} ${l}`)
    .join(', ');
}

function groupedEvidence(byLevel: Map<AccessLevel, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const l of ACCESS_LEVELS) if (byLevel.has(l)) out[l] = byLevel.get(l)!;
  return out;
}

/**
 * iam.excess.admin: every catalogue action of every audited service is allowed AND a granting statement allows
 * everything (`Action: "*"` or a NotAction). When the engine does not say which statements granted (or they
 * cannot be located), full coverage of the catalogue alone counts, and the evidence says so.
 */
function checkAdmin(rv: RoleView, view: AccountView, cluster: ClusterConfig): FindingDraft[] {
  const all = catalog.allActions();
  if (all.some((a) => !rv.allowed.has(a.toLowerCase()))) return [];
  const role = rv.input.role!;
  const decisions = [...rv.allowed.values()];
  const granting = decisions.flatMap(grantingStatements);
  const resolved = granting.map((ms) => ({ ms, st: lookupStatement(view, role, ms) }));
  const everything = resolved.filter((r) => r.st !== undefined && grantsEverything(r.st));
  const anyResolved = resolved.some((r) => r.st !== undefined);
  if (everything.length === 0 && anyResolved) return [];
  return [
    {
      check: EXCESS_ADMIN,
      resource: roleResource(rv.input),
      detail: `${roleLabel(rv.input)} allows every action: all ${all.length} catalogue actions of ${catalog.auditedServices().join(', ')} are allowed${everything.length > 0 ? ' by a statement granting "*"' : ''}.`,
      evidence: {
        actionsAllowed: all.length,
        services: catalog.auditedServices(),
        grantedBy: everything.length > 0 ? uniqueStatements(everything.map((e) => describeStatement(e.ms))) : grantingSummary(decisions),
        ...(everything.length === 0 ? { note: 'the decision engine did not identify the granting statements; every audited action is allowed' } : {}),
      },
      remediation: generatorRemediation(cluster, rv.input.keys, 'Replace the grant with the least-privilege policy.'),
    },
  ];
}

/** iam.excess.service-wildcard: every catalogue action of the service is effectively allowed. */
function checkServiceWildcards(rv: RoleView, cluster: ClusterConfig, admin: boolean): FindingDraft[] {
  if (admin) return [];
  const drafts: FindingDraft[] = [];
  for (const service of catalog.auditedServices()) {
    const s = serviceStats(rv, service);
    if (s.actions.length === 0 || s.allowed.length !== s.actions.length) continue;
    const allowedDecisions = s.allowed.map((a) => rv.allowed.get(a.toLowerCase())!);
    drafts.push({
      check: SERVICE_WILDCARD,
      resource: roleResource(rv.input),
      action: `${service}:*`,
      detail: `${roleLabel(rv.input)} allows every ${service} action (${s.actions.length}), ${s.neededAllowed.length} of which are needed.`,
      evidence: {
        service,
        actionsAllowed: s.allowed.length,
        needed: s.neededAllowed.length,
        grantedBy: grantingSummary(allowedDecisions),
      },
      remediation: generatorRemediation(cluster, rv.input.keys, `Replace ${service}:* with the listed actions.`),
    });
  }
  return drafts;
}

/** iam.excess.actions: per service, allowed catalogue actions beyond required + optional + allowedExcess. */
function checkExcessActions(rv: RoleView, cluster: ClusterConfig): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  for (const service of catalog.auditedServices()) {
    const s = serviceStats(rv, service);
    if (s.excess.length === 0) continue;
    const top = ACCESS_LEVELS.find((l) => s.byLevel.has(l))!;
    const summary = `${service}: ${s.allowed.length} allowed, ${s.neededAllowed.length} needed, ${s.excess.length} beyond need: ${levelSummary(s.byLevel)}`;
    drafts.push({
      check: EXCESS_ACTIONS,
      resource: roleResource(rv.input),
      action: `${service}:*`,
      severity: EXCESS_SEVERITY[top],
      detail: `${roleLabel(rv.input)} allows ${s.excess.length} ${service} action(s) the ${cluster.preset} preset does not need (highest access level: ${top}). ${summary}.`,
      evidence: {
        service,
        summary,
        counts: {
          catalogue: s.actions.length,
          allowed: s.allowed.length,
          needed: s.neededAllowed.length,
          excess: s.excess.length,
          ...(s.undecided.length > 0 ? { undecided: s.undecided.length } : {}),
        },
        excessByAccessLevel: groupedEvidence(s.byLevel),
        grantedBy: grantingSummary(s.excess.map((a) => rv.allowed.get(a.toLowerCase())!)),
      },
      remediation: generatorRemediation(cluster, rv.input.keys, 'Remove the listed actions, or list them in allowedExcess if they are needed.'),
    });
  }
  return drafts;
}

/** iam.excess.privilege-escalation: per allowed escalation action that is not required or accepted. */
function checkPrivilegeEscalation(rv: RoleView, cluster: ClusterConfig): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  for (const action of PRIVILEGE_ESCALATION_ACTION_NAMES) {
    const decision = rv.allowed.get(action.toLowerCase());
    if (!decision || rv.needed.has(action.toLowerCase())) continue;
    drafts.push({
      check: PRIVILEGE_ESCALATION,
      resource: roleResource(rv.input),
      action,
      detail: `${roleLabel(rv.input)} allows ${action} on every resource: it can ${PRIVILEGE_ESCALATION_ACTIONS[action]}.`,
      evidence: { resource: '*', why: PRIVILEGE_ESCALATION_ACTIONS[action], grantedBy: grantingSummary([decision]) },
      remediation: generatorRemediation(cluster, rv.input.keys, `Remove ${action}, or scope it to specific resources.`),
    });
  }
  return drafts;
}

/**
 * The iam.excess.* checks of one role. "Excess is effective excess": what the identity policies allow within the
 * permissions boundary (and SCPs, with AWS simulation), minus explicit denies, over the whole catalogue of the
 * audited services. When the role could not be decided, one `status: error` iam.excess.admin draft stands for
 * the excess units that could not be checked.
 */
export function checkExcess(input: IamRoleInput, view: AccountView, cluster: ClusterConfig): FindingDraft[] {
  if (!input.role) {
    if (input.unavailable === undefined) return [];
    return [notChecked(input, input.unavailable)];
  }
  if (!input.decisions) return [notChecked(input, input.decisionError ?? 'no decisions were obtained for the role')];
  const rv = roleView(input, input.decisions);
  const admin = checkAdmin(rv, view, cluster);
  return [...admin, ...checkServiceWildcards(rv, cluster, admin.length > 0), ...checkExcessActions(rv, cluster), ...checkPrivilegeEscalation(rv, cluster)];
}

function notChecked(input: IamRoleInput, reason: string): FindingDraft {
  return {
    check: EXCESS_ADMIN,
    resource: roleResource(input),
    status: 'error',
    detail: `Could not check ${roleLabel(input)} for excess permissions (admin, service wildcards, extra actions, privilege escalation): ${reason}`,
    evidence: { reason },
  };
}

function uniqueStatements(list: StatementEvidence[]): StatementEvidence[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const k = JSON.stringify(s);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** This module's evaluate function (the registry runs it), over every configured role of the IAM analysis. */
export const evaluate: CheckEvaluator = (input) => iamAnalysisOf(input).roles.flatMap((role) => checkExcess(role, input.view, input.cluster));
