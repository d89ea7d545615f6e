import { describe, expect, it } from '@jest/globals';
import { cliTimestamp, toCliJson } from '../../../lib/adapters/snapshot-writer/cli-json.js';

describe('cliTimestamp', () => {
  it('prints timestamps as the AWS CLI does (isoformat, +00:00)', () => {
    expect(cliTimestamp(new Date('2026-08-30T07:15:42Z'))).toBe('2026-08-30T07:15:42+00:00');
    expect(cliTimestamp(new Date('2026-08-30T07:15:42.123Z'))).toBe('2026-08-30T07:15:42.123000+00:00');
  });
});

describe('toCliJson', () => {
  it('drops $metadata and undefined fields, converts Dates, keeps the PascalCase shape', () => {
    const out = toCliJson({ $metadata: { httpStatusCode: 200 }, Subnets: [{ SubnetId: 'subnet-1', VpcId: undefined, Tags: [] }], LaunchTime: new Date('2026-01-02T03:04:05Z') });
    expect(out).toEqual({ Subnets: [{ SubnetId: 'subnet-1', Tags: [] }], LaunchTime: '2026-01-02T03:04:05+00:00' });
  });

  it('decodes URL-encoded IAM policy documents into objects, as the CLI prints them', () => {
    const encoded = encodeURIComponent('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}');
    const out = toCliJson({ RoleDetailList: [{ AssumeRolePolicyDocument: encoded, RolePolicyList: [{ PolicyName: 'p', PolicyDocument: encoded }] }] });
    expect(out).toEqual({
      RoleDetailList: [
        {
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }] },
          RolePolicyList: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }] } }],
        },
      ],
    });
  });

  it('keeps a document it cannot decode as returned (the reader reports it)', () => {
    expect(toCliJson({ Document: '%ZZ' })).toEqual({ Document: '%ZZ' });
  });
});
