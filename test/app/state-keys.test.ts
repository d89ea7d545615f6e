import { describe, expect, it } from '@jest/globals';
import { groupByStateKey, mergeReports, reportForClusters, stateKey, withClusterNote } from '../../lib/app/state-keys.js';
import { configSchema } from '../../lib/domain/config/schema.js';
import { RESOURCE_TYPES } from '../../lib/domain/findings/finding.js';
import { aClusterReport, aFinding, aReport } from '../support/findings.js';

const roles = { worker: 'arn:aws:iam::123456789012:role/k8s-worker' };

describe('stateKey', () => {
  it('is account/region from the config, or current-account/region', () => {
    expect(stateKey({ account: '123456789012', region: 'us-west-1' })).toBe('123456789012/us-west-1');
    expect(stateKey({ region: 'eu-west-1' })).toBe('current-account/eu-west-1');
  });
});

describe('groupByStateKey', () => {
  it('groups clusters by account and region, in config order', () => {
    const config = configSchema.parse({
      clusters: [
        { name: 'a', region: 'us-west-1', account: '123456789012', roles },
        { name: 'b', region: 'eu-west-1', roles },
        { name: 'c', region: 'us-west-1', account: '123456789012', roles },
      ],
    });

    const groups = groupByStateKey(config.clusters);

    expect([...groups].map(([key, clusters]) => [key, clusters.map((c) => c.name)])).toEqual([
      ['123456789012/us-west-1', ['a', 'c']],
      ['current-account/eu-west-1', ['b']],
    ]);
  });
});

describe('mergeReports', () => {
  it('is undefined for none and joins the clusters and findings of several', () => {
    const one = aReport([aFinding()], { clusters: [aClusterReport()] });
    const two = aReport([aFinding({ cluster: 'b' })], { clusters: [aClusterReport({ name: 'b' })] });

    expect(mergeReports([])).toBeUndefined();
    const merged = mergeReports([one, two]);
    expect(merged?.clusters.map((c) => c.name)).toEqual(['prod-east', 'b']);
    expect(merged?.findings).toHaveLength(2);
  });
});

describe('reportForClusters', () => {
  it('keeps the clusters, findings and counts of the given clusters only', () => {
    const mine = aFinding();
    const other = aFinding({ cluster: 'b', resource: { type: RESOURCE_TYPES.instance, id: 'i-b' } });
    const report = aReport([mine, other], { clusters: [aClusterReport(), aClusterReport({ name: 'b' })] });

    const part = reportForClusters(report, [{ name: 'prod-east', region: 'us-west-1' }], { newIds: [other.id], resolved: [mine] });

    expect(part.clusters.map((c) => c.name)).toEqual(['prod-east']);
    expect(part.findings).toEqual([mine]);
    expect(part.summary).toMatchObject({ high: 1, new: 0, resolved: 1 });
  });
});

describe('withClusterNote', () => {
  it('adds the note to the given clusters only', () => {
    const report = aReport([], { clusters: [aClusterReport({ notes: ['old'] }), aClusterReport({ name: 'b' })] });

    const noted = withClusterNote(report, [{ name: 'prod-east', region: 'us-west-1' }], 'new');

    expect(noted.clusters.map((c) => c.notes)).toEqual([['old', 'new'], undefined]);
    expect(report.clusters[0]?.notes).toEqual(['old']);
  });
});
