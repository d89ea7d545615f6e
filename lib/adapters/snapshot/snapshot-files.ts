/**
 * The files of a snapshot directory (docs/contracts.md "Snapshot directory") and the command that writes each one,
 * so error messages can tell users how to make a missing file.
 */
export const SNAPSHOT_FILES = {
  authorizationDetails: {
    name: 'iam-get-account-authorization-details.json',
    command: 'aws iam get-account-authorization-details --output json',
    required: true,
  },
  instances: { name: 'ec2-describe-instances.json', command: 'aws ec2 describe-instances --output json', required: true },
  subnets: { name: 'ec2-describe-subnets.json', command: 'aws ec2 describe-subnets --output json', required: true },
  routeTables: { name: 'ec2-describe-route-tables.json', command: 'aws ec2 describe-route-tables --output json', required: true },
  securityGroups: {
    name: 'ec2-describe-security-groups.json',
    command: 'aws ec2 describe-security-groups --output json',
    required: true,
  },
  availabilityZones: {
    name: 'ec2-describe-availability-zones.json',
    command: 'aws ec2 describe-availability-zones --output json',
    required: false,
  },
  nodes: { name: 'kubectl-get-nodes.json', command: 'kubectl get nodes -o json', required: false },
  meta: { name: 'meta.json', command: `echo '{"account": "123456789012", "region": "us-west-1"}'`, required: false },
} as const;

/** One entry of {@link SNAPSHOT_FILES}. */
export type SnapshotFileSpec = (typeof SNAPSHOT_FILES)[keyof typeof SNAPSHOT_FILES];

/** A snapshot file read from disk and parsed as JSON. */
export interface SnapshotFile {
  spec: SnapshotFileSpec;
  /** The file's path as the user will recognise it (`<dir>/<name>`); used as the prefix of every error message. */
  path: string;
  json: unknown;
}
