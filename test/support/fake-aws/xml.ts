import { NormalizedSchema } from '@smithy/core/schema';
import type { Schema } from '@smithy/types';

/**
 * Serialises a plain JSON value (the PascalCase shape the AWS CLI prints and the SDK returns) to the XML an AWS
 * query-protocol service would send, walking the SDK's own schema for the output shape. Element names come from the
 * schema's `xmlName` traits (EC2's `reservationSet`/`item`), falling back to member names and `member` (IAM, STS).
 * So the fake answers in exactly the form the real SDK deserialiser expects, without hand-written XML templates.
 */
export function toXml(schema: Schema, value: unknown, elementName: string): string {
  return write(NormalizedSchema.of(schema), value, elementName);
}

/** The members of a structure, without a wrapping element. */
export function membersToXml(schema: Schema, value: Record<string, unknown>): string {
  const ns = NormalizedSchema.of(schema);
  let out = '';
  for (const [name, member] of ns.structIterator()) {
    const v = value[name];
    if (v === undefined || v === null) continue;
    out += write(member, v, member.getMemberTraits().xmlName ?? name);
  }
  return out;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function write(ns: NormalizedSchema, value: unknown, name: string): string {
  if (value === undefined || value === null) return '';
  const traits = ns.getMergedTraits();
  if (ns.isListSchema()) {
    const item = ns.getValueSchema();
    const items = Array.isArray(value) ? value : [value];
    if (traits.xmlFlattened) return items.map((v) => write(item, v, name)).join('');
    const itemName = item.getMergedTraits().xmlName ?? 'member';
    return `<${name}>${items.map((v) => write(item, v, itemName)).join('')}</${name}>`;
  }
  if (ns.isMapSchema()) {
    const entries = Object.entries(value as Record<string, unknown>);
    const k = ns.getKeySchema().getMergedTraits().xmlName ?? 'key';
    const vName = ns.getValueSchema().getMergedTraits().xmlName ?? 'value';
    const body = entries
      .map(([key, v]) => `<entry><${k}>${escapeXml(key)}</${k}>${write(ns.getValueSchema(), v, vName)}</entry>`)
      .join('');
    return `<${name}>${body}</${name}>`;
  }
  if (ns.isStructSchema()) {
    if (typeof value !== 'object') throw new Error(`fake-aws: ${name} expects an object, got ${typeof value}`);
    return `<${name}>${membersToXml(ns.getSchema() as Schema, value as Record<string, unknown>)}</${name}>`;
  }
  if (ns.isTimestampSchema()) {
    const text = value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
    return `<${name}>${text}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}
