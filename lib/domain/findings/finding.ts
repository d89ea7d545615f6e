import type { CheckId } from '../checks/registry.js';
import type { Severity } from './severity.js';

export type FindingStatus = 'fail' | 'error';

export interface ResourceRef {
  /** e.g. `AWS::EC2::Instance`, `AWS::IAM::Role`, `AWS::EC2::Subnet`, `AWS::EC2::VPC`, `Kubernetes::Node`. */
  type: string;
  id: string;
  arn?: string;
}

export interface Suppression {
  reason: string;
  expires?: string;
}

/** One finding, exactly as the Report JSON contract in docs/contracts.md. */
export interface Finding {
  /** Stable fingerprint of check + account + region + cluster + resource (+ action). */
  id: string;
  /** A check id; typed as a string because a previous report may carry ids of another version. */
  check: string;
  severity: Severity;
  /** `error` means "could not check" and is never a pass. */
  status: FindingStatus;
  cluster: string;
  account: string;
  region: string;
  resource: ResourceRef;
  action?: string;
  title: string;
  detail: string;
  evidence?: Record<string, unknown>;
  remediation?: string;
  firstSeen?: string;
  suppressed?: Suppression;
}

/**
 * What a check returns: the registry fills in id, cluster, account, region, title and the default severity.
 */
export interface FindingDraft {
  /** A registered check id: the id a check module declares in its CHECKS. */
  check: CheckId;
  resource: ResourceRef;
  action?: string;
  detail: string;
  status?: FindingStatus;
  /** Overrides the check's default severity (e.g. excess graded by access level). */
  severity?: Severity;
  /** Overrides the check's title. */
  title?: string;
  evidence?: Record<string, unknown>;
  remediation?: string;
}

/** AWS resource type names used in `resource.type`. */
export const RESOURCE_TYPES = {
  instance: 'AWS::EC2::Instance',
  subnet: 'AWS::EC2::Subnet',
  routeTable: 'AWS::EC2::RouteTable',
  securityGroup: 'AWS::EC2::SecurityGroup',
  vpc: 'AWS::EC2::VPC',
  role: 'AWS::IAM::Role',
  instanceProfile: 'AWS::IAM::InstanceProfile',
  node: 'Kubernetes::Node',
  account: 'AWS::::Account',
} as const;
