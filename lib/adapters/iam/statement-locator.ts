/** Where a statement of a policy document's `Statement` list sits in the document text. */
interface StatementSpan {
  start: number;
  /** Offset just past the statement's closing brace. */
  end: number;
}

/**
 * Finds which statement of a policy document text a (1-based) line and column point into, as
 * SimulatePrincipalPolicy reports them in `MatchedStatements[].StartPosition`.
 *
 * @param text the document text exactly as IAM stores it (URL-decoded)
 * @returns the 0-based index in `Statement` (0 for a single statement object), or undefined when the position
 *          does not fall on a statement (text differs, position outside, not JSON)
 */
export function locateStatement(text: string, line: number, column: number): number | undefined {
  const offset = offsetOf(text, line, column);
  if (offset === undefined) return undefined;
  const spans = statementSpans(text);
  if (spans === undefined) return undefined;
  const inside = spans.findIndex((s) => offset >= s.start && offset < s.end);
  if (inside !== -1) return inside;
  // The position may point just before the statement's brace (whitespace, or an off-by-one column base).
  const next = spans.findIndex((s) => s.start >= offset && text.slice(offset, s.start).replace(/[\s,[]/g, '') === '');
  return next === -1 ? undefined : next;
}

function offsetOf(text: string, line: number, column: number): number | undefined {
  if (!Number.isInteger(line) || !Number.isInteger(column) || line < 1 || column < 1) return undefined;
  let offset = 0;
  for (let current = 1; current < line; current += 1) {
    const newline = text.indexOf('\n', offset);
    if (newline === -1) return undefined;
    offset = newline + 1;
  }
  const result = offset + column - 1;
  return result <= text.length ? result : undefined;
}

/** Spans of the elements of the top-level `Statement` value (one span for a single object). */
function statementSpans(text: string): StatementSpan[] | undefined {
  const scanner = new Scanner(text);
  scanner.skipSpace();
  if (scanner.peek() !== '{') return undefined;
  scanner.pos += 1;
  for (;;) {
    scanner.skipSpace();
    if (scanner.peek() === '}') return undefined;
    const key = scanner.readString();
    if (key === undefined) return undefined;
    scanner.skipSpace();
    if (scanner.peek() !== ':') return undefined;
    scanner.pos += 1;
    scanner.skipSpace();
    if (key === 'Statement') {
      if (scanner.peek() === '{') {
        const start = scanner.pos;
        return scanner.skipValue() ? [{ start, end: scanner.pos }] : undefined;
      }
      if (scanner.peek() !== '[') return undefined;
      scanner.pos += 1;
      const spans: StatementSpan[] = [];
      for (;;) {
        scanner.skipSpace();
        if (scanner.peek() === ']') return spans;
        const start = scanner.pos;
        if (!scanner.skipValue()) return undefined;
        spans.push({ start, end: scanner.pos });
        scanner.skipSpace();
        if (scanner.peek() === ',') scanner.pos += 1;
        else if (scanner.peek() !== ']') return undefined;
      }
    }
    if (!scanner.skipValue()) return undefined;
    scanner.skipSpace();
    if (scanner.peek() === ',') scanner.pos += 1;
    else return undefined;
  }
}

/** A minimal JSON scanner: enough to skip values and read keys while tracking offsets. */
class Scanner {
  pos = 0;
  constructor(private readonly text: string) {}

  peek(): string | undefined {
    return this.text[this.pos];
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? '')) this.pos += 1;
  }

  readString(): string | undefined {
    const start = this.pos;
    if (!this.skipString()) return undefined;
    try {
      return JSON.parse(this.text.slice(start, this.pos)) as string;
    } catch {
      return undefined;
    }
  }

  skipString(): boolean {
    if (this.peek() !== '"') return false;
    this.pos += 1;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (ch === '\\') this.pos += 2;
      else if (ch === '"') {
        this.pos += 1;
        return true;
      } else this.pos += 1;
    }
    return false;
  }

  /** Skips one JSON value (object, array, string or scalar); false when the text is not valid there. */
  skipValue(): boolean {
    const ch = this.peek();
    if (ch === '"') return this.skipString();
    if (ch === '{' || ch === '[') {
      let depth = 0;
      while (this.pos < this.text.length) {
        const c = this.peek();
        if (c === '"') {
          if (!this.skipString()) return false;
          continue;
        }
        if (c === '{' || c === '[') depth += 1;
        else if (c === '}' || c === ']') {
          depth -= 1;
          if (depth === 0) {
            this.pos += 1;
            return true;
          }
        }
        this.pos += 1;
      }
      return false;
    }
    const scalar = /^(?:-?\d[\d.eE+-]*|true|false|null)/.exec(this.text.slice(this.pos, this.pos + 64));
    if (scalar === null) return false;
    this.pos += scalar[0].length;
    return true;
  }
}
