import { formatJsonPath } from './json-path.js';

/** A key that appears twice in one JSON object. */
export interface DuplicateKey {
  /** Path of the second occurrence, e.g. `clusters[0].name`. */
  path: string;
  key: string;
  /** Character offset of the second occurrence's key. */
  offset: number;
}

type Frame = { kind: 'object'; keys: Set<string>; key: string | undefined } | { kind: 'array'; index: number };

/**
 * The first duplicate key of a JSON text that `JSON.parse` accepted (which silently keeps the last value). One
 * linear scan: strings are skipped with their escapes, a string followed by `:` is a key of the innermost object.
 */
export function findDuplicateKey(text: string): DuplicateKey | undefined {
  const stack: Frame[] = [];
  const path = (): PropertyKey[] => stack.flatMap((f): PropertyKey[] => (f.kind === 'array' ? [f.index] : f.key === undefined ? [] : [f.key]));
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      const start = i;
      i += 1;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i += 1;
      let j = i;
      while (j < text.length && ' \t\n\r'.includes(text[j] as string)) j += 1;
      const top = stack[stack.length - 1];
      if (text[j] === ':' && top?.kind === 'object') {
        const key = JSON.parse(text.slice(start, i)) as string;
        top.key = key;
        if (top.keys.has(key)) return { path: formatJsonPath(path()), key, offset: start };
        top.keys.add(key);
      }
      continue;
    }
    if (ch === '{') stack.push({ kind: 'object', keys: new Set(), key: undefined });
    else if (ch === '[') stack.push({ kind: 'array', index: 0 });
    else if (ch === '}' || ch === ']') stack.pop();
    else if (ch === ',') {
      const top = stack[stack.length - 1];
      if (top?.kind === 'array') top.index += 1;
    }
    i += 1;
  }
  return undefined;
}
