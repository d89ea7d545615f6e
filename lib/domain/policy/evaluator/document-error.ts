import { PolicyDocumentError } from '../errors.js';

/**
 * Build a {@link PolicyDocumentError} whose location names the policy and, when given, the statement index
 * and field: `policy "ec2-access" Statement[2].Effect`.
 */
export function documentError(
  policyId: string,
  reason: string,
  statementIndex?: number,
  field?: string,
  cause?: unknown,
): PolicyDocumentError {
  let where = `policy "${policyId}"`;
  if (statementIndex !== undefined) where += ` Statement[${statementIndex}]`;
  if (field !== undefined) where += statementIndex === undefined ? ` ${field}` : `.${field}`;
  return new PolicyDocumentError(where, reason, cause === undefined ? undefined : { cause });
}
