import { randomUUID } from 'node:crypto';
import { CHECK_FAMILIES, checkMeta, isCheckId, type CheckFamily } from '../domain/checks/check-ids.js';
import { familyErrorDraft } from '../domain/checks/family-error.js';
import type { IamAnalysis } from '../domain/checks/iam/index.js';
import { evaluateCluster } from '../domain/checks/run-checks.js';
import type { AuditConfig, ClusterConfig } from '../domain/config/schema.js';
import { diffFindings } from '../domain/findings/diff.js';
import type { Finding, FindingDraft } from '../domain/findings/finding.js';
import { finalizeFindings } from '../domain/findings/finalize.js';
import { applySuppressions, expiredSuppressionNote } from '../domain/findings/suppress.js';
import { describeError } from '../domain/describe-error.js';
import { computeMembership } from '../domain/membership.js';
import type { IamEngine } from '../domain/policy/decisions.js';
import { buildReport } from '../domain/report/build-report.js';
import type { ClusterReport, Coverage, Report } from '../domain/report/report.js';
import { analyseIam } from './analyse-iam.js';
import { InputError, UsageError } from './errors.js';
import type { AccountSource } from './ports.js';
import { providerClusterId } from '../domain/provider/cluster-id.js';
import { providerNotes } from '../domain/provider/notes.js';
import { providerSettings } from '../domain/provider/settings.js';

/** The stages `onProgress` reports, per cluster. */
export type AuditStage = 'collect' | 'evaluate' | 'report';

/** A progress event of {@link runAudit}. */
export interface AuditProgress {
  cluster: string;
  stage: AuditStage;
}

/** Options of {@link runAudit}. */
export interface RunAuditOptions {
  config: AuditConfig;
  source: AccountSource;
  /** Only these cluster names (`--cluster`); every configured cluster when absent. */
  clusters?: readonly string[];
  /** Only these check families (`--checks`); all when absent. */
  families?: readonly CheckFamily[];
  /** Clock, injectable for tests. Default: `new Date()`. */
  now?: () => Date;
  /** The previous report, for `new`, `resolved` and `firstSeen`. */
  previous?: Report;
  /** Default: a random UUID. */
  runId?: string;
  onProgress?: (event: AuditProgress) => void;
  /** `tool.version` of the report. Default: `unknown`. */
  toolVersion?: string;
}

/** Account id used when neither the config nor the collected data nor a previous report knows it. */
export const UNKNOWN_ACCOUNT = 'unknown';

/** What auditing one cluster yields. */
interface ClusterOutcome {
  report: ClusterReport;
  findings: Finding[];
  /** The IAM engine that decided this cluster's actions, when IAM was analysed. */
  engine?: IamEngine;
}

/**
 * The audit use case: for each selected cluster, collect the account, analyse IAM (when the `iam` family is
 * selected), run the pure checks, finalize the findings and apply the cluster's suppressions; then diff against the
 * previous report and build the Report.
 *
 * Clusters are audited one after another. A failure to collect one cluster never ends the run: it becomes one
 * `status: error` finding per selected family for that cluster, with the reason, and the other clusters are still
 * audited. An InputError (bad snapshot, bad config) is rethrown: the input must be fixed (CLI exit 2).
 *
 * @throws UsageError when a `clusters` name matches no configured cluster, or `families` is empty.
 */
export async function runAudit(opts: RunAuditOptions): Promise<Report> {
  const now = opts.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const families = selectFamilies(opts.families);
  const clusters = selectClusters(opts.config.clusters, opts.clusters);

  const outcomes: ClusterOutcome[] = [];
  for (const cluster of clusters) {
    outcomes.push(await auditCluster(cluster, families, opts, startedAt.slice(0, 10)));
  }

  const iamEngine = chooseEngine(outcomes, opts.source.mode);
  const findings = outcomes.flatMap((o) => o.findings);
  const diff = diffFindings(findings, opts.previous?.findings, {
    now: startedAt,
    inScope: (previous) => inScope(previous, clusters, families),
  });
  return buildReport({
    tool: { name: 'kube-aws-audit', version: opts.toolVersion ?? 'unknown' },
    runId: opts.runId ?? randomUUID(),
    startedAt,
    finishedAt: now().toISOString(),
    mode: opts.source.mode,
    iamEngine,
    clusters: outcomes.map((o) => o.report),
    findings: diff.findings,
    newIds: opts.previous === undefined ? undefined : diff.newIds,
    resolved: diff.resolved.length,
  });
}

async function auditCluster(
  cluster: ClusterConfig,
  families: readonly CheckFamily[],
  opts: RunAuditOptions,
  today: string,
): Promise<ClusterOutcome> {
  const progress = (stage: AuditStage) => opts.onProgress?.({ cluster: cluster.name, stage });

  progress('collect');
  let collected;
  try {
    collected = await opts.source.collect(cluster);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const account = cluster.account ?? previousAccount(opts.previous, cluster) ?? UNKNOWN_ACCOUNT;
    const reason = `could not collect the account: ${describeError(err)}`;
    progress('report');
    return finish(cluster, account, families.map((f) => familyErrorDraft(f, cluster.name, account, reason)), [reason], ZERO_COVERAGE, today);
  }

  progress('evaluate');
  const { view, decisions } = collected;
  const account = cluster.account ?? view.account ?? previousAccount(opts.previous, cluster) ?? UNKNOWN_ACCOUNT;

  let iam: IamAnalysis | undefined;
  let iamUnavailableReason: string | undefined;
  if (families.includes('iam')) {
    if (decisions === undefined) {
      iamUnavailableReason = 'no IAM decision source';
    } else {
      try {
        iam = await analyseIam(view, cluster, decisions);
      } catch (err) {
        if (err instanceof InputError) throw err;
        iamUnavailableReason = `the IAM analysis failed: ${describeError(err)}`;
      }
    }
  }
  // Copied only now: a decision source appends its notes (e.g. a fallback from simulation to the local evaluator)
  // while the IAM analysis runs.
  const notes = [...collected.notes];
  const membership = computeMembership(view, cluster);
  if (cluster.account !== undefined && view.account !== undefined && view.account !== cluster.account) {
    notes.push(`the collected data is of account ${view.account}, the config says ${cluster.account}`);
  }
  if (view.region !== undefined && view.region !== cluster.region) {
    notes.push(`the collected data is of region ${view.region}, the config says ${cluster.region}`);
  }
  const examinesResources = families.includes('tags') || families.includes('nodes');
  const clusterId = providerClusterId(cluster);
  if (examinesResources && membership.instances.length === 0 && !view.gaps.some((g) => g.kind === 'instances' && g.resourceId === undefined)) {
    notes.push(
      `no instance of cluster ${cluster.name} was found (by the kubernetes.io/cluster/${clusterId} or KubernetesCluster tag, ` +
        `the configured roles' instance profiles, or autoScalingGroups): the tag and node checks had nothing to examine; check the cluster name`,
    );
  }
  if (families.includes('tags')) notes.push(...providerNotes(view, cluster, membership));
  const drafts = evaluateCluster({ view, cluster, families, membership, iam, iamUnavailableReason });

  progress('report');
  const coverage: Coverage = {
    roles: iam?.rolesExamined ?? 0,
    instances: examinesResources ? membership.instances.length : 0,
    subnets: examinesResources ? membership.subnets.length : 0,
    routeTables: examinesResources ? membership.routeTables.length : 0,
    securityGroups: examinesResources ? membership.securityGroups.length : 0,
    actionsEvaluated: iam?.actionsEvaluated ?? 0,
    ...(examinesResources ? { provider: providerSettings(view, cluster) } : {}),
  };
  const outcome = finish(cluster, account, drafts, notes, coverage, today);
  return iam === undefined ? outcome : { ...outcome, engine: iam.engine };
}

const ZERO_COVERAGE: Coverage = { roles: 0, instances: 0, subnets: 0, routeTables: 0, securityGroups: 0, actionsEvaluated: 0 };

/** Finalizes and suppresses one cluster's drafts and builds its report entry. */
function finish(
  cluster: ClusterConfig,
  account: string,
  drafts: FindingDraft[],
  notes: string[],
  coverage: Coverage,
  today: string,
): ClusterOutcome {
  const finalized = finalizeFindings(drafts, { cluster: cluster.name, account, region: cluster.region });
  const { findings, expired } = applySuppressions(finalized, cluster.suppressions, today);
  const allNotes = [...notes, ...expired.map(expiredSuppressionNote)];
  const report: ClusterReport = { name: cluster.name, account, region: cluster.region, preset: cluster.preset, coverage: { ...coverage } };
  if (allNotes.length > 0) report.notes = allNotes;
  return { report, findings };
}

function selectFamilies(families: readonly CheckFamily[] | undefined): CheckFamily[] {
  if (families === undefined) return [...CHECK_FAMILIES];
  const selected = CHECK_FAMILIES.filter((f) => families.includes(f));
  if (selected.length === 0) throw new UsageError(`--checks selects no check family (allowed: ${CHECK_FAMILIES.join(', ')})`);
  return selected;
}

function selectClusters(configured: readonly ClusterConfig[], names: readonly string[] | undefined): ClusterConfig[] {
  if (names === undefined || names.length === 0) return [...configured];
  const unknown = names.filter((n) => !configured.some((c) => c.name === n));
  if (unknown.length > 0) {
    throw new UsageError(
      `--cluster ${unknown.join(', ')} matches no configured cluster (configured: ${configured.map((c) => c.name).join(', ')})`,
    );
  }
  return configured.filter((c) => names.includes(c.name));
}

/**
 * One IAM engine per report: the one every analysed cluster used; when they differ, `local` (the weaker claim),
 * and the clusters decided by AWS simulation get a note. With no analysed cluster: the engine the mode implies.
 */
function chooseEngine(outcomes: ClusterOutcome[], mode: AccountSource['mode']): IamEngine {
  const engines = new Set(outcomes.flatMap((o) => (o.engine === undefined ? [] : [o.engine])));
  if (engines.size === 0) return mode === 'live' ? 'aws-simulation' : 'local';
  if (engines.size === 1) return [...engines][0] as IamEngine;
  for (const o of outcomes) {
    if (o.engine === 'aws-simulation') {
      o.report.notes = [
        ...(o.report.notes ?? []),
        "IAM decisions for this cluster came from the AWS simulation; the report's iamEngine is local because other clusters used the local evaluator",
      ];
    }
  }
  return 'local';
}

/** The account a previous report gave this cluster, so a failed collection keeps the same finding ids. */
function previousAccount(previous: Report | undefined, cluster: ClusterConfig): string | undefined {
  const match = previous?.clusters.find((c) => c.name === cluster.name && c.region === cluster.region);
  return match === undefined || match.account === UNKNOWN_ACCOUNT ? undefined : match.account;
}

/** Whether this run could have reproduced a previous finding (selected cluster and family). */
function inScope(previous: Finding, clusters: readonly ClusterConfig[], families: readonly CheckFamily[]): boolean {
  if (!clusters.some((c) => c.name === previous.cluster && c.region === previous.region)) return false;
  const family = isCheckId(previous.check) ? checkMeta(previous.check).family : FAMILY_BY_PREFIX[previous.check.split('.', 1)[0] ?? ''];
  return family === undefined || families.includes(family);
}

const FAMILY_BY_PREFIX: Record<string, CheckFamily | undefined> = { iam: 'iam', tags: 'tags', node: 'nodes' };
