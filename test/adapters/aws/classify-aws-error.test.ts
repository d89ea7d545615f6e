import { describe, expect, it } from '@jest/globals';
import { awsErrorCode, classifyAwsError, describeAwsError } from '../../../lib/adapters/aws/classify-aws-error.js';
import { awsError } from './support/recorded.js';

describe('classifyAwsError', () => {
  it.each([
    ['AccessDenied', 403, 'access-denied'],
    ['AccessDeniedException', 400, 'access-denied'],
    ['UnauthorizedOperation', 403, 'access-denied'],
    ['Throttling', 400, 'throttled'],
    ['ThrottlingException', 400, 'throttled'],
    ['RequestLimitExceeded', 503, 'throttled'],
    ['NoSuchEntityException', 404, 'not-found'],
    ['InvalidInstanceID.NotFound', 400, 'not-found'],
    ['NotImplemented', 501, 'not-implemented'],
    ['InternalFailure', 500, 'server'],
    ['ValidationError', 400, 'other'],
  ] as const)('classifies %s (HTTP %i) as %s', (name, status, kind) => {
    // Arrange
    const error = awsError(name, 'message', status);
    // Act / Assert
    expect(classifyAwsError(error)).toBe(kind);
  });

  it('prefers the query-protocol Code over the SDK class name (IAM NoSuchEntity)', () => {
    const error = Object.assign(awsError('NoSuchEntityException', 'The role with name x cannot be found.', 404), { Code: 'NoSuchEntity' });
    expect(awsErrorCode(error)).toBe('NoSuchEntity');
    expect(classifyAwsError(error)).toBe('not-found');
  });

  it('falls back to the HTTP status for unknown codes', () => {
    expect(classifyAwsError(awsError('Unknown', 'x', 501))).toBe('not-implemented');
    expect(classifyAwsError(awsError('Unknown', 'x', 502))).toBe('server');
    expect(classifyAwsError(awsError('Unknown', 'x', 403))).toBe('access-denied');
    expect(classifyAwsError(awsError('Unknown', 'x', 429))).toBe('throttled');
  });

  it('classifies network failures and non-errors as other', () => {
    expect(classifyAwsError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe('other');
    expect(classifyAwsError('boom')).toBe('other');
    expect(classifyAwsError(undefined)).toBe('other');
  });
});

describe('describeAwsError', () => {
  it('says code, message and how many attempts the SDK made', () => {
    const error = awsError('Throttling', 'Rate exceeded', 400, { attempts: 6 });
    expect(describeAwsError(error)).toBe('Throttling: Rate exceeded (after 6 attempts)');
  });

  it('uses the HTTP status when the service sent no message', () => {
    expect(describeAwsError(awsError('NotImplemented', 'UnknownError', 501))).toBe('NotImplemented: HTTP 501');
  });
});
