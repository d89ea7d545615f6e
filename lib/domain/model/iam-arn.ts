/** The parts of an IAM ARN such as `arn:aws:iam::123456789012:role/path/name`. */
export interface IamArn {
  partition: string;
  /** 12-digit account id, or `aws` for AWS managed policies. */
  account: string;
  /** `role`, `policy`, `instance-profile`, ... */
  resourceType: string;
  /** `/` or `/path/` (IAM path, with slashes). */
  path: string;
  name: string;
}

const IAM_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}|aws):([^/]+)(\/(?:.*\/)?)?([^/]+)$/;

/** Parsed ARNs: the same few dozen role and profile ARNs are compared for every instance of a large fleet. */
const parsed = new Map<string, Readonly<IamArn> | undefined>();
const MAX_PARSED = 10_000;

/** Splits an IAM ARN; undefined when the text is not one. The result is shared (frozen). */
export function parseIamArn(arn: string): Readonly<IamArn> | undefined {
  if (parsed.has(arn)) return parsed.get(arn);
  const match = IAM_ARN.exec(arn);
  let out: Readonly<IamArn> | undefined;
  if (match !== null) {
    const [, partition = '', account = '', resourceType = '', path, name = ''] = match;
    out = Object.freeze({ partition, account, resourceType, path: path ?? '/', name });
  }
  if (parsed.size >= MAX_PARSED) parsed.clear();
  parsed.set(arn, out);
  return out;
}

/** The name (last path segment) of an IAM ARN; the ARN itself when it cannot be parsed. */
export function nameFromArn(arn: string): string {
  return parseIamArn(arn)?.name ?? arn;
}

/**
 * True when two role (or instance profile) ARNs name the same IAM entity.
 * IAM names are unique per account whatever the path and regardless of case, so `role/name` in a config and
 * `role/path/name` from IAM are the same role; anything unparsable compares exactly.
 */
export function sameIamEntity(a: string, b: string): boolean {
  if (a === b) return true;
  const pa = parseIamArn(a);
  const pb = parseIamArn(b);
  if (!pa || !pb) return false;
  return (
    pa.partition === pb.partition &&
    pa.account === pb.account &&
    pa.resourceType === pb.resourceType &&
    pa.name.toLowerCase() === pb.name.toLowerCase()
  );
}
