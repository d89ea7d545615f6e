import type { ClusterConfig } from '../config/schema.js';
import type { ClusterMembership } from '../membership.js';
import type { AccountView } from '../model/account-view.js';
import { clusterSubnetSelection } from './cluster-subnets.js';
import type { VpcSubnetSelection } from './subnet-selection.js';

/** Cluster notes about the subnet choice that are not findings: the fallback to the controller's subnet works. */
export function subnetSelectionNotes(vpcs: readonly VpcSubnetSelection[]): string[] {
  return vpcs
    .filter((v) => v.fallback && v.byType['internet-facing'].subnetIds.length > 0)
    .map(
      (v) =>
        `no subnet of ${v.vpcId} is a load-balancer candidate for cluster ${v.clusterId}: the provider falls back to the subnet of the instance it runs on ` +
        `(${v.fallbackSubnets.join(' or ')}) and logs "No tagged subnets found; will fall-back to the current subnet only"; every load balancer then gets that one subnet`,
    );
}

/** A note when a zone was judged a Local or Wavelength zone from its name only (no DescribeAvailabilityZones data). */
export function zoneTypeNotes(vpcs: readonly VpcSubnetSelection[]): string[] {
  const inferred = [...new Set(vpcs.flatMap((v) => v.subnets.filter((s) => s.candidate && s.zone.source === 'name' && s.zone.zoneType !== 'availability-zone').map((s) => `${s.availabilityZone} (${s.zone.zoneType})`)))];
  return inferred.length === 0
    ? []
    : [`zone types of ${inferred.join(', ')} were derived from the zone names; add ec2-describe-availability-zones.json (aws ec2 describe-availability-zones) for the provider's own source`];
}

/** Every provider note for a cluster (the report's `clusters[].notes`). */
export function providerNotes(view: AccountView, cluster: ClusterConfig, membership: ClusterMembership): string[] {
  const { vpcs } = clusterSubnetSelection(view, cluster, membership);
  return [...subnetSelectionNotes(vpcs), ...zoneTypeNotes(vpcs)];
}
