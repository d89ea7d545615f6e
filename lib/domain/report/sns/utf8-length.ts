/**
 * Length of `text` in UTF-8 bytes, as SNS counts message size. A lone surrogate counts 3 bytes (what an encoder
 * writes for it, U+FFFD); `JSON.stringify` output never contains one (it escapes them).
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/** UTF-8 bytes `text` takes once written as the contents of a JSON string (quotes excluded). */
export function jsonStringBytes(text: string): number {
  return utf8Length(JSON.stringify(text)) - 2;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
