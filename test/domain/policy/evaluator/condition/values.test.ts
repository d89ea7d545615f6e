import { describe, expect, it } from '@jest/globals';
import {
  cidrContains,
  parseBool,
  parseCidr,
  parseDate,
  parseIpAddress,
  parseNumber,
  splitArn,
} from '../../../../../lib/domain/policy/evaluator/condition/values.js';

describe('condition value parsers', () => {
  it.each([
    ['10', 10],
    [' -1.5 ', -1.5],
    ['1e3', 1000],
    ['.5', 0.5],
    ['', undefined],
    ['0x10', undefined],
    ['ten', undefined],
  ])('parseNumber(%j) -> %j', (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });

  it.each([
    ['2026-01-31T12:00:00Z', Date.UTC(2026, 0, 31, 12)],
    ['2026-01-31T12:00:00', Date.UTC(2026, 0, 31, 12)],
    ['2026-01-31', Date.UTC(2026, 0, 31)],
    ['2026-01-31T14:00:00+0200', Date.UTC(2026, 0, 31, 12)],
    ['2026-01-31T14:00:00.500+02:00', Date.UTC(2026, 0, 31, 12, 0, 0, 500)],
    ['1769860800', Date.UTC(2026, 0, 31, 12)],
    ['31/01/2026', undefined],
    ['2026-13-45', undefined],
  ])('parseDate(%j) -> %j', (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });

  it.each([
    ['true', true],
    ['FALSE', false],
    ['yes', undefined],
  ])('parseBool(%j) -> %j', (text, expected) => {
    expect(parseBool(text)).toBe(expected);
  });

  it.each([
    ['10.0.0.0/8', '10.255.1.2', true],
    ['10.0.0.0/8', '11.0.0.1', false],
    ['0.0.0.0/0', '192.0.2.1', true],
    ['192.0.2.5', '192.0.2.5', true],
    ['192.0.2.5', '192.0.2.6', false],
    ['2001:db8::/32', '2001:db8:ffff::1', true],
    ['2001:db8::/32', '2001:db9::1', false],
    ['::ffff:192.0.2.0/120', '::ffff:192.0.2.77', true],
    ['::/0', '10.0.0.1', false],
    ['fe80::1', 'FE80:0:0:0:0:0:0:1', true],
  ])('cidr %s contains %s -> %s', (cidr, ip, expected) => {
    const block = parseCidr(cidr);
    const address = parseIpAddress(ip);
    expect(block).toBeDefined();
    expect(address).toBeDefined();
    expect(cidrContains(block!, address!)).toBe(expected);
  });

  it.each(['256.0.0.1', '10.0.0', '10.0.0.0/33', '1:2:3:4:5:6:7:8:9', '1::2::3', 'fe80::/129', 'g::1', 'abc'])(
    'rejects the invalid address or block %j',
    (text) => {
      expect(parseCidr(text)).toBeUndefined();
    },
  );

  it('splits an ARN into six components, keeping colons in the resource', () => {
    expect(splitArn('arn:aws:logs:us-west-1:123456789012:log-group:/k8s:*')).toEqual([
      'arn', 'aws', 'logs', 'us-west-1', '123456789012', 'log-group:/k8s:*',
    ]);
    expect(splitArn('arn:aws:s3:::bucket')).toEqual(['arn', 'aws', 's3', '', '', 'bucket']);
    expect(splitArn('arn:aws:s3')).toBeUndefined();
  });
});
