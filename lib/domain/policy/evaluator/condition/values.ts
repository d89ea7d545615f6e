/**
 * Parsers for typed condition values (numbers, dates, booleans, IP addresses, ARNs). Each returns
 * `undefined` for text that is not a valid value of its type; callers decide whether that is a document
 * error (policy side) or a non-matching value (request side).
 */

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A decimal number (IAM Numeric* operators), e.g. `3600`, `-1.5`, `1e3`. */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!NUMBER.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

const ISO_DATE = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A date for IAM Date* operators, in epoch milliseconds. Accepts ISO 8601 (`2026-01-31`,
 * `2026-01-31T12:00:00Z`, `2026-01-31T12:00:00+02:00`; no zone means UTC) and epoch seconds (`1769860800`).
 */
export function parseDate(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^-?\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const match = ISO_DATE.exec(trimmed);
  if (match === null) return undefined;
  const [, day, time, zone] = match;
  let iso = `${day}${time ?? 'T00:00:00'}`;
  if (zone === undefined || zone.toUpperCase() === 'Z') iso += 'Z';
  else iso += zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const value = Date.parse(iso);
  return Number.isNaN(value) ? undefined : value;
}

/** `true` / `false` (case-insensitive), as IAM's Bool and Null operators take them. */
export function parseBool(text: string): boolean | undefined {
  const lower = text.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return undefined;
}

/** An IP address as a number plus its width (32 for IPv4, 128 for IPv6). */
export interface IpAddressValue {
  bits: 32 | 128;
  value: bigint;
}

/** An address block: all addresses whose first `prefix` bits equal those of `network`. */
export interface CidrBlock extends IpAddressValue {
  prefix: number;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  let groups: string[];
  let tail: bigint | undefined;
  let rest = text;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon >= 0 && rest.slice(lastColon + 1).includes('.')) {
    tail = parseIpv4(rest.slice(lastColon + 1));
    if (tail === undefined) return undefined;
    rest = rest.slice(0, lastColon + 1) + '0:0';
  }
  const doubleColon = rest.indexOf('::');
  if (doubleColon >= 0) {
    if (rest.indexOf('::', doubleColon + 1) >= 0) return undefined;
    const head = rest.slice(0, doubleColon) === '' ? [] : rest.slice(0, doubleColon).split(':');
    const rear = rest.slice(doubleColon + 2) === '' ? [] : rest.slice(doubleColon + 2).split(':');
    const missing = 8 - head.length - rear.length;
    if (missing < 1) return undefined;
    groups = [...head, ...Array<string>(missing).fill('0'), ...rear];
  } else {
    groups = rest.split(':');
  }
  if (groups.length !== 8) return undefined;
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return undefined;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  if (tail !== undefined) value = (value & ~0xffffffffn) | tail;
  return value;
}

/** An IPv4 (`203.0.113.7`) or IPv6 (`2001:db8::1`, `::ffff:192.0.2.1`) address. */
export function parseIpAddress(text: string): IpAddressValue | undefined {
  const trimmed = text.trim();
  if (trimmed.includes(':')) {
    const value = parseIpv6(trimmed);
    return value === undefined ? undefined : { bits: 128, value };
  }
  const value = parseIpv4(trimmed);
  return value === undefined ? undefined : { bits: 32, value };
}

/** A CIDR block (`10.0.0.0/16`, `2001:db8::/32`) or a single address (a /32 or /128 block). */
export function parseCidr(text: string): CidrBlock | undefined {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  const address = parseIpAddress(slash < 0 ? trimmed : trimmed.slice(0, slash));
  if (address === undefined) return undefined;
  if (slash < 0) return { ...address, prefix: address.bits };
  const prefixText = trimmed.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > address.bits) return undefined;
  return { ...address, prefix };
}

/** Whether an address lies in a block (addresses and blocks of different IP versions never match). */
export function cidrContains(block: CidrBlock, address: IpAddressValue): boolean {
  if (block.bits !== address.bits) return false;
  const shift = BigInt(block.bits - block.prefix);
  return block.value >> shift === address.value >> shift;
}

/**
 * Split an ARN into its six colon-delimited components (`arn`, partition, service, region, account,
 * resource; the resource keeps any further colons). `undefined` when the text has fewer than six.
 */
export function splitArn(text: string): string[] | undefined {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i += 1) {
    const colon = text.indexOf(':', start);
    if (colon < 0) return undefined;
    parts.push(text.slice(start, colon));
    start = colon + 1;
  }
  parts.push(text.slice(start));
  return parts;
}
