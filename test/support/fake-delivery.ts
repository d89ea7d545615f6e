import type { AlertPublisher, ReportStore } from '../../lib/app/delivery-ports.js';
import type { AccountSource } from '../../lib/app/ports.js';
import type { ClusterConfig } from '../../lib/domain/config/schema.js';
import type { AccountView } from '../../lib/domain/model/account-view.js';
import { LocalPolicyDecisionSource } from '../../lib/domain/policy/local-decision-source.js';
import type { Report } from '../../lib/domain/report/report.js';
import type { SnsMessage } from '../../lib/domain/report/sns-message.js';
import { generatePolicy } from '../../lib/domain/requirements/generate-policy.js';
import { aRoleWithPolicy } from './iam.js';
import { aCompliantView, anInstance, aRouteTable, aSecurityGroup, aSubnet, clusterTag } from './builders.js';

/** An AlertPublisher that records what it was asked to publish. */
export class FakePublisher implements AlertPublisher {
  readonly published: { topicArn: string; messages: readonly SnsMessage[] }[] = [];
  constructor(private readonly failure?: Error) {}

  async publish(topicArn: string, messages: readonly SnsMessage[]): Promise<string[]> {
    if (this.failure !== undefined) throw this.failure;
    this.published.push({ topicArn, messages });
    return messages.map((_, i) => `message-${this.published.length}-${i + 1}`);
  }

  /** Every message published so far. */
  messages(): SnsMessage[] {
    return this.published.flatMap((p) => p.messages);
  }
}

/** A ReportStore whose get and/or put reject with the given errors, and otherwise keeps reports in memory. */
export class FailingStore implements ReportStore {
  readonly location = 'fake://state/';
  readonly puts: string[] = [];
  private readonly reports = new Map<string, Report>();
  constructor(private readonly failures: { get?: Error; put?: Error }) {}

  async get(key: string): Promise<Report | undefined> {
    if (this.failures.get !== undefined) throw this.failures.get;
    return this.reports.get(key);
  }

  async put(key: string, report: Report): Promise<void> {
    if (this.failures.put !== undefined) throw this.failures.put;
    this.puts.push(key);
    this.reports.set(key, report);
  }
}

/**
 * A compliant view of one cluster (the two default roles hold the preset's generated policies) where the given
 * instances have no private DNS name: one high `node.private-dns.missing` finding per instance id.
 */
export function viewWithUnnamedInstances(cluster: string, instanceIds: readonly string[]): AccountView {
  const policy = (role: 'controlPlane' | 'worker') => generatePolicy({ preset: 'cloud-provider-aws', role, cluster, includeOptional: true });
  return aCompliantView(0, {
    roles: [aRoleWithPolicy('k8s-control-plane', policy('controlPlane')), aRoleWithPolicy('k8s-worker', policy('worker'))],
    instances: instanceIds.map((instanceId) => anInstance({ instanceId, privateDnsName: '', tags: clusterTag(cluster) })),
    subnets: [aSubnet({ tags: clusterTag(cluster, 'shared') })],
    routeTables: [aRouteTable({ tags: clusterTag(cluster) })],
    securityGroups: [aSecurityGroup({ tags: clusterTag(cluster) })],
  });
}

/**
 * A fake live collect stage with the local IAM evaluator: the current view per cluster name (replace entries between
 * runs), or an error to throw.
 */
export function fakeSource(byCluster: Record<string, AccountView | Error>): AccountSource & { views: Record<string, AccountView | Error> } {
  return {
    mode: 'live',
    views: byCluster,
    async collect(cluster: ClusterConfig) {
      const entry = byCluster[cluster.name];
      if (entry === undefined) throw new Error(`no fake view for ${cluster.name}`);
      if (entry instanceof Error) throw entry;
      return { view: entry, decisions: new LocalPolicyDecisionSource(entry), notes: [] };
    },
  };
}
