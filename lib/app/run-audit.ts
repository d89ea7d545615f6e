import { randomUUID } from 'node:crypto';
import { familyOfCheck, type CheckFamily } from '../domain/checks/check-ids.js';
import { familyErrorDraft } from '../domain/checks/family-error.js';
import type { IamAnalysis } from '../domain/checks/iam/index.js';
import { evaluateCluster } from '../domain/checks/run-checks.js';
import type { AuditConfig, ClusterConfig } from '../domain/config/schema.js';
import { diffFindings, type ReportChanges } from '../domain/findings/diff.js';
import type { Finding, FindingDraft } from '../domain/findings/finding.js';
import { finalizeFindings } from '../domain/findings/finalize.js';
import { applySuppressions, expiredSuppressionNote } from '../domain/findings/suppress.js';
import { clusterFacts } from '../domain/cluster-facts.js';
import { describeError } from '../domain/describe-error.js';
import type { IamEngine } from '../domain/policy/decisions.js';
import { buildReport } from '../domain/report/build-report.js';
import type { ClusterReport, Coverage, Report } from '../domain/report/report.js';
import { analyseIam } from './analyse-iam.js';
import { InputError } from './errors.js';
import { planAudit, type AuditPlan } from './plan.js';
import type { AccountSource } from './ports.js';
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
  /** The plan, when the caller already made it (lib/app/plan.ts); else made here from `config`, `clusters` and `families`. */
  plan?: AuditPlan;
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

/**
 * What {@link runAudit} returns: the report, and what changed since the previous report (the one diff of the run,
 * which `report.summary.new` and `.resolved` count). Every consumer (summary, SNS messages, stored state) reads
 * these; nothing diffs again.
 */
export interface AuditResult {
  report: Report;
  changes: ReportChanges;
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

/** Clusters audited at once in live mode (docs/api-calls.md: the AWS calls, not the CPU, set the pace). */
export const LIVE_CLUSTER_CONCURRENCY = 4;

/** `items.map(fn)` with at most `n` calls pending at once; results in input order. */
async function mapInOrder<T, R>(items: readonly T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return results;
}


/**
 * The audit use case: for each selected cluster, collect the account, analyse IAM (when the `iam` family is
 * selected), run the pure checks, finalize the findings and apply the cluster's suppressions; then diff against the
 * previous report, once, and build the Report. Returns the report with its changes (new and resolved findings).
 *
 * Clusters are audited one after another from a snapshot, and up to {@link LIVE_CLUSTER_CONCURRENCY} at a time live
 * (their AWS calls wait on the network, under the source's per-service caps); the report lists them in config
 * order either way. A failure to collect one cluster never ends the run: it becomes one
 * `status: error` finding per selected family for that cluster, with the reason, and the other clusters are still
 * audited. An InputError (bad snapshot, bad config) is rethrown: the input must be fixed (CLI exit 2).
 *
 * @throws UsageError when a `clusters` name matches no configured cluster, or `families` is empty.
 */
export async function runAudit(opts: RunAuditOptions): Promise<AuditResult> {
  const now = opts.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const { clusters, families } = opts.plan ?? planAudit(opts.config, opts);

  const outcomes = await mapInOrder(clusters, opts.source.mode === 'live' ? LIVE_CLUSTER_CONCURRENCY : 1, (cluster) =>
    auditCluster(cluster, families, opts, startedAt.slice(0, 10)),
  );

  const iamEngine = chooseEngine(outcomes, opts.source.mode);
  const findings = outcomes.flatMap((o) => o.findings);
  const diff = diffFindings(findings, opts.previous?.findings, {
    now: startedAt,
    inScope: (previous) => inScope(previous, clusters, families),
  });
  const changes: ReportChanges = { newIds: diff.newIds, resolved: diff.resolved };
  const report = buildReport({
    tool: { name: 'kube-aws-audit', version: opts.toolVersion ?? 'unknown' },
    runId: opts.runId ?? randomUUID(),
    startedAt,
    finishedAt: now().toISOString(),
    mode: opts.source.mode,
    iamEngine,
    clusters: outcomes.map((o) => o.report),
    findings: diff.findings,
    newIds: [...changes.newIds],
    resolved: changes.resolved.length,
  });
  return { report, changes };
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
  const examinesResources = families.includes('tags') || families.includes('nodes');
  const facts = clusterFacts(collected.view, cluster, { examinesResources });
  const { view, membership } = facts;
  const account = facts.account ?? previousAccount(opts.previous, cluster) ?? UNKNOWN_ACCOUNT;
  const decisions = collected.decisions;

  let iam: IamAnalysis | undefined;
  let iamUnavailableReason: string | undefined;
  if (families.includes('iam')) {
    if (decisions === undefined) {
      iamUnavailableReason = 'no IAM decision source';
    } else {
      try {
        iam = await analyseIam(view, cluster, decisions, { roles: facts.roles });
      } catch (err) {
        if (err instanceof InputError) throw err;
        iamUnavailableReason = `the IAM analysis failed: ${describeError(err)}`;
      }
    }
  }
  // Each stage returns its own notes: collect's, the facts', and those the IAM decisions came with.
  const provider = families.includes('tags') ? providerNotes(view, cluster, membership) : [];
  const notes = [...collected.notes, ...facts.notes, ...provider, ...(iam?.notes ?? [])];
  const drafts = evaluateCluster({ view, cluster, families, membership, account, iam, iamUnavailableReason });

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
  const family = familyOfCheck(previous.check);
  return family === undefined || families.includes(family);
}
