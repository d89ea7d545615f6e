import type { ClusterConfig } from '../config/schema.js';
import type { ClusterMembership } from '../membership.js';
import type { AccountView } from '../model/account-view.js';
import { providerClusterId } from './cluster-id.js';
import { controlPlaneInstances } from './control-plane.js';
import { selectElbSubnets, type VpcSubnetSelection } from './subnet-selection.js';

/** The provider's load-balancer subnet choice for one cluster. */
export interface ClusterSubnetSelection {
  /** One selection per VPC the controller may run in. */
  vpcs: VpcSubnetSelection[];
  /**
   * `control-plane`: the VPCs of the control-plane instances (the provider works in the VPC of the instance it runs
   * on, aws.go:644 `awsCloud.vpcID = selfAWSInstance.vpcID`); `members`: no control-plane instance was identified, so
   * every VPC of the cluster's instances.
   */
  vpcBasis: 'control-plane' | 'members';
}

const cache = new WeakMap<ClusterMembership, ClusterSubnetSelection>();

/** {@link selectElbSubnets} for every VPC the cluster's controller may run in. Computed once per membership. */
export function clusterSubnetSelection(view: AccountView, cluster: ClusterConfig, membership: ClusterMembership): ClusterSubnetSelection {
  const cached = cache.get(membership);
  if (cached) return cached;
  const controlPlane = controlPlaneInstances(membership);
  const vpcOf = (i: { vpcId?: string; subnetId?: string }) => i.vpcId ?? view.subnets.find((s) => s.subnetId === i.subnetId)?.vpcId;
  const controllerVpcs = [...new Set(controlPlane.map(vpcOf).filter((v): v is string => v !== undefined))];
  const vpcBasis = controllerVpcs.length > 0 ? 'control-plane' : 'members';
  const vpcIds = (vpcBasis === 'control-plane' ? controllerVpcs : membership.vpcIds).slice().sort();
  const clusterId = providerClusterId(cluster);
  const result: ClusterSubnetSelection = {
    vpcBasis,
    vpcs: vpcIds.map((vpcId) =>
      selectElbSubnets({
        vpcId,
        subnets: view.subnets,
        routeTables: view.routeTables,
        clusterId,
        ...(view.availabilityZones ? { availabilityZones: view.availabilityZones } : {}),
        controllerSubnetIds: controlPlane.filter((i) => vpcOf(i) === vpcId).flatMap((i) => (i.subnetId ? [i.subnetId] : [])),
      }),
    ),
  };
  cache.set(membership, result);
  return result;
}
