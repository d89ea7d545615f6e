/** The parts of an IAM ARN such as `arn:aws:iam::123456789012:role/path/name`. */
export interface IamArn {
  partition: string;
  account: string;
  /** `role`, `policy`, `instance-profile`, ... */
  resourceType: string;
  /** `/` or `/path/` (IAM path, with slashes). */
  path: string;
  name: string;
}

/** Splits an IAM ARN; undefined when the text is not one. */
export function parseIamArn(arn: string): IamArn | undefined {
  const match = /^arn:([^:]+):iam::(\d{12}|aws):([^/]+)(\/(?:.*\/)?)?([^/]+)$/.exec(arn);
  if (match === null) return undefined;
  const [, partition = '', account = '', resourceType = '', path, name = ''] = match;
  return { partition, account, resourceType, path: path ?? '/', name };
}

/** The name (last path segment) of an IAM ARN; the ARN itself when it cannot be parsed. */
export function nameFromArn(arn: string): string {
  return parseIamArn(arn)?.name ?? arn;
}
