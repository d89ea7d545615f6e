import { describe, expect, it } from '@jest/globals';
import { callAws } from '../../../lib/adapters/aws/call-aws.js';
import { Deadline } from '../../../lib/adapters/aws/deadline.js';
import { AwsCallError, DeadlineReachedError } from '../../../lib/adapters/aws/errors.js';
import { limit } from '../../../lib/adapters/aws/limit.js';
import { awsError } from './support/recorded.js';
import { testContext } from './support/contexts.js';

describe('callAws', () => {
  it('returns what the call resolves', async () => {
    await expect(callAws(testContext(), 'ec2:DescribeSubnets', undefined, () => Promise.resolve({ Subnets: [] }))).resolves.toEqual({ Subnets: [] });
  });

  it('wraps an SDK error into an AwsCallError with operation, region, arn, kind and reason', async () => {
    // Arrange
    const sdkError = awsError('AccessDenied', 'User: x is not authorized to perform: iam:GetRole', 403);
    // Act
    const failure = await callAws(testContext(), 'iam:GetRole', 'arn:aws:iam::123456789012:role/k8s-worker', () => Promise.reject(sdkError)).catch((e: unknown) => e);
    // Assert
    expect(failure).toBeInstanceOf(AwsCallError);
    expect(failure).toMatchObject({
      operation: 'iam:GetRole',
      region: 'us-west-1',
      arn: 'arn:aws:iam::123456789012:role/k8s-worker',
      kind: 'access-denied',
      code: 'AccessDenied',
      reason: 'AccessDenied: User: x is not authorized to perform: iam:GetRole',
      cause: sdkError,
    });
  });

  it('re-throws its own errors unchanged (e.g. an AssumeRole failure raised inside a credentials provider)', async () => {
    const own = new AwsCallError({ operation: 'sts:AssumeRole', region: 'us-west-1', kind: 'access-denied', code: 'AccessDenied', reason: 'AccessDenied: no', cause: undefined });
    await expect(callAws(testContext(), 'ec2:DescribeInstances', undefined, () => Promise.reject(own))).rejects.toBe(own);
  });

  it('issues no call once the deadline has passed', async () => {
    // Arrange
    const context = testContext({ deadline: new Date(Date.now() - 1000) });
    let called = false;
    // Act
    const failure = await callAws(context, 'ec2:DescribeSubnets', undefined, () => {
      called = true;
      return Promise.resolve({});
    }).catch((e: unknown) => e);
    // Assert
    expect(called).toBe(false);
    expect(failure).toBeInstanceOf(DeadlineReachedError);
    expect((failure as DeadlineReachedError).reason).toBe('deadline reached before ec2:DescribeSubnets');
  });

  it('hands the deadline signal to the SDK and reports an aborted call as "during"', async () => {
    // Arrange
    const controller = new AbortController();
    const context = { region: 'us-west-1', limiter: limit(1), deadline: new Deadline(controller.signal) };
    // Act
    const failure = await callAws(context, 'ec2:DescribeInstances', undefined, (options) => {
      // The SDK gets a signal that the deadline aborts (combined with the per-call timeout, issue 9).
      expect(options.abortSignal?.aborted).toBe(false);
      controller.abort();
      expect(options.abortSignal?.aborted).toBe(true);
      return Promise.reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' }));
    }).catch((e: unknown) => e);
    // Assert
    expect((failure as DeadlineReachedError).reason).toBe('deadline reached during ec2:DescribeInstances');
  });

  // Issue 9: an HTTP 200 that the SDK parses into nothing read as "no resources".
  it('sends an empty answer once more, then fails it as EmptyResponse instead of returning "no resources"', async () => {
    let calls = 0;
    const failure = await callAws(testContext(), 'ec2:DescribeRouteTables', undefined, () => {
      calls += 1;
      return Promise.resolve({ $metadata: {} });
    }).catch((e: unknown) => e);

    expect(calls).toBe(2);
    expect(failure).toBeInstanceOf(AwsCallError);
    expect((failure as AwsCallError).code).toBe('EmptyResponse');
    expect((failure as AwsCallError).reason).toContain('without RouteTables');
  });

  it('returns the second answer when only the first was empty', async () => {
    let calls = 0;
    const out = await callAws(testContext(), 'iam:ListInstanceProfilesForRole', undefined, () => {
      calls += 1;
      return Promise.resolve(calls === 1 ? {} : { InstanceProfiles: [] });
    });

    expect(out).toEqual({ InstanceProfiles: [] });
  });

  it('ends a call that never completes after the per-call timeout (no --deadline needed)', async () => {
    const context = { ...testContext(), callTimeoutMs: 50 };
    const failure = await callAws(context, 'ec2:DescribeSubnets', undefined, (options) =>
      new Promise((_resolve, reject) => options.abortSignal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })))),
    ).catch((e: unknown) => e);

    expect((failure as AwsCallError).code).toBe('TimeoutError');
  });
});
