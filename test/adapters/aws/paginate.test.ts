import { describe, expect, it } from '@jest/globals';
import { AwsCallError } from '../../../lib/adapters/aws/errors.js';
import { chunk, collectPages, ec2NextToken, iamMarker } from '../../../lib/adapters/aws/paginate.js';

const source = { operation: 'ec2:DescribeInstances', region: 'us-west-1' };

describe('collectPages', () => {
  it('follows tokens until a page has none', async () => {
    // Arrange
    const pages: Record<string, { n: number; NextToken?: string }> = { start: { n: 1, NextToken: 'a' }, a: { n: 2, NextToken: 'b' }, b: { n: 3 } };
    const asked: (string | undefined)[] = [];
    // Act
    const result = await collectPages(source, (token) => {
      asked.push(token);
      return Promise.resolve(pages[token ?? 'start'] as { n: number; NextToken?: string });
    }, ec2NextToken);
    // Assert
    expect(result.map((p) => p.n)).toEqual([1, 2, 3]);
    expect(asked).toEqual([undefined, 'a', 'b']);
  });

  it('stops with an error instead of looping when a token repeats', async () => {
    const failure = await collectPages(source, () => Promise.resolve({ NextToken: 'same' }), ec2NextToken).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AwsCallError);
    expect((failure as AwsCallError).reason).toMatch(/same pagination token twice/);
  });

  it('treats an IAM page that is truncated without a Marker as an error, not the end', async () => {
    const iam = { operation: 'iam:ListRolePolicies', region: 'us-west-1' };
    const failure = await collectPages(iam, () => Promise.resolve({ IsTruncated: true }), iamMarker(iam)).catch((e: unknown) => e);
    expect((failure as AwsCallError).reason).toMatch(/truncated but has no Marker/);
  });
});

describe('collectPages page cap (issue 9)', () => {
  it('gives up on an endless stream of new tokens after the cap, as an incomplete listing', async () => {
    let calls = 0;
    const failure = await collectPages({ operation: 'ec2:DescribeInstances', region: 'us-west-1', maxPages: 25 }, async () => ({ NextToken: `t-${(calls += 1)}` }), ec2NextToken).catch((e: unknown) => e);

    expect(calls).toBe(25);
    expect(failure).toBeInstanceOf(AwsCallError);
    expect((failure as AwsCallError).reason).toContain('page cap');
  });

  it('takes the cap from KUBE_AWS_AUDIT_MAX_PAGES', async () => {
    const { maxPagesPerListing, DEFAULT_MAX_PAGES } = await import('../../../lib/adapters/aws/paginate.js');
    expect(maxPagesPerListing({})).toBe(DEFAULT_MAX_PAGES);
    expect(maxPagesPerListing({ KUBE_AWS_AUDIT_MAX_PAGES: '7' })).toBe(7);
    expect(maxPagesPerListing({ KUBE_AWS_AUDIT_MAX_PAGES: 'x' })).toBe(DEFAULT_MAX_PAGES);
  });
});

describe('chunk', () => {
  it('splits 450 values into 200, 200 and 50', () => {
    expect(chunk(Array.from({ length: 450 }, (_, i) => i), 200).map((c) => c.length)).toEqual([200, 200, 50]);
    expect(chunk([], 200)).toEqual([]);
  });
});
