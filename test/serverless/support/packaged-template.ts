import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The CloudFormation template `serverless package` generated (JSON, intrinsics in long form). */
export interface PackagedTemplate {
  Conditions?: Record<string, unknown>;
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; Condition?: string }>;
}

/** An IAM statement of a generated role, its intrinsics resolved for representative ARNs. */
export interface RoleStatement {
  Sid?: string;
  Effect: string;
  Action: string[];
  Resource: string[];
  NotAction?: unknown;
  NotResource?: unknown;
  Condition?: unknown;
}

export const REGION = 'us-west-1';
export const ACCOUNT = '123456789012';

/**
 * Runs `serverless package` (osls, offline) into a temporary directory with the given params and reads the update
 * template it generated: what CloudFormation would deploy, not serverless.yml as written.
 */
export function packageService(params: Record<string, string>): { template: PackagedTemplate; status: number; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kaa-sls-'));
  const args = ['--no-install', 'serverless', 'package', '--package', dir, ...Object.entries(params).map(([k, v]) => `--param=${k}=${v}`)];
  const result = spawnSync('npx', args, { encoding: 'utf8', env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', CI: 'true' }, timeout: 300_000 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) return { template: { Resources: {} }, status: result.status ?? -1, output };
  return { template: JSON.parse(readFileSync(join(dir, 'cloudformation-template-update-stack.json'), 'utf8')) as PackagedTemplate, status: 0, output };
}

/** Evaluates a condition of the template (Fn::Equals / Not / And / Or / Condition on literals). */
export function condition(template: PackagedTemplate, name: string): boolean {
  const evaluate = (value: unknown): boolean => {
    const v = value as Record<string, unknown>;
    if ('Fn::Equals' in v) {
      const [a, b] = v['Fn::Equals'] as [unknown, unknown];
      return JSON.stringify(a) === JSON.stringify(b);
    }
    if ('Fn::Not' in v) return !evaluate((v['Fn::Not'] as unknown[])[0]);
    if ('Fn::And' in v) return (v['Fn::And'] as unknown[]).every(evaluate);
    if ('Fn::Or' in v) return (v['Fn::Or'] as unknown[]).some(evaluate);
    if ('Condition' in v) return condition(template, v.Condition as string);
    throw new Error(`cannot evaluate condition ${JSON.stringify(value)}`);
  };
  const body = template.Conditions?.[name];
  if (body === undefined) throw new Error(`no condition ${name}`);
  return evaluate(body);
}

/** A value with its Fn::If resolved by the template's conditions (AWS::NoValue as undefined). */
export function resolveIf(template: PackagedTemplate, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveIf(template, v)).filter((v) => v !== undefined);
  if (typeof value !== 'object' || value === null) return value;
  const v = value as Record<string, unknown>;
  if ('Fn::If' in v) {
    const [name, yes, no] = v['Fn::If'] as [string, unknown, unknown];
    return resolveIf(template, condition(template, name) ? yes : no);
  }
  if (v.Ref === 'AWS::NoValue') return undefined;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveIf(template, x)]).filter(([, x]) => x !== undefined));
}

/**
 * A representative ARN for a resource value of a role statement: the stack's topics, queues, bucket and log groups
 * get ARNs of the account and region; anything not modelled throws, so a new kind of reference fails the test.
 */
export function materialise(template: PackagedTemplate, value: unknown): string {
  if (typeof value === 'string') {
    if (value.includes('${')) throw new Error(`unresolved variable in a role resource: ${value}`);
    return value;
  }
  const v = value as Record<string, unknown>;
  if (typeof v.Ref === 'string') {
    if (v.Ref === 'AWS::Region') return REGION;
    if (v.Ref === 'AWS::AccountId') return ACCOUNT;
    if (v.Ref === 'AWS::Partition') return 'aws';
    const type = template.Resources[v.Ref]?.Type;
    if (type === 'AWS::SNS::Topic') return `arn:aws:sns:${REGION}:${ACCOUNT}:${v.Ref.toLowerCase()}`;
    if (type === 'AWS::S3::Bucket') return v.Ref.toLowerCase();
    throw new Error(`cannot model Ref ${v.Ref} (${type ?? 'not a resource of the template'})`);
  }
  const getAtt = v['Fn::GetAtt'];
  if (Array.isArray(getAtt)) {
    const [id, attribute] = getAtt as [string, string];
    const type = template.Resources[id]?.Type;
    if (attribute === 'Arn' && type === 'AWS::S3::Bucket') return `arn:aws:s3:::${id.toLowerCase()}`;
    if (attribute === 'Arn' && type === 'AWS::SQS::Queue') return `arn:aws:sqs:${REGION}:${ACCOUNT}:${id.toLowerCase()}`;
    if (attribute === 'Arn' && type === 'AWS::Logs::LogGroup') return `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/${id.toLowerCase()}:*`;
    throw new Error(`cannot model GetAtt ${id}.${attribute} (${type ?? 'not a resource of the template'})`);
  }
  const join = v['Fn::Join'];
  if (Array.isArray(join)) {
    const [separator, parts] = join as [string, unknown[]];
    return parts.map((p) => materialise(template, p)).join(separator);
  }
  throw new Error(`cannot model role resource ${JSON.stringify(value)}`);
}

/** The statements of the role a function runs with (`Role: Fn::GetAtt [X, Arn]`), and that role's logical id. */
export function functionRole(template: PackagedTemplate, functionLogicalId: string): { roleId: string; statements: RoleStatement[] } {
  const fn = template.Resources[functionLogicalId];
  if (fn === undefined) throw new Error(`no function ${functionLogicalId}`);
  const role = fn.Properties?.Role as { 'Fn::GetAtt'?: [string, string] } | undefined;
  const roleId = role?.['Fn::GetAtt']?.[0];
  if (roleId === undefined) throw new Error(`${functionLogicalId} has no role of its own: ${JSON.stringify(role)}`);
  const policies = (template.Resources[roleId]?.Properties?.Policies ?? []) as { PolicyDocument: { Statement: unknown[] } }[];
  const statements = policies.flatMap((p) => resolveIf(template, p.PolicyDocument.Statement) as Record<string, unknown>[]);
  return {
    roleId,
    statements: statements.map((s) => ({
      ...(s as unknown as RoleStatement),
      Action: ([] as string[]).concat(s.Action as string | string[]),
      Resource: ([] as unknown[]).concat(s.Resource as unknown).map((r) => materialise(template, r)),
    })),
  };
}
