import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { auditorPolicy, PERMISSION_MANIFEST, type PermissionEntry } from '../../lib/adapters/permissions.js';
import { extractBlock, replaceBlock } from '../../scripts/check-table.js';
import { PERMISSIONS_MARKERS, renderPermissionsBlock, renderPermissionsTable } from '../../scripts/permissions-table.js';

const MANIFEST: PermissionEntry[] = [
  { adapter: 'B', purpose: 'read b | c', actions: ['ec2:DescribeSubnets', 'iam:GetRole'] },
  { adapter: 'A', purpose: 'read_a', actions: ['iam:GetRole'] },
];

describe('renderPermissionsTable', () => {
  it('lists each action once, sorted, with every adapter calling it and why (escaped)', () => {
    // Act
    const table = renderPermissionsTable(MANIFEST);

    // Assert
    expect(table.split('\n')).toEqual([
      '| Action | Adapter | Why |',
      '| --- | --- | --- |',
      '| `ec2:DescribeSubnets` | `B` | read b \\| c |',
      '| `iam:GetRole` | `B`, `A` | read b \\| c; read\\_a |',
    ]);
  });
});

describe('renderPermissionsBlock', () => {
  it('holds the table and the policy as a JSON code block that parses back', () => {
    // Arrange
    const policy = auditorPolicy();

    // Act
    const block = renderPermissionsBlock(MANIFEST, policy);

    // Assert
    expect(block).toContain(renderPermissionsTable(MANIFEST));
    const json = /```json\n([\s\S]*?)\n```/.exec(block)?.[1];
    expect(JSON.parse(json ?? 'null')).toEqual(policy);
  });

  it('replaces only its own markers, leaving another block alone', () => {
    // Arrange
    const readme = `# T\n<!-- checks:start -->\nC\n<!-- checks:end -->\n## P\n${PERMISSIONS_MARKERS.start}\nold\n${PERMISSIONS_MARKERS.end}\n`;

    // Act
    const next = replaceBlock(readme, PERMISSIONS_MARKERS, 'NEW');

    // Assert
    expect(extractBlock(next, PERMISSIONS_MARKERS)).toBe('NEW');
    expect(next).toContain('<!-- checks:start -->\nC\n<!-- checks:end -->');
  });
});

describe('README "Permissions the auditor needs"', () => {
  const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');

  it('sits under its heading and is the block generated from PERMISSION_MANIFEST (run `npm run docs` when this fails)', () => {
    // Act
    const block = extractBlock(readme, PERMISSIONS_MARKERS);

    // Assert
    expect(readme).toMatch(new RegExp(`## Permissions the auditor needs\\n+${PERMISSIONS_MARKERS.start}`));
    expect(block).toBe(renderPermissionsBlock(PERMISSION_MANIFEST, auditorPolicy()));
  });
});
