import { describe, expect, it } from '@jest/globals';
import { MemoryReportStore } from '../../../lib/adapters/state/memory-report-store.js';
import { aMixedReport } from '../../support/findings.js';

describe('MemoryReportStore', () => {
  it('has nothing for a key never put, then returns a copy of what was put', async () => {
    const store = new MemoryReportStore();
    const report = aMixedReport();

    await expect(store.get('a/b')).resolves.toBeUndefined();
    await store.put('a/b', report);
    const read = await store.get('a/b');

    expect(read).toEqual(report);
    expect(read).not.toBe(report);
    expect(store.keys()).toEqual(['a/b']);
  });

  it('starts from the given reports', async () => {
    const store = new MemoryReportStore({ 'x/y': aMixedReport() });

    await expect(store.get('x/y')).resolves.toEqual(aMixedReport());
  });
});
