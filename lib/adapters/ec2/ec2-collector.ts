import {
  DescribeInstancesCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  EC2Client,
  type Filter,
  type Instance as SdkInstance,
  type Reservation,
  type RouteTable as SdkRouteTable,
  type SecurityGroup as SdkSecurityGroup,
  type Subnet as SdkSubnet,
} from '@aws-sdk/client-ec2';
import type { CollectionGap, Instance, ResourceKind, RouteTable, SecurityGroup, Subnet } from '../../domain/model/account-view.js';
import { callAws, isCallFailure, type AwsCallContext } from '../aws/call-aws.js';
import { chunk, collectPages, ec2NextToken } from '../aws/paginate.js';
import { instanceFromSdk, routeTableFromSdk, securityGroupFromSdk, subnetFromSdk } from './to-view.js';

/** EC2 actions the collector calls (docs/architecture.md "Least privilege of the auditor"). */
export const EC2_COLLECTOR_PERMISSIONS = ['ec2:DescribeInstances', 'ec2:DescribeSubnets', 'ec2:DescribeRouteTables', 'ec2:DescribeSecurityGroups'] as const;

/** EC2 accepts at most 200 values per filter. */
export const FILTER_VALUES_PER_CALL = 200;
/** The largest page DescribeX allows. */
export const PAGE_SIZE = 1000;

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
}

/** Subnets, route tables and security groups around the instances. */
export interface NetworkCollection {
  subnets: Subnet[];
  routeTables: RouteTable[];
  securityGroups: SecurityGroup[];
  gaps: CollectionGap[];
  raw: { subnets: SdkSubnet[]; routeTables: SdkRouteTable[]; securityGroups: SdkSecurityGroup[] };
}

export interface Ec2CollectorOptions {
  /** Default: a new EC2Client for `context.region` with the default credential chain. */
  ec2?: EC2Client;
  context: AwsCallContext;
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

  constructor(options: Ec2CollectorOptions) {
    this.context = options.context;
    this.ec2 = options.ec2 ?? new EC2Client({ region: options.context.region });
  }

  /** The instances that may belong to the cluster (see the class comment for the queries). */
  async collectInstances(query: InstanceQuery): Promise<InstanceCollection> {
    const filterSets: Filter[][] = [
      [{ Name: 'tag-key', Values: [`kubernetes.io/cluster/${query.clusterName}`] }],
      [{ Name: 'tag:KubernetesCluster', Values: [query.clusterName] }],
      ...chunk([...new Set(query.instanceProfileArns)].sort(), FILTER_VALUES_PER_CALL).map((Values) => [{ Name: 'iam-instance-profile.arn', Values }]),
      ...chunk([...new Set(query.autoScalingGroups)].sort(), FILTER_VALUES_PER_CALL).map((Values) => [{ Name: 'tag:aws:autoscaling:groupName', Values }]),
    ];
    const gaps: CollectionGap[] = [];
    const results = await Promise.all(
      filterSets.map((Filters) =>
        this.pages('instances', 'ec2:DescribeInstances', Filters, gaps, (NextToken, o) =>
          this.ec2.send(new DescribeInstancesCommand({ Filters, MaxResults: PAGE_SIZE, NextToken }), o),
        ),
      ),
    );
    const reservations = new Map<string, Reservation>();
    const instances = new Map<string, SdkInstance>();
    for (const page of results.flat()) {
      for (const reservation of page.Reservations ?? []) {
        const fresh = (reservation.Instances ?? []).filter((i) => i.InstanceId !== undefined && !instances.has(i.InstanceId));
        if (fresh.length === 0) continue;
        for (const instance of fresh) instances.set(instance.InstanceId ?? '', instance);
        const key = reservation.ReservationId ?? `#${reservations.size}`;
        const existing = reservations.get(key);
        if (existing === undefined) reservations.set(key, { ...reservation, Instances: fresh });
        else existing.Instances = [...(existing.Instances ?? []), ...fresh];
      }
    }
    return { instances: [...instances.values()].map(instanceFromSdk), reservations: [...reservations.values()], gaps };
  }

  /** Subnets, route tables and security groups of the given instances (see the class comment). */
  async collectNetwork(instances: readonly Instance[], clusterName?: string): Promise<NetworkCollection> {
    const vpcIds = distinct(instances.map((i) => i.vpcId));
    const orphanSubnetIds = distinct(instances.filter((i) => i.vpcId === undefined).map((i) => i.subnetId));
    const groupIds = distinct(instances.flatMap((i) => i.securityGroupIds));
    const gaps: CollectionGap[] = [];
    const tagQueries: Filter[][] =
      clusterName === undefined
        ? []
        : [[{ Name: 'tag-key', Values: [`kubernetes.io/cluster/${clusterName}`] }], [{ Name: 'tag:KubernetesCluster', Values: [clusterName] }]];
    const [subnetPages, orphanSubnetPages, tablePages, groupPages, taggedTablePages] = await Promise.all([
      this.byFilter('subnets', 'ec2:DescribeSubnets', 'vpc-id', vpcIds, gaps, (Filters, NextToken, o) =>
        this.ec2.send(new DescribeSubnetsCommand({ Filters, MaxResults: PAGE_SIZE, NextToken }), o),
      ),
      this.byFilter('subnets', 'ec2:DescribeSubnets', 'subnet-id', orphanSubnetIds, gaps, (Filters, NextToken, o) =>
        this.ec2.send(new DescribeSubnetsCommand({ Filters, MaxResults: PAGE_SIZE, NextToken }), o),
      ),
      this.byFilter('routeTables', 'ec2:DescribeRouteTables', 'vpc-id', vpcIds, gaps, (Filters, NextToken, o) =>
        this.ec2.send(new DescribeRouteTablesCommand({ Filters, MaxResults: 100, NextToken }), o),
      ),
      this.byFilter('securityGroups', 'ec2:DescribeSecurityGroups', 'group-id', groupIds, gaps, (Filters, NextToken, o) =>
        this.ec2.send(new DescribeSecurityGroupsCommand({ Filters, MaxResults: PAGE_SIZE, NextToken }), o),
      ),
      Promise.all(
        tagQueries.map((Filters) =>
          this.pages('routeTables', 'ec2:DescribeRouteTables', Filters, gaps, (NextToken, o) =>
            this.ec2.send(new DescribeRouteTablesCommand({ Filters, MaxResults: 100, NextToken }), o),
          ),
        ),
      ),
    ]);
    const subnets = dedupe([...subnetPages, ...orphanSubnetPages].flatMap((p) => p.Subnets ?? []), (s) => s.SubnetId);
    const routeTables = dedupe([...tablePages, ...taggedTablePages.flat()].flatMap((p) => p.RouteTables ?? []), (t) => t.RouteTableId);
    const securityGroups = dedupe(groupPages.flatMap((p) => p.SecurityGroups ?? []), (g) => g.GroupId);
    return {
      subnets: subnets.map(subnetFromSdk),
      routeTables: routeTables.map(routeTableFromSdk),
      securityGroups: securityGroups.map(securityGroupFromSdk),
      gaps,
      raw: { subnets, routeTables, securityGroups },
    };
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
  ): Promise<P[]> {
    try {
      return await collectPages({ operation, region: this.context.region }, (token) => callAws(this.context, operation, undefined, (o) => send(token, o)), ec2NextToken);
    } catch (error) {
      if (!isCallFailure(error)) throw error;
      gaps.push({ kind, source: operation, reason: `${error.reason} (query ${describeFilters(filters)})` });
      return [];
    }
  }
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
