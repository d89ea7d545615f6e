import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { StateConflictError, type ClusterStateStore, type DeliveryRecord, type StoredReportLocation, type Versioned } from '../../app/delivery-ports.js';
import { renderJson } from '../../domain/report/render/json.js';
import type { Report } from '../../domain/report/report.js';
import { awsErrorCode, awsHttpStatus, describeAwsError } from '../aws/classify-aws-error.js';
import { ReportStoreError } from './errors.js';
import { parseStoredReport } from './parse-stored-report.js';

/**
 * The IAM actions {@link S3ClusterStateStore} calls, on the objects under its prefix. `s3:ListBucket` on the bucket is
 * not called but makes S3 answer a GetObject of a missing key with 404 NoSuchKey instead of 403 (see
 * S3ReportStore), so a first run is told from a broken store.
 */
export const S3_CLUSTER_STATE_PERMISSIONS = ['s3:GetObject', 's3:PutObject', 's3:ListBucket'] as const;

/** Options of {@link S3ClusterStateStore}. */
export interface S3ClusterStateStoreOptions {
  bucket: string;
  /** Key prefix. Default `reports/`. */
  prefix?: string;
  client?: S3Client;
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/**
 * The per-cluster state in S3, written with conditional PUTs (`If-Match: <etag>` to replace what was read,
 * `If-None-Match: *` to create), which S3 answers with 412 PreconditionFailed when another writer got there first:
 * - `<prefix>state/<account>/<region>/<cluster>.json`: the cluster's last committed report (the diff baseline);
 * - `<prefix>runs/<runId>/<account>/<region>/<cluster>.json`: the full report of one run, linked from its alert;
 * - `<prefix>deliveries/<runId>/<account>/<region>/<cluster>.json`: what was published of that alert.
 */
export class S3ClusterStateStore implements ClusterStateStore {
  static readonly permissions = S3_CLUSTER_STATE_PERMISSIONS;
  readonly location: string;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly client: S3Client;

  constructor(options: S3ClusterStateStoreOptions) {
    this.bucket = options.bucket;
    this.prefix = options.prefix ?? 'reports/';
    this.client = options.client ?? new S3Client({});
    this.location = `s3://${this.bucket}/${this.prefix}`;
  }

  async getState(key: string): Promise<Versioned<Report> | undefined> {
    const got = await this.read(this.objectKey('state', key));
    if (got === undefined) return undefined;
    try {
      return { value: parseStoredReport(got.text), version: got.etag };
    } catch (error) {
      throw new ReportStoreError('corrupt', this.uri(this.objectKey('state', key)), (error as Error).message, { cause: error });
    }
  }

  putState(key: string, report: Report, expected: string | null): Promise<string> {
    return this.write(this.objectKey('state', key), renderJson(report), expected);
  }

  async putRunReport(key: string, runId: string, report: Report): Promise<StoredReportLocation> {
    const objectKey = this.objectKey(`runs/${safeSegment(runId)}`, key);
    await this.write(objectKey, renderJson(report), undefined);
    return { uri: this.uri(objectKey), bucket: this.bucket, key: objectKey };
  }

  async getDelivery(key: string, runId: string): Promise<Versioned<DeliveryRecord> | undefined> {
    const objectKey = this.objectKey(`deliveries/${safeSegment(runId)}`, key);
    const got = await this.read(objectKey);
    if (got === undefined) return undefined;
    try {
      const value = JSON.parse(got.text) as DeliveryRecord;
      if (value.version !== 1 || value.runId !== runId || !Array.isArray(value.published)) throw new Error('not a delivery record of this run');
      return { value, version: got.etag };
    } catch (error) {
      throw new ReportStoreError('corrupt', this.uri(objectKey), (error as Error).message, { cause: error });
    }
  }

  putDelivery(key: string, runId: string, record: DeliveryRecord, expected: string | null): Promise<string> {
    return this.write(this.objectKey(`deliveries/${safeSegment(runId)}`, key), `${JSON.stringify(record, null, 2)}\n`, expected);
  }

  private async read(objectKey: string): Promise<{ text: string; etag: string } | undefined> {
    try {
      const output = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: objectKey }));
      if (output.Body === undefined || output.ETag === undefined) throw new ReportStoreError('read', this.uri(objectKey), 'the object has no body or ETag');
      return { text: await output.Body.transformToString('utf8'), etag: output.ETag };
    } catch (error) {
      if (error instanceof ReportStoreError) throw error;
      if (awsErrorCode(error) === 'NoSuchKey') return undefined;
      throw new ReportStoreError('read', this.uri(objectKey), describeAwsError(error), { cause: error });
    }
  }

  /** A PUT, conditional when `expected` is given: an ETag (If-Match) or null (If-None-Match: *). */
  private async write(objectKey: string, body: string, expected: string | null | undefined): Promise<string> {
    try {
      const output = await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: objectKey,
          Body: body,
          ContentType: 'application/json; charset=utf-8',
          ...(expected === undefined ? {} : expected === null ? { IfNoneMatch: '*' } : { IfMatch: expected }),
        }),
      );
      return output.ETag ?? '';
    } catch (error) {
      const status = awsHttpStatus(error);
      // 412: the condition failed; 409 ConditionalRequestConflict: a concurrent conditional write is in flight.
      if (status === 412 || status === 409 || (expected !== undefined && expected !== null && awsErrorCode(error) === 'NoSuchKey')) {
        throw new StateConflictError(this.uri(objectKey), { cause: error });
      }
      throw new ReportStoreError('write', this.uri(objectKey), describeAwsError(error), { cause: error });
    }
  }

  private objectKey(kind: string, key: string): string {
    if (!KEY.test(key) || key.split('/').some((segment) => segment === '..' || segment === '.')) {
      throw new RangeError(`invalid state key ${JSON.stringify(key)}`);
    }
    return `${this.prefix}${kind}/${key}.json`;
  }

  private uri(objectKey: string): string {
    return `s3://${this.bucket}/${objectKey}`;
  }
}

/** A run id as one key segment. */
function safeSegment(runId: string): string {
  const segment = runId.replace(/[^A-Za-z0-9._-]/gu, '-').replace(/^[^A-Za-z0-9]+/u, '');
  if (segment === '') throw new RangeError(`invalid run id ${JSON.stringify(runId)}`);
  return segment;
}
