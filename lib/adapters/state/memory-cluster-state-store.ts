import { StateConflictError, type ClusterStateStore, type DeliveryRecord, type StoredReportLocation, type Versioned } from '../../app/delivery-ports.js';
import type { Report } from '../../domain/report/report.js';

/**
 * The per-cluster state in memory, with the same conditional-write semantics as the S3 store (a version per write;
 * a stale or unexpected version is a {@link StateConflictError}). For local runs (`npm run invoke:demo`) and tests.
 */
export class MemoryClusterStateStore implements ClusterStateStore {
  readonly location = 'memory://state/';
  readonly objects = new Map<string, { body: string; version: string }>();
  private counter = 0;

  async getState(key: string): Promise<Versioned<Report> | undefined> {
    const got = this.objects.get(`state/${key}`);
    return got === undefined ? undefined : { value: JSON.parse(got.body) as Report, version: got.version };
  }

  putState(key: string, report: Report, expected: string | null): Promise<string> {
    return this.write(`state/${key}`, JSON.stringify(report), expected);
  }

  async putRunReport(key: string, runId: string, report: Report): Promise<StoredReportLocation> {
    const objectKey = `runs/${runId}/${key}.json`;
    await this.write(objectKey, JSON.stringify(report), undefined);
    return { uri: `${this.location}${objectKey}`, bucket: 'memory', key: objectKey };
  }

  async getDelivery(key: string, runId: string): Promise<Versioned<DeliveryRecord> | undefined> {
    const got = this.objects.get(`deliveries/${runId}/${key}`);
    return got === undefined ? undefined : { value: JSON.parse(got.body) as DeliveryRecord, version: got.version };
  }

  putDelivery(key: string, runId: string, record: DeliveryRecord, expected: string | null): Promise<string> {
    return this.write(`deliveries/${runId}/${key}`, JSON.stringify(record), expected);
  }

  private async write(objectKey: string, body: string, expected: string | null | undefined): Promise<string> {
    const current = this.objects.get(objectKey);
    if (expected === null && current !== undefined) throw new StateConflictError(`${this.location}${objectKey}`);
    if (typeof expected === 'string' && current?.version !== expected) throw new StateConflictError(`${this.location}${objectKey}`);
    this.counter += 1;
    const version = `"v${this.counter}"`;
    this.objects.set(objectKey, { body, version });
    return version;
  }
}
