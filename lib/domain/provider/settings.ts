import type { ClusterConfig } from '../config/schema.js';
import type { AccountView } from '../model/account-view.js';
import { providerClusterId, providerClusterIdSource, type ClusterIdSource } from './cluster-id.js';
import { controllerHostNetwork } from './imds.js';

/**
 * The provider settings the tag and node checks applied for a cluster (the report's `coverage.provider`, an additive
 * extension): the cloud-config switches, how the controller runs, and where zone types came from.
 * docs/provider-rules.md "Cloud-config switches".
 */
export interface ProviderSettings {
  /** The id in `kubernetes.io/cluster/<id>` and `KubernetesCluster=<id>`. */
  clusterId: string;
  clusterIdFrom: ClusterIdSource;
  /** cloud-config `RouteTableID`, when set: the route controller uses it and skips the tag lookup. */
  routeTableId?: string;
  /** cloud-config `DisableSecurityGroupIngress`. */
  disableSecurityGroupIngress: boolean;
  /** cloud-config `RoleARN`, when set (recorded; its IAM meaning belongs to the IAM checks). */
  roleArn?: string;
  controllerHostNetwork: boolean;
  controllerHostNetworkFrom: 'config' | 'preset';
  /** Where the zone types of the Local/Wavelength zone filter came from. */
  zoneTypesFrom: 'ec2:DescribeAvailabilityZones' | 'zone names';
  /** Checks the switches turn off, because the provider then never applies their rule. */
  checksOff: string[];
}

/** The settings in effect for `cluster` over `view`. */
export function providerSettings(view: Pick<AccountView, 'availabilityZones'>, cluster: ClusterConfig): ProviderSettings {
  const cc = cluster.cloudConfig ?? {};
  const network = controllerHostNetwork(cluster);
  const checksOff = [
    ...(cc.disableSecurityGroupIngress === true ? ['tags.sg.multiple-tagged', 'tags.sg.none-tagged'] : []),
    ...(cc.routeTableId !== undefined && cluster.cloudRoutes ? ['tags.route-table.ambiguous'] : []),
  ];
  return {
    clusterId: providerClusterId(cluster),
    clusterIdFrom: providerClusterIdSource(cluster),
    ...(cc.routeTableId === undefined ? {} : { routeTableId: cc.routeTableId }),
    disableSecurityGroupIngress: cc.disableSecurityGroupIngress === true,
    ...(cc.roleArn === undefined ? {} : { roleArn: cc.roleArn }),
    controllerHostNetwork: network.hostNetwork,
    controllerHostNetworkFrom: network.source,
    zoneTypesFrom: view.availabilityZones === undefined ? 'zone names' : 'ec2:DescribeAvailabilityZones',
    checksOff,
  };
}

/** One readable line, for the table and Markdown reports. */
export function describeProviderSettings(s: ProviderSettings): string {
  const parts = [
    `cluster id ${s.clusterId}${s.clusterIdFrom === 'name' ? '' : ` (cloud-config ${s.clusterIdFrom === 'kubernetesClusterTag' ? 'KubernetesClusterTag' : 'KubernetesClusterID'})`}`,
    ...(s.routeTableId ? [`RouteTableID ${s.routeTableId}`] : []),
    ...(s.disableSecurityGroupIngress ? ['DisableSecurityGroupIngress'] : []),
    ...(s.roleArn ? [`RoleARN ${s.roleArn}`] : []),
    `controller ${s.controllerHostNetwork ? 'on' : 'not on'} the host network (${s.controllerHostNetworkFrom === 'config' ? 'config' : 'preset default'})`,
    `zone types from ${s.zoneTypesFrom}`,
    ...(s.checksOff.length > 0 ? [`not applicable: ${s.checksOff.join(', ')}`] : []),
  ];
  return parts.join('; ');
}
