import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHECK_FAMILIES, CHECKS, checkMeta, isCheckId } from '../../../lib/domain/checks/check-ids.js';
import { SEVERITIES } from '../../../lib/domain/findings/severity.js';
import { extractCheckTable, renderCheckTable } from '../../../scripts/check-table.js';

/** The check ids of the contract (docs/contracts.md "Check ids"), copied here as the independent reference. */
const CONTRACT_IDS = [
  'iam.role.missing',
  'iam.role.trust',
  'iam.required.denied',
  'iam.optional.denied',
  'iam.excess.admin',
  'iam.excess.service-wildcard',
  'iam.excess.actions',
  'iam.excess.privilege-escalation',
  'tags.instance.missing',
  'tags.legacy-conflict',
  'tags.value.invalid',
  'tags.foreign-owned',
  'tags.sg.multiple-tagged',
  'tags.sg.none-tagged',
  'tags.subnet.missing',
  'tags.subnet.role-missing',
  'tags.route-table.missing',
  'tags.route-table.ambiguous',
  'node.private-dns.missing',
  'node.instance-profile.missing',
  'node.instance-profile.unexpected',
  'node.provider-id.missing',
  'node.provider-id.mismatch',
  'node.name.mismatch',
  'node.imds.disabled',
  'node.imds.hop-limit',
  'tags.subnet.no-public',
] as const;

/** Whole-family "could not check" ids: an addition to the contract (docs/contracts.md "Additions"). */
const FAMILY_UNAVAILABLE_IDS = ['iam.family.unavailable', 'tags.family.unavailable', 'node.family.unavailable'] as const;

/** Default severities the contract fixes ("Severity: ... Defaults"). */
const CONTRACT_SEVERITIES: Record<string, string> = {
  'iam.excess.admin': 'critical',
  'iam.excess.privilege-escalation': 'critical',
  'iam.required.denied': 'high',
  'tags.sg.multiple-tagged': 'high',
  'tags.sg.none-tagged': 'high',
  'tags.route-table.ambiguous': 'high',
  'tags.legacy-conflict': 'high',
  'tags.instance.missing': 'high',
  'node.provider-id.missing': 'high',
  'node.provider-id.mismatch': 'high',
  'iam.excess.service-wildcard': 'medium',
  'tags.subnet.missing': 'medium',
  'tags.route-table.missing': 'medium',
  'iam.excess.actions': 'low',
  'tags.subnet.role-missing': 'low',
  'tags.value.invalid': 'low',
  'iam.optional.denied': 'info',
};

const readmePath = fileURLToPath(new URL('../../../README.md', import.meta.url));

/** Check ids listed in the first column of the README's generated table. */
function idsInReadmeTable(block: string): string[] {
  return [...block.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1] ?? '');
}

describe('check registry', () => {
  it('has unique ids', () => {
    // Arrange
    const ids = CHECKS.map((c) => c.id);

    // Act
    const unique = new Set(ids);

    // Assert
    expect(unique.size).toBe(ids.length);
  });

  it('registers exactly the contract check ids', () => {
    // Arrange
    const registered = CHECKS.map((c) => c.id as string);

    // Act / Assert
    expect([...registered].sort()).toEqual([...CONTRACT_IDS, ...FAMILY_UNAVAILABLE_IDS].sort());
  });

  it('keeps the contract default severities', () => {
    // Arrange
    const expected = Object.entries(CONTRACT_SEVERITIES);

    // Act
    const actual = expected.map(([id]) => [id, checkMeta(id).severity]);

    // Assert
    expect(actual).toEqual(expected);
  });

  it('gives every check a known family matching its id prefix, a severity, title, unit, risk and remediation', () => {
    // Arrange
    const prefix = { iam: 'iam.', tags: 'tags.', nodes: 'node.' } as const;

    // Act
    const broken = CHECKS.filter(
      (c) =>
        !CHECK_FAMILIES.includes(c.family) ||
        !c.id.startsWith(prefix[c.family]) ||
        !(SEVERITIES as readonly string[]).includes(c.severity) ||
        c.title.trim() === '' ||
        c.unit.trim() === '' ||
        c.risk.trim() === '' ||
        c.remediation.trim() === '',
    );

    // Assert
    expect(broken).toEqual([]);
  });

  it('answers isCheckId and checkMeta consistently', () => {
    // Arrange / Act / Assert
    expect(CONTRACT_IDS.every((id) => isCheckId(id) && checkMeta(id).id === id)).toBe(true);
    expect(isCheckId('iam.role.unknown')).toBe(false);
    expect(() => checkMeta('iam.role.unknown')).toThrow('unknown check id iam.role.unknown');
  });
});

describe('README check table', () => {
  const readme = readFileSync(readmePath, 'utf8');
  const block = extractCheckTable(readme);

  it('has the generated block between the markers', () => {
    // Assert
    expect(block).toBeDefined();
  });

  it('lists every registered id, and only registered ids', () => {
    // Arrange
    const listed = idsInReadmeTable(block ?? '');

    // Act
    const missing = CHECKS.map((c) => c.id as string).filter((id) => !listed.includes(id));
    const unknown = listed.filter((id) => !isCheckId(id));

    // Assert
    expect({ missing, unknown }).toEqual({ missing: [], unknown: [] });
    expect(listed).toHaveLength(CHECKS.length);
  });

  it('equals what `npm run docs` generates now', () => {
    // Arrange
    const expected = renderCheckTable(CHECKS);

    // Act / Assert
    expect(block).toBe(expected);
  });
});
