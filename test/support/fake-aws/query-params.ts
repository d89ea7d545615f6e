/**
 * Decodes an AWS query-protocol form body (`Action=...&Filter.1.Name=...&ActionNames.member.2=...`) into a nested
 * object: numeric segments become arrays (1-based in the wire format), `member` segments are unwrapped.
 */
export function parseQueryBody(body: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const path = rawKey.split('.').filter((p) => p !== 'member');
    let node: Record<string, unknown> | unknown[] = root;
    path.forEach((segment, i) => {
      const last = i === path.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(path[i + 1] ?? '');
      const key: string | number = /^\d+$/.test(segment) ? Number(segment) - 1 : segment;
      const container = node as Record<string | number, unknown>;
      if (last) {
        container[key] = value;
        return;
      }
      if (container[key] === undefined) container[key] = nextIsIndex ? [] : {};
      node = container[key] as Record<string, unknown>;
    });
  }
  return root;
}

/** A list parameter as an array of strings (absent -> []). */
export function stringList(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}
