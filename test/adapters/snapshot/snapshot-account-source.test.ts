import { describe, expect, it, jest } from '@jest/globals';
import { SnapshotAccountSource } from '../../../lib/adapters/snapshot/snapshot-account-source.js';
import type { ClusterConfig } from '../../../lib/domain/config/schema.js';
import type { LoadedSnapshot } from '../../../lib/adapters/snapshot/read-snapshot.js';
import { clusterFacts } from '../../../lib/domain/cluster-facts.js';
import { emptyAccountView, type AccountView } from '../../../lib/domain/model/account-view.js';
import { BASIC_SNAPSHOT, snapshotRejectionOf } from './snapshot-fixture.js';

/** A loader that returns `view` (and the given meta.json facts) without touching the disk. */
function loading(view: AccountView, meta: Omit<LoadedSnapshot, 'view'> = { notes: [] }) {
  return async (_dir: string): Promise<LoadedSnapshot> => ({ view, ...meta });
}

function cluster(overrides: Partial<ClusterConfig> = {}): ClusterConfig {
  return {
    name: 'prod-east',
    region: 'us-west-1',
    preset: 'cloud-provider-aws',
    roles: { worker: 'arn:aws:iam::123456789012:role/k8s-worker' },
    cloudRoutes: true,
    suppressions: [],
    ...overrides,
  };
}

describe('SnapshotAccountSource', () => {
  it('is a snapshot-mode source that reads the real directory', async () => {
    const source = new SnapshotAccountSource(BASIC_SNAPSHOT);

    const collected = await source.collect(cluster({ account: '123456789012' }));

    expect(source.mode).toBe('snapshot');
    expect(collected.view.instances).toHaveLength(7);
    expect(collected.notes).toEqual([]);
    expect(collected.decisions).toBeUndefined();
  });

  it('reads the directory once and serves the same data to every cluster', async () => {
    const view = emptyAccountView({ region: 'us-west-1' });
    const load = jest.fn(loading(view));
    const source = new SnapshotAccountSource('snap', { load });

    const [first, second] = await Promise.all([source.collect(cluster()), source.collect(cluster({ name: 'prod-west' }))]);
    const third = await source.collect(cluster({ name: 'staging' }));

    expect(load).toHaveBeenCalledTimes(1);
    expect(load).toHaveBeenCalledWith('snap');
    expect(first.view).toEqual(view);
    expect(second.view).toEqual(view);
    expect(third.view).toEqual(view);
  });

  it('passes a read error through unchanged', async () => {
    const source = new SnapshotAccountSource(`${BASIC_SNAPSHOT}/missing`);

    expect((await snapshotRejectionOf(source.collect(cluster()))).message).toContain('does not exist');
  });

  it('rejects a cluster in another region than the snapshot', async () => {
    const source = new SnapshotAccountSource('snap', { load: loading(emptyAccountView({ region: 'us-east-1' })) });

    expect((await snapshotRejectionOf(source.collect(cluster()))).message).toBe(
      'snapshot directory snap holds region us-east-1, but cluster prod-east is configured in us-west-1',
    );
  });

  it('rejects a cluster in another account than the snapshot', async () => {
    const source = new SnapshotAccountSource('snap', { load: loading(emptyAccountView({ account: '123456789012' })) });

    expect((await snapshotRejectionOf(source.collect(cluster({ account: '210987654321' })))).message).toBe(
      'snapshot directory snap holds account 123456789012, but cluster prod-east is configured in account 210987654321',
    );
  });

  it('accepts any cluster when the snapshot does not say where it is from', async () => {
    const source = new SnapshotAccountSource('snap', { load: loading(emptyAccountView()) });

    await expect(source.collect(cluster({ account: '210987654321', region: 'eu-west-1' }))).resolves.toMatchObject({ notes: [] });
  });

  it('passes on the notes meta.json records', async () => {
    const source = new SnapshotAccountSource('snap', { load: loading(emptyAccountView(), { notes: ['ec2:DescribeSubnets was throttled'] }) });

    expect((await source.collect(cluster())).notes).toEqual(['ec2:DescribeSubnets was throttled']);
  });

  it('notes a cluster the snapshot was not captured for', async () => {
    const source = new SnapshotAccountSource('snap', { load: loading(emptyAccountView(), { notes: [], capturedClusters: ['prod-east'] }) });

    expect((await source.collect(cluster())).notes).toEqual([]);
    expect((await source.collect(cluster({ name: 'staging' }))).notes).toEqual([
      'snapshot snap was captured for cluster(s) prod-east, not staging: roles outside the capture may be missing from its IAM file',
    ]);
  });
});

describe('SnapshotAccountSource: whose nodes are in the snapshot (collect passes them on; evaluate decides, lib/domain/cluster-facts.ts)', () => {
  /** What the checks of a cluster see: its collected view through clusterFacts (membership computed there, once). */
  const audited = async (source: SnapshotAccountSource, c: ClusterConfig) => {
    const collected = await source.collect(c);
    const facts = clusterFacts(collected.view, c);
    return { view: facts.view, notes: [...collected.notes, ...facts.notes] };
  };

  const instance = (instanceId: string, privateDnsName: string, clusterName: string) => ({
    instanceId, state: 'running', privateDnsName, availabilityZone: 'us-west-1a', subnetId: 'subnet-1', vpcId: 'vpc-1',
    securityGroupIds: [], tags: { [`kubernetes.io/cluster/${clusterName}`]: 'owned' },
  });
  const node = (name: string, providerId?: string) => ({ name, internalIps: [], internalDnsNames: [], labels: {}, taints: [], ...(providerId ? { providerId } : {}) });
  const view = emptyAccountView({
    region: 'us-west-1',
    instances: [instance('i-0aaa', 'ip-10-0-0-1.us-west-1.compute.internal', 'prod-east'), instance('i-0bbb', 'ip-10-0-0-2.us-west-1.compute.internal', 'staging')],
    nodes: [node('ip-10-0-0-1.us-west-1.compute.internal', 'aws:///us-west-1a/i-0aaa')],
  });

  it('gives the shared node list to the cluster its nodes map to, and not to another cluster (with a note)', async () => {
    // Arrange
    const source = new SnapshotAccountSource('snap', { load: loading(view), configuredClusters: ['prod-east', 'staging'] });

    // Act
    const prod = await audited(source, cluster({ name: 'prod-east' }));
    const staging = await audited(source, cluster({ name: 'staging' }));

    // Assert
    expect(prod.view.nodes).toHaveLength(1);
    expect(prod.notes).toEqual([]);
    expect(staging.view.nodes).toBeUndefined();
    expect(staging.notes).toEqual([expect.stringContaining('kubectl-get-nodes.json was not used for cluster staging (only 0 of 1 node(s) map to its instances)')]);
  });

  it('follows meta.json nodesCluster over what the nodes map to', async () => {
    const source = new SnapshotAccountSource('snap', { load: loading(view, { notes: [], nodesCluster: 'staging' }), configuredClusters: ['prod-east', 'staging'] });

    expect((await audited(source, cluster({ name: 'staging' }))).view.nodes).toHaveLength(1);
    expect((await audited(source, cluster({ name: 'prod-east' }))).view.nodes).toBeUndefined();
  });

  it('gives the shared node list to the only configured cluster even when no node maps to it', async () => {
    const source = new SnapshotAccountSource('snap', { load: loading(view), configuredClusters: ['staging'] });

    expect((await audited(source, cluster({ name: 'staging' }))).view.nodes).toHaveLength(1);
  });

  it('does not decide the owner itself: the shared list goes to every cluster, with the hints', async () => {
    const source = new SnapshotAccountSource('snap', { load: loading(view, { notes: [], nodesCluster: 'staging' }), configuredClusters: ['prod-east', 'staging'] });

    const collected = await source.collect(cluster({ name: 'prod-east' }));

    expect(collected.view.nodes).toHaveLength(1);
    expect(collected.view.sharedNodes).toEqual({ nodesCluster: 'staging', configuredClusters: ['prod-east', 'staging'] });
    expect(collected.notes).toEqual([]);
  });

  it('prefers a cluster\'s own kubectl-get-nodes.<cluster>.json', async () => {
    const own = [node('ip-10-0-0-2.us-west-1.compute.internal', 'aws:///us-west-1a/i-0bbb')];
    const source = new SnapshotAccountSource('snap', { load: loading(view, { notes: [], nodesByCluster: { staging: own } }), configuredClusters: ['prod-east', 'staging'] });

    expect((await audited(source, cluster({ name: 'staging' }))).view.nodes).toEqual(own);
    expect((await audited(source, cluster({ name: 'prod-east' }))).view.nodes).toHaveLength(1);
  });
});
