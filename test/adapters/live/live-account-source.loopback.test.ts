import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LiveAccountSource } from '../../../lib/adapters/live/live-account-source.js';
import { readSnapshot } from '../../../lib/adapters/snapshot/read-snapshot.js';
import { captureSnapshot } from '../../../lib/adapters/snapshot-writer/capture-snapshot.js';
import { clusterSchema } from '../../../lib/domain/config/schema.js';
import { FakeAws } from '../../support/fake-aws/fake-aws-server.js';

const WORKER = 'arn:aws:iam::123456789012:role/worker';
const prod = clusterSchema.parse({ name: 'prod', region: 'us-west-1', account: '123456789012', roles: { worker: WORKER } });

/**
 * The real SDK clients (serialisation, error parsing, pagination) against the loopback fake of AWS, found through
 * AWS_ENDPOINT_URL as a user's endpoint would be. Fault injection at scale is the fault tests' job; this checks
 * the wiring end to end.
 */
describe('LiveAccountSource over the wire (loopback fake AWS)', () => {
  let fake: FakeAws;

  beforeAll(async () => {
    fake = await FakeAws.start({ snapshotDir: 'test/fixtures/fake-aws/tiny', pageSize: { ec2: 1 } });
    process.env.AWS_ENDPOINT_URL = fake.url;
  });

  afterEach(() => fake.setFaults({}));

  afterAll(async () => {
    delete process.env.AWS_ENDPOINT_URL;
    await fake.stop();
  });

  it('collects the cluster through real SDK clients, paging EC2 one instance at a time', async () => {
    const { view } = await new LiveAccountSource({ maxAttempts: 1 }).collect(prod);
    expect(view.gaps).toEqual([]);
    expect(view.roles.map((r) => r.arn)).toEqual([WORKER]);
    expect(view.roles[0]?.inlinePolicies.map((p) => p.name)).toEqual(['nodes']);
    expect(view.managedPolicies.map((p) => [p.arn, p.defaultVersionId])).toEqual([['arn:aws:iam::123456789012:policy/ecr', 'v2']]);
    expect(view.instances.map((i) => i.instanceId)).toEqual(['i-0aaa']);
    expect(view.subnets.map((s) => s.subnetId)).toContain('subnet-0a');
  });

  it('falls back to the local evaluator when the endpoint does not implement simulation (501)', async () => {
    const collected = await new LiveAccountSource({ maxAttempts: 1 }).collect(prod);
    const role = collected.view.roles[0];
    if (role === undefined) throw new Error('worker role not collected');
    const answers = await collected.decisions?.decide({ role, actions: ['ec2:DescribeInstances'] });
    // The answers carry the fallback (lib/app/analyse-iam.ts turns it into the cluster note); collect's notes stay its own.
    expect(answers).toEqual([expect.objectContaining({ engine: 'local', fallbackReason: expect.stringMatching(/^NotImplemented: /) })]);
    expect(collected.notes).toEqual([]);
  });

  it('turns UnauthorizedOperation from EC2 into a gap', async () => {
    fake.setFaults({ denied: ['DescribeSubnets'] });
    const { view } = await new LiveAccountSource({ maxAttempts: 1 }).collect(prod);
    expect(view.gaps).toEqual([expect.objectContaining({ kind: 'subnets', source: 'ec2:DescribeSubnets', reason: expect.stringMatching(/^UnauthorizedOperation: /) })]);
  });

  it('reports a missing role as absent (NoSuchEntity parsed from the wire)', async () => {
    const { view } = await new LiveAccountSource({ maxAttempts: 1 }).collect(clusterSchema.parse({ ...prod, roles: { worker: 'arn:aws:iam::123456789012:role/nope' } }));
    expect(view.roles).toEqual([]);
    expect(view.gaps).toEqual([]);
  });

  it('captures a snapshot the reader reads back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kaa-loopback-'));
    try {
      const source = new LiveAccountSource({ maxAttempts: 1 });
      const live = (await source.collect(prod)).view;
      await captureSnapshot(prod, dir, { source });
      const snapshot = await readSnapshot(dir);
      expect(snapshot.roles.find((r) => r.arn === WORKER)).toEqual(live.roles[0]);
      expect(snapshot.instances).toEqual(live.instances);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
