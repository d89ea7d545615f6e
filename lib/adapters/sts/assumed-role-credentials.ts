import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import { callAws, type AwsCallContext } from '../aws/call-aws.js';
import { AwsCallError } from '../aws/errors.js';

/** IAM actions this adapter calls (docs/architecture.md "Least privilege of the auditor"): on the configured `assumeRoleArn`s. */
export const ASSUME_ROLE_PERMISSIONS = ['sts:AssumeRole'] as const;

/** Temporary credentials as the SDK clients take them. */
export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

/** An async credentials provider (what `new EC2Client({ credentials })` accepts). */
export type TemporaryCredentialsProvider = () => Promise<TemporaryCredentials>;

/** Which role to assume, and how. */
export interface AssumeRoleRequest {
  /** STS client with the base credentials (default chain), in the cluster's region. */
  sts: STSClient;
  context: AwsCallContext;
  roleArn: string;
  externalId?: string;
  /** RoleSessionName; see {@link roleSessionName}. */
  sessionName: string;
}

export interface AssumedRoleCredentialCacheOptions {
  /** Requested session length. Default 3600 s (the role's maximum session must allow it). */
  durationSeconds?: number;
  /** Refresh this long before expiry so no call runs with credentials about to expire. Default 5 minutes. */
  refreshBeforeMs?: number;
  now?: () => number;
}

/**
 * The RoleSessionName for a cluster: `kube-aws-audit-<cluster>`, cut to STS's 64 characters, so CloudTrail shows
 * which cluster's audit made a call. Cluster names only contain characters STS allows.
 */
export function roleSessionName(cluster: string): string {
  return `kube-aws-audit-${cluster}`.slice(0, 64);
}

interface CacheEntry {
  credentials?: TemporaryCredentials;
  pending?: Promise<TemporaryCredentials>;
}

/**
 * Assumes roles with STS AssumeRole (with ExternalId) and caches the temporary credentials per role ARN
 * (and session name and external id), refreshing them shortly before they expire.
 *
 * Why not `fromTemporaryCredentials` from `@aws-sdk/credential-providers`: that package is not one of our runtime
 * dependencies (only a dev tool pulls it in), and it builds its own STS client, which tests and tracing cannot swap.
 */
export class AssumedRoleCredentialCache {
  static readonly permissions = ASSUME_ROLE_PERMISSIONS;
  private readonly entries = new Map<string, CacheEntry>();
  private readonly durationSeconds: number;
  private readonly refreshBeforeMs: number;
  private readonly now: () => number;

  constructor(options: AssumedRoleCredentialCacheOptions = {}) {
    this.durationSeconds = options.durationSeconds ?? 3600;
    this.refreshBeforeMs = options.refreshBeforeMs ?? 5 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  /**
   * A provider for the SDK clients: the first call assumes the role, later calls reuse the cached credentials
   * until they are within `refreshBeforeMs` of expiry. Concurrent calls share one AssumeRole request.
   * @throws AwsCallError when AssumeRole fails (never cached: the next call tries again)
   */
  provider(request: AssumeRoleRequest): TemporaryCredentialsProvider {
    return () => this.get(request);
  }

  /** The current credentials for the request (assuming the role if needed). */
  async get(request: AssumeRoleRequest): Promise<TemporaryCredentials> {
    const key = `${request.roleArn}\n${request.sessionName}\n${request.externalId ?? ''}`;
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = {};
      this.entries.set(key, entry);
    }
    if (entry.credentials !== undefined && entry.credentials.expiration.getTime() - this.now() > this.refreshBeforeMs) return entry.credentials;
    if (entry.pending === undefined) {
      const current = entry;
      const pending = this.assume(request).then(
        (credentials) => {
          current.credentials = credentials;
          delete current.pending;
          return credentials;
        },
        (error: unknown) => {
          delete current.pending;
          throw error;
        },
      );
      current.pending = pending;
      return pending;
    }
    return entry.pending;
  }

  private async assume(request: AssumeRoleRequest): Promise<TemporaryCredentials> {
    const out = await callAws(request.context, 'sts:AssumeRole', request.roleArn, (options) =>
      request.sts.send(
        new AssumeRoleCommand({
          RoleArn: request.roleArn,
          RoleSessionName: request.sessionName,
          DurationSeconds: this.durationSeconds,
          ...(request.externalId === undefined ? {} : { ExternalId: request.externalId }),
        }),
        options,
      ),
    );
    const c = out.Credentials;
    if (c?.AccessKeyId === undefined || c.SecretAccessKey === undefined || c.SessionToken === undefined || c.Expiration === undefined) {
      throw new AwsCallError({
        operation: 'sts:AssumeRole',
        region: request.context.region,
        arn: request.roleArn,
        kind: 'other',
        code: 'IncompleteResponse',
        reason: 'IncompleteResponse: AssumeRole returned no complete Credentials',
        cause: undefined,
      });
    }
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: new Date(c.Expiration) };
  }
}
