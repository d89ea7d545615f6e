import { SnapshotError } from '../../app/errors.js';
import type { AccountSource, CollectedAccount } from '../../app/ports.js';
import type { ClusterConfig } from '../../domain/config/schema.js';
import type { AccountView } from '../../domain/model/account-view.js';
import { loadSnapshot, type LoadedSnapshot } from './read-snapshot.js';

/** Options of {@link SnapshotAccountSource}. */
export interface SnapshotAccountSourceOptions {
  /** Reads the directory; defaults to {@link loadSnapshot}. Swap it in tests. */
  load?: (dir: string) => Promise<LoadedSnapshot>;
  /** Names of the configured clusters: with exactly one, a shared kubectl-get-nodes.json is taken to be its own. */
  configuredClusters?: readonly string[];
}

/**
 * The collect stage over a snapshot directory (CLI `--snapshot DIR`). The directory is read once, on the first
 * `collect`, and the same view serves every cluster. IAM decisions are not set here: the caller pairs the view with
 * the local evaluator. Notes carry meta.json's capture notes, and say so when the cluster is not one the snapshot
 * was captured for (its IAM roles may then be missing from a role-scoped capture).
 */
export class SnapshotAccountSource implements AccountSource {
  readonly mode = 'snapshot' as const;
  readonly #load: (dir: string) => Promise<LoadedSnapshot>;
  readonly #configuredClusters: readonly string[] | undefined;
  #loaded: Promise<LoadedSnapshot> | undefined;

  constructor(
    /** The snapshot directory. */
    readonly dir: string,
    options: SnapshotAccountSourceOptions = {},
  ) {
    this.#load = options.load ?? loadSnapshot;
    this.#configuredClusters = options.configuredClusters;
  }

  /**
   * @throws SnapshotError when the snapshot cannot be read, or when it is of another account or region than the
   *   cluster's config says (auditing the wrong data would look clean)
   */
  async collect(cluster: ClusterConfig): Promise<CollectedAccount> {
    this.#loaded ??= this.#load(this.dir);
    const loaded = await this.#loaded;
    const { notes, capturedClusters } = loaded;
    assertSameLocation(this.dir, loaded.view, cluster);
    const { view } = this.#viewWithNodesOf(loaded, cluster);
    const notCaptured =
      capturedClusters !== undefined && !capturedClusters.includes(cluster.name)
        ? [
            `snapshot ${this.dir} was captured for ${capturedClusters.length === 0 ? 'no cluster' : `cluster(s) ${capturedClusters.join(', ')}`}, ` +
              `not ${cluster.name}: roles outside the capture may be missing from its IAM file`,
          ]
        : [];
    return { view, notes: [...notes, ...notCaptured] };
  }

  /**
   * The view with the node list of `cluster`: its own `kubectl-get-nodes.<cluster>.json`, else the shared
   * `kubectl-get-nodes.json` with the hints to decide whose it is (`sharedNodes`). Collect does not decide it: that
   * needs the cluster's membership, which evaluate computes once (lib/domain/cluster-facts.ts drops another
   * cluster's nodes and notes it).
   */
  #viewWithNodesOf(loaded: LoadedSnapshot, cluster: ClusterConfig): { view: AccountView } {
    const { nodes: shared, ...withoutNodes } = loaded.view;
    const own = loaded.nodesByCluster?.[cluster.name];
    if (own !== undefined) return { view: { ...withoutNodes, nodes: own } };
    if (shared === undefined) return { view: withoutNodes };
    const sharedNodes = {
      ...(loaded.nodesCluster === undefined ? {} : { nodesCluster: loaded.nodesCluster }),
      ...(this.#configuredClusters === undefined ? {} : { configuredClusters: this.#configuredClusters }),
    };
    return { view: { ...withoutNodes, nodes: shared, sharedNodes } };
  }
}

function assertSameLocation(dir: string, view: AccountView, cluster: ClusterConfig): void {
  if (view.region !== undefined && view.region !== cluster.region) {
    throw new SnapshotError(
      `snapshot directory ${dir} holds region ${view.region}, but cluster ${cluster.name} is configured in ${cluster.region}`,
      dir,
    );
  }
  if (view.account !== undefined && cluster.account !== undefined && view.account !== cluster.account) {
    throw new SnapshotError(
      `snapshot directory ${dir} holds account ${view.account}, but cluster ${cluster.name} is configured in account ${cluster.account}`,
      dir,
    );
  }
}
