import type { PolicyDocument } from '../domain/model/account-view.js';
import { Ec2Collector } from './ec2/ec2-collector.js';
import { IamCollector } from './iam/iam-collector.js';
import { SimulationDecisionSource } from './iam/simulation-decision-source.js';
import { AssumedRoleCredentialCache } from './sts/assumed-role-credentials.js';
import { CALLER_IDENTITY_PERMISSIONS } from './sts/caller-identity.js';

/** One adapter's declared IAM actions (docs/architecture.md "Least privilege of the auditor"). */
export interface PermissionEntry {
  adapter: string;
  /** What the actions are for, shown in the README's IAM table. */
  purpose: string;
  actions: readonly string[];
}

/**
 * Every action the auditor's adapters call, each declared by the adapter itself (`static permissions` /
 * `*_PERMISSIONS`). The deployment's role and the README are held to exactly this set.
 */
export const PERMISSION_MANIFEST: readonly PermissionEntry[] = [
  { adapter: 'IamCollector', purpose: 'read the configured roles, their policies and instance profiles', actions: IamCollector.permissions },
  { adapter: 'Ec2Collector', purpose: 'read the cluster instances, subnets, route tables, security groups and the zone types', actions: Ec2Collector.permissions },
  { adapter: 'SimulationDecisionSource', purpose: "ask IAM's policy simulator for the roles' decisions", actions: SimulationDecisionSource.permissions },
  { adapter: 'AssumedRoleCredentialCache', purpose: 'assume assumeRoleArn for clusters in other accounts', actions: AssumedRoleCredentialCache.permissions },
  { adapter: 'caller-identity', purpose: 'verify the configured account', actions: CALLER_IDENTITY_PERMISSIONS },
];

/** The distinct actions of {@link PERMISSION_MANIFEST}, sorted. */
export function auditorActions(manifest: readonly PermissionEntry[] = PERMISSION_MANIFEST): string[] {
  return [...new Set(manifest.flatMap((entry) => entry.actions))].sort();
}

export interface AuditorPolicyOptions {
  /** Roles the auditor may assume (the clusters' `assumeRoleArn`s). Default `*`: narrow it when you know them. */
  assumeRoleArns?: readonly string[];
}

/**
 * The identity policy the auditor needs: every read action on `*` (they do not support resource scoping usefully:
 * Describe* and GetAccountAuthorizationDetails take no resource, the role reads and simulation target the audited
 * roles whose ARNs come from the config at run time), and sts:AssumeRole on the assume-role ARNs.
 */
export function auditorPolicy(options: AuditorPolicyOptions = {}): PolicyDocument {
  const actions = auditorActions();
  const assume = actions.filter((a) => a === 'sts:AssumeRole');
  const read = actions.filter((a) => a !== 'sts:AssumeRole');
  const assumeResources = options.assumeRoleArns === undefined ? ['*'] : [...new Set(options.assumeRoleArns)].sort();
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'KubeAwsAuditRead', Effect: 'Allow', Action: read, Resource: '*' },
      ...(assume.length === 0 || assumeResources.length === 0 ? [] : [{ Sid: 'KubeAwsAuditAssumeRole', Effect: 'Allow', Action: assume, Resource: assumeResources }]),
    ],
  };
}
