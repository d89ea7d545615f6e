import { readFileSync } from 'node:fs';
import { parse, type Tags } from 'yaml';

/** An IAM statement as written in serverless.yml, CloudFormation intrinsics left as `{ Ref }`, `{ Fn::... }` objects. */
export interface TemplateStatement {
  Sid?: string;
  Effect: string;
  Action?: string | string[];
  NotAction?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
  Condition?: unknown;
}

/** serverless.yml as far as the role tests read it. */
export interface ServerlessTemplate {
  params?: { default?: Record<string, unknown> };
  provider: { iam?: { role?: { statements?: TemplateStatement[] } } };
  resources?: { Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }> };
}

const scalar = (name: string, fn: string, split = false) => ({ tag: `!${name}`, resolve: (value: string) => ({ [fn]: split ? value.split('.') : value }) });
const seq = (name: string, fn: string) => ({ tag: `!${name}`, collection: 'seq' as const, resolve: (value: { toJSON(): unknown }) => ({ [fn]: value.toJSON() }) });

/** CloudFormation's short-form intrinsics, kept as their long form (opaque to the YAML parser). */
const CFN_TAGS = [
  scalar('Ref', 'Ref'),
  scalar('GetAtt', 'Fn::GetAtt', true),
  scalar('Sub', 'Fn::Sub'),
  scalar('ImportValue', 'Fn::ImportValue'),
  scalar('GetAZs', 'Fn::GetAZs'),
  seq('Join', 'Fn::Join'),
  seq('Select', 'Fn::Select'),
  seq('Split', 'Fn::Split'),
  seq('If', 'Fn::If'),
  seq('Equals', 'Fn::Equals'),
  seq('Not', 'Fn::Not'),
  seq('And', 'Fn::And'),
  seq('Or', 'Fn::Or'),
  seq('FindInMap', 'Fn::FindInMap'),
] as unknown as Tags;

/** Reads serverless.yml with the CloudFormation tags and resolves `${param:...}` to the default params. */
export function readServerlessTemplate(file = 'serverless.yml'): ServerlessTemplate {
  const template = parse(readFileSync(file, 'utf8'), { customTags: CFN_TAGS }) as ServerlessTemplate;
  const params = template.params?.default ?? {};
  return resolveParams(template, params) as ServerlessTemplate;
}

/** `${param:name}` (alone in a string) becomes the default param; other `${...}` variables stay as written. */
function resolveParams(value: unknown, params: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    const match = /^\$\{param:([\w-]+)\}$/.exec(value);
    if (match === null) return value;
    const resolved = params[match[1] as string];
    if (resolved === undefined) throw new Error(`serverless.yml: \${param:${match[1]}} has no default in params.default`);
    return resolved;
  }
  if (Array.isArray(value)) return value.map((v) => resolveParams(v, params));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveParams(v, params)]));
  return value;
}

const REGION = 'us-west-1';
const ACCOUNT = '123456789012';

/**
 * A representative ARN (or name) for a CloudFormation value, so the stack's own resources can be evaluated like
 * real ones: `Ref` / `Fn::GetAtt ... Arn` of a topic or bucket of the template, `Fn::Join`, literals. Anything else
 * throws, so a new kind of resource reference makes the test fail until it is modelled here.
 */
export function materialise(value: unknown, template: ServerlessTemplate): string {
  if (typeof value === 'string') {
    if (value.includes('${')) throw new Error(`unresolved serverless variable in a role resource: ${value}`);
    return value;
  }
  const resources = template.resources?.Resources ?? {};
  if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    if (typeof v.Ref === 'string') {
      const type = resources[v.Ref]?.Type;
      if (type === 'AWS::SNS::Topic') return `arn:aws:sns:${REGION}:${ACCOUNT}:${v.Ref.toLowerCase()}`;
      if (type === 'AWS::S3::Bucket') return v.Ref.toLowerCase();
      throw new Error(`cannot model !Ref ${v.Ref} (${type ?? 'not a resource of the template'})`);
    }
    const getAtt = v['Fn::GetAtt'];
    if (Array.isArray(getAtt)) {
      const [id, attribute] = getAtt as [string, string];
      const type = resources[id]?.Type;
      if (type === 'AWS::S3::Bucket' && attribute === 'Arn') return `arn:aws:s3:::${id.toLowerCase()}`;
      throw new Error(`cannot model !GetAtt ${id}.${attribute} (${type ?? 'not a resource of the template'})`);
    }
    const join = v['Fn::Join'];
    if (Array.isArray(join)) {
      const [separator, parts] = join as [string, unknown[]];
      return parts.map((p) => materialise(p, template)).join(separator);
    }
  }
  throw new Error(`cannot model role resource ${JSON.stringify(value)}`);
}

/** A list of the value (one or several). */
export function listOf<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
