import type { z } from 'zod';

/** The parts of zod 4's internal definition this walker reads. */
interface WalkableDef {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: readonly z.ZodType[];
  getter?: () => z.ZodType;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/**
 * The keys an object schema allows at `path` inside `schema` (e.g. `['clusters', 0, 'roles']` ->
 * `['controlPlane', 'worker']`), read from the zod schema itself so hints never drift from the schema.
 * Wrappers (optional, default, pipe input, lazy) are looked through. Undefined when no object schema is there.
 */
export function allowedKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] | undefined {
  let current: z.ZodType | undefined = schema;
  for (const segment of path) {
    if (current === undefined) return undefined;
    current = childSchema(current, segment);
  }
  if (current === undefined) return undefined;
  const def = defOf(unwrap(current));
  return def.type === 'object' && def.shape !== undefined ? Object.keys(def.shape) : undefined;
}

function childSchema(schema: z.ZodType, segment: PropertyKey): z.ZodType | undefined {
  const def = defOf(unwrap(schema));
  switch (def.type) {
    case 'object':
      return typeof segment === 'string' ? def.shape?.[segment] : undefined;
    case 'array':
      return typeof segment === 'number' ? def.element : undefined;
    case 'record':
      return def.valueType;
    case 'union':
      for (const option of def.options ?? []) {
        const child = childSchema(option, segment);
        if (child !== undefined) return child;
      }
      return undefined;
    default:
      return undefined;
  }
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type) && def.innerType !== undefined) current = def.innerType;
    else if (def.type === 'pipe' && def.in !== undefined) current = def.in;
    else if (def.type === 'lazy' && def.getter !== undefined) current = def.getter();
    else return current;
  }
}

function defOf(schema: z.ZodType): WalkableDef {
  return schema._zod.def as unknown as WalkableDef;
}
