import { describe, expect, it } from '@jest/globals';
import type { Finding } from '../../../../lib/domain/findings/finding.js';
import { shrinkFinding } from '../../../../lib/domain/report/sns/shrink-finding.js';
import { aFinding } from '../../../support/findings.js';

const size = (f: Finding) => Buffer.byteLength(JSON.stringify(f));

describe('shrinkFinding', () => {
  it('returns the finding itself when it fits', () => {
    const f = aFinding({ evidence: { a: 1 } });

    expect(shrinkFinding(f, 10_000, size)).toBe(f);
  });

  it('replaces too large evidence with a note saying how much was left out', () => {
    const evidence = { actions: Array.from({ length: 2000 }, (_, i) => `ec2:Action${i}`) };
    const f = aFinding({ evidence });

    const shrunk = shrinkFinding(f, 2_000, size);

    expect(size(shrunk)).toBeLessThanOrEqual(2_000);
    expect(shrunk.evidence).toMatchObject({ truncated: true, omittedBytes: Buffer.byteLength(JSON.stringify(evidence)) });
    expect({ ...shrunk, evidence: undefined }).toEqual({ ...f, evidence: undefined });
  });

  it('halves the longest text, marked, when the evidence was not enough', () => {
    const f = aFinding({ detail: 'd'.repeat(50_000), remediation: 'r'.repeat(1_000) });

    const shrunk = shrinkFinding(f, 3_000, size);

    expect(size(shrunk)).toBeLessThanOrEqual(3_000);
    expect(shrunk.detail).toMatch(/^d+ \[truncated\]$/);
    expect(shrunk.id).toBe(f.id);
    expect(shrunk.resource).toEqual(f.resource);
  });

  it('stops at 200 characters per text and returns its smallest version when that still does not fit', () => {
    const f = aFinding({ detail: 'd'.repeat(5_000) });

    const shrunk = shrinkFinding(f, 10, size);

    expect(shrunk.detail).toBe(`${'d'.repeat(200)} [truncated]`);
  });
});
