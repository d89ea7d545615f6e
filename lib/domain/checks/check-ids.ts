import { CHECK_FAMILIES, FAMILY_ID_PREFIX, type CheckFamily, type CheckMeta } from './check.js';
import { CHECK_MODULES, type CheckId } from './registry.js';

export { CHECK_FAMILIES, type CheckFamily, type CheckMeta } from './check.js';
export type { CheckId } from './registry.js';

/**
 * Every registered check, as declared by the check modules (docs/architecture.md "A check is one unit"), in
 * registry order. Ids are stable (docs/contracts.md "Check ids"): never rename one.
 */
export const CHECKS: readonly (CheckMeta & { id: CheckId })[] = CHECK_MODULES.flatMap((m) => m.CHECKS as readonly (CheckMeta & { id: CheckId })[]);

const BY_ID: ReadonlyMap<string, CheckMeta> = new Map(CHECKS.map((c) => [c.id, c]));

/** Metadata of a check id; throws for an unknown id (a programming error, not user input). */
export function checkMeta(id: string): CheckMeta {
  const meta = BY_ID.get(id);
  if (!meta) throw new Error(`unknown check id ${id}`);
  return meta;
}

export function isCheckId(id: string): id is CheckId {
  return BY_ID.has(id);
}

/**
 * The one rule for the family of a check id, also for ids this version does not know (from an older or newer
 * previous report): a registered id's declared family, else the family whose id prefix it carries; undefined when
 * neither applies.
 */
export function familyOfCheck(id: string): CheckFamily | undefined {
  const meta = BY_ID.get(id);
  if (meta !== undefined) return meta.family;
  return CHECK_FAMILIES.find((f) => id.startsWith(FAMILY_ID_PREFIX[f]));
}
