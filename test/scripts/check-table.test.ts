import { describe, expect, it } from '@jest/globals';
import type { CheckMeta } from '../../lib/domain/checks/check-ids.js';
import { extractBlock, extractCheckTable, MissingMarkersError, renderCheckTable, replaceBlock, replaceCheckTable, skeletonReadme } from '../../scripts/check-table.js';

const CHECK: CheckMeta = {
  id: 'iam.excess.admin',
  family: 'iam',
  severity: 'critical',
  unit: 'role',
  title: 'Role allows every action ("*") | really_all',
  risk: 'r',
  remediation: 'm',
  reads: ['roles', 'iam'],
};

describe('renderCheckTable', () => {
  it('renders one escaped row per check under a header', () => {
    // Act
    const table = renderCheckTable([CHECK]);

    // Assert
    expect(table.split('\n')).toEqual([
      '| Check id | Family | Default severity | One finding per | Title |',
      '| --- | --- | --- | --- | --- |',
      '| `iam.excess.admin` | iam | critical | role | Role allows every action ("\\*") \\| really\\_all |',
    ]);
  });
});

describe('replaceCheckTable', () => {
  it('replaces only the text between the markers', () => {
    // Arrange
    const readme = '# T\n\nbefore\n<!-- checks:start -->\nold\n<!-- checks:end -->\nafter\n';

    // Act
    const next = replaceCheckTable(readme, 'NEW');

    // Assert
    expect(next).toBe('# T\n\nbefore\n<!-- checks:start -->\n\nNEW\n\n<!-- checks:end -->\nafter\n');
    expect(extractCheckTable(next)).toBe('NEW');
    expect(replaceCheckTable(next, 'NEW')).toBe(next);
  });

  it.each([
    ['no markers', '# T\n'],
    ['end before start', '<!-- checks:end -->\n<!-- checks:start -->\n'],
    ['two start markers', '<!-- checks:start -->\n<!-- checks:start -->\n<!-- checks:end -->\n'],
  ])('refuses a README with %s', (_name, readme) => {
    // Act / Assert
    expect(() => replaceCheckTable(readme, 'NEW')).toThrow(MissingMarkersError);
  });

  it('builds a skeleton README holding the table', () => {
    // Act
    const readme = skeletonReadme('TABLE');

    // Assert
    expect(readme.startsWith('# kube-aws-audit\n')).toBe(true);
    expect(extractCheckTable(readme)).toBe('TABLE');
  });
});

describe('replaceBlock', () => {
  const markers = { start: '<!-- x:start -->', end: '<!-- x:end -->' };

  it('works for any pair of markers and refuses missing ones', () => {
    // Arrange
    const readme = 'a\n<!-- x:start -->\nold\n<!-- x:end -->\nb\n';

    // Act
    const next = replaceBlock(readme, markers, 'NEW');

    // Assert
    expect(next).toBe('a\n<!-- x:start -->\n\nNEW\n\n<!-- x:end -->\nb\n');
    expect(extractBlock(next, markers)).toBe('NEW');
    expect(extractBlock('no markers', markers)).toBeUndefined();
    expect(() => replaceBlock('<!-- checks:start -->\n<!-- checks:end -->\n', markers, 'NEW')).toThrow(MissingMarkersError);
  });
});
