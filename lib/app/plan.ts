import { CHECK_FAMILIES, type CheckFamily } from '../domain/checks/check-ids.js';
import type { AuditConfig, ClusterConfig } from '../domain/config/schema.js';
import { UsageError } from './errors.js';

/** The scope of a run: from `--cluster`/`--checks` or the on-demand event. */
export interface AuditScope {
  /** Only these cluster names; every configured cluster when absent or empty. */
  clusters?: readonly string[];
  /** Only these check families; all when absent. */
  families?: readonly CheckFamily[];
}

/** What one run audits: the selected clusters (config order) and families (CHECK_FAMILIES order). */
export interface AuditPlan {
  clusters: ClusterConfig[];
  families: CheckFamily[];
}

/**
 * The plan stage (docs/architecture.md): the validated config narrowed to the run's scope, validated once. Per
 * cluster, lib/domain/cluster-facts.ts then resolves the roles and the questions to ask IAM (the preset's
 * requirements) against the collected data.
 *
 * @throws UsageError when a cluster name matches no configured cluster, or the families select none
 */
export function planAudit(config: AuditConfig, scope: AuditScope = {}): AuditPlan {
  return { clusters: selectClusters(config.clusters, scope.clusters), families: selectFamilies(scope.families) };
}

/** The selected families in CHECK_FAMILIES order; all when absent. @throws UsageError when none is selected */
export function selectFamilies(families: readonly CheckFamily[] | undefined): CheckFamily[] {
  if (families === undefined) return [...CHECK_FAMILIES];
  const selected = CHECK_FAMILIES.filter((f) => families.includes(f));
  if (selected.length === 0) throw new UsageError(`--checks selects no check family (allowed: ${CHECK_FAMILIES.join(', ')})`);
  return selected;
}

/** The selected clusters in config order; all when absent or empty. @throws UsageError naming unknown names */
export function selectClusters(configured: readonly ClusterConfig[], names: readonly string[] | undefined): ClusterConfig[] {
  if (names === undefined || names.length === 0) return [...configured];
  const unknown = names.filter((n) => !configured.some((c) => c.name === n));
  if (unknown.length > 0) {
    throw new UsageError(
      `--cluster ${unknown.join(', ')} matches no configured cluster (configured: ${configured.map((c) => c.name).join(', ')})`,
    );
  }
  return configured.filter((c) => names.includes(c.name));
}
