/**
 * SNS subscription filter policies, scope `MessageAttributes` (the default), as the Amazon SNS Developer Guide
 * describes them ("Subscription filter policy constraints", "Attribute string/numeric value matching",
 * "Filter policy matching on String.Array attributes"): every key of the policy must match; a key's list matches
 * when any of its conditions does; for a `String.Array` attribute a condition matches when it matches any element
 * (`anything-but`: when some element is outside the excluded set); a missing attribute only matches `{"exists": false}`.
 */

export interface DeliveredAttribute {
  Type: string;
  Value: string;
}

type Condition = string | number | boolean | null | Record<string, unknown>;

/** True when the message attributes satisfy the policy. An absent policy accepts every message. */
export function matchesFilterPolicy(policyText: string | undefined, attributes: Record<string, DeliveredAttribute>): boolean {
  if (policyText === undefined || policyText.trim() === '') return true;
  const policy = JSON.parse(policyText) as Record<string, Condition[]>;
  return Object.entries(policy).every(([key, conditions]) => {
    const list = Array.isArray(conditions) ? conditions : [conditions];
    const attribute = attributes[key];
    return list.some((condition) => matchesCondition(condition, attribute));
  });
}

function valuesOf(attribute: DeliveredAttribute): { strings: string[]; numbers: number[] } {
  if (attribute.Type === 'String.Array') {
    const parsed = JSON.parse(attribute.Value) as unknown[];
    return {
      strings: parsed.filter((v): v is string => typeof v === 'string'),
      numbers: parsed.filter((v): v is number => typeof v === 'number'),
    };
  }
  if (attribute.Type.startsWith('Number')) return { strings: [], numbers: [Number(attribute.Value)] };
  return { strings: [attribute.Value], numbers: [] };
}

function matchesCondition(condition: Condition, attribute: DeliveredAttribute | undefined): boolean {
  if (condition !== null && typeof condition === 'object') {
    if ('exists' in condition) return (attribute !== undefined) === condition.exists;
    if (attribute === undefined) return false;
    const { strings, numbers } = valuesOf(attribute);
    if ('prefix' in condition) return strings.some((s) => s.startsWith(String(condition.prefix)));
    if ('suffix' in condition) return strings.some((s) => s.endsWith(String(condition.suffix)));
    if ('equals-ignore-case' in condition) return strings.some((s) => s.toLowerCase() === String(condition['equals-ignore-case']).toLowerCase());
    if ('anything-but' in condition) {
      // For an array, SNS matches when the array holds a value outside the excluded set.
      const raw = condition['anything-but'];
      const excluded = (Array.isArray(raw) ? raw : [raw]) as unknown[];
      return [...strings, ...numbers].some((v) => !excluded.includes(v));
    }
    if ('numeric' in condition) return numbers.some((n) => numericMatch(condition.numeric as unknown[], n));
    throw new Error(`fake-aws: unsupported filter policy operator ${JSON.stringify(condition)}`);
  }
  if (attribute === undefined) return false;
  const { strings, numbers } = valuesOf(attribute);
  if (typeof condition === 'number') return numbers.includes(condition);
  return strings.includes(String(condition));
}

function numericMatch(ops: unknown[], n: number): boolean {
  for (let i = 0; i + 1 < ops.length; i += 2) {
    const op = ops[i] as string;
    const v = Number(ops[i + 1]);
    const ok = op === '=' ? n === v : op === '>' ? n > v : op === '>=' ? n >= v : op === '<' ? n < v : op === '<=' ? n <= v : false;
    if (!ok) return false;
  }
  return true;
}
