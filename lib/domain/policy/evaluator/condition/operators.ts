import { compileWildcard, type WildcardMatcher } from '../wildcard.js';
import {
  cidrContains,
  parseBool,
  parseCidr,
  parseDate,
  parseIpAddress,
  parseNumber,
  splitArn,
} from './values.js';

/**
 * Tests one request value against ALL policy values of a condition key: true when it matches at least one
 * (IAM: several values for one key are OR-ed). Always the positive form of the operator; negated operators
 * (`StringNotEquals`, `NotIpAddress`, `ArnNotLike`, ...) are the negation of their positive form.
 */
export type ValueTest = (requestValue: string) => boolean;

/** How one base operator (without `ForAnyValue:`/`ForAllValues:` and `IfExists`) works. */
export interface OperatorSpec {
  /** Canonical name, e.g. `StringNotLike`. */
  readonly name: string;
  /** true for the "Not" operators: the key matches when the request value matches none of the policy values. */
  readonly negated: boolean;
  /**
   * Compile the policy values once. Throws `Error` with a reason (turned into a PolicyDocumentError by the
   * caller) when a policy value is not valid for the operator, e.g. `NumericLessThan` with `abc`.
   */
  compile(policyValues: readonly string[]): ValueTest;
}

function parsedOrThrow<T>(values: readonly string[], parse: (v: string) => T | undefined, what: string): T[] {
  return values.map((v) => {
    const parsed = parse(v);
    if (parsed === undefined) throw new Error(`"${v}" is not ${what}`);
    return parsed;
  });
}

const stringEquals = (values: readonly string[]): ValueTest => {
  const set = new Set(values);
  return (v) => set.has(v);
};

const stringEqualsIgnoreCase = (values: readonly string[]): ValueTest => {
  const set = new Set(values.map((p) => p.toLowerCase()));
  return (v) => set.has(v.toLowerCase());
};

const stringLike = (values: readonly string[]): ValueTest => {
  const matchers = values.map((p) => compileWildcard(p));
  return (v) => matchers.some((m) => m.test(v));
};

const numeric =
  (compare: (request: number, policy: number) => boolean) =>
  (values: readonly string[]): ValueTest => {
    const numbers = parsedOrThrow(values, parseNumber, 'a number');
    return (v) => {
      const n = parseNumber(v);
      return n !== undefined && numbers.some((p) => compare(n, p));
    };
  };

const date =
  (compare: (request: number, policy: number) => boolean) =>
  (values: readonly string[]): ValueTest => {
    const dates = parsedOrThrow(values, parseDate, 'an ISO 8601 date or epoch seconds');
    return (v) => {
      const d = parseDate(v);
      return d !== undefined && dates.some((p) => compare(d, p));
    };
  };

const bool = (values: readonly string[]): ValueTest => {
  const wanted = new Set(parsedOrThrow(values, parseBool, '"true" or "false"'));
  return (v) => {
    const b = parseBool(v);
    return b !== undefined && wanted.has(b);
  };
};

const binaryEquals = (values: readonly string[]): ValueTest => {
  for (const p of values) if (!/^[A-Za-z0-9+/]*={0,2}$/.test(p)) throw new Error(`"${p}" is not base64`);
  const set = new Set(values);
  return (v) => set.has(v);
};

const ipAddress = (values: readonly string[]): ValueTest => {
  const blocks = parsedOrThrow(values, parseCidr, 'an IP address or CIDR block');
  return (v) => {
    const address = parseIpAddress(v);
    return address !== undefined && blocks.some((b) => cidrContains(b, address));
  };
};

/** ArnEquals and ArnLike are the same in IAM: each of the six ARN components is wildcard-matched separately. */
const arnLike = (values: readonly string[]): ValueTest => {
  const patterns = values.map((p): { parts: WildcardMatcher[] } | { whole: WildcardMatcher } => {
    const parts = splitArn(p);
    return parts === undefined ? { whole: compileWildcard(p) } : { parts: parts.map((part) => compileWildcard(part)) };
  });
  return (v) => {
    const requestParts = splitArn(v);
    return patterns.some((p) => {
      if ('whole' in p) return p.whole.test(v);
      return requestParts !== undefined && p.parts.every((m, i) => m.test(requestParts[i] ?? ''));
    });
  };
};

const specs: OperatorSpec[] = [
  { name: 'StringEquals', negated: false, compile: stringEquals },
  { name: 'StringNotEquals', negated: true, compile: stringEquals },
  { name: 'StringEqualsIgnoreCase', negated: false, compile: stringEqualsIgnoreCase },
  { name: 'StringNotEqualsIgnoreCase', negated: true, compile: stringEqualsIgnoreCase },
  { name: 'StringLike', negated: false, compile: stringLike },
  { name: 'StringNotLike', negated: true, compile: stringLike },
  { name: 'NumericEquals', negated: false, compile: numeric((a, b) => a === b) },
  { name: 'NumericNotEquals', negated: true, compile: numeric((a, b) => a === b) },
  { name: 'NumericLessThan', negated: false, compile: numeric((a, b) => a < b) },
  { name: 'NumericLessThanEquals', negated: false, compile: numeric((a, b) => a <= b) },
  { name: 'NumericGreaterThan', negated: false, compile: numeric((a, b) => a > b) },
  { name: 'NumericGreaterThanEquals', negated: false, compile: numeric((a, b) => a >= b) },
  { name: 'DateEquals', negated: false, compile: date((a, b) => a === b) },
  { name: 'DateNotEquals', negated: true, compile: date((a, b) => a === b) },
  { name: 'DateLessThan', negated: false, compile: date((a, b) => a < b) },
  { name: 'DateLessThanEquals', negated: false, compile: date((a, b) => a <= b) },
  { name: 'DateGreaterThan', negated: false, compile: date((a, b) => a > b) },
  { name: 'DateGreaterThanEquals', negated: false, compile: date((a, b) => a >= b) },
  { name: 'Bool', negated: false, compile: bool },
  { name: 'BinaryEquals', negated: false, compile: binaryEquals },
  { name: 'IpAddress', negated: false, compile: ipAddress },
  { name: 'NotIpAddress', negated: true, compile: ipAddress },
  { name: 'ArnEquals', negated: false, compile: arnLike },
  { name: 'ArnLike', negated: false, compile: arnLike },
  { name: 'ArnNotEquals', negated: true, compile: arnLike },
  { name: 'ArnNotLike', negated: true, compile: arnLike },
];

/** Every base operator except `Null` (which tests key presence and is handled apart), by lower-cased name. */
export const OPERATORS: ReadonlyMap<string, OperatorSpec> = new Map(specs.map((s) => [s.name.toLowerCase(), s]));

/** Canonical names of all supported base operators, `Null` included. */
export const OPERATOR_NAMES: readonly string[] = [...specs.map((s) => s.name), 'Null'];
