import type { ClusterStateStore, ReportStore } from '../../app/delivery-ports.js';
import { clusterStateKey } from '../../app/cluster-job.js';
import { mergeReports, stateKey } from '../../app/state-keys.js';
import type { ClusterConfig } from '../../domain/config/schema.js';
import type { Report } from '../../domain/report/report.js';

/**
 * The per-cluster state of the scheduled runs, read as the account/region-keyed {@link ReportStore} the on-demand
 * audit compares with: `get('<account>/<region>')` merges the committed reports of the configured clusters of that
 * key. Read only: an on-demand run never becomes the schedule's baseline.
 */
export class ClusterStateReportView implements ReportStore {
  readonly location: string;

  constructor(
    private readonly store: ClusterStateStore,
    private readonly clusters: readonly ClusterConfig[],
  ) {
    this.location = `${store.location}state/`;
  }

  async get(key: string): Promise<Report | undefined> {
    const reports: Report[] = [];
    for (const cluster of this.clusters.filter((c) => stateKey(c) === key)) {
      const state = await this.store.getState(clusterStateKey(cluster));
      if (state !== undefined) reports.push(state.value);
    }
    return mergeReports(reports);
  }

  put(): Promise<void> {
    return Promise.reject(new Error('the on-demand audit never writes the scheduled state'));
  }
}
