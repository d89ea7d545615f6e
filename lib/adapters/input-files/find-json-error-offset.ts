const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const ESCAPABLE = '"\\/bfnrt';
const LITERALS = ['true', 'false', 'null'] as const;

/** Thrown inside the scan to unwind to the offset of the first error. */
class SyntaxAt {
  constructor(readonly offset: number) {}
}

/**
 * The character offset of the first JSON syntax error in `text` (RFC 8259 grammar), or undefined when the text is
 * valid JSON. Only used on the error path, when `JSON.parse` reports no position (Node 20 omits it for
 * "Unexpected token" errors). An offset equal to `text.length` means the text ended early.
 */
export function findJsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxAt(i);
  };
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i += 1;
  };
  const expect = (char: string) => {
    skipSpace();
    if (text[i] !== char) fail();
    i += 1;
  };

  const string = () => {
    i += 1;
    while (i < text.length) {
      const char = text[i] as string;
      if (char === '"') {
        i += 1;
        return;
      }
      if (char === '\\') {
        i += 1;
        if (text[i] === 'u') {
          if (!HEX4.test(text.slice(i + 1, i + 5))) fail();
          i += 5;
        } else if (ESCAPABLE.includes(text[i] ?? '\u0000') && i < text.length) {
          i += 1;
        } else {
          fail();
        }
        continue;
      }
      if (char < ' ') fail();
      i += 1;
    }
    fail();
  };

  const value = (): void => {
    skipSpace();
    const char = text[i];
    if (char === '{') return container('}', () => {
      skipSpace();
      if (text[i] !== '"') fail();
      string();
      expect(':');
      value();
    });
    if (char === '[') return container(']', value);
    if (char === '"') return string();
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      return;
    }
    const literal = LITERALS.find((word) => text.startsWith(word, i));
    if (literal === undefined) fail();
    i += (literal as string).length;
  };

  const container = (close: string, member: () => void): void => {
    i += 1;
    skipSpace();
    if (text[i] === close) {
      i += 1;
      return;
    }
    for (;;) {
      member();
      skipSpace();
      if (text[i] === ',') {
        i += 1;
        continue;
      }
      if (text[i] === close) {
        i += 1;
        return;
      }
      fail();
    }
  };

  try {
    value();
    skipSpace();
    if (i < text.length) fail();
    return undefined;
  } catch (error) {
    if (error instanceof SyntaxAt) return error.offset;
    throw error;
  }
}
