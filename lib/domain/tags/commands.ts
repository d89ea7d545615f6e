/**
 * Ready-to-run AWS CLI commands for tag remediations. Values are shell-quoted only when they need it,
 * so the common case stays readable: `aws ec2 create-tags --resources subnet-0abc --tags Key=...,Value=shared`.
 */

/** `aws ec2 create-tags` for one key/value on the given resources. */
export function createTagsCommand(resourceIds: readonly string[], key: string, value: string, region?: string): string {
  return `aws ec2 create-tags --resources ${resourceIds.map(shellWord).join(' ')} --tags ${shellWord(`Key=${key},Value=${value}`)}${regionFlag(region)}`;
}

/** `aws ec2 delete-tags` removing the given keys (whatever their value) from the given resources. */
export function deleteTagsCommand(resourceIds: readonly string[], keys: readonly string[], region?: string): string {
  return `aws ec2 delete-tags --resources ${resourceIds.map(shellWord).join(' ')} --tags ${keys.map((k) => shellWord(`Key=${k}`)).join(' ')}${regionFlag(region)}`;
}

function regionFlag(region: string | undefined): string {
  return region ? ` --region ${shellWord(region)}` : '';
}

/** Quotes a word for POSIX shells when it holds anything beyond a safe character set. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
