import { describe, expect, it } from '@jest/globals';
import { RESOURCE_TYPES } from '../../../../lib/domain/findings/finding.js';
import { changesFromFirstSeen, reportChanges } from '../../../../lib/domain/report/sns/report-changes.js';
import { aClusterReport, aFinding, aReport } from '../../../support/findings.js';

const kept = aFinding({ resource: { type: RESOURCE_TYPES.instance, id: 'i-kept' } });
const gone = aFinding({ resource: { type: RESOURCE_TYPES.instance, id: 'i-gone' } });
const fresh = aFinding({ resource: { type: RESOURCE_TYPES.instance, id: 'i-fresh' } });

describe('reportChanges', () => {
  it('without a previous report, every open finding is new and nothing is resolved', () => {
    const suppressed = aFinding({ resource: { type: RESOURCE_TYPES.instance, id: 'i-s' }, suppressed: { reason: 'ok' } });

    expect(reportChanges(aReport([kept, suppressed]))).toEqual({ newIds: [kept.id], resolved: [] });
  });

  it('lists the new findings and the resolved ones against the previous report', () => {
    const previous = aReport([kept, gone]);

    const changes = reportChanges(aReport([kept, fresh]), previous);

    expect(changes.newIds).toEqual([fresh.id]);
    expect(changes.resolved.map((f) => f.id)).toEqual([gone.id]);
  });

  it('does not resolve findings of clusters the report does not cover', () => {
    const other = aFinding({ cluster: 'staging', resource: { type: RESOURCE_TYPES.instance, id: 'i-other' } });

    const changes = reportChanges(aReport([kept], { clusters: [aClusterReport()] }), aReport([kept, other]));

    expect(changes.resolved).toEqual([]);
  });

  it('does not resolve findings of families the run did not select', () => {
    const iam = aFinding({ check: 'iam.excess.admin', resource: { type: RESOURCE_TYPES.role, id: 'r' } });

    expect(reportChanges(aReport([kept]), aReport([kept, iam]), { families: ['tags', 'nodes'] }).resolved).toEqual([]);
    expect(reportChanges(aReport([kept]), aReport([kept, iam])).resolved.map((f) => f.id)).toEqual([iam.id]);
  });

  it('does not resolve a finding that an error finding leaves unverified', () => {
    const error = aFinding({ check: 'tags.instance.missing', status: 'error', resource: { type: RESOURCE_TYPES.account, id: '123456789012' } });

    expect(reportChanges(aReport([error]), aReport([gone])).resolved).toEqual([]);
  });
});

describe('changesFromFirstSeen', () => {
  it('takes open findings first seen at the run start, or never, as new', () => {
    const report = aReport([
      { ...kept, firstSeen: '2025-01-01T00:00:00.000Z' },
      { ...fresh, firstSeen: '2026-01-05T10:00:00.000Z' },
      gone,
    ]);

    expect(new Set(changesFromFirstSeen(report).newIds)).toEqual(new Set([fresh.id, gone.id]));
    expect(changesFromFirstSeen(report).resolved).toEqual([]);
  });
});
