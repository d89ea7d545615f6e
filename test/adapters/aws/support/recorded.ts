import type { AssumeRoleCommandOutput } from '@aws-sdk/client-sts';
import { readFileSync } from 'node:fs';

/** Timestamp fields of the recorded responses: the SDK hands them out as Date objects. */
const DATE_FIELDS = new Set(['CreateDate', 'UpdateDate', 'LaunchTime', 'AttachTime', 'Expiration', 'LastUsedDate', 'UsageTime']);

/**
 * A recorded-shape AWS response from test/fixtures/recorded/<service>.<Operation>_<n>.json (account scrubbed to
 * 123456789012), with timestamps revived as Dates, exactly as an SDK v3 client resolves it. Each call returns a
 * fresh copy.
 */
export function recorded<T = Record<string, unknown>>(name: string): T {
  const text = readFileSync(new URL(`../../../fixtures/recorded/${name}.json`, import.meta.url), 'utf8');
  return JSON.parse(text, (key, value: unknown) => (DATE_FIELDS.has(key) && typeof value === 'string' ? new Date(value) : value)) as T;
}

/** An SDK-like service error (what a client throws after its retries). */
export function awsError(
  name: string,
  message: string,
  httpStatusCode: number,
  extra: { fault?: 'client' | 'server'; attempts?: number } = {},
): Error {
  const error = new Error(message) as Error & Record<string, unknown>;
  error.name = name;
  error.$fault = extra.fault ?? (httpStatusCode >= 500 ? 'server' : 'client');
  error.$metadata = { httpStatusCode, attempts: extra.attempts ?? 1, requestId: '00000000-0000-0000-0000-000000000000' };
  return error;
}

/** The recorded AssumeRole response with credentials expiring at `expiration` (and optionally another key id). */
export function assumeRoleOutput(expiration: Date, accessKeyId?: string): AssumeRoleCommandOutput {
  const out = recorded<AssumeRoleCommandOutput>('sts.AssumeRole_1');
  return { ...out, Credentials: { ...(out.Credentials as NonNullable<AssumeRoleCommandOutput['Credentials']>), Expiration: expiration, ...(accessKeyId === undefined ? {} : { AccessKeyId: accessKeyId }) } };
}
