import type { ClusterConfig } from '../config/schema.js';
import type { ClusterMembership } from '../membership.js';
import type { Instance } from '../model/account-view.js';
import { controlPlaneReason } from './control-plane.js';

/**
 * What the provider needs from the instance metadata service (docs/provider-rules.md "Instance metadata").
 * cloud-provider-aws 63ec440c reads IMDS at start-up whatever its credentials (IRSA or RoleARN included): the region
 * (config/config.go:145-158 GetRegion), the instance id (aws.go:1122 buildSelfAWSInstance) and, through it, the VPC and
 * subnet it works in; aws_sdk.go:210-241 builds the IMDS client with the SDK defaults (IMDSv2 token first).
 */

/** Whether the cloud controller's pod shares the host's network namespace, and where that came from. */
export interface HostNetworkFact {
  hostNetwork: boolean;
  source: 'config' | 'preset';
  why: string;
}

/**
 * `cloudController.hostNetwork` from the config, else the preset's default: the cloud-provider-aws Helm chart sets
 * `hostNetwork` only when `.Values.hostNetworking` is set (charts/aws-cloud-controller-manager/templates/daemonset.yaml:31,
 * unset in values.yaml), kops' manifest always sets it (kops upupmodels aws-cloud-controller.addons.k8s.io
 * k8s-1.18.yaml.template), and the in-tree provider runs inside kube-controller-manager and the kubelet, host processes.
 */
export function controllerHostNetwork(cluster: Pick<ClusterConfig, 'preset' | 'cloudController'>): HostNetworkFact {
  const configured = cluster.cloudController?.hostNetwork;
  if (configured !== undefined) return { hostNetwork: configured, source: 'config', why: `cloudController.hostNetwork: ${configured}` };
  switch (cluster.preset) {
    case 'kops':
      return { hostNetwork: true, source: 'preset', why: 'kops runs the cloud controller with hostNetwork: true' };
    case 'in-tree':
      return { hostNetwork: true, source: 'preset', why: 'the in-tree provider runs in kube-controller-manager and the kubelet, on the host network' };
    default:
      return { hostNetwork: false, source: 'preset', why: "the cloud-provider-aws Helm chart's default (no hostNetwork)" };
  }
}

/** Why one instance needs IMDS, and whether an IMDSv2 token must survive a second network hop. */
export interface ImdsNeed {
  /** Why the instance needs IMDS reachable (`HttpEndpoint: enabled`); undefined when nothing of the provider needs it. */
  endpoint?: string;
  /** Why the token's PUT response must travel two hops (`HttpPutResponseHopLimit >= 2` with `HttpTokens: required`). */
  secondHop?: string;
}

/**
 * What the provider needs from IMDS on one member instance. Out-of-tree (cloud-provider-aws, kops): control-plane
 * instances, where the controller runs; the kubelet with `--cloud-provider=external` does not read IMDS for the
 * provider. In-tree: every node, since the kubelet's own cloud provider reads it to name the node. A second hop is
 * needed only where the controller runs in a container without the host network.
 */
export function imdsNeed(instance: Instance, membership: ClusterMembership, cluster: Pick<ClusterConfig, 'preset' | 'cloudController'>): ImdsNeed {
  const controlPlane = controlPlaneReason(instance, membership);
  if (cluster.preset === 'in-tree') {
    return { endpoint: controlPlane ? 'the in-tree provider in kube-controller-manager and the kubelet read it' : 'the kubelet\'s in-tree cloud provider reads it to name the node' };
  }
  if (!controlPlane) return {};
  const network = controllerHostNetwork(cluster);
  return {
    endpoint: `the cloud controller runs on control-plane instances (${controlPlane}) and reads it at start-up`,
    ...(network.hostNetwork ? {} : { secondHop: `the cloud controller runs in a container without the host network (${network.why})` }),
  };
}
