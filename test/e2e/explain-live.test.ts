/**
 * `explain` reads the same fields live as from a snapshot: the live engine (real SDK clients, DescribeInstances
 * MetadataOptions, DescribeSubnets, DescribeRouteTables, DescribeAvailabilityZones) against the loopback fake serving
 * the demo gives the same explanation as the snapshot of that demo (docs/provider-rules.md "Explain").
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SnapshotAccountSource } from '../../lib/adapters/snapshot/snapshot-account-source.js';
import { FEWEST_CALLS, LiveAccountSource } from '../../lib/adapters/live/live-account-source.js';
import { explainConfiguredCluster } from '../../lib/app/explain-cluster.js';
import type { AuditConfig } from '../../lib/domain/config/schema.js';
import type { Explanation } from '../../lib/domain/provider/explain.js';
import { destroyClients, fakeAwsClientFactory } from '../support/fake-aws/fake-aws-clients.js';
import { FakeAws } from '../support/fake-aws/fake-aws-server.js';
import { simulateWithEvaluator } from '../support/fake-aws/simulate-with-evaluator.js';
import { awsOnlyCopy, DEMO, loadFixtureConfig, removeDir } from './support/live-audit.js';

describe('explain, live against the loopback fake vs the snapshot (demo)', () => {
  let fake: FakeAws;
  let config: AuditConfig;
  let dir: string;

  beforeAll(async () => {
    config = await loadFixtureConfig(DEMO);
    dir = await awsOnlyCopy(DEMO.snapshotDir);
    fake = await FakeAws.start({ snapshotDir: DEMO.snapshotDir, simulate: simulateWithEvaluator() });
  });

  afterAll(async () => {
    await fake.stop();
    await removeDir(dir);
  });

  it.each(['prod-east', 'staging'])('explains %s identically from both sources', async (cluster) => {
    const clientFactory = fakeAwsClientFactory(fake.url);
    let live: Explanation;
    try {
      live = await explainConfiguredCluster({ config, cluster, source: new LiveAccountSource({ ...FEWEST_CALLS, clusters: config.clusters, clientFactory }) });
    } finally {
      destroyClients(clientFactory);
    }
    const offline = await explainConfiguredCluster({ config, cluster, source: new SnapshotAccountSource(dir, { configuredClusters: config.clusters.map((c) => c.name) }) });
    const { notes: _liveNotes, ...liveRest } = live;
    const { notes: _offlineNotes, ...offlineRest } = offline;
    expect(liveRest).toEqual(offlineRest);
    expect(live.settings.zoneTypesFrom).toBe('ec2:DescribeAvailabilityZones');
    expect(live.instances.some((i) => i.imds.verdict !== 'not needed')).toBe(true);
  }, 60_000);
});
