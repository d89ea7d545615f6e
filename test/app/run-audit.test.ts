import { describe, expect, it } from '@jest/globals';
import { ConfigError, SnapshotError, UsageError } from '../../lib/app/errors.js';
import type { AccountSource, CollectedAccount } from '../../lib/app/ports.js';
import { runAudit, type AuditProgress } from '../../lib/app/run-audit.js';
import { withLocalDecisions } from '../../lib/app/with-local-decisions.js';
import { LocalPolicyDecisionSource } from '../../lib/domain/policy/local-decision-source.js';
import type { ClusterConfig } from '../../lib/domain/config/schema.js';
import { configSchema, type AuditConfig } from '../../lib/domain/config/schema.js';
import { RESOURCE_TYPES } from '../../lib/domain/findings/finding.js';
import { emptyAccountView, type AccountView } from '../../lib/domain/model/account-view.js';
import type { CheckFamily } from '../../lib/domain/checks/check-ids.js';
import type { Report } from '../../lib/domain/report/report.js';
import { aCompliantView, anInstance, aRouteTable, aSecurityGroup, aSubnet, clusterTag, DEFAULTS } from '../support/builders.js';

const ACCOUNT = DEFAULTS.account;
const NOW = () => new Date('2026-05-01T10:00:00Z');

function config(clusters: Record<string, unknown>[]): AuditConfig {
  return configSchema.parse({
    clusters: clusters.map((c) => ({ region: DEFAULTS.region, account: ACCOUNT, roles: { controlPlane: DEFAULTS.controlPlaneRoleArn, worker: DEFAULTS.workerRoleArn }, ...c })),
  });
}

/**
 * A compliant view of one cluster except that its single instance has no private DNS name: exactly the high
 * finding node.private-dns.missing on `instanceId` from the node checks.
 */
function clusterView(cluster: string, instanceId: string): AccountView {
  return aCompliantView(0, {
    instances: [anInstance({ instanceId, privateDnsName: '', tags: clusterTag(cluster) })],
    subnets: [aSubnet({ tags: clusterTag(cluster, 'shared') })],
    routeTables: [aRouteTable({ tags: clusterTag(cluster) })],
    securityGroups: [aSecurityGroup({ tags: clusterTag(cluster) })],
  });
}

/** A fake collect stage: one view per cluster name, or an error to throw. */
function fakeSource(byCluster: Record<string, AccountView | Error>, extra: Partial<CollectedAccount> = {}): AccountSource & { calls: string[] } {
  const calls: string[] = [];
  return {
    mode: 'snapshot',
    calls,
    async collect(cluster: ClusterConfig) {
      calls.push(cluster.name);
      const entry = byCluster[cluster.name];
      if (entry === undefined) throw new Error(`no fake view for ${cluster.name}`);
      if (entry instanceof Error) throw entry;
      return { view: entry, notes: [], ...extra };
    },
  };
}

const TWO_CLUSTERS = config([{ name: 'alpha' }, { name: 'beta' }]);
const views = () => ({ alpha: clusterView('alpha', 'i-0aaaaaaaaaaaaaaa1'), beta: clusterView('beta', 'i-0bbbbbbbbbbbbbbb1') });

describe('runAudit', () => {
  it('audits every configured cluster and reports its coverage', async () => {
    // Arrange
    const source = fakeSource(views());

    // Act
    const { report } = await runAudit({ config: TWO_CLUSTERS, source, families: ['tags', 'nodes'], now: NOW, runId: 'run-1', toolVersion: '9.9.9' });

    // Assert
    expect(source.calls).toEqual(['alpha', 'beta']);
    expect(report).toMatchObject({ schemaVersion: 1, tool: { name: 'kube-aws-audit', version: '9.9.9' }, runId: 'run-1', mode: 'snapshot', startedAt: '2026-05-01T10:00:00.000Z' });
    const counts = { roles: 0, instances: 1, subnets: 1, routeTables: 1, securityGroups: 1, actionsEvaluated: 0 };
    const provider = (clusterId: string) => ({
      clusterId,
      clusterIdFrom: 'name',
      disableSecurityGroupIngress: false,
      controllerHostNetwork: false,
      controllerHostNetworkFrom: 'preset',
      zoneTypesFrom: 'zone names',
      checksOff: [],
    });
    expect(report.clusters).toEqual([
      { name: 'alpha', account: ACCOUNT, region: 'us-west-1', preset: 'cloud-provider-aws', coverage: { ...counts, provider: provider('alpha') } },
      { name: 'beta', account: ACCOUNT, region: 'us-west-1', preset: 'cloud-provider-aws', coverage: { ...counts, provider: provider('beta') } },
    ]);
    expect(report.findings.map((f) => [f.cluster, f.check, f.status, f.resource.id, f.account, f.region])).toEqual([
      ['alpha', 'node.private-dns.missing', 'fail', 'i-0aaaaaaaaaaaaaaa1', ACCOUNT, 'us-west-1'],
      ['beta', 'node.private-dns.missing', 'fail', 'i-0bbbbbbbbbbbbbbb1', ACCOUNT, 'us-west-1'],
    ]);
    expect(report.summary.new).toBe(report.findings.length);
  });

  it('lists the cloud-config switches it applied in coverage.provider, with the checks they turn off', async () => {
    const config = { ...TWO_CLUSTERS, clusters: TWO_CLUSTERS.clusters.map((c) => ({ ...c, cloudConfig: { disableSecurityGroupIngress: true, routeTableId: 'rtb-0123456789abcdef0', kubernetesClusterId: `${c.name}-k8s` } })) };
    const { report } = await runAudit({ config, source: fakeSource(views()), families: ['tags'], now: NOW });
    expect(report.clusters[0]?.coverage.provider).toMatchObject({
      clusterId: 'alpha-k8s',
      clusterIdFrom: 'kubernetesClusterId',
      routeTableId: 'rtb-0123456789abcdef0',
      disableSecurityGroupIngress: true,
      checksOff: ['tags.sg.multiple-tagged', 'tags.sg.none-tagged', 'tags.route-table.ambiguous'],
    });
  });

  it('audits only the clusters of the --cluster filter', async () => {
    // Arrange
    const source = fakeSource(views());

    // Act
    const { report } = await runAudit({ config: TWO_CLUSTERS, source, clusters: ['beta'], families: ['nodes'], now: NOW });

    // Assert
    expect(source.calls).toEqual(['beta']);
    expect(report.clusters.map((c) => c.name)).toEqual(['beta']);
    expect(report.findings.every((f) => f.cluster === 'beta')).toBe(true);
  });

  it('rejects a --cluster name that matches no configured cluster', async () => {
    // Arrange
    const source = fakeSource(views());

    // Act
    const run = runAudit({ config: TWO_CLUSTERS, source, clusters: ['gamma'], now: NOW });

    // Assert
    await expect(run).rejects.toThrow(new UsageError('--cluster gamma matches no configured cluster (configured: alpha, beta)'));
    expect(source.calls).toEqual([]);
  });

  it('turns a collection failure into one error finding per family, and still audits the other clusters', async () => {
    // Arrange
    const denied = Object.assign(new Error('User is not authorized to perform: ec2:DescribeInstances'), { name: 'UnauthorizedOperation' });
    const source = fakeSource({ ...views(), alpha: denied });

    // Act
    const { report } = await runAudit({ config: TWO_CLUSTERS, source, families: ['tags', 'nodes'], now: NOW });

    // Assert
    const alpha = report.findings.filter((f) => f.cluster === 'alpha');
    expect(alpha.map((f) => [f.check, f.status, f.resource])).toEqual([
      ['node.family.unavailable', 'error', { type: RESOURCE_TYPES.account, id: ACCOUNT }],
      ['tags.family.unavailable', 'error', { type: RESOURCE_TYPES.account, id: ACCOUNT }],
    ]);
    expect(alpha.every((f) => f.detail.includes('UnauthorizedOperation: User is not authorized to perform: ec2:DescribeInstances'))).toBe(true);
    expect(report.summary.errors).toBe(2);
    expect(report.clusters.find((c) => c.name === 'alpha')?.coverage).toEqual({ roles: 0, instances: 0, subnets: 0, routeTables: 0, securityGroups: 0, actionsEvaluated: 0 });
    expect(report.findings.some((f) => f.cluster === 'beta' && f.status === 'fail')).toBe(true);
  });

  it('rethrows an input error instead of reporting it', async () => {
    // Arrange
    const source = fakeSource({ ...views(), beta: new SnapshotError('ec2-describe-subnets.json: not JSON', 'snap/ec2-describe-subnets.json') });

    // Act
    const run = runAudit({ config: TWO_CLUSTERS, source, now: NOW });

    // Assert
    await expect(run).rejects.toBeInstanceOf(SnapshotError);
  });

  it('reports an IAM error finding when the iam family is selected but no decision source exists', async () => {
    // Arrange
    const source = fakeSource(views());
    const one = config([{ name: 'alpha' }]);

    // Act
    const { report } = await runAudit({ config: one, source, families: ['iam'], now: NOW });

    // Assert
    expect(report.findings.map((f) => [f.check, f.status, f.title, f.detail])).toEqual([
      ['iam.family.unavailable', 'error', 'IAM checks could not run', 'IAM checks could not run for cluster alpha: no IAM decision source'],
    ]);
  });

  it('runs only the selected families', async () => {
    // Arrange
    const source = fakeSource(views());

    // Act
    const { report: tagsOnly } = await runAudit({ config: TWO_CLUSTERS, source, families: ['tags'], now: NOW });
    const { report: nodesOnly } = await runAudit({ config: TWO_CLUSTERS, source, families: ['nodes'], now: NOW });

    // Assert
    expect(tagsOnly.findings.filter((f) => !f.check.startsWith('tags.'))).toEqual([]);
    expect(nodesOnly.findings.length).toBeGreaterThan(0);
    expect(nodesOnly.findings.filter((f) => !f.check.startsWith('node.'))).toEqual([]);
  });

  it('rejects an empty family selection', async () => {
    // Act
    const run = runAudit({ config: TWO_CLUSTERS, source: fakeSource(views()), families: [], now: NOW });

    // Assert
    await expect(run).rejects.toBeInstanceOf(UsageError);
  });

  it("applies each cluster's own suppressions, and notes the expired ones", async () => {
    // Arrange
    const cfg = config([
      { name: 'alpha', suppressions: [{ check: 'node.private-dns.missing', resource: 'i-0aaaaaaaaaaaaaaa1', reason: 'DNS hostnames come with the VPC migration' }] },
      { name: 'beta', suppressions: [{ check: 'node.private-dns.missing', resource: '*', reason: 'old', expires: '2026-04-30' }] },
    ]);

    // Act
    const { report } = await runAudit({ config: cfg, source: fakeSource(views()), families: ['nodes'], now: NOW });

    // Assert
    expect(report.findings.map((f) => [f.cluster, f.check, f.suppressed])).toEqual([
      ['alpha', 'node.private-dns.missing', { reason: 'DNS hostnames come with the VPC migration' }],
      ['beta', 'node.private-dns.missing', undefined],
    ]);
    expect(report.summary).toMatchObject({ high: 1, suppressed: 1 });
    expect(report.clusters.map((c) => c.notes)).toEqual([
      undefined,
      [expect.stringContaining('suppression of node.private-dns.missing on * expired on 2026-04-30')],
    ]);
  });

  it('analyses IAM with the decision source and counts roles and actions in the coverage', async () => {
    // Arrange
    const source = withLocalDecisions(fakeSource(views()));

    // Act
    const { report } = await runAudit({ config: config([{ name: 'alpha' }]), source, families: ['iam'], now: NOW });

    // Assert
    expect(report.iamEngine).toBe('local');
    expect(report.clusters[0]?.coverage.roles).toBe(2);
    expect(report.clusters[0]?.coverage.actionsEvaluated).toBeGreaterThan(2);
    expect(report.clusters[0]?.coverage.instances).toBe(0);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((f) => f.check.startsWith('iam.') && f.status === 'fail')).toBe(true);
    expect(report.findings.some((f) => f.check === 'iam.required.denied')).toBe(true);
  });

  it("reports iamEngine local with a note when clusters' engines differ", async () => {
    // Arrange
    const local = withLocalDecisions(fakeSource(views()));
    const source: AccountSource = {
      mode: 'live',
      async collect(cluster) {
        const collected = await local.collect(cluster);
        const decisions = collected.decisions;
        if (cluster.name !== 'beta' || decisions === undefined) return collected;
        return { ...collected, decisions: { engine: 'aws-simulation', decide: (r) => decisions.decide(r) } };
      },
    };

    // Act
    const { report } = await runAudit({ config: TWO_CLUSTERS, source, families: ['iam'], now: NOW });

    // Assert
    expect(report.iamEngine).toBe('local');
    expect(report.clusters.map((c) => c.notes)).toEqual([undefined, [expect.stringContaining('came from the AWS simulation')]]);
  });

  it('reports progress per cluster and stage', async () => {
    // Arrange
    const events: AuditProgress[] = [];

    // Act
    await runAudit({ config: TWO_CLUSTERS, source: fakeSource({ ...views(), alpha: new Error('boom') }), families: ['tags'], now: NOW, onProgress: (e) => events.push(e) });

    // Assert
    expect(events.map((e) => `${e.cluster}:${e.stage}`)).toEqual(['alpha:collect', 'alpha:report', 'beta:collect', 'beta:evaluate', 'beta:report']);
  });

  it('diffs against the previous report without resolving what this run did not look at', async () => {
    // Arrange
    const source = fakeSource(views());
    const { report: previous } = await runAudit({ config: TWO_CLUSTERS, source, families: ['nodes'], now: NOW });
    const fixedAlpha = fakeSource({ ...views(), alpha: emptyAccountView({ account: ACCOUNT, region: DEFAULTS.region }) });
    const previousAlpha = previous.findings.filter((f) => f.cluster === 'alpha').length;

    // Act
    const { report: onlyAlpha } = await runAudit({ config: TWO_CLUSTERS, source: fixedAlpha, clusters: ['alpha'], families: ['nodes'], previous, now: NOW });
    const { report: failedAlpha } = await runAudit({ config: TWO_CLUSTERS, source: fakeSource({ ...views(), alpha: new Error('throttled') }), families: ['nodes'], previous, now: NOW });

    // Assert
    expect(previousAlpha).toBeGreaterThan(0);
    expect(onlyAlpha.summary.resolved).toBe(previousAlpha);
    expect(failedAlpha.summary.resolved).toBe(0);
    expect(failedAlpha.summary.new).toBe(failedAlpha.findings.filter((f) => f.status === 'error').length);
  });

  it('passes config errors of the source through unchanged', async () => {
    // Arrange
    const source = fakeSource({ alpha: new ConfigError('bad assumeRoleArn', 'audit.yaml', 'clusters[0].assumeRoleArn') });

    // Act / Assert
    await expect(runAudit({ config: config([{ name: 'alpha' }]), source, now: NOW })).rejects.toThrow('bad assumeRoleArn');
  });
});

describe('runAudit notes from the decision source', () => {
  it('notes a fallback the decisions report themselves (engine and reason on the answers), and reports engine local', async () => {
    // Arrange: a simulation source whose answers came from the local evaluator, as FallbackDecisionSource returns them
    const view = clusterView('alpha', 'i-0aaaaaaaaaaaaaaa1');
    const local = new LocalPolicyDecisionSource(view);
    const decisions = {
      engine: 'aws-simulation' as const,
      async decide(request: Parameters<LocalPolicyDecisionSource['decide']>[0]) {
        return (await local.decide(request)).map((d) => ({ ...d, engine: 'local' as const, fallbackReason: 'AccessDenied: denied' }));
      },
    };
    const collectedNotes: string[] = [];
    const source: AccountSource = { mode: 'live', async collect() { return { view, decisions, notes: collectedNotes }; } };

    // Act
    const { report } = await runAudit({ config: config([{ name: 'alpha' }]), source, families: ['iam'], now: NOW });

    // Assert: the note comes with the decisions; nothing was written into the collected notes
    expect(report.clusters[0]?.notes).toEqual([
      `IAM simulation unavailable for ${DEFAULTS.controlPlaneRoleArn}: AccessDenied: denied; used the local evaluator`,
      `IAM simulation unavailable for ${DEFAULTS.workerRoleArn}: AccessDenied: denied; used the local evaluator`,
    ]);
    expect(report.iamEngine).toBe('local');
    expect(collectedNotes).toEqual([]);
  });
});

describe('runAudit on a cluster without members', () => {
  it('says so in a cluster note instead of looking clean (e.g. a misspelled cluster name)', async () => {
    // Arrange: the account has alpha's tagged instance (without an instance profile); the config names "alpah"
    const view = clusterView('alpha', 'i-0aaaaaaaaaaaaaaa1');
    const { instanceProfileArn: _profile, ...untied } = view.instances[0]!;
    const source = fakeSource({ alpah: { ...view, instances: [untied] } });

    // Act
    const { report } = await runAudit({ config: config([{ name: 'alpah' }]), source, families: ['tags', 'nodes'], now: NOW });

    // Assert
    expect(report.findings).toEqual([]);
    expect(report.clusters[0]?.notes).toEqual([expect.stringContaining('no instance of cluster alpah was found')]);
  });

  it('adds no such note when the cluster has members', async () => {
    const { report } = await runAudit({ config: config([{ name: 'alpha' }]), source: fakeSource(views()), families: ['tags'], now: NOW });

    expect(report.clusters[0]?.notes).toBeUndefined();
  });
});

describe('runAudit changes (the one diff of the run, which the summary, SNS and state read)', () => {
  const nodesOnly = (source: AccountSource, extra: { previous?: Report; clusters?: string[]; families?: CheckFamily[] } = {}) =>
    runAudit({ config: TWO_CLUSTERS, source, families: ['nodes'], now: NOW, ...extra });

  it('without a previous report, every open finding is new and nothing is resolved', async () => {
    const { report, changes } = await nodesOnly(fakeSource(views()));

    expect([...changes.newIds].sort()).toEqual(report.findings.map((f) => f.id).sort());
    expect(changes.resolved).toEqual([]);
    expect(report.summary.new).toBe(changes.newIds.length);
  });

  it('lists the new findings and the resolved ones against the previous report, as the summary counts them', async () => {
    const { report: previous } = await nodesOnly(fakeSource({ ...views(), beta: emptyAccountView({ account: ACCOUNT, region: DEFAULTS.region }) }));
    const { report, changes } = await nodesOnly(fakeSource({ ...views(), alpha: emptyAccountView({ account: ACCOUNT, region: DEFAULTS.region }) }), { previous });

    expect(changes.newIds).toEqual(report.findings.filter((f) => f.cluster === 'beta').map((f) => f.id));
    expect(changes.resolved.map((f) => f.id)).toEqual(previous.findings.filter((f) => f.cluster === 'alpha').map((f) => f.id));
    expect(report.summary).toMatchObject({ new: changes.newIds.length, resolved: changes.resolved.length });
    expect(changes.resolved.length).toBeGreaterThan(0);
  });

  it('does not resolve findings of clusters or families the run did not select', async () => {
    const { report: previous } = await runAudit({ config: TWO_CLUSTERS, source: fakeSource(views()), families: ['nodes', 'tags'], now: NOW });
    const empty = emptyAccountView({ account: ACCOUNT, region: DEFAULTS.region });

    const onlyAlpha = await nodesOnly(fakeSource({ alpha: empty, beta: empty }), { previous, clusters: ['alpha'] });

    expect(onlyAlpha.changes.resolved.map((f) => [f.cluster, f.check.split('.')[0]])).toEqual(
      previous.findings.filter((f) => f.cluster === 'alpha' && f.check.startsWith('node.')).map(() => ['alpha', 'node']),
    );
  });

  it('does not resolve a finding that an error finding leaves unverified', async () => {
    const { report: previous } = await nodesOnly(fakeSource(views()));

    const { changes } = await nodesOnly(fakeSource({ ...views(), alpha: new Error('throttled') }), { previous });

    expect(changes.resolved).toEqual([]);
  });
});
