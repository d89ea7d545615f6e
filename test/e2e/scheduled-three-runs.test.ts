/**
 * Issue 9: the scheduled flow over three runs (baseline, fault, clean) through the real handlers, SDK clients and
 * state store against the loopback fake (test/e2e/support/service-harness.ts): a run whose EC2 answers come back
 * empty (HTTP 200, no body) reports `status: error` and calls nothing resolved that it did not check, and the clean
 * run after it calls nothing resolved either (the errors that went away fixed nothing).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { AlertEnvelope } from '../../lib/domain/report/sns-message.js';
import { FakeAws } from '../support/fake-aws/fake-aws-server.js';
import { startService, type Service } from './support/service-harness.js';

function config(): string {
  const demo = parse(readFileSync('fixtures/demo/config.yaml', 'utf8')) as { clusters: Record<string, unknown>[] };
  return JSON.stringify({ clusters: [demo.clusters[1]], alerts: { minSeverity: 'low', mode: 'changes', format: 'text' } });
}

describe('scheduled flow over three runs: baseline, fault, clean (issue 9)', () => {
  let fake: FakeAws;
  let service: Service | undefined;
  beforeEach(async () => {
    fake = await FakeAws.start({ snapshotDir: 'fixtures/demo/snapshot' });
  });
  afterEach(async () => {
    service?.close();
    await fake.stop();
  });

  it.each(['DescribeInstances', 'DescribeRouteTables'])('an empty %s answer in run 2: nothing is called resolved in run 2 or run 3', async (operation) => {
    service = await startService(fake, config());
    const subscriber = await service.subscribeQueue('subscriber');
    const run = async (): Promise<AlertEnvelope[]> => {
      await service!.dispatch();
      await service!.drain();
      return (await service!.receiveAll(subscriber)).map((m) => JSON.parse((JSON.parse(m.body) as { Message: string }).Message) as AlertEnvelope);
    };

    const baseline = await run();
    fake.setFaults({ empty: [operation] });
    const fault = await run();
    fake.setFaults({});
    const clean = await run();

    expect(baseline).toHaveLength(1);
    expect(baseline[0]!.summary.new).toBeGreaterThan(0);
    expect(fault).toHaveLength(1); // errors always alert
    expect(fault[0]!.summary.errors).toBeGreaterThan(0);
    expect(fault[0]!.summary.resolved).toBe(0);
    expect(fault[0]!.resolved).toEqual([]);
    for (const envelope of clean) {
      expect(envelope.summary.resolved).toBe(0);
      expect(envelope.resolved).toEqual([]);
    }
  }, 120_000);
});
