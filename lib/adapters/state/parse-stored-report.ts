import * as z from 'zod';
import type { Report } from '../../domain/report/report.js';

const finding = z.object({
  id: z.string(),
  check: z.string(),
  severity: z.enum(['critical', 'high', 'medium', 'low', 'info']),
  status: z.enum(['fail', 'error']),
  cluster: z.string(),
  account: z.string(),
  region: z.string(),
  resource: z.object({ type: z.string(), id: z.string() }),
  title: z.string(),
  detail: z.string(),
});

/** The fields the diff reads from a previous report (other fields are kept as stored). */
const storedReport = z.object({
  schemaVersion: z.literal(1),
  runId: z.string(),
  startedAt: z.string(),
  clusters: z.array(z.object({ name: z.string(), account: z.string(), region: z.string() })),
  findings: z.array(finding),
});

/**
 * A stored previous report: JSON of the Report contract. Returns the parsed object as stored (unknown fields
 * kept); throws an Error whose message names the JSON path of the first problem.
 */
export function parseStoredReport(text: string): Report {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON (${(error as Error).message})`, { cause: error });
  }
  const result = storedReport.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue === undefined ? '' : issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    throw new Error(`not a kube-aws-audit report: ${path === '' ? '' : `${path}: `}${issue?.message ?? 'invalid'}`, { cause: result.error });
  }
  return value as Report;
}
