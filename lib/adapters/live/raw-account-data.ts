import type { AvailabilityZone, Reservation, RouteTable, SecurityGroup, Subnet } from '@aws-sdk/client-ec2';
import type { CollectionGap } from '../../domain/model/account-view.js';
import { mergeIamCollections, emptyIamCollection, type IamRawData } from '../iam/iam-collection.js';

/**
 * What the live collector received from AWS, in the SDK's (= the AWS CLI's) PascalCase shapes, for the snapshot
 * writer: IAM in GetAccountAuthorizationDetails shapes, EC2 as DescribeX returned it.
 */
export interface RawAccountData {
  account: string;
  region: string;
  /** Clusters whose collection this holds. */
  clusters: string[];
  iam: IamRawData;
  reservations: Reservation[];
  subnets: Subnet[];
  routeTables: RouteTable[];
  securityGroups: SecurityGroup[];
  /** DescribeAvailabilityZones (empty when it failed). */
  availabilityZones?: AvailabilityZone[];
  /** What could not be collected: a snapshot written from this is incomplete in exactly these places. */
  gaps: CollectionGap[];
  notes: string[];
}

/**
 * Merges the raw data of several clusters of the same account and region (deduplicated by resource id).
 * @throws Error when account or region differ (a snapshot directory holds one account and region)
 */
export function mergeRawAccountData(a: RawAccountData, b: RawAccountData): RawAccountData {
  if (a.account !== b.account || a.region !== b.region) {
    throw new Error(`cannot merge ${b.account}/${b.region} into a snapshot of ${a.account}/${a.region}: a snapshot holds one account and region`);
  }
  const iam = mergeIamCollections({ ...emptyIamCollection(), raw: a.iam }, { ...emptyIamCollection(), raw: b.iam }).raw;
  const instanceIds = new Set(a.reservations.flatMap((r) => (r.Instances ?? []).map((i) => i.InstanceId)));
  const extraReservations = b.reservations
    .map((r) => ({ ...r, Instances: (r.Instances ?? []).filter((i) => !instanceIds.has(i.InstanceId)) }))
    .filter((r) => r.Instances.length > 0);
  return {
    account: a.account,
    region: a.region,
    clusters: [...a.clusters, ...b.clusters],
    iam,
    reservations: [...a.reservations, ...extraReservations],
    subnets: uniqueBy([...a.subnets, ...b.subnets], (s) => s.SubnetId),
    routeTables: uniqueBy([...a.routeTables, ...b.routeTables], (t) => t.RouteTableId),
    securityGroups: uniqueBy([...a.securityGroups, ...b.securityGroups], (g) => g.GroupId),
    availabilityZones: uniqueBy([...(a.availabilityZones ?? []), ...(b.availabilityZones ?? [])], (z) => z.ZoneName),
    gaps: [...a.gaps, ...b.gaps],
    notes: [...new Set([...a.notes, ...b.notes])],
  };
}

function uniqueBy<T>(items: T[], key: (item: T) => string | undefined): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item) ?? '';
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
