import {
  DescribeAvailabilityZonesCommand,
  DescribeInstancesCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  EC2Client,
  type AvailabilityZone as SdkAvailabilityZone,
  type Filter,
  type Instance as SdkInstance,
  type Reservation,
  type RouteTable as SdkRouteTable,
  type SecurityGroup as SdkSecurityGroup,
  type Subnet as SdkSubnet,
} from '@aws-sdk/client-ec2';
import type { AvailabilityZone, CollectionGap, Instance, ResourceKind, RouteTable, SecurityGroup, Subnet } from '../../domain/model/account-view.js';
import { callAws, isCallFailure, type AwsCallContext } from '../aws/call-aws.js';
import { AwsCallError, type DeadlineReachedError } from '../aws/errors.js';
import { chunk, collectPages, ec2NextToken, maxPagesPerListing, pageCapError } from '../aws/paginate.js';
import { instanceFromSdk, routeTableFromSdk, securityGroupFromSdk, subnetFromSdk } from './to-view.js';

/** EC2 actions the collector calls (docs/architecture.md "Least privilege of the auditor"). */
export const EC2_COLLECTOR_PERMISSIONS = [
  'ec2:DescribeInstances',
  'ec2:DescribeSubnets',
  'ec2:DescribeRouteTables',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeAvailabilityZones',
] as const;

/** EC2 accepts at most 200 values per filter. */
export const FILTER_VALUES_PER_CALL = 200;
/**
 * The largest page DescribeInstances, DescribeSubnets and DescribeSecurityGroups allow (MaxResults 5-1000:
 * botocore ec2/2016-11-15 service-2.json `DescribeSubnetsMaxResults`, `DescribeSecurityGroupsMaxResults`; the EC2 API
 * Reference for DescribeInstances). See docs/api-calls.md.
 */
export const PAGE_SIZE = 1000;
/** The largest page DescribeRouteTables allows (botocore `DescribeRouteTablesMaxResults`: 5-100). */
export const ROUTE_TABLE_PAGE_SIZE = 100;

/**
 * How the collector reads a listing:
 * - `filters`: server-side filters per membership rule / per 200 ids (the class comment).
 * - `scan`: one unfiltered pass over the region's resources of that kind, selected client-side with the same rules.
 * - `auto`: the scan, unless it outgrows the filtered queries it replaces: the scan stops once its pages reach the
 *   number of filtered calls it would replace (for every cluster sharing it), and the filters are used instead, with
 *   a note. In a region that holds little more than the cluster this is the minimum: ceil(resources / page) calls.
 */
export type Ec2QueryMode = 'auto' | 'scan' | 'filters';
export const EC2_QUERY_MODES: readonly Ec2QueryMode[] = ['auto', 'scan', 'filters'];

/** The outcome of an unfiltered pass over one kind of resource in a region. */
type ScanOutcome =
  | { kind: 'complete'; items: unknown[]; pages: number }
  | { kind: 'over-budget'; pages: number }
  | { kind: 'failed'; error: AwsCallError | DeadlineReachedError };

/**
 * Unfiltered region passes shared by the clusters of one run that use the same account, credentials and region
 * (key: `<account>|<credentials>|<region>|<kind>`), so a region's instances are listed once for all its clusters.
 */
export type RegionScanCache = Map<string, Promise<ScanOutcome>>;

/** Which instances may belong to the cluster (docs/domain.md "Cluster membership"). */
export interface InstanceQuery {
  /** The `<name>` of `kubernetes.io/cluster/<name>` and of the legacy `KubernetesCluster` tag. */
  clusterName: string;
  /** Instance profile ARNs of the configured roles. */
  instanceProfileArns: readonly string[];
  /** Configured Auto Scaling group names. */
  autoScalingGroups: readonly string[];
}

/** Instances found, as the view holds them and as DescribeInstances returned them. */
export interface InstanceCollection {
  instances: Instance[];
  /** Reservations as returned (instances deduplicated across the queries), for the snapshot writer. */
  reservations: Reservation[];
  gaps: CollectionGap[];
  /** How the instances were read, when it is not the default (a fallback or a switch to filters). */
  notes: string[];
}

/** Subnets, route tables and security groups around the instances. */
export interface NetworkCollection {
  subnets: Subnet[];
  routeTables: RouteTable[];
  securityGroups: SecurityGroup[];
  gaps: CollectionGap[];
  /** How the listings were read, when it is not the default (a fallback or a switch to filters). */
  notes: string[];
  raw: { subnets: SdkSubnet[]; routeTables: SdkRouteTable[]; securityGroups: SdkSecurityGroup[] };
}

export interface Ec2CollectorOptions {
  /** Default: a new EC2Client for `context.region` with the default credential chain. */
  ec2?: EC2Client;
  context: AwsCallContext;
  /** How listings are read; see {@link Ec2QueryMode}. Default `filters` (the live engine uses `auto`). */
  query?: Ec2QueryMode;
  /** Region passes shared with other collectors of the run; default: this collector's own. */
  scans?: RegionScanCache;
  /** Identifies account + credentials + region in {@link scans}. Default: the region. */
  scanKey?: string;
  /** How many clusters of the run share the region passes (they share the saving too). Default 1. */
  clustersSharingScans?: number;
}

/**
 * Reads the cluster's instances and the network resources around them with server-side filters only: the number of
 * calls grows with pages (1000 results; 100 for route tables, EC2's maximum) and chunks of 200 filter values, never
 * with the number of instances. For N cluster instances carrying both tags and a configured profile:
 * DescribeInstances = 3 x ceil(N / 1000) (+1 per 200 ASG names), then one DescribeSubnets and DescribeSecurityGroups
 * per 200 VPCs / groups and three DescribeRouteTables: 8 calls for 1 or 100 instances, 11 for 2,000.
 *
 * Instances: one DescribeInstances query per membership source, merged and deduplicated by InstanceId:
 * `tag-key` = `kubernetes.io/cluster/<name>`; `tag:KubernetesCluster` = `<name>`; `iam-instance-profile.arn` = the
 * configured roles' profiles; `tag:aws:autoscaling:groupName` = the configured groups. All instance states are kept
 * (no `instance-state-name` filter): terminated and shutting-down instances are few and vanish within the hour,
 * membership (lib/domain) is the one place that skips them, and a captured snapshot then holds what
 * `aws ec2 describe-instances` would.
 *
 * Subnets: `vpc-id` = the instances' VPCs, so the view also has the other subnets of those VPCs: the cloud provider
 * picks load-balancer subnets among all cluster-tagged subnets of the VPC (tags.subnet.role-missing needs them),
 * as a snapshot of the whole account has them. Subnets of instances without a VpcId are fetched by `subnet-id`.
 * Route tables: `vpc-id` = the instances' VPCs (explicit associations and the main table), plus the tables tagged for
 * the cluster anywhere in the region (`tag-key` = `kubernetes.io/cluster/<name>`, `tag:KubernetesCluster` = `<name>`):
 * the route controller's findRouteTable counts tagged tables region-wide, so a stale tagged table in another VPC
 * breaks it too, and a whole-region snapshot shows it. Security groups: `group-id` = the groups attached to the
 * instances.
 *
 * A failing call (after the SDK's retries) becomes a gap of its kind naming the operation and the query, and the
 * rest of the collection continues.
 */
export class Ec2Collector {
  static readonly permissions = EC2_COLLECTOR_PERMISSIONS;
  private readonly ec2: EC2Client;
  private readonly context: AwsCallContext;
  private readonly mode: Ec2QueryMode;
  private readonly scans: RegionScanCache;
  private readonly scanKey: string;
  private readonly sharing: number;

  constructor(options: Ec2CollectorOptions) {
    this.context = options.context;
    this.ec2 = options.ec2 ?? new EC2Client({ region: options.context.region });
    this.mode = options.query ?? 'filters';
    this.scans = options.scans ?? new Map();
    this.scanKey = options.scanKey ?? options.context.region;
    this.sharing = Math.max(1, options.clustersSharingScans ?? 1);
  }

  /** The instances that may belong to the cluster (see the class comment for the queries). */
  async collectInstances(query: InstanceQuery): Promise<InstanceCollection> {
    const profiles = [...new Set(query.instanceProfileArns)].sort();
    const groups = [...new Set(query.autoScalingGroups)].sort();
    const filterSets: Filter[][] = [
      [{ Name: 'tag-key', Values: [`kubernetes.io/cluster/${query.clusterName}`] }],
      [{ Name: 'tag:KubernetesCluster', Values: [query.clusterName] }],
      ...chunk(profiles, FILTER_VALUES_PER_CALL).map((Values) => [{ Name: 'iam-instance-profile.arn', Values }]),
      ...chunk(groups, FILTER_VALUES_PER_CALL).map((Values) => [{ Name: 'tag:aws:autoscaling:groupName', Values }]),
    ];
    const profileSet = new Set(profiles);
    const groupSet = new Set(groups);
    const clusterKey = `kubernetes.io/cluster/${query.clusterName}`;
    const isCandidate = (instance: SdkInstance): boolean =>
      (instance.IamInstanceProfile?.Arn !== undefined && profileSet.has(instance.IamInstanceProfile.Arn)) ||
      (instance.Tags ?? []).some(
        (t) => t.Key === clusterKey || (t.Key === 'KubernetesCluster' && t.Value === query.clusterName) || (t.Key === 'aws:autoscaling:groupName' && groupSet.has(t.Value ?? '')),
      );
    const gaps: CollectionGap[] = [];
    const notes: string[] = [];
    const send = (Filters: Filter[] | undefined) => (NextToken: string | undefined, o: { abortSignal?: AbortSignal }) =>
      this.ec2.send(new DescribeInstancesCommand({ ...(Filters === undefined ? {} : { Filters }), MaxResults: PAGE_SIZE, NextToken }), o);
    const pages = await this.listing<{ Reservations?: Reservation[]; NextToken?: string }>({
      kind: 'instances',
      operation: 'ec2:DescribeInstances',
      what: 'instances',
      pageSize: PAGE_SIZE,
      filterSets,
      gaps,
      notes,
      send,
      itemsOf: (page) => page.Reservations ?? [],
    });
    const reservations = new Map<string, Reservation>();
    const instances = new Map<string, SdkInstance>();
    for (const page of pages.pages) {
      for (const reservation of page.Reservations ?? []) {
        const fresh = (reservation.Instances ?? []).filter((i) => i.InstanceId !== undefined && !instances.has(i.InstanceId) && (!pages.scanned || isCandidate(i)));
        if (fresh.length === 0) continue;
        for (const instance of fresh) instances.set(instance.InstanceId ?? '', instance);
        const key = reservation.ReservationId ?? `#${reservations.size}`;
        const existing = reservations.get(key);
        if (existing === undefined) reservations.set(key, { ...reservation, Instances: fresh });
        else existing.Instances = [...(existing.Instances ?? []), ...fresh];
      }
    }
    return { instances: [...instances.values()].map(instanceFromSdk), reservations: [...reservations.values()], gaps, notes };
  }

  /** Subnets, route tables and security groups of the given instances (see the class comment). */
  async collectNetwork(instances: readonly Instance[], clusterName?: string, routeTableId?: string): Promise<NetworkCollection> {
    const vpcIds = distinct(instances.map((i) => i.vpcId));
    const orphanSubnetIds = distinct(instances.filter((i) => i.vpcId === undefined).map((i) => i.subnetId));
    const groupIds = distinct(instances.flatMap((i) => i.securityGroupIds));
    const gaps: CollectionGap[] = [];
    const notes: string[] = [];
    const tagQueries: Filter[][] =
      clusterName === undefined
        ? []
        : [[{ Name: 'tag-key', Values: [`kubernetes.io/cluster/${clusterName}`] }], [{ Name: 'tag:KubernetesCluster', Values: [clusterName] }]];
    // cloud-config RouteTableID: the route controller's table, wherever it is (aws_routes.go:37-44).
    if (routeTableId !== undefined) tagQueries.push([{ Name: 'route-table-id', Values: [routeTableId] }]);
    const byValues = (name: string, values: string[]): Filter[][] => chunk(values, FILTER_VALUES_PER_CALL).map((Values) => [{ Name: name, Values }]);
    const vpcSet = new Set(vpcIds);
    const orphanSet = new Set(orphanSubnetIds);
    const groupSet = new Set(groupIds);
    const taggedFor = (tags: { Key?: string; Value?: string }[] | undefined): boolean =>
      clusterName !== undefined && (tags ?? []).some((t) => t.Key === `kubernetes.io/cluster/${clusterName}` || (t.Key === 'KubernetesCluster' && t.Value === clusterName));
    const [subnetPages, tablePages, groupPages] = await Promise.all([
      this.listing<{ Subnets?: SdkSubnet[]; NextToken?: string }>({
        kind: 'subnets',
        operation: 'ec2:DescribeSubnets',
        what: 'subnets',
        pageSize: PAGE_SIZE,
        filterSets: [...byValues('vpc-id', vpcIds), ...byValues('subnet-id', orphanSubnetIds)],
        gaps,
        notes,
        send: (Filters) => (NextToken, o) => this.ec2.send(new DescribeSubnetsCommand({ ...(Filters === undefined ? {} : { Filters }), MaxResults: PAGE_SIZE, NextToken }), o),
        itemsOf: (page) => page.Subnets ?? [],
      }),
      this.listing<{ RouteTables?: SdkRouteTable[]; NextToken?: string }>({
        kind: 'routeTables',
        operation: 'ec2:DescribeRouteTables',
        what: 'route tables',
        pageSize: ROUTE_TABLE_PAGE_SIZE,
        filterSets: [...byValues('vpc-id', vpcIds), ...tagQueries],
        gaps,
        notes,
        send: (Filters) => (NextToken, o) =>
          this.ec2.send(new DescribeRouteTablesCommand({ ...(Filters === undefined ? {} : { Filters }), MaxResults: ROUTE_TABLE_PAGE_SIZE, NextToken }), o),
        itemsOf: (page) => page.RouteTables ?? [],
      }),
      this.listing<{ SecurityGroups?: SdkSecurityGroup[]; NextToken?: string }>({
        kind: 'securityGroups',
        operation: 'ec2:DescribeSecurityGroups',
        what: 'security groups',
        pageSize: PAGE_SIZE,
        filterSets: byValues('group-id', groupIds),
        gaps,
        notes,
        send: (Filters) => (NextToken, o) =>
          this.ec2.send(new DescribeSecurityGroupsCommand({ ...(Filters === undefined ? {} : { Filters }), MaxResults: PAGE_SIZE, NextToken }), o),
        itemsOf: (page) => page.SecurityGroups ?? [],
      }),
    ]);
    const subnets = dedupe(
      subnetPages.pages.flatMap((p) => p.Subnets ?? []).filter((s) => !subnetPages.scanned || vpcSet.has(s.VpcId ?? '') || orphanSet.has(s.SubnetId ?? '')),
      (s) => s.SubnetId,
    );
    const routeTables = dedupe(
      tablePages.pages
        .flatMap((p) => p.RouteTables ?? [])
        .filter((t) => !tablePages.scanned || vpcSet.has(t.VpcId ?? '') || taggedFor(t.Tags) || (routeTableId !== undefined && t.RouteTableId === routeTableId)),
      (t) => t.RouteTableId,
    );
    const securityGroups = dedupe(
      groupPages.pages.flatMap((p) => p.SecurityGroups ?? []).filter((g) => !groupPages.scanned || groupSet.has(g.GroupId ?? '')),
      (g) => g.GroupId,
    );
    return {
      subnets: subnets.map(subnetFromSdk),
      routeTables: routeTables.map(routeTableFromSdk),
      securityGroups: securityGroups.map(securityGroupFromSdk),
      gaps,
      notes,
      raw: { subnets, routeTables, securityGroups },
    };
  }

  /**
   * The region's zones with their types, as the provider's zone cache reads them (zones.go populate: one
   * DescribeAvailabilityZones without filters; the operation is not paginated). A failure is not a gap: the zone
   * types are then derived from the zone names, and the note says so (docs/provider-rules.md "Zone types").
   */
  async collectAvailabilityZones(): Promise<{ zones?: AvailabilityZone[]; raw: SdkAvailabilityZone[]; notes: string[] }> {
    const operation = 'ec2:DescribeAvailabilityZones';
    // One answer per account and region, shared by the run's clusters like the region passes.
    const outcome = await this.regionScan(operation, Infinity, async (_token, o): Promise<{ NextToken?: string; AvailabilityZones?: SdkAvailabilityZone[] }> => {
      const out = (await this.ec2.send(new DescribeAvailabilityZonesCommand({}), o)) as { AvailabilityZones?: SdkAvailabilityZone[] } | undefined;
      return out?.AvailabilityZones === undefined ? {} : { AvailabilityZones: out.AvailabilityZones };
    });
    if (outcome.kind === 'failed') return { raw: [], notes: [`${operation} failed (${outcome.error.reason}): zone types were derived from the zone names`] };
    const pages = outcome.kind === 'complete' ? (outcome.items as ({ AvailabilityZones?: SdkAvailabilityZone[] } | undefined)[]) : [];
    const raw = pages.flatMap((p) => p?.AvailabilityZones ?? []);
    // An empty answer is not "no zones": the region always has some. Judge zone types by their names instead.
    if (raw.length === 0) return { raw: [], notes: [`${operation} returned no zones: zone types were derived from the zone names`] };
    const zones = raw.flatMap((z): AvailabilityZone[] =>
      z.ZoneName === undefined ? [] : [{ zoneName: z.ZoneName, ...(z.ZoneId === undefined ? {} : { zoneId: z.ZoneId }), ...(z.ZoneType === undefined ? {} : { zoneType: z.ZoneType }) }],
    );
    return { zones, raw, notes: [] };
  }

  /**
   * The pages of one kind of resource, read as {@link Ec2QueryMode} says: `scanned` pages hold the whole region (the
   * caller selects client-side with the same rules as `filterSets`), else they are the answers to `filterSets`.
   * No filter set means nothing to look for: no call. An endpoint that rejects a filter gets one scan instead, with
   * a note; any other failure is a gap of `kind` naming the query.
   */
  private async listing<P extends { NextToken?: string | undefined }>(request: {
    kind: ResourceKind;
    operation: string;
    what: string;
    pageSize: number;
    filterSets: Filter[][];
    gaps: CollectionGap[];
    notes: string[];
    send: (filters: Filter[] | undefined) => (token: string | undefined, options: { abortSignal?: AbortSignal }) => Promise<P>;
    itemsOf: (page: P) => unknown[];
  }): Promise<{ pages: P[]; scanned: boolean }> {
    const { kind, operation, filterSets, gaps, notes } = request;
    if (filterSets.length === 0) return { pages: [], scanned: false };
    if (this.mode !== 'filters') {
      // Ski rental: scanning costs ceil(region / page) calls, the filters at least one call per filter set and cluster.
      const budget = this.mode === 'scan' ? Infinity : filterSets.length * this.sharing;
      const outcome = await this.regionScan(operation, budget, request.send(undefined));
      if (outcome.kind === 'complete') return { pages: outcome.items as P[], scanned: true };
      if (outcome.kind === 'failed') {
        gaps.push({ kind, source: operation, reason: `${outcome.error.reason} (query: every ${request.what} of the region)` });
        return { pages: [], scanned: true };
      }
      notes.push(
        `${operation}: the region has more than ${outcome.pages * request.pageSize} ${request.what}, so the cluster's were read with server-side filters (${filterSets.length} queries) instead of one pass over the region`,
      );
    }
    const rejected: string[] = [];
    const results = await Promise.all(filterSets.map((filters) => this.pages(kind, operation, filters, gaps, request.send(filters), rejected)));
    if (rejected.length === 0) return { pages: results.flat(), scanned: false };
    // An endpoint without these filters (some emulators): the same rules, applied to one pass over the region.
    notes.push(`${operation}: the endpoint rejected a server-side filter (${rejected[0]}); the ${request.what} were read in one pass over the region and selected client-side`);
    const outcome = await this.regionScan(operation, Infinity, request.send(undefined));
    if (outcome.kind === 'complete') return { pages: outcome.items as P[], scanned: true };
    if (outcome.kind === 'failed') gaps.push({ kind, source: operation, reason: `${outcome.error.reason} (query: every ${request.what} of the region)` });
    return { pages: [], scanned: true };
  }

  /** One unfiltered pass over the region (shared through {@link RegionScanCache}), stopped after `budget` pages. */
  private regionScan<P extends { NextToken?: string | undefined }>(
    operation: string,
    budget: number,
    send: (token: string | undefined, options: { abortSignal?: AbortSignal }) => Promise<P>,
  ): Promise<ScanOutcome> {
    const key = `${this.scanKey}|${operation}`;
    const cached = this.scans.get(key);
    if (cached !== undefined) return cached;
    const run = async (): Promise<ScanOutcome> => {
      const pages: P[] = [];
      const seen = new Set<string>();
      let token: string | undefined;
      const maxPages = maxPagesPerListing();
      try {
        do {
          if (pages.length >= budget) return { kind: 'over-budget', pages: pages.length };
          if (pages.length >= maxPages) throw pageCapError({ operation, region: this.context.region }, maxPages);
          const page = await callAws(this.context, operation, undefined, (o) => send(token, o));
          pages.push(page);
          token = ec2NextToken(page) || undefined;
          if (token !== undefined) {
            if (seen.has(token)) {
              // Same rule as collectPages: a repeated token would loop forever; the listing is incomplete.
              throw new AwsCallError({ operation, region: this.context.region, kind: 'server', code: 'PaginationError', reason: 'PaginationError: the service returned the same pagination token twice; the listing is incomplete', cause: undefined });
            }
            seen.add(token);
          }
        } while (token !== undefined);
        return { kind: 'complete', items: pages, pages: pages.length };
      } catch (error) {
        if (!isCallFailure(error)) throw error;
        return { kind: 'failed', error };
      }
    };
    const pending = run();
    this.scans.set(key, pending);
    return pending;
  }

  /** One query per chunk of 200 filter values, every page followed; nothing to query -> no call. */
  private async byFilter<P extends { NextToken?: string | undefined }>(
    kind: ResourceKind,
    operation: string,
    filterName: string,
    values: string[],
    gaps: CollectionGap[],
    send: (filters: Filter[], token: string | undefined, options: { abortSignal?: AbortSignal }) => Promise<P>,
  ): Promise<P[]> {
    const sets = chunk(values, FILTER_VALUES_PER_CALL).map((Values): Filter[] => [{ Name: filterName, Values }]);
    const pages = await Promise.all(sets.map((filters) => this.pages(kind, operation, filters, gaps, (token, o) => send(filters, token, o))));
    return pages.flat();
  }

  /** Every page of one query; a failure becomes a gap (and the pages fetched so far are dropped with it). */
  private async pages<P extends { NextToken?: string | undefined }>(
    kind: ResourceKind,
    operation: string,
    filters: Filter[],
    gaps: CollectionGap[],
    send: (token: string | undefined, options: { abortSignal?: AbortSignal }) => Promise<P>,
    rejected?: string[],
  ): Promise<P[]> {
    try {
      return await collectPages({ operation, region: this.context.region }, (token) => callAws(this.context, operation, undefined, (o) => send(token, o)), ec2NextToken);
    } catch (error) {
      if (!isCallFailure(error)) throw error;
      if (rejected !== undefined && isFilterRejection(error)) {
        rejected.push(`${describeFilters(filters)}: ${error.reason}`);
        return [];
      }
      gaps.push({ kind, source: operation, reason: `${error.reason} (query ${describeFilters(filters)})` });
      return [];
    }
  }
}

/**
 * An endpoint refusing a filter rather than the request: InvalidParameterValue / InvalidFilter / an unsupported or
 * unimplemented filter (emulators). Never AccessDenied or throttling, which stay gaps.
 */
function isFilterRejection(error: AwsCallError | DeadlineReachedError): boolean {
  if (!('code' in error)) return false;
  if (error.kind === 'not-implemented') return true;
  if (/^(InvalidParameterValue|InvalidParameter|InvalidFilter|UnsupportedOperation|FilterNotImplemented)/i.test(error.code)) return /filter/i.test(error.reason) || /Filter/.test(error.code);
  return /filter .*(not (been )?implemented|not supported|unsupported|is invalid)/i.test(error.reason);
}

function describeFilters(filters: Filter[]): string {
  return filters
    .map((f) => {
      const values = f.Values ?? [];
      const shown = values.length > 3 ? `${values.slice(0, 3).join(',')},... (${values.length} values)` : values.join(',');
      return `${f.Name ?? ''}=${shown}`;
    })
    .join(' ');
}

function distinct(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined && v !== ''))].sort();
}

function dedupe<T>(items: T[], key: (item: T) => string | undefined): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (k === undefined || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
