import type { ClusterConfig } from '../config/schema.js';
import { isLiveInstance, type ClusterMembership } from '../membership.js';
import type { AccountView, KubeNode } from '../model/account-view.js';
import { providerClusterId } from './cluster-id.js';
import { clusterSubnetSelection } from './cluster-subnets.js';
import { controlPlaneReason } from './control-plane.js';
import { imdsNeed } from './imds.js';
import { providerNotes } from './notes.js';
import { routeControllerOutcome, routeControllerTable } from './route-controller-table.js';
import { securityGroupForInstance, type SecurityGroupChoice } from './security-group-choice.js';
import { providerSettings, type ProviderSettings } from './settings.js';
import { describeDecision, LB_TYPES, roleTagFor, type LbType, type SubnetFacts } from './subnet-selection.js';
import { providerUsesZone } from './zone-types.js';

/**
 * What the provider would decide for one cluster (`kube-aws-audit explain`): load-balancer subnets per VPC, AZ and
 * type, the route controller's table, each instance's security group, node name, providerID and IMDS settings.
 * Built from the same rules as the checks (lib/domain/provider/); pure. docs/provider-rules.md "Explain".
 */
export interface Explanation {
  cluster: string;
  region: string;
  account?: string;
  preset: string;
  settings: ProviderSettings;
  /** `control-plane` when the VPCs are those of control-plane instances, else every VPC of the cluster. */
  vpcBasis: 'control-plane' | 'members';
  loadBalancerSubnets: VpcExplanation[];
  routeTable: RouteTableExplanation;
  instances: InstanceExplanation[];
  /** What could not be collected; the parts that depend on it are marked unknown. */
  gaps: string[];
  notes: string[];
}

export interface CandidateExplanation {
  subnetId: string;
  public: boolean | undefined;
  routeTable?: string;
  roleTag: boolean;
  clusterTagged: boolean;
  outpostArn?: string;
}

export interface AzExplanation {
  availabilityZone: string;
  zoneType: string;
  chosen: string;
  why: string;
  /** The zone is not a regular availability zone: the choice is dropped. */
  dropped: boolean;
  candidates: CandidateExplanation[];
}

export interface TypeExplanation {
  type: LbType;
  subnets: string[];
  /** The provider's error when nothing is left. */
  error?: string;
  azs: AzExplanation[];
  /** Private candidates skipped (internet-facing). */
  skippedPrivate: string[];
}

export interface VpcExplanation {
  vpcId: string;
  fallback: boolean;
  fallbackSubnets: string[];
  /** Subnets whose route table is unknown: the provider would fail ("could not locate routing table"). */
  unknownRouteTable: string[];
  types: TypeExplanation[];
  /** Subnets of the VPC that are not candidates, and why. */
  excluded: { subnetId: string; availabilityZone: string; why: string }[];
}

export interface RouteTableExplanation {
  cloudRoutes: boolean;
  via: 'routeTableId' | 'tag';
  tables: { routeTableId: string; vpcId: string }[];
  chosen?: string;
  error?: string;
}

export interface InstanceExplanation {
  instanceId: string;
  state: string;
  availabilityZone?: string;
  controlPlane: boolean;
  /** The node name the provider maps to this instance (its PrivateDnsName; with the CCM also the instance id). */
  nodeNames: string[];
  providerId?: string;
  /** The Kubernetes node found for it, when node data was given. */
  node?: { name: string; providerId?: string; providerIdMatches: boolean };
  securityGroup: SecurityGroupChoice | { kind: 'disabled'; why: string };
  imds: { httpEndpoint?: string; httpTokens?: string; hopLimit?: number; needs: string; verdict: 'ok' | 'disabled' | 'hop-limit' | 'unknown' | 'not needed' };
}

/** Explains the provider's decisions for `cluster` over `view`. */
export function explainCluster(view: AccountView, cluster: ClusterConfig, membership: ClusterMembership): Explanation {
  const settings = providerSettings(view, cluster);
  const clusterId = providerClusterId(cluster);
  const selection = clusterSubnetSelection(view, cluster, membership);
  const choice = routeControllerTable(view.routeTables, cluster);
  const outcome = routeControllerOutcome(choice, cluster.name);
  const tables = choice.via === 'routeTableId' ? (choice.table ? [choice.table] : []) : choice.tagged;
  return {
    cluster: cluster.name,
    region: view.region ?? cluster.region,
    ...(view.account ?? cluster.account ? { account: (view.account ?? cluster.account) as string } : {}),
    preset: cluster.preset,
    settings,
    vpcBasis: selection.vpcBasis,
    loadBalancerSubnets: selection.vpcs.map((vpc) => ({
      vpcId: vpc.vpcId,
      fallback: vpc.fallback,
      fallbackSubnets: vpc.fallbackSubnets,
      unknownRouteTable: vpc.unknownRouteTable,
      excluded: vpc.subnets.filter((s) => !s.candidate).map((s) => ({ subnetId: s.subnetId, availabilityZone: s.availabilityZone, why: `tagged for ${(s.taggedForOtherClusters ?? []).join(', ')}` })),
      types: LB_TYPES.map((type): TypeExplanation => {
        const t = vpc.byType[type];
        const facts = (id: string) => vpc.subnets.find((s) => s.subnetId === id) as SubnetFacts;
        return {
          type,
          subnets: t.subnetIds,
          ...(t.subnetIds.length === 0 ? { error: 'could not find any suitable subnets for creating the ELB' } : {}),
          skippedPrivate: t.droppedPrivate,
          azs: t.azs.map((az) => {
            const chosen = facts(az.chosen);
            return {
              availabilityZone: az.availabilityZone,
              zoneType: chosen.zone.zoneType,
              chosen: az.chosen,
              why: providerUsesZone(chosen.zone) ? describeDecision(az) : `${describeDecision(az)}; then dropped: a ${chosen.zone.zoneType} takes no Classic or Network Load Balancer`,
              dropped: az.droppedZone !== undefined,
              candidates: az.competing.map((id) => {
                const f = facts(id);
                return {
                  subnetId: id,
                  public: f.public,
                  ...(f.routeTableId ? { routeTable: `${f.routeTableId} (${f.routeTableVia})` } : {}),
                  roleTag: type === 'internal' ? f.roleTags.internalElb : f.roleTags.elb,
                  clusterTagged: f.clusterTagged,
                  ...(f.outpostArn ? { outpostArn: f.outpostArn } : {}),
                };
              }),
            };
          }),
        };
      }),
    })),
    routeTable: {
      cloudRoutes: cluster.cloudRoutes,
      via: choice.via,
      tables: tables.map((t) => ({ routeTableId: t.routeTableId, vpcId: t.vpcId })),
      ...(outcome.table ? { chosen: outcome.table.routeTableId } : {}),
      ...(outcome.error ? { error: outcome.error } : {}),
    },
    instances: membership.instances.filter(isLiveInstance).map((i) => {
      const need = imdsNeed(i, membership, cluster);
      const m = i.metadataOptions;
      const verdict: InstanceExplanation['imds']['verdict'] =
        need.endpoint === undefined ? 'not needed'
        : m?.httpEndpoint === undefined ? 'unknown'
        : m.httpEndpoint === 'disabled' ? 'disabled'
        : need.secondHop !== undefined && m.httpTokens === 'required' && (m.httpPutResponseHopLimit ?? 2) < 2 ? 'hop-limit'
        : 'ok';
      const node = view.nodes ? findNode(view.nodes, i.instanceId, i.privateDnsName) : undefined;
      const providerId = i.availabilityZone ? `aws:///${i.availabilityZone}/${i.instanceId}` : undefined;
      return {
        instanceId: i.instanceId,
        state: i.state,
        ...(i.availabilityZone ? { availabilityZone: i.availabilityZone } : {}),
        controlPlane: controlPlaneReason(i, membership) !== undefined,
        nodeNames: [...(i.privateDnsName ? [i.privateDnsName] : []), ...(cluster.preset === 'in-tree' ? [] : [i.instanceId])],
        ...(providerId ? { providerId } : {}),
        ...(node ? { node: { name: node.name, ...(node.providerId ? { providerId: node.providerId } : {}), providerIdMatches: node.providerId === providerId } } : {}),
        securityGroup: settings.disableSecurityGroupIngress
          ? { kind: 'disabled', why: 'DisableSecurityGroupIngress: the provider opens no instance security group' }
          : securityGroupForInstance(i, view.securityGroups, clusterId),
        imds: {
          ...(m?.httpEndpoint ? { httpEndpoint: m.httpEndpoint } : {}),
          ...(m?.httpTokens ? { httpTokens: m.httpTokens } : {}),
          ...(m?.httpPutResponseHopLimit !== undefined ? { hopLimit: m.httpPutResponseHopLimit } : {}),
          needs: need.endpoint === undefined ? 'nothing of the provider reads IMDS here' : need.secondHop ? 'IMDS, and a hop limit >= 2 with tokens required' : 'IMDS',
          verdict,
        },
      };
    }),
    gaps: [
      ...view.gaps.map((g) => `${g.kind}${g.resourceId ? ` ${g.resourceId}` : ''}: ${g.source}: ${g.reason}`),
      // What members refer to but the data lacks: the parts that depend on it are unknown.
      ...membership.unresolved.subnets.map((r) => `subnet ${r.id}: ${r.reason}`),
      ...membership.unresolved.securityGroups.map((r) => `security group ${r.id}: ${r.reason}`),
      ...membership.unresolved.routeTables.map((r) => `route table of subnet ${r.id}: ${r.reason}`),
    ],
    notes: providerNotes(view, cluster, membership),
  };
}

function findNode(nodes: readonly KubeNode[], instanceId: string, privateDnsName: string): KubeNode | undefined {
  return (
    nodes.find((n) => (n.providerId ?? '').endsWith(`/${instanceId}`)) ??
    nodes.find((n) => n.name === instanceId || n.name.startsWith(`${instanceId}.`) || (privateDnsName !== '' && n.name.toLowerCase() === privateDnsName.toLowerCase()))
  );
}

/** The role tag a candidate's `roleTag` refers to, for renderers. */
export function roleTagLabel(type: LbType): string {
  return roleTagFor(type);
}
