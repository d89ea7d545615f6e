/**
 * Builders for the IAM checks: decisions (hand-built ActionDecision fixtures), roles with inline policies,
 * and analyses as lib/app/analyse-iam.ts produces them.
 */
import type { IamAnalysis, IamRoleInput } from '../../lib/domain/checks/iam/index.js';
import type { ClusterConfig, RoleKey } from '../../lib/domain/config/schema.js';
import type { PolicyDocument, Role } from '../../lib/domain/model/account-view.js';
import { catalog } from '../../lib/domain/policy/catalog/index.js';
import type { ActionDecision, MatchedStatement } from '../../lib/domain/policy/decisions.js';
import { requirementsFor } from '../../lib/domain/requirements/requirements-for.js';
import { aCluster, aRole, DEFAULTS } from './builders.js';

/** An inline Allow statement reference as the local engine reports it. */
export function anInlineStatement(policyId = 'k8s', overrides: Partial<MatchedStatement> = {}): MatchedStatement {
  return { policyId, policyType: 'inline', statementIndex: 0, effect: 'Allow', ...overrides };
}

/** One decision; `allowed` by an inline statement unless overridden. */
export function aDecision(action: string, overrides: Partial<ActionDecision> = {}): ActionDecision {
  const decision = overrides.decision ?? 'allowed';
  return {
    action,
    decision,
    matchedStatements: decision === 'allowed' ? [anInlineStatement()] : [],
    missingContextKeys: [],
    ...overrides,
  };
}

/**
 * Decisions for every catalogue action plus `extra`: those in `allowed` (case-insensitive) are allowed, the rest
 * implicitDeny. `override` replaces single decisions by action name.
 */
export function decisionsFor(allowed: Iterable<string>, extra: readonly string[] = [], override: Record<string, Partial<ActionDecision>> = {}): ActionDecision[] {
  const allow = new Set([...allowed].map((a) => a.toLowerCase()));
  const actions = [...new Set([...catalog.allActions(), ...extra])];
  return actions.map((action) =>
    aDecision(action, {
      ...(allow.has(action.toLowerCase()) ? {} : { decision: 'implicitDeny' as const }),
      ...(override[action] ?? {}),
    }),
  );
}

/** A role whose only policy is `document` (inline policy `k8s`). */
export function aRoleWithPolicy(name: string, document: PolicyDocument, overrides: Partial<Role> = {}): Role {
  return aRole({ name, inlinePolicies: [{ name: 'k8s', document }], ...overrides });
}

/** A policy document allowing `actions` on `*` in one statement. */
export function allowDocument(actions: readonly string[], extra: readonly Record<string, unknown>[] = []): PolicyDocument {
  return { Version: '2012-10-17', Statement: [{ Sid: 'Allow', Effect: 'Allow', Action: [...actions], Resource: '*' }, ...extra] };
}

/** The role input of one configured role, as analyseIam builds it. */
export function aRoleInput(key: RoleKey, overrides: Partial<IamRoleInput> = {}, cluster: ClusterConfig = aCluster()): IamRoleInput {
  const name = key === 'controlPlane' ? 'k8s-control-plane' : 'k8s-worker';
  return {
    keys: [key],
    configuredArn: key === 'controlPlane' ? DEFAULTS.controlPlaneRoleArn : DEFAULTS.workerRoleArn,
    requirements: requirementsFor(cluster, key),
    role: aRole({ name }),
    ...overrides,
  };
}

/** An analysis of the given role inputs. */
export function anAnalysis(roles: IamRoleInput[]): IamAnalysis {
  return {
    roles,
    rolesExamined: roles.filter((r) => r.decisions !== undefined).length,
    actionsEvaluated: roles.reduce((n, r) => n + (r.decisions?.length ?? 0), 0),
    engine: 'local',
  };
}
