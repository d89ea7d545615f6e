import { SnapshotError } from '../../app/errors.js';
import type { Instance, Role, Subnet } from '../../domain/model/account-view.js';
import type { SnapshotMeta } from './parse-meta.js';

const ROLE_ARN_ACCOUNT = /^arn:[^:]+:iam::(\d{12}):/;
/** The region at the start of an AZ name: `us-west-2a` and Local Zone `us-west-2-lax-1a` both give `us-west-2`. */
const AZ_REGION = /^([a-z]{2}(?:-[a-z]+)+-\d+)/;

/** Where the snapshot's account and region come from, for the report and for error messages. */
export interface SnapshotLocation {
  account?: string;
  region?: string;
}

/**
 * Decides the snapshot's account and region: `meta.json` when it says so, otherwise derived from the data —
 * the account from the role ARNs, the region from instance and subnet availability zones — when every value agrees.
 *
 * @param metaPath path of meta.json, for error messages
 * @throws SnapshotError when meta.json contradicts the data (files from different accounts or regions mixed up)
 */
export function resolveLocation(
  meta: Pick<SnapshotMeta, 'account' | 'region'> | undefined,
  data: { roles: readonly Role[]; instances: readonly Instance[]; subnets: readonly Subnet[] },
  metaPath: string,
): SnapshotLocation {
  const derivedAccount = agreed(data.roles.map((role) => ROLE_ARN_ACCOUNT.exec(role.arn)?.[1]));
  const zones = [...data.instances.map((instance) => instance.availabilityZone), ...data.subnets.map((subnet) => subnet.availabilityZone)];
  const derivedRegion = agreed(zones.map((zone) => (zone === undefined ? undefined : AZ_REGION.exec(zone)?.[1])));
  if (meta?.account !== undefined && derivedAccount !== undefined && meta.account !== derivedAccount) {
    throw new SnapshotError(
      `${metaPath}: account: says ${meta.account}, but the roles in the IAM file belong to ${derivedAccount} (files from different accounts?)`,
      metaPath,
      'account',
    );
  }
  if (meta?.region !== undefined && derivedRegion !== undefined && meta.region !== derivedRegion) {
    throw new SnapshotError(
      `${metaPath}: region: says ${meta.region}, but the instances and subnets are in ${derivedRegion} (files from different regions?)`,
      metaPath,
      'region',
    );
  }
  const account = meta?.account ?? derivedAccount;
  const region = meta?.region ?? derivedRegion;
  return { ...(account === undefined ? {} : { account }), ...(region === undefined ? {} : { region }) };
}

/** The single value every known entry agrees on; undefined when none is known or they differ. */
function agreed(values: readonly (string | undefined)[]): string | undefined {
  const distinct = new Set(values.filter((value) => value !== undefined));
  if (distinct.size !== 1) return undefined;
  const [only] = distinct;
  return only;
}
