import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { SNSClient } from '@aws-sdk/client-sns';
import { STSClient, type STSClientConfig } from '@aws-sdk/client-sts';
import { awsTimeouts, type AwsTimeouts } from './timeouts.js';

/** The SDK clients the live engine uses, for one region and one set of credentials. */
export interface AwsClients {
  iam: IAMClient;
  ec2: EC2Client;
  sts: STSClient;
  sns: SNSClient;
}

/** Static credentials or an async provider, as every SDK v3 client accepts them. */
export type AwsCredentials = NonNullable<STSClientConfig['credentials']>;

/** How to build the clients. */
export interface ClientOptions {
  region: string;
  /** Credentials or an async provider; default: the SDK's default chain (env, profile, SSO, container, instance). */
  credentials?: AwsCredentials;
  /** Attempts per call including the first (SDK retries). Default {@link DEFAULT_MAX_ATTEMPTS}. */
  maxAttempts?: number;
  /** `adaptive` adds client-side rate limiting on throttling errors, which IAM and EC2 hand out at scale. */
  retryMode?: 'adaptive' | 'standard';
  /** Connection and per-attempt socket timeouts; default {@link awsTimeouts} (environment, else 5 s and 30 s). */
  timeouts?: Pick<AwsTimeouts, 'connectMs' | 'requestMs'>;
}

/** Default attempts per AWS call: throttling ("Rate exceeded") is common, so more than the SDK's 3. */
export const DEFAULT_MAX_ATTEMPTS = 6;

/** Builds a client factory's output; the type of {@link createClients}, injectable for tests. */
export type ClientFactory = (options: ClientOptions) => AwsClients;

/**
 * Creates the IAM, EC2, STS and SNS clients for a region. Endpoints are never hard-coded: the SDK's standard
 * configuration resolves them, so `AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_<SERVICE>`, profile `endpoint_url`,
 * FIPS/dual-stack settings and partitions all work as they do for the AWS CLI. Every client has a connection and a
 * socket timeout (the SDK's default is none: a silent endpoint would hang the run; docs/reliability.md).
 */
export function createClients(options: ClientOptions): AwsClients {
  const timeouts = options.timeouts ?? awsTimeouts();
  const config = {
    region: options.region,
    requestHandler: { connectionTimeout: timeouts.connectMs, requestTimeout: timeouts.requestMs, throwOnRequestTimeout: true },
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: options.retryMode ?? 'adaptive',
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
  };
  return {
    iam: new IAMClient(config),
    ec2: new EC2Client(config),
    sts: new STSClient(config),
    sns: new SNSClient(config),
  };
}
