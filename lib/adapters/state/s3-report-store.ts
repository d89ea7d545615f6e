import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ReportStore } from '../../app/delivery-ports.js';
import { renderJson } from '../../domain/report/render/json.js';
import type { Report } from '../../domain/report/report.js';
import { awsErrorCode, describeAwsError } from '../aws/classify-aws-error.js';
import { ReportStoreError } from './errors.js';
import { parseStoredReport } from './parse-stored-report.js';

/**
 * The IAM actions {@link S3ReportStore} needs. `s3:ListBucket` (on the bucket, not its objects) is not called, but
 * without it S3 answers a GetObject of a missing key with 403 AccessDenied instead of 404 NoSuchKey, and the first
 * run could not be told from a broken store.
 */
export const S3_REPORT_STORE_PERMISSIONS = ['s3:GetObject', 's3:PutObject', 's3:ListBucket'] as const;

/** Options of {@link S3ReportStore}. */
export interface S3ReportStoreOptions {
  bucket: string;
  /** Key prefix. Default `reports/`. */
  prefix?: string;
  /** Default: `new S3Client({})` (the Lambda's region). */
  client?: S3Client;
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/**
 * The previous-report store in S3: one JSON object per state key (`<prefix><key>.json`, e.g.
 * `reports/123456789012/us-west-1.json`), holding the last report of that account and region.
 *
 * `get` resolves undefined only for NoSuchKey (the first run); any other failure, or an object that is not a
 * report, rejects with a {@link ReportStoreError} so the run never mistakes a broken store for a first run.
 */
export class S3ReportStore implements ReportStore {
  static readonly permissions = S3_REPORT_STORE_PERMISSIONS;
  readonly location: string;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly client: S3Client;

  constructor(options: S3ReportStoreOptions) {
    this.bucket = options.bucket;
    this.prefix = options.prefix ?? 'reports/';
    this.client = options.client ?? new S3Client({});
    this.location = `s3://${this.bucket}/${this.prefix}`;
  }

  async get(key: string): Promise<Report | undefined> {
    const objectKey = this.objectKey(key);
    const location = `s3://${this.bucket}/${objectKey}`;
    let text: string;
    try {
      const output = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: objectKey }));
      if (output.Body === undefined) throw new ReportStoreError('read', location, 'the object has no body');
      text = await output.Body.transformToString('utf8');
    } catch (error) {
      if (error instanceof ReportStoreError) throw error;
      if (awsErrorCode(error) === 'NoSuchKey') return undefined;
      throw new ReportStoreError('read', location, describeAwsError(error), { cause: error });
    }
    try {
      return parseStoredReport(text);
    } catch (error) {
      throw new ReportStoreError('corrupt', location, (error as Error).message, { cause: error });
    }
  }

  async put(key: string, report: Report): Promise<void> {
    const objectKey = this.objectKey(key);
    try {
      await this.client.send(
        new PutObjectCommand({ Bucket: this.bucket, Key: objectKey, Body: renderJson(report), ContentType: 'application/json; charset=utf-8' }),
      );
    } catch (error) {
      throw new ReportStoreError('write', `s3://${this.bucket}/${objectKey}`, describeAwsError(error), { cause: error });
    }
  }

  private objectKey(key: string): string {
    if (!KEY.test(key) || key.split('/').some((segment) => segment === '..' || segment === '.')) {
      throw new RangeError(`invalid report store key ${JSON.stringify(key)}`);
    }
    return `${this.prefix}${key}.json`;
  }
}
