import { beforeEach, describe, expect, it } from '@jest/globals';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, type GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { ReportStoreError } from '../../../lib/adapters/state/errors.js';
import { S3ReportStore } from '../../../lib/adapters/state/s3-report-store.js';
import { renderJson } from '../../../lib/domain/report/render/json.js';
import { aMixedReport } from '../../support/findings.js';
import { awsError } from '../aws/support/recorded.js';

const s3 = mockClient(S3Client);
const BUCKET = 'kube-aws-audit-state-123456789012';

function body(text: string): GetObjectCommandOutput['Body'] {
  return { transformToString: async () => text } as unknown as GetObjectCommandOutput['Body'];
}

function store(): S3ReportStore {
  return new S3ReportStore({ bucket: BUCKET, client: new S3Client({}) });
}

describe('S3ReportStore', () => {
  beforeEach(() => {
    s3.reset();
  });

  it('declares the actions it needs, ListBucket included so a missing key reads as NoSuchKey', () => {
    expect(S3ReportStore.permissions).toEqual(['s3:GetObject', 's3:PutObject', 's3:ListBucket']);
  });

  it('reads the last report of a key', async () => {
    // Arrange
    const report = aMixedReport();
    s3.on(GetObjectCommand, { Bucket: BUCKET, Key: 'reports/123456789012/us-west-1.json' }).resolves({ Body: body(renderJson(report)) });

    // Act
    const stored = await store().get('123456789012/us-west-1');

    // Assert
    expect(stored).toEqual(JSON.parse(renderJson(report)));
  });

  it('returns undefined on the first run (NoSuchKey)', async () => {
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } }));

    await expect(store().get('123456789012/us-west-1')).resolves.toBeUndefined();
  });

  it('never takes access denied for a first run', async () => {
    s3.on(GetObjectCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));

    const failure = await store().get('123456789012/us-west-1').catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(ReportStoreError);
    expect(failure).toMatchObject({ failure: 'read', location: `s3://${BUCKET}/reports/123456789012/us-west-1.json`, reason: 'AccessDenied: Access Denied' });
    expect((failure as Error).message).toBe(`cannot read previous report s3://${BUCKET}/reports/123456789012/us-west-1.json: AccessDenied: Access Denied`);
  });

  it('rejects an object that is not a report, naming the problem', async () => {
    s3.on(GetObjectCommand).resolvesOnce({ Body: body('{"schemaVersion":1,') }).resolvesOnce({ Body: body('{"schemaVersion":2,"findings":[]}') });

    await expect(store().get('a/b')).rejects.toMatchObject({ failure: 'corrupt', reason: expect.stringMatching(/^not JSON/) });
    await expect(store().get('a/b')).rejects.toMatchObject({ failure: 'corrupt', reason: expect.stringMatching(/^not a kube-aws-audit report: schemaVersion: /) });
  });

  it('rejects an empty response', async () => {
    s3.on(GetObjectCommand).resolves({});

    await expect(store().get('a/b')).rejects.toMatchObject({ failure: 'read', reason: 'the object has no body' });
  });

  it('writes the report JSON under the key', async () => {
    s3.on(PutObjectCommand).resolves({});
    const report = aMixedReport();

    await new S3ReportStore({ bucket: BUCKET, prefix: 'state/', client: new S3Client({}) }).put('123456789012/us-west-1', report);

    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: BUCKET,
      Key: 'state/123456789012/us-west-1.json',
      Body: renderJson(report),
      ContentType: 'application/json; charset=utf-8',
    });
  });

  it('wraps a write failure', async () => {
    s3.on(PutObjectCommand).rejects(awsError('SlowDown', 'Please reduce your request rate.', 503));

    await expect(store().put('a/b', aMixedReport())).rejects.toMatchObject({ name: 'ReportStoreError', failure: 'write', reason: 'SlowDown: Please reduce your request rate.' });
  });

  it('refuses keys that could leave the prefix', async () => {
    await expect(store().get('../other')).rejects.toThrow(RangeError);
    await expect(store().put('a/../../b', aMixedReport())).rejects.toThrow(RangeError);
    expect(s3.calls()).toHaveLength(0);
  });

  it('names its location', () => {
    expect(store().location).toBe(`s3://${BUCKET}/reports/`);
  });
});
