import { describe, expect, it } from '@jest/globals';
import { alertSubject, asciiLine, clusterLabel } from '../../../../lib/domain/report/sns/subject.js';

const COUNTS = { open: 12, new: 3, resolved: 1, errors: 0 };

describe('alertSubject', () => {
  it('writes severity, tool, cluster and the counts of mode changes', () => {
    expect(alertSubject({ severity: 'high', label: 'prod-east', mode: 'changes', counts: COUNTS })).toBe('[HIGH] kube-aws-audit prod-east: 3 new, 1 resolved');
  });

  it('adds the open count in mode all and the errors when there are some', () => {
    expect(alertSubject({ severity: 'critical', label: 'prod-east', mode: 'all', counts: { ...COUNTS, errors: 2 } })).toBe(
      '[CRITICAL] kube-aws-audit prod-east: 12 open, 3 new, 1 resolved, 2 errors',
    );
  });

  it('numbers the parts of a series and leaves a single message unnumbered', () => {
    const base = { severity: 'high' as const, label: 'prod-east', mode: 'changes' as const, counts: COUNTS };

    expect(alertSubject({ ...base, part: { index: 2, count: 3 } })).toBe('[HIGH] kube-aws-audit prod-east (2/3): 3 new, 1 resolved');
    expect(alertSubject({ ...base, part: { index: 1, count: 1 } })).toBe('[HIGH] kube-aws-audit prod-east: 3 new, 1 resolved');
  });

  it('says OK when nothing is open', () => {
    expect(alertSubject({ severity: undefined, label: 'prod-east', mode: 'changes', counts: { open: 0, new: 0, resolved: 4, errors: 0 } })).toBe(
      '[OK] kube-aws-audit prod-east: 0 new, 4 resolved',
    );
  });

  it('shortens a long cluster label to keep 100 characters and the counts', () => {
    const subject = alertSubject({ severity: 'high', label: 'c'.repeat(200), mode: 'all', counts: COUNTS, part: { index: 10, count: 12 } });

    expect(subject).toHaveLength(100);
    expect(subject).toMatch(/^\[HIGH\] kube-aws-audit c+\.\.\. \(10\/12\): 12 open, 3 new, 1 resolved$/);
  });

  it('never puts line breaks or non-ASCII characters in the subject', () => {
    const subject = alertSubject({ severity: 'low', label: 'prod\r\neast\u0000\u00fc\u{1F525}', mode: 'changes', counts: COUNTS });

    expect(subject).toBe('[LOW] kube-aws-audit prod east???: 3 new, 1 resolved');
  });
});

describe('clusterLabel', () => {
  it('names one cluster, shortens several and says when there are none', () => {
    expect(clusterLabel([{ name: 'prod-east' }])).toBe('prod-east');
    expect(clusterLabel([{ name: 'prod-east' }, { name: 'staging' }, { name: 'dev' }])).toBe('prod-east +2');
    expect(clusterLabel([])).toBe('no clusters');
  });
});

describe('asciiLine', () => {
  it('collapses whitespace, replaces other characters and trims', () => {
    expect(asciiLine('  a\tb\n\nc é ')).toBe('a b c ?');
  });
});
