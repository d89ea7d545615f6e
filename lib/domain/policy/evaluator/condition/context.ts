/** A request context as callers give it: condition key -> values (several for multivalued keys). */
export type RequestContext = Readonly<Record<string, readonly string[]>>;

/** A request context with lower-cased keys (IAM condition keys are case-insensitive). */
export type NormalizedContext = ReadonlyMap<string, readonly string[]>;

const EMPTY: NormalizedContext = new Map();
const cache = new WeakMap<object, NormalizedContext>();

/**
 * Lower-case the keys of a request context; keys that differ only in case are merged. The result is cached
 * per context object, so evaluating many actions with the same context normalises it once: treat a context
 * object as immutable once it has been evaluated.
 */
export function normalizeContext(context: RequestContext | undefined): NormalizedContext {
  if (context === undefined) return EMPTY;
  const cached = cache.get(context);
  if (cached !== undefined) return cached;
  const normalized = new Map<string, readonly string[]>();
  for (const [key, values] of Object.entries(context)) {
    const lower = key.toLowerCase();
    const list = Array.isArray(values) ? values.map(String) : [String(values)];
    const previous = normalized.get(lower);
    normalized.set(lower, previous === undefined ? list : [...previous, ...list]);
  }
  cache.set(context, normalized);
  return normalized;
}
