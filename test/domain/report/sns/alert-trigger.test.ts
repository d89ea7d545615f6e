import { describe, expect, it } from '@jest/globals';
import { RESOURCE_TYPES } from '../../../../lib/domain/findings/finding.js';
import { alertReasons } from '../../../../lib/domain/report/sns/alert-trigger.js';
import { aFinding, aReport } from '../../../support/findings.js';

const high = aFinding({ severity: 'high' });
const low = aFinding({ check: 'tags.value.invalid', severity: 'low', resource: { type: RESOURCE_TYPES.subnet, id: 'subnet-1' } });
const none = { newIds: [], resolved: [] };

describe('alertReasons', () => {
  it('mode changes: a new finding at or above minSeverity', () => {
    expect(alertReasons(aReport([high]), { newIds: [high.id], resolved: [] }, { minSeverity: 'high', mode: 'changes' })).toEqual(['new-findings']);
  });

  it('mode changes: nothing for an old finding or a new one below minSeverity', () => {
    expect(alertReasons(aReport([high, low]), { newIds: [low.id], resolved: [] }, { minSeverity: 'medium', mode: 'changes' })).toEqual([]);
  });

  it('mode changes: resolved findings, by list or by the summary count', () => {
    expect(alertReasons(aReport([]), { newIds: [], resolved: [high] }, { minSeverity: 'medium', mode: 'changes' })).toEqual(['resolved']);
    expect(alertReasons(aReport([], { resolved: 2 }), none, { minSeverity: 'medium', mode: 'changes' })).toEqual(['resolved']);
  });

  it('mode all: any open finding at or above minSeverity, new or not', () => {
    expect(alertReasons(aReport([high]), none, { minSeverity: 'high', mode: 'all' })).toEqual(['open-findings']);
    expect(alertReasons(aReport([low]), none, { minSeverity: 'medium', mode: 'all' })).toEqual([]);
  });

  it('errors alert in both modes, whatever their severity; suppressed findings never alert', () => {
    const error = aFinding({ status: 'error', severity: 'info' });
    for (const mode of ['changes', 'all'] as const) {
      expect(alertReasons(aReport([error]), none, { minSeverity: 'critical', mode })).toEqual(['errors']);
      expect(alertReasons(aReport([{ ...error, suppressed: { reason: 'x' } }]), none, { minSeverity: 'info', mode })).toEqual([]);
    }
    expect(alertReasons(aReport([{ ...high, suppressed: { reason: 'x' } }]), { newIds: [high.id], resolved: [] }, { minSeverity: 'info', mode: 'changes' })).toEqual([]);
  });
});
