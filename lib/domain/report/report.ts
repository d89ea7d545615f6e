import type { Finding } from '../findings/finding.js';
import type { IamEngine } from '../policy/decisions.js';
import type { PresetName } from '../config/schema.js';
import type { ProviderSettings } from '../provider/settings.js';

/** Coverage: how much of each kind was actually examined for a cluster (docs/contracts.md "Report JSON"). */
export interface Coverage {
  roles: number;
  instances: number;
  subnets: number;
  routeTables: number;
  securityGroups: number;
  actionsEvaluated: number;
  /** Extension (additive): the provider settings the tag and node checks applied (cloud-config switches and more). */
  provider?: ProviderSettings;
}

export interface ClusterReport {
  name: string;
  account: string;
  region: string;
  preset: PresetName;
  coverage: Coverage;
  /** Extension (additive to the contract): notes such as an IAM engine fallback reason. */
  notes?: string[];
}

export interface Summary {
  critical: number;
  high: number;
  medium: number;
  low: number;
  info: number;
  /** Findings with status `error` (could not check). */
  errors: number;
  new: number;
  resolved: number;
  suppressed: number;
}

/** The report, exactly as the Report JSON contract (schemaVersion 1). */
export interface Report {
  schemaVersion: 1;
  tool: { name: string; version: string };
  runId: string;
  startedAt: string;
  finishedAt: string;
  mode: 'live' | 'snapshot';
  iamEngine: IamEngine;
  clusters: ClusterReport[];
  summary: Summary;
  findings: Finding[];
}
