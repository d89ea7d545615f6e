import { NormalizedSchema } from '@smithy/core/schema';
import type { Schema } from '@smithy/types';

/**
 * Serialises a plain PascalCase value to the body an AWS JSON 1.0 service (SQS) sends, walking the SDK's own schema
 * of the output shape: only members the schema declares are written (a typo in the fake fails instead of being
 * silently ignored by the client), under their `jsonName` when they have one, timestamps as epoch seconds.
 */
export function toAwsJson(schema: Schema, value: Record<string, unknown>): string {
  return JSON.stringify(write(NormalizedSchema.of(schema), value, 'output'));
}

function write(ns: NormalizedSchema, value: unknown, path: string): unknown {
  if (value === undefined || value === null) return undefined;
  if (ns.isListSchema()) {
    if (!Array.isArray(value)) throw new Error(`fake-aws: ${path} expects a list`);
    return value.map((v, i) => write(ns.getValueSchema(), v, `${path}[${i}]`));
  }
  if (ns.isMapSchema()) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, write(ns.getValueSchema(), v, `${path}.${k}`)]));
  }
  if (ns.isStructSchema()) {
    const input = value as Record<string, unknown>;
    const known = new Set<string>();
    const out: Record<string, unknown> = {};
    for (const [name, member] of ns.structIterator()) {
      known.add(name);
      const v = write(member, input[name], `${path}.${name}`);
      if (v !== undefined) out[member.getMergedTraits().jsonName ?? name] = v;
    }
    const unknown = Object.keys(input).filter((k) => !known.has(k) && input[k] !== undefined);
    if (unknown.length > 0) throw new Error(`fake-aws: ${path} has no member ${unknown.join(', ')} in the SDK schema`);
    return out;
  }
  if (ns.isTimestampSchema()) return Math.floor((value instanceof Date ? value.getTime() : Date.parse(String(value))) / 1000);
  return value;
}
