/** A parsed IAM ARN of a role or instance profile. */
export interface IamArn {
  partition: string;
  account: string;
  /** `role` or `instance-profile`. */
  resourceType: string;
  /** The path, `/` when none (`role/path/to/name` has path `/path/to/`). */
  path: string;
  name: string;
}

const IAM_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):(role|instance-profile)\/(.+)$/;

/** Parses `arn:aws:iam::123456789012:role/path/name` (path optional); undefined when it is no role/profile ARN. */
export function parseIamArn(arn: string): IamArn | undefined {
  const m = IAM_ARN.exec(arn);
  if (!m) return undefined;
  const [, partition, account, resourceType, rest] = m as unknown as [string, string, string, string, string];
  const slash = rest.lastIndexOf('/');
  return {
    partition,
    account,
    resourceType,
    path: slash < 0 ? '/' : `/${rest.slice(0, slash + 1)}`,
    name: slash < 0 ? rest : rest.slice(slash + 1),
  };
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
