import type { CollectedAccount, AccountSource } from '../../app/ports.js';
import type { AuditConfig, ClusterConfig } from '../../domain/config/schema.js';
import type { AccountView, CollectionGap } from '../../domain/model/account-view.js';
import type { PolicyDecisionSource } from '../../domain/policy/decisions.js';
import { LocalPolicyDecisionSource } from '../../domain/policy/local-decision-source.js';
import type { AwsCallContext } from '../aws/call-aws.js';
import type { CallObserver } from '../aws/call-observer.js';
import { createClients, DEFAULT_MAX_ATTEMPTS, type AwsClients, type ClientFactory } from '../aws/create-clients.js';
import { Deadline, type DeadlineInput } from '../aws/deadline.js';
import { limit, type Limiter } from '../aws/limit.js';
import { Ec2Collector, type Ec2QueryMode, type RegionScanCache } from '../ec2/ec2-collector.js';
import type { AccountSweep } from '../iam/account-sweep-fetch.js';
import { FallbackDecisionSource } from '../iam/fallback-decision-source.js';
import { mergeIamCollections, type IamCollection } from '../iam/iam-collection.js';
import { IamCollector, type IamStrategy } from '../iam/iam-collector.js';
import { PolicyTextIndex } from '../iam/policy-text-index.js';
import { DEFAULT_SIMULATION_BATCH_SIZE, SimulationDecisionSource } from '../iam/simulation-decision-source.js';
import { AssumedRoleCredentialCache, roleSessionName } from '../sts/assumed-role-credentials.js';
import { getCallerIdentity, verifyAccount } from '../sts/caller-identity.js';
import type { RawAccountData } from './raw-account-data.js';
import { providerClusterId } from '../../domain/provider/cluster-id.js';

/**
 * The options that read an account in the fewest calls (docs/api-calls.md): the IAM sweep or the role reads, and one
 * pass over each EC2 listing of the region or the filtered queries, whichever costs fewer calls. The CLI
 * (createLiveSource) and the Lambda handlers use them.
 */
export const FEWEST_CALLS = { iamStrategy: 'auto', ec2Query: 'auto' } as const satisfies Pick<LiveAccountSourceOptions, 'iamStrategy' | 'ec2Query'>;

/** Concurrent calls per service. IAM's request rate limits are far lower than EC2's. */
export const DEFAULT_CONCURRENCY = { iam: 4, ec2: 8, sts: 2 } as const;

export interface LiveAccountSourceOptions {
  /** Attempts per AWS call including the first (adaptive retries). Default 6. */
  maxAttempts?: number;
  /** Action names per SimulatePrincipalPolicy call. Default 1000 (the most one call answers). */
  batchSize?: number;
  /** Concurrent calls per service (one number for all, or per service). Default {@link DEFAULT_CONCURRENCY}. */
  concurrency?: number | Partial<Record<keyof typeof DEFAULT_CONCURRENCY, number>>;
  /** How roles are read; see {@link IamStrategy}. Default `role-scoped`; the CLI and the service use `auto` ({@link FEWEST_CALLS}). */
  iamStrategy?: IamStrategy;
  /** How EC2 listings are read; see {@link Ec2QueryMode}. Default `filters`; the CLI and the service use `auto` ({@link FEWEST_CALLS}). */
  ec2Query?: Ec2QueryMode;
  /**
   * The clusters of the run, when known (createLiveSource passes the config's): clusters sharing an account,
   * credentials and region share one IAM sweep and one pass over each EC2 listing, so the choice between those and
   * the per-cluster queries counts the calls of all of them.
   */
  clusters?: readonly ClusterConfig[];
  /**
   * When to stop issuing AWS calls (e.g. a Lambda's remaining time). Calls not yet issued become gaps saying
   * `deadline reached before <operation>`; calls in flight are aborted. The deadline belongs to the source: build
   * one source per run (e.g. per Lambda invocation) when you set it. Decisions asked after it throw
   * DeadlineReachedError (the checks report "could not check").
   */
  deadline?: DeadlineInput;
  /** Builds the SDK clients; default {@link createClients}. */
  clientFactory?: ClientFactory;
  /** Shared assumed-role credentials; default: one cache per source. */
  credentialCache?: AssumedRoleCredentialCache;
  /** Told about every AWS call (the CLI's progress display on a terminal). */
  observer?: CallObserver;
  /** The fallback engine over the collected documents; default LocalPolicyDecisionSource. */
  localDecisions?: (view: AccountView) => PolicyDecisionSource;
}

/** A live collection together with the raw AWS responses it was built from (for the snapshot writer). */
export interface LiveCapture {
  collected: CollectedAccount;
  raw: RawAccountData;
}

/**
 * The live collect stage (AccountSource, mode `live`): per cluster, assume the configured role (ExternalId,
 * RoleSessionName `kube-aws-audit-<cluster>`), verify the account with STS, read the configured roles (IAM) and the
 * cluster's instances, subnets, route tables and security groups (EC2) into one AccountView, and hand out IAM
 * decisions from AWS simulation with the local evaluator as announced fallback.
 *
 * Whatever could not be read is a gap in the view (never an empty success). `collect` itself rejects only when the
 * cluster cannot be audited at all: AssumeRole or GetCallerIdentity failed (AwsCallError), the credentials are for
 * another account (AccountMismatchError), or the deadline passed before the first call (DeadlineReachedError).
 * The run reports such a cluster as an error.
 *
 * `decisions` appends fallback notes to the returned `notes` array while the checks run, and its `engine` turns
 * `local` when it fell back: read both after evaluation.
 */
export class LiveAccountSource implements AccountSource {
  readonly mode = 'live' as const;
  static readonly permissions = [
    ...IamCollector.permissions,
    ...Ec2Collector.permissions,
    ...SimulationDecisionSource.permissions,
    ...AssumedRoleCredentialCache.permissions,
    'sts:GetCallerIdentity',
  ] as const;

  private readonly maxAttempts: number;
  private readonly batchSize: number;
  private readonly strategy: IamStrategy;
  private readonly deadline: Deadline;
  private readonly clientFactory: ClientFactory;
  private readonly credentials: AssumedRoleCredentialCache;
  private readonly localDecisions: (view: AccountView) => PolicyDecisionSource;
  private readonly limiters: Record<keyof typeof DEFAULT_CONCURRENCY, Limiter>;
  private readonly sweeps = new Map<string, Promise<AccountSweep>>();
  private readonly scans: RegionScanCache = new Map();
  private readonly ec2Query: Ec2QueryMode;
  private readonly plannedClusters: readonly ClusterConfig[];
  private readonly observer: CallObserver | undefined;
  /**
   * AssumeRole runs inside other calls (the SDK asks the credentials provider on every request), so it has its own
   * cap: sharing one with the calls that wait for it could deadlock.
   */
  private readonly assumeLimiter = limit(2);

  constructor(options: LiveAccountSourceOptions = {}) {
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.batchSize = options.batchSize ?? DEFAULT_SIMULATION_BATCH_SIZE;
    this.strategy = options.iamStrategy ?? 'role-scoped';
    this.ec2Query = options.ec2Query ?? 'filters';
    this.plannedClusters = options.clusters ?? [];
    this.observer = options.observer;
    this.deadline = new Deadline(options.deadline);
    this.clientFactory = options.clientFactory ?? createClients;
    this.credentials = options.credentialCache ?? new AssumedRoleCredentialCache();
    this.localDecisions = options.localDecisions ?? ((view) => new LocalPolicyDecisionSource(view));
    const c = options.concurrency;
    const cap = (service: keyof typeof DEFAULT_CONCURRENCY): number => (typeof c === 'number' ? c : (c?.[service] ?? DEFAULT_CONCURRENCY[service]));
    this.limiters = { iam: limit(cap('iam')), ec2: limit(cap('ec2')), sts: limit(cap('sts')) };
  }

  async collect(cluster: ClusterConfig): Promise<CollectedAccount> {
    return (await this.run(cluster, false)).collected;
  }

  /**
   * Like {@link collect}, and also keeps the raw responses for a snapshot. For a complete snapshot it also reads the
   * roles of instance profiles that no configured role has (so `iam-get-account-authorization-details.json` holds
   * the whole profile -> role -> policies chain for every instance).
   */
  async capture(cluster: ClusterConfig): Promise<LiveCapture> {
    return this.run(cluster, true);
  }

  private async run(cluster: ClusterConfig, forSnapshot: boolean): Promise<LiveCapture> {
    const region = cluster.region;
    const observed = this.observer === undefined ? {} : { observer: this.observer, cluster: cluster.name };
    const context = (service: keyof typeof DEFAULT_CONCURRENCY): AwsCallContext => ({ region, limiter: this.limiters[service], deadline: this.deadline, ...observed });
    const clients = await this.clientsFor(cluster, { region, limiter: this.assumeLimiter, deadline: this.deadline });
    const account = verifyAccount(cluster.name, cluster.account, await getCallerIdentity(clients.sts, context('sts')));

    const configuredRoles = [cluster.roles.controlPlane, cluster.roles.worker].filter((arn): arn is string => arn !== undefined);
    const sharing = this.clustersSharing(cluster, account);
    const iamCollector = new IamCollector({
      iam: clients.iam,
      context: context('iam'),
      strategy: this.strategy,
      account,
      sweeps: this.sweeps,
      sweepKey: `${account}|${cluster.assumeRoleArn ?? ''}`,
      sweepBudget: 4 * Math.max(new Set(sharing.flatMap((c) => [c.roles.controlPlane, c.roles.worker]).filter((a) => a !== undefined)).size, new Set(configuredRoles).size),
    });
    const ec2Collector = new Ec2Collector({
      ec2: clients.ec2,
      context: context('ec2'),
      query: this.ec2Query,
      scans: this.scans,
      scanKey: `${account}|${cluster.assumeRoleArn ?? ''}|${region}`,
      clustersSharingScans: sharing.filter((c) => c.region === region).length,
    });

    let iam = await iamCollector.collectRoles(configuredRoles);
    const membershipGaps = unsearchedProfileGaps(configuredRoles, iam.gaps);
    const clusterId = providerClusterId(cluster);
    const found = await ec2Collector.collectInstances({
      clusterName: clusterId,
      instanceProfileArns: iam.roles.flatMap((role) => role.instanceProfiles.map((p) => p.arn)),
      autoScalingGroups: cluster.autoScalingGroups ?? [],
    });
    const profileArns = found.instances.flatMap((i) => (i.instanceProfileArn === undefined ? [] : [i.instanceProfileArn]));
    const [profiles, network, zones] = await Promise.all([
      iamCollector.resolveInstanceProfiles(profileArns, new Set(iam.instanceProfiles.map((p) => p.arn))),
      ec2Collector.collectNetwork(found.instances, clusterId, cluster.cloudConfig?.routeTableId),
      ec2Collector.collectAvailabilityZones(),
    ]);
    iam = mergeIamCollections(iam, profiles);
    if (forSnapshot) iam = mergeIamCollections(iam, await iamCollector.collectRoles(unreadRoles(iam)));

    const view: AccountView = {
      account,
      region,
      roles: iam.roles,
      managedPolicies: iam.managedPolicies,
      instanceProfiles: iam.instanceProfiles,
      instances: found.instances,
      subnets: network.subnets,
      routeTables: network.routeTables,
      securityGroups: network.securityGroups,
      ...(zones.zones === undefined ? {} : { availabilityZones: zones.zones }),
      gaps: [...iam.gaps, ...membershipGaps, ...found.gaps, ...network.gaps],
    };
    const notes = [...iam.notes, ...found.notes, ...network.notes, ...zones.notes];
    const simulation = new SimulationDecisionSource({ iam: clients.iam, context: context('iam'), batchSize: this.batchSize, policyTexts: new PolicyTextIndex(iam.raw) });
    const decisions = new FallbackDecisionSource({ primary: simulation, fallback: this.localDecisions(view) });
    return {
      collected: { view, decisions, notes },
      raw: {
        account,
        region,
        clusters: [cluster.name],
        iam: iam.raw,
        reservations: found.reservations,
        subnets: network.raw.subnets,
        routeTables: network.raw.routeTables,
        securityGroups: network.raw.securityGroups,
        availabilityZones: zones.raw,
        gaps: view.gaps,
        notes: [...notes],
      },
    };
  }

  /** The planned clusters (this one included) whose IAM reads share this cluster's account and credentials. */
  private clustersSharing(cluster: ClusterConfig, account: string): ClusterConfig[] {
    const others = this.plannedClusters.filter(
      (c) => c.name !== cluster.name && (c.account === undefined || c.account === account) && (c.assumeRoleArn ?? '') === (cluster.assumeRoleArn ?? ''),
    );
    return [cluster, ...others];
  }

  /** The cluster's clients: the default credentials, or the assumed `assumeRoleArn` (assumed up front, so a failure names sts:AssumeRole). */
  private async clientsFor(cluster: ClusterConfig, assumeContext: AwsCallContext): Promise<AwsClients> {
    const base = this.clientFactory({ region: cluster.region, maxAttempts: this.maxAttempts, retryMode: 'adaptive' });
    if (cluster.assumeRoleArn === undefined) return base;
    const request = {
      sts: base.sts,
      context: assumeContext,
      roleArn: cluster.assumeRoleArn,
      sessionName: roleSessionName(cluster.name),
      ...(cluster.externalId === undefined ? {} : { externalId: cluster.externalId }),
    };
    await this.credentials.get(request);
    return this.clientFactory({ region: cluster.region, credentials: this.credentials.provider(request), maxAttempts: this.maxAttempts, retryMode: 'adaptive' });
  }
}

/**
 * Instances are looked up by the instance profiles of the configured roles. For a configured role that could not be
 * read (a gap, not an absent role) those profiles are unknown, so members found only through them (untagged, not in a
 * configured Auto Scaling group) cannot be found: an `instances` gap says so, instead of a membership that looks
 * complete (the instance checks then report "could not check" for the cluster, besides checking what was found).
 */
function unsearchedProfileGaps(configuredRoles: readonly string[], gaps: readonly CollectionGap[]): CollectionGap[] {
  return [...new Set(configuredRoles)].flatMap((arn) => {
    const gap = gaps.find((g) => g.kind === 'roles' && g.resourceId === arn);
    if (gap === undefined) return [];
    return [{ kind: 'instances' as const, source: gap.source, reason: `instances launched with the instance profiles of ${arn} could not be looked up, as the role could not be read (${gap.reason})` }];
  });
}

/** Roles that instance profiles refer to but that were not read (neither collected nor a gap). */
function unreadRoles(iam: IamCollection): string[] {
  const read = new Set([...iam.roles.map((r) => r.arn), ...iam.raw.roleDetails.map((r) => r.Arn ?? ''), ...iam.gaps.map((g) => g.resourceId ?? '')]);
  return [...new Set(iam.instanceProfiles.flatMap((p) => p.roleArns))].filter((arn) => !read.has(arn));
}

/**
 * The CLI's plug-in for `--live` (bin/commands/account-source.ts `LiveSourceFactory`): a live source for a config.
 * Regions, accounts and assumeRoleArn are read per cluster in `collect`; the cluster list tells which clusters share
 * the account-wide and region-wide listings (see {@link LiveAccountSourceOptions.clusters}).
 */
export function createLiveSource(config: AuditConfig, options: LiveAccountSourceOptions = {}): LiveAccountSource {
  return new LiveAccountSource({ ...FEWEST_CALLS, clusters: config.clusters, ...options });
}
