import * as z from 'zod';
import { closestMatch } from '../../lib/adapters/config/did-you-mean.js';
import { CHECK_FAMILIES, type CheckFamily } from '../../lib/domain/checks/check-ids.js';
import type { AuditConfig } from '../../lib/domain/config/schema.js';
import { SEVERITIES } from '../../lib/domain/findings/severity.js';
import type { FailOn } from '../../lib/domain/report/build-report.js';

/** `failOn` values: a severity, or `none`. */
export const EVENT_FAIL_ON_VALUES = [...SEVERITIES, 'none'] as const satisfies readonly FailOn[];

const oneOf = (values: readonly string[]) => `expected one of ${values.join(', ')}`;

/** The on-demand invocation event. Every key is optional: `{}` audits every cluster with every check family. */
export const onDemandEventSchema = z.strictObject(
  {
    /** Only these configured clusters. */
    clusters: z
      .array(z.string({ error: 'expected a cluster name' }).min(1, { message: 'expected a cluster name' }), { error: 'expected a list of cluster names' })
      .optional(),
    /** Only these check families. */
    checks: z
      .array(z.enum(CHECK_FAMILIES, { error: oneOf(CHECK_FAMILIES) }), { error: `expected a list of check families (${CHECK_FAMILIES.join(', ')})` })
      .min(1, { message: `expected at least one of ${CHECK_FAMILIES.join(', ')}` })
      .optional(),
    /** Also publish the report to the alert topic. */
    publish: z.boolean({ error: 'expected true or false' }).optional(),
    /** Adds `exitCode` (as the CLI's) to the response. */
    failOn: z.enum(EVENT_FAIL_ON_VALUES, { error: oneOf(EVENT_FAIL_ON_VALUES) }).optional(),
  },
  { error: (issue) => (issue.code === 'invalid_type' ? 'expected an object like {"clusters": ["prod-east"], "checks": ["iam"]}' : undefined) },
);

/** A validated on-demand event. */
export interface OnDemandRequest {
  clusters?: string[];
  families?: CheckFamily[];
  publish: boolean;
  failOn?: FailOn;
}

/** The event is not a valid on-demand request; the message names the event key (`event.checks[1]: ...`). */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
  constructor(
    message: string,
    /** The first offending path, e.g. `event.checks[1]`. */
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const KEYS = Object.keys(onDemandEventSchema.shape);

/**
 * Validates an on-demand event against the schema and the config (cluster names must be configured). An absent
 * (null) event is `{}`.
 *
 * @throws InvalidEventError listing up to 5 problems, each `event.<path>: <what was expected>`
 */
export function parseOnDemandEvent(event: unknown, config: AuditConfig): OnDemandRequest {
  const result = onDemandEventSchema.safeParse(event ?? {});
  if (!result.success) {
    const problems = result.error.issues.flatMap((issue) => {
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => {
          const hint = closestMatch(key, KEYS);
          return { path: eventPath([...issue.path, key]), text: `unknown key${hint === undefined ? '' : ` (did you mean ${hint}?)`}; allowed: ${KEYS.join(', ')}` };
        });
      }
      return [{ path: eventPath(issue.path), text: issue.message }];
    });
    throw invalid(problems, result.error);
  }
  const { clusters, checks, publish, failOn } = result.data;
  if (clusters !== undefined) {
    const configured = config.clusters.map((c) => c.name);
    const unknown = clusters.flatMap((name, i) => (configured.includes(name) ? [] : [{ path: `event.clusters[${i}]`, text: unknownCluster(name, configured) }]));
    if (unknown.length > 0) throw invalid(unknown);
  }
  return {
    ...(clusters === undefined || clusters.length === 0 ? {} : { clusters: [...new Set(clusters)] }),
    ...(checks === undefined ? {} : { families: CHECK_FAMILIES.filter((f) => checks.includes(f)) }),
    publish: publish ?? false,
    ...(failOn === undefined ? {} : { failOn }),
  };
}

function unknownCluster(name: string, configured: readonly string[]): string {
  const hint = closestMatch(name, configured);
  return `no configured cluster is named ${JSON.stringify(name)}${hint === undefined ? '' : ` (did you mean ${hint}?)`}; configured: ${configured.join(', ')}`;
}

function invalid(problems: { path: string; text: string }[], cause?: unknown): InvalidEventError {
  const listed = problems.slice(0, 5).map((p) => `${p.path}: ${p.text}`);
  if (problems.length > 5) listed.push(`and ${problems.length - 5} more problems`);
  return new InvalidEventError(listed.join('; '), problems[0]?.path ?? 'event', cause === undefined ? undefined : { cause });
}

function eventPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}.${String(key)}`), 'event');
}
