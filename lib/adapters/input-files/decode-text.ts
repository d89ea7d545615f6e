import { TextDecoder } from 'node:util';

/**
 * Decodes a file's bytes to text, honouring a byte order mark: UTF-8 (BOM stripped), or UTF-16 LE/BE as written by
 * Windows PowerShell 5 when redirecting `aws ... > file.json`. Without a BOM the text is read as UTF-8.
 */
export function decodeText(bytes: Uint8Array): string {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  return new TextDecoder(encoding).decode(bytes);
}
