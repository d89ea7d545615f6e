import { describe, expect, it } from '@jest/globals';
import { diffFindings } from '../../../lib/domain/findings/diff.js';
import { RESOURCE_TYPES } from '../../../lib/domain/findings/finding.js';
import { aFinding } from '../../support/findings.js';

const NOW = '2026-01-05T10:00:00.000Z';
const EARLIER = '2025-12-01T08:00:00.000Z';
const a = aFinding({ resource: { type: RESOURCE_TYPES.instance, id: 'i-000000000000000a' } });
const b = aFinding({ resource: { type: RESOURCE_TYPES.instance, id: 'i-000000000000000b' } });
const c = aFinding({ resource: { type: RESOURCE_TYPES.instance, id: 'i-000000000000000c' } });

describe('diffFindings', () => {
  it('with no previous report: every unsuppressed finding is new, none resolved, firstSeen is now', () => {
    const suppressed = { ...c, suppressed: { reason: 'known' } };

    const out = diffFindings([a, b, suppressed], undefined, { now: NOW });

    expect(out.newIds).toEqual([a.id, b.id]);
    expect(out.resolved).toEqual([]);
    expect(out.findings.map((f) => f.firstSeen)).toEqual([NOW, NOW, NOW]);
  });

  it('keys by id: new are the ids not seen before, resolved the ids gone', () => {
    const out = diffFindings([a, b], [{ ...a, firstSeen: EARLIER }, { ...c, firstSeen: EARLIER }], { now: NOW });

    expect(out.newIds).toEqual([b.id]);
    expect(out.resolved.map((f) => f.id)).toEqual([c.id]);
    expect(out.unverified).toEqual([]);
  });

  it('carries firstSeen over from the previous finding', () => {
    const out = diffFindings([a, b], [{ ...a, firstSeen: EARLIER }], { now: NOW });

    expect(out.findings.map((f) => f.firstSeen)).toEqual([EARLIER, NOW]);
    expect(a.firstSeen).toBeUndefined();
  });

  it('keeps a firstSeen the current finding already has when the previous report lacks it', () => {
    const out = diffFindings([{ ...a, firstSeen: EARLIER }], [], { now: NOW });

    expect(out.findings[0]?.firstSeen).toBe(EARLIER);
  });

  it('counts a finding whose suppression ended as new, and a newly suppressed one as neither new nor resolved', () => {
    const previous = [{ ...a, suppressed: { reason: 'old' } }, b];
    const current = [a, { ...b, suppressed: { reason: 'accepted now' } }];

    const out = diffFindings(current, previous, { now: NOW });

    expect(out.newIds).toEqual([a.id]);
    expect(out.resolved).toEqual([]);
  });

  it('does not count a previously suppressed finding that disappeared as resolved', () => {
    const out = diffFindings([], [{ ...a, suppressed: { reason: 'known' } }], { now: NOW });

    expect(out.resolved).toEqual([]);
  });

  it('only resolves previous findings in scope', () => {
    const otherCluster = aFinding({ cluster: 'prod-west' });

    const out = diffFindings([], [a, otherCluster], { now: NOW, inScope: (f) => f.cluster === 'prod-east' });

    expect(out.resolved.map((f) => f.id)).toEqual([a.id]);
  });

  it('leaves a previous finding unverified, not resolved, when its resource could not be checked this time', () => {
    const error = aFinding({ check: 'tags.sg.none-tagged', status: 'error', resource: a.resource, detail: 'denied' });

    const out = diffFindings([error], [a, b], { now: NOW });

    expect(out.unverified.map((f) => f.id)).toEqual([a.id]);
    expect(out.resolved.map((f) => f.id)).toEqual([b.id]);
  });

  it('does not let an error of another check family cover a finding on the same resource', () => {
    const error = aFinding({ check: 'node.private-dns.missing', status: 'error', resource: a.resource, detail: 'denied' });

    const out = diffFindings([error], [a], { now: NOW });

    expect(out.resolved.map((f) => f.id)).toEqual([a.id]);
  });

  it('leaves a whole check family unverified when an account-level error covers it', () => {
    const accountError = aFinding({ check: 'tags.instance.missing', status: 'error', resource: { type: RESOURCE_TYPES.account, id: '123456789012' }, detail: 'DescribeInstances denied' });
    const iam = aFinding({ check: 'iam.excess.admin', resource: { type: RESOURCE_TYPES.role, id: 'k8s-worker' } });

    const out = diffFindings([accountError], [a, b, iam], { now: NOW });

    expect(out.unverified.map((f) => f.id)).toEqual([a.id, b.id]);
    expect(out.resolved.map((f) => f.id)).toEqual([iam.id]);
  });

  it('does not let an error of another cluster cover a finding', () => {
    const error = aFinding({ cluster: 'prod-west', status: 'error', resource: { type: RESOURCE_TYPES.account, id: '123456789012' } });

    const out = diffFindings([error], [a], { now: NOW });

    expect(out.resolved.map((f) => f.id)).toEqual([a.id]);
  });

  // Issue 9: an error finding ("could not check") that goes away was announced as "resolved"; nothing was fixed.
  it('never counts a previous error finding that went away as resolved', () => {
    const couldNotCheck = aFinding({ status: 'error', resource: { type: RESOURCE_TYPES.instance, id: 'i-000000000000000e' } });

    const out = diffFindings([a], [a, couldNotCheck], { now: NOW });

    expect(out.resolved).toEqual([]);
  });

  it('lets an error about a unit cover its finer units (vpc/az covers vpc/az/internal)', () => {
    const type = RESOURCE_TYPES.instance;
    const internal = aFinding({ check: 'tags.subnet.role-missing', resource: { type, id: 'vpc-1/us-west-1a/internal' } });
    const error = aFinding({ check: 'tags.subnet.role-missing', status: 'error', resource: { type, id: 'vpc-1/us-west-1a' } });
    const other = aFinding({ check: 'tags.subnet.role-missing', status: 'error', resource: { type, id: 'vpc-1/us-west-1' } });

    expect(diffFindings([error], [internal], { now: NOW }).resolved).toEqual([]);
    expect(diffFindings([other], [internal], { now: NOW }).resolved).toEqual([internal]);
  });

  it('defaults now to the current time', () => {
    const before = new Date().toISOString();

    const out = diffFindings([a], undefined);

    expect((out.findings[0]?.firstSeen ?? '') >= before).toBe(true);
  });
});
