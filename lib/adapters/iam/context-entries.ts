import type { ContextEntry, ContextKeyTypeEnum } from '@aws-sdk/client-iam';

/** Global condition keys whose values are not strings (the simulator compares them by type). */
const KEY_TYPES: Record<string, 'boolean' | 'ip' | 'date' | 'numeric'> = {
  'aws:securetransport': 'boolean',
  'aws:multifactorauthpresent': 'boolean',
  'aws:viaawsservice': 'boolean',
  'aws:principalisawsservice': 'boolean',
  'aws:sourceip': 'ip',
  'aws:currenttime': 'date',
  'aws:tokenissuetime': 'date',
  'aws:epochtime': 'numeric',
  'aws:multifactorauthage': 'numeric',
};

/**
 * The simulator's ContextEntries for a request context, keeping only the keys the role's policies use
 * (`usedKeys`, from GetContextKeysForPrincipalPolicy; compared case-insensitively as IAM does). When `usedKeys`
 * is undefined (the key list could not be read) every entry is passed: unused entries do not change a decision.
 * Several values make a `...List` type.
 */
export function contextEntriesFor(
  context: Record<string, readonly string[]> | undefined,
  usedKeys: readonly string[] | undefined,
): ContextEntry[] {
  const used = usedKeys === undefined ? undefined : new Set(usedKeys.map((k) => k.toLowerCase()));
  return Object.entries(context ?? {})
    .filter(([key]) => used === undefined || used.has(key.toLowerCase()))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, values]) => {
      const base = KEY_TYPES[key.toLowerCase()] ?? 'string';
      const type = (values.length > 1 ? `${base}List` : base) as ContextKeyTypeEnum;
      return { ContextKeyName: key, ContextKeyValues: [...values], ContextKeyType: type };
    });
}
