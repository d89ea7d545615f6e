import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import * as ec2 from '@aws-sdk/client-ec2';
import * as iam from '@aws-sdk/client-iam';
import * as sts from '@aws-sdk/client-sts';
import type { Schema } from '@smithy/types';
import { escapeXml, membersToXml } from './xml.js';
import { parseQueryBody, stringList } from './query-params.js';
import { FilterError, matchesFilters, type Filter } from './ec2-filters.js';
import { FakeMessaging, MessagingError, s3Error, snsError, sqsError, type FakeReply } from './messaging.js';

type Json = Record<string, unknown>;
type Service = 'ec2' | 'iam' | 'sts' | 'sns' | 'sqs' | 's3';

/** What the fake does wrong, on purpose. Rates are fractions of calls, drawn from a seeded generator. */
export interface FaultPlan {
  /** Answer `Throttling` (IAM/STS) or `RequestLimitExceeded` (EC2) to this fraction of calls. */
  throttleRate?: number;
  /** Answer 500 InternalError to this fraction of calls. */
  serverErrorRate?: number;
  /** Delay this fraction of calls by `slowMs`. */
  slowRate?: number;
  slowMs?: number;
  /** Operations delayed by `slowMs` on every call (e.g. only the simulation, to reach a deadline after collection). */
  slow?: string[];
  /** Operations always answered with throttling, so it outlives any number of retries. */
  throttled?: string[];
  /** Operations (e.g. `DescribeSubnets`, `SimulatePrincipalPolicy`) answered with AccessDenied / UnauthorizedOperation. */
  denied?: string[];
  /** Operations answered 501 NotImplemented, as an AWS-compatible endpoint without that API. */
  notImplemented?: string[];
  /** Operations answered with a truncated, unparseable body. */
  malformed?: string[];
  /** Operations answered HTTP 200 with an empty body (the SDK parses it into an output without any member). */
  empty?: string[];
  /** Operations answered HTTP 200 with only the response element and a request id: well-formed, but shapeless. */
  shapeless?: string[];
  /** Operations whose every page points further with a new token (EC2 `nextToken`, IAM `IsTruncated` + `Marker`). */
  endless?: string[];
  /** Operations never answered: the request is read, the socket stays open and silent. */
  silent?: string[];
  /**
   * The Nth calls (1-based, counted per operation since the plan was set) of an operation answered with an error:
   * default 500 InternalError, which the SDK retries (so list every attempt to fail a call for good).
   */
  failCalls?: { action: string; calls: number[]; status?: number; code?: string }[];
  /**
   * EC2 Describe* calls that carry any Filter are answered 400 InvalidParameterValue "The filter '<name>' is invalid",
   * like an AWS-compatible endpoint that implements the operation but not its filters.
   */
  rejectFilters?: boolean;
  seed?: number;
}

export interface FakeAwsOptions {
  /** A snapshot directory (docs/contracts.md "Snapshot directory") the fake serves as the account's state. */
  snapshotDir: string;
  account?: string;
  faults?: FaultPlan;
  /** Largest page the fake returns, below the caller's MaxResults/MaxItems. */
  pageSize?: { ec2?: number; iam?: number; simulation?: number };
  /**
   * Decides SimulatePrincipalPolicy. Receives the role's policies; returns EvaluationResults in SDK shape.
   * Without it the fake answers NotImplemented for simulation, like an endpoint that implements no simulation API.
   */
  simulate?: SimulateFn;
}

/** A policy of the simulated role: `text` is the document exactly as the fake serves it (positions refer to it). */
export interface SimulatedPolicy<T extends 'inline' | 'managed' | 'boundary'> {
  /** Inline policy name, or managed policy ARN. */
  id: string;
  type: T;
  document: unknown;
  text: string;
}

export interface SimulateInput {
  role: Json;
  identityPolicies: SimulatedPolicy<'inline' | 'managed'>[];
  permissionsBoundaries: SimulatedPolicy<'boundary'>[];
  actions: string[];
  resource: string;
  context: Record<string, string[]>;
}
export type SimulateFn = (input: SimulateInput) => Json[];

export interface CallRecord {
  service: Service;
  action: string;
  status: number;
  params: Json;
}

/**
 * A loopback HTTP fake of the IAM, STS and EC2 query APIs, served from a snapshot directory, with fault injection;
 * and of SNS (query), SQS (AWS JSON 1.0) and S3 (REST-XML) in {@link FakeAws.messaging}.
 */
export class FakeAws {
  /** SNS topics and subscriptions, SQS queues, S3 buckets (create them through the SDK or directly). */
  readonly messaging: FakeMessaging;
  private callCounts = new Map<string, number>();
  /** Every call answered (status 0: the client closed the connection before the answer). */
  readonly calls: CallRecord[] = [];
  private pending: (() => void)[] = [];
  private faults: FaultPlan;
  private random: () => number;
  private endlessCount = 0;
  private readonly gaad: Json;
  private readonly reservations: Json[];
  private readonly subnets: Json[];
  private readonly routeTables: Json[];
  private readonly securityGroups: Json[];
  private readonly account: string;

  private constructor(
    private readonly server: Server,
    private readonly options: FakeAwsOptions,
  ) {
    const read = (file: string, fallback: Json): Json => {
      const path = join(options.snapshotDir, file);
      return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Json) : fallback;
    };
    const gaad = read('iam-get-account-authorization-details.json', {});
    this.gaad = Array.isArray(gaad) ? mergePages(gaad as Json[]) : gaad;
    this.reservations = (read('ec2-describe-instances.json', { Reservations: [] }).Reservations as Json[]) ?? [];
    this.subnets = (read('ec2-describe-subnets.json', { Subnets: [] }).Subnets as Json[]) ?? [];
    this.routeTables = (read('ec2-describe-route-tables.json', { RouteTables: [] }).RouteTables as Json[]) ?? [];
    this.securityGroups = (read('ec2-describe-security-groups.json', { SecurityGroups: [] }).SecurityGroups as Json[]) ?? [];
    const meta = read('meta.json', {});
    this.account = options.account ?? (meta.account as string | undefined) ?? '123456789012';
    this.faults = options.faults ?? {};
    this.random = mulberry32(this.faults.seed ?? 1);
    this.messaging = new FakeMessaging(() => this.url, this.account);
  }

  static async start(options: FakeAwsOptions): Promise<FakeAws> {
    const server = createServer();
    const fake = new FakeAws(server, options);
    server.on('request', (req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Changes the account the fake serves (drift between two runs). */
  edit(change: (account: { reservations: Json[]; subnets: Json[]; routeTables: Json[]; securityGroups: Json[] }) => void): void {
    change({ reservations: this.reservations, subnets: this.subnets, routeTables: this.routeTables, securityGroups: this.securityGroups });
  }

  setFaults(plan: FaultPlan): void {
    this.faults = plan;
    this.callCounts.clear();
    this.random = mulberry32(plan.seed ?? 1);
  }

  /** Calls answered, optionally of one operation, optionally only successful ones. */
  count(action?: string, opts: { ok?: boolean } = {}): number {
    return this.calls.filter((c) => (!action || c.action === action) && (!opts.ok || c.status === 200)).length;
  }

  async stop(): Promise<void> {
    for (const release of this.pending.splice(0)) release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---------------------------------------------------------------- transport

  /** Waits `ms`, or less when the client closes the connection or the fake stops (no timer outlives a test). */
  private delay(ms: number, res: ServerResponse): Promise<void> {
    return new Promise((resolve) => {
      const release = () => {
        clearTimeout(timer);
        this.pending = this.pending.filter((r) => r !== release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      res.once('close', release);
      this.pending.push(release);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const scope = signingScope(req.headers.authorization ?? '');
    if (scope === 'sqs' || scope === 's3' || scope === 'sns') return this.handleMessaging(scope, req, res, Buffer.concat(chunks));
    const params = parseQueryBody(Buffer.concat(chunks).toString('utf8'));
    const action = String(params.Action ?? '');
    const service = serviceOf(req.headers.authorization ?? '', action);
    const reply = (status: number, body: string) => {
      if (res.destroyed || res.writableEnded) {
        // The client gave up while the fake was being slow (e.g. a deadline aborted the call).
        this.calls.push({ service, action, status: 0, params });
        return;
      }
      this.calls.push({ service, action, status, params });
      res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId() });
      res.end(body);
    };
    const f = this.faults;
    if (f.slow?.includes(action) || (f.slowRate && this.random() < f.slowRate)) await this.delay(f.slowMs ?? 200, res);
    if (f.throttled?.includes(action) || (f.throttleRate && this.random() < f.throttleRate)) {
      return service === 'ec2'
        ? reply(503, ec2Error('RequestLimitExceeded', 'Request limit exceeded.'))
        : reply(400, queryError('Throttling', 'Rate exceeded', 'Sender'));
    }
    if (f.serverErrorRate && this.random() < f.serverErrorRate) {
      return reply(500, service === 'ec2' ? ec2Error('InternalError', 'An internal error has occurred') : queryError('ServiceFailure', 'internal failure', 'Receiver'));
    }
    if (f.rejectFilters && service === 'ec2' && filtersOf(params).length > 0) {
      return reply(400, ec2Error('InvalidParameterValue', `The filter '${filtersOf(params)[0]?.Name ?? ''}' is invalid`));
    }
    if (f.denied?.includes(action)) {
      return service === 'ec2'
        ? reply(403, ec2Error('UnauthorizedOperation', `You are not authorized to perform this operation. (${action})`))
        : reply(403, queryError('AccessDenied', `User: arn:aws:sts::${this.account}:assumed-role/audit/session is not authorized to perform: ${service}:${action}`, 'Sender'));
    }
    if (f.notImplemented?.includes(action) || (!this.options.simulate && isSimulationAction(action))) {
      return reply(501, queryError('NotImplemented', `${action} is not implemented by this endpoint`, 'Receiver'));
    }
    if (f.silent?.includes(action)) {
      this.calls.push({ service, action, status: 0, params });
      return; // never answered; the client's socket timeout must end it
    }
    if (f.empty?.includes(action)) return reply(200, '');
    if (f.shapeless?.includes(action)) {
      return reply(200, `<${action}Response xmlns="${service === 'ec2' ? 'http://ec2.amazonaws.com/doc/2016-11-15/' : 'https://iam.amazonaws.com/doc/2010-05-08/'}"><requestId>${requestId()}</requestId></${action}Response>`);
    }
    try {
      let body = this.dispatch(service, action, params);
      if (f.endless?.includes(action)) body = withEndlessToken(service, action, body, (this.endlessCount += 1));
      if (f.malformed?.includes(action)) return reply(200, body.slice(0, Math.floor(body.length / 2)));
      reply(200, body);
    } catch (err) {
      if (err instanceof FakeAwsError) return reply(err.status, service === 'ec2' ? ec2Error(err.code, err.message) : queryError(err.code, err.message, 'Sender'));
      if (err instanceof FilterError) return reply(400, ec2Error('InvalidParameterValue', err.message));
      reply(500, queryError('InternalFailure', String(err), 'Receiver'));
    }
  }

  /** The Nth call of `action` since the fault plan was set: the error to answer, if the plan fails it. */
  private injectedFailure(action: string): { status: number; code: string } | undefined {
    const n = (this.callCounts.get(action) ?? 0) + 1;
    this.callCounts.set(action, n);
    const rule = this.faults.failCalls?.find((r) => r.action === action && r.calls.includes(n));
    return rule === undefined ? undefined : { status: rule.status ?? 500, code: rule.code ?? 'InternalError' };
  }

  private async handleMessaging(service: 'sns' | 'sqs' | 's3', req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    let action: string;
    let params: Json;
    if (service === 'sqs') {
      action = String(req.headers['x-amz-target'] ?? '').replace(/^AmazonSQS\./, '');
      params = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as Json);
    } else if (service === 'sns') {
      params = parseQueryBody(body.toString('utf8'));
      action = String(params.Action ?? '');
    } else {
      action = { GET: 'GetObject', HEAD: 'HeadObject', PUT: 'PutObject' }[req.method ?? ''] ?? String(req.method);
      params = { path: req.url ?? '/', ifMatch: req.headers['if-match'], ifNoneMatch: req.headers['if-none-match'] };
    }
    const send = (reply: FakeReply) => {
      this.calls.push({ service, action, status: res.destroyed ? 0 : reply.status, params });
      if (res.destroyed || res.writableEnded) return;
      res.writeHead(reply.status, { 'x-amzn-requestid': requestId(), ...(reply.headers ?? {}) });
      res.end(reply.body);
    };
    const fail = (error: MessagingError): FakeReply =>
      service === 'sqs' ? sqsError(error.code, error.message, error.status)
        : service === 's3' ? s3Error(error)
          : { status: error.status, headers: { 'content-type': 'text/xml' }, body: snsError(error.code, error.message, error.status) };
    const injected = this.injectedFailure(action);
    if (injected !== undefined) return send(fail(new MessagingError(injected.status, injected.code, `injected failure of ${action}`)));
    if (this.faults.denied?.includes(action)) {
      return send(fail(new MessagingError(403, service === 'sns' ? 'AuthorizationError' : 'AccessDenied', `User: arn:aws:sts::${this.account}:assumed-role/audit/session is not authorized to perform: ${service}:${action}`)));
    }
    try {
      if (service === 's3') return send(this.messaging.s3(req.method ?? 'GET', req.url ?? '/', req.headers, body));
      if (service === 'sqs') return send({ status: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: this.messaging.sqs(action, params) });
      return send({ status: 200, headers: { 'content-type': 'text/xml' }, body: this.messaging.sns(action, params) });
    } catch (error) {
      if (error instanceof MessagingError) return send(fail(error));
      return send(fail(new MessagingError(500, 'InternalFailure', String(error))));
    }
  }

  private dispatch(service: Service, action: string, p: Json): string {
    switch (`${service}:${action}`) {
      case 'ec2:DescribeInstances': return this.describeInstances(p);
      case 'ec2:DescribeSubnets': return this.describeSimple(p, 'DescribeSubnets', 'Subnets', this.subnets, 'SubnetIds', 'SubnetId');
      case 'ec2:DescribeRouteTables': return this.describeSimple(p, 'DescribeRouteTables', 'RouteTables', this.routeTables, 'RouteTableIds', 'RouteTableId');
      case 'ec2:DescribeAvailabilityZones': return this.describeAvailabilityZones();
      case 'ec2:DescribeSecurityGroups': return this.describeSimple(p, 'DescribeSecurityGroups', 'SecurityGroups', this.securityGroups, 'GroupIds', 'GroupId');
      case 'sts:GetCallerIdentity':
        return queryOk(sts.GetCallerIdentity$, { UserId: 'AROAEXAMPLE:audit', Account: this.account, Arn: `arn:aws:sts::${this.account}:assumed-role/audit/session` });
      case 'sts:AssumeRole': return this.assumeRole(p);
      case 'iam:GetRole': return queryOk(iam.GetRole$, { Role: this.roleApiShape(this.role(p.RoleName as string)) });
      case 'iam:ListRolePolicies': {
        const role = this.role(p.RoleName as string);
        return queryOk(iam.ListRolePolicies$, { PolicyNames: list(role.RolePolicyList).map((x) => x.PolicyName), IsTruncated: false });
      }
      case 'iam:GetRolePolicy': {
        const role = this.role(p.RoleName as string);
        const pol = list(role.RolePolicyList).find((x) => x.PolicyName === p.PolicyName);
        if (!pol) throw new FakeAwsError(404, 'NoSuchEntity', `The role policy with name ${String(p.PolicyName)} cannot be found.`);
        return queryOk(iam.GetRolePolicy$, { RoleName: role.RoleName, PolicyName: pol.PolicyName, PolicyDocument: encodeDoc(pol.PolicyDocument) });
      }
      case 'iam:ListAttachedRolePolicies': {
        const role = this.role(p.RoleName as string);
        return queryOk(iam.ListAttachedRolePolicies$, { AttachedPolicies: list(role.AttachedManagedPolicies), IsTruncated: false });
      }
      case 'iam:GetPolicy': {
        const pol = this.policy(p.PolicyArn as string);
        return queryOk(iam.GetPolicy$, { Policy: { PolicyName: pol.PolicyName, Arn: pol.Arn, DefaultVersionId: pol.DefaultVersionId, Path: pol.Path ?? '/', AttachmentCount: 1, IsAttachable: true } });
      }
      case 'iam:GetPolicyVersion': {
        const pol = this.policy(p.PolicyArn as string);
        const v = list(pol.PolicyVersionList).find((x) => x.VersionId === p.VersionId);
        if (!v) throw new FakeAwsError(404, 'NoSuchEntity', `Policy ${String(p.PolicyArn)} version ${String(p.VersionId)} does not exist.`);
        return queryOk(iam.GetPolicyVersion$, { PolicyVersion: { ...v, Document: encodeDoc(v.Document) } });
      }
      case 'iam:ListInstanceProfilesForRole': {
        const role = this.role(p.RoleName as string);
        return queryOk(iam.ListInstanceProfilesForRole$, { InstanceProfiles: list(role.InstanceProfileList).map((ip) => this.profileApiShape(ip)), IsTruncated: false });
      }
      case 'iam:GetInstanceProfile': {
        const ip = this.instanceProfiles().find((x) => x.InstanceProfileName === p.InstanceProfileName);
        if (!ip) throw new FakeAwsError(404, 'NoSuchEntity', `Instance Profile ${String(p.InstanceProfileName)} cannot be found.`);
        return queryOk(iam.GetInstanceProfile$, { InstanceProfile: this.profileApiShape(ip) });
      }
      case 'iam:GetAccountAuthorizationDetails': return this.gaadPage(p);
      case 'iam:SimulatePrincipalPolicy': return this.simulatePrincipalPolicy(p);
      case 'iam:GetContextKeysForPrincipalPolicy': return this.contextKeys(p);
      default:
        throw new FakeAwsError(400, 'InvalidAction', `The action ${action} is not valid for this web service (${service}).`);
    }
  }

  // ---------------------------------------------------------------- EC2

  private describeInstances(p: Json): string {
    const filters = filtersOf(p);
    const ids = stringList(p.InstanceId ?? p.InstanceIds);
    const flat: { reservation: Json; instance: Json }[] = [];
    for (const r of this.reservations) {
      for (const i of list(r.Instances)) {
        if (ids.length && !ids.includes(i.InstanceId as string)) continue;
        if (matchesFilters(i, filters)) flat.push({ reservation: r, instance: i });
      }
    }
    const { page, next } = paginate(flat, p.NextToken, Math.min(Number(p.MaxResults ?? 1000), this.options.pageSize?.ec2 ?? 1000));
    const grouped = new Map<Json, Json[]>();
    for (const { reservation, instance } of page) grouped.set(reservation, [...(grouped.get(reservation) ?? []), instance]);
    const Reservations = [...grouped].map(([r, Instances]) => ({ ...r, Instances }));
    return ec2Ok('DescribeInstances', ec2.DescribeInstances$, { Reservations, NextToken: next });
  }

  private describeSimple(p: Json, action: string, key: string, items: Json[], idParam: string, idField: string): string {
    const filters = filtersOf(p);
    const ids = stringList(p[idParam.replace(/s$/, '')] ?? p[idParam]);
    for (const id of ids) {
      if (!items.some((x) => x[idField] === id)) {
        const code = { SubnetIds: 'InvalidSubnetID.NotFound', RouteTableIds: 'InvalidRouteTableID.NotFound', GroupIds: 'InvalidGroup.NotFound' }[idParam] ?? 'NotFound';
        throw new FakeAwsError(400, code, `The ID '${id}' does not exist`);
      }
    }
    const matched = items.filter((x) => (!ids.length || ids.includes(x[idField] as string)) && matchesFilters(x, filters));
    const pageMax = p.MaxResults === undefined && !ids.length ? Infinity : Number(p.MaxResults ?? 1000);
    const { page, next } = paginate(matched, p.NextToken, Math.min(pageMax, this.options.pageSize?.ec2 ?? 1000));
    const schema = { DescribeSubnets: ec2.DescribeSubnets$, DescribeRouteTables: ec2.DescribeRouteTables$, DescribeSecurityGroups: ec2.DescribeSecurityGroups$ }[action as 'DescribeSubnets'];
    return ec2Ok(action, schema, { [key]: page, NextToken: next });
  }

  /**
   * The zones of `ec2-describe-availability-zones.json`, else one zone per subnet AZ, typed by AWS's naming
   * (`<region><letter>` availability-zone, `-wlz-` wavelength-zone, other local-zone). Not paginated, like EC2's.
   */
  private describeAvailabilityZones(): string {
    const file = join(this.options.snapshotDir, 'ec2-describe-availability-zones.json');
    const zones = existsSync(file)
      ? ((JSON.parse(readFileSync(file, 'utf8')) as Json).AvailabilityZones as Json[])
      : [...new Set(this.subnets.map((s) => String(s.AvailabilityZone)))].sort().map((name) => ({
          ZoneName: name,
          ZoneType: /^[a-z]{2}(-[a-z]+)+-\d+[a-z]$/.test(name) ? 'availability-zone' : name.includes('-wlz-') ? 'wavelength-zone' : 'local-zone',
          State: 'available',
        }));
    return ec2Ok('DescribeAvailabilityZones', ec2.DescribeAvailabilityZones$, { AvailabilityZones: zones });
  }

  // ---------------------------------------------------------------- STS

  private assumeRole(p: Json): string {
    const arn = String(p.RoleArn);
    const expiration = new Date(Date.now() + 3600_000).toISOString();
    return queryOk(sts.AssumeRole$, {
      Credentials: { AccessKeyId: 'ASIAFAKEASSUMED', SecretAccessKey: 'fake-secret', SessionToken: `fake-token-${String(p.ExternalId ?? '')}`, Expiration: expiration },
      AssumedRoleUser: { AssumedRoleId: `AROAFAKE:${String(p.RoleSessionName)}`, Arn: arn.replace(':iam::', ':sts::').replace(':role/', ':assumed-role/') + `/${String(p.RoleSessionName)}` },
    });
  }

  // ---------------------------------------------------------------- IAM

  private roles(): Json[] {
    return list(this.gaad.RoleDetailList);
  }

  private role(nameOrArn: string): Json {
    const role = this.roles().find((r) => r.RoleName === nameOrArn || r.Arn === nameOrArn);
    if (!role) throw new FakeAwsError(404, 'NoSuchEntity', `The role with name ${nameOrArn} cannot be found.`);
    return role;
  }

  private policy(arn: string): Json {
    const pol = list(this.gaad.Policies).find((x) => x.Arn === arn);
    if (!pol) throw new FakeAwsError(404, 'NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`);
    return pol;
  }

  private instanceProfiles(): Json[] {
    const byArn = new Map<string, Json>();
    for (const r of this.roles()) for (const ip of list(r.InstanceProfileList)) byArn.set(ip.Arn as string, ip);
    return [...byArn.values()];
  }

  private roleApiShape(r: Json): Json {
    return {
      Path: r.Path ?? '/', RoleName: r.RoleName, RoleId: r.RoleId ?? 'AROAFAKE', Arn: r.Arn, CreateDate: r.CreateDate ?? '2024-01-01T00:00:00Z',
      AssumeRolePolicyDocument: r.AssumeRolePolicyDocument === undefined ? undefined : encodeDoc(r.AssumeRolePolicyDocument),
      PermissionsBoundary: r.PermissionsBoundary, Tags: r.Tags,
    };
  }

  private profileApiShape(ip: Json): Json {
    const roles = list(ip.Roles).map((role) => {
      const full = this.roles().find((r) => r.Arn === role.Arn) ?? role;
      return this.roleApiShape(full);
    });
    return { Path: ip.Path ?? '/', InstanceProfileName: ip.InstanceProfileName, InstanceProfileId: ip.InstanceProfileId ?? 'AIPAFAKE', Arn: ip.Arn, CreateDate: ip.CreateDate ?? '2024-01-01T00:00:00Z', Roles: roles };
  }

  private gaadPage(p: Json): string {
    const filter = stringList(p.Filter);
    const wantRoles = !filter.length || filter.includes('Role');
    const wantPolicies = !filter.length || filter.includes('LocalManagedPolicy') || filter.includes('AWSManagedPolicy');
    const items: { kind: 'role' | 'policy'; item: Json }[] = [
      ...(wantRoles ? this.roles().map((item) => ({ kind: 'role' as const, item })) : []),
      ...(wantPolicies
        ? list(this.gaad.Policies)
            .filter((pol) => {
              if (!filter.length) return true;
              const aws = String(pol.Arn).startsWith('arn:aws:iam::aws:');
              return aws ? filter.includes('AWSManagedPolicy') : filter.includes('LocalManagedPolicy');
            })
            .map((item) => ({ kind: 'policy' as const, item }))
        : []),
    ];
    const { page, next } = paginate(items, p.Marker, Math.min(Number(p.MaxItems ?? 100), this.options.pageSize?.iam ?? 1000));
    const encodeRole = (r: Json): Json => ({
      ...r,
      AssumeRolePolicyDocument: r.AssumeRolePolicyDocument === undefined ? undefined : encodeDoc(r.AssumeRolePolicyDocument),
      RolePolicyList: list(r.RolePolicyList).map((x) => ({ ...x, PolicyDocument: encodeDoc(x.PolicyDocument) })),
      InstanceProfileList: list(r.InstanceProfileList).map((ip) => this.profileApiShape(ip)),
    });
    const encodePolicy = (pol: Json): Json => ({ ...pol, PolicyVersionList: list(pol.PolicyVersionList).map((v) => ({ ...v, Document: encodeDoc(v.Document) })) });
    return queryOk(iam.GetAccountAuthorizationDetails$, {
      RoleDetailList: page.filter((x) => x.kind === 'role').map((x) => encodeRole(x.item)),
      Policies: page.filter((x) => x.kind === 'policy').map((x) => encodePolicy(x.item)),
      UserDetailList: [], GroupDetailList: [],
      IsTruncated: next !== undefined, Marker: next,
    });
  }

  private policiesOf(role: Json): Pick<SimulateInput, 'identityPolicies' | 'permissionsBoundaries'> {
    const identityPolicies: SimulateInput['identityPolicies'] = list(role.RolePolicyList).map((x) => ({ id: x.PolicyName as string, type: 'inline', document: decodeDoc(x.PolicyDocument), text: docText(x.PolicyDocument) }));
    for (const att of list(role.AttachedManagedPolicies)) {
      const raw = this.defaultDocumentRaw(att.PolicyArn as string);
      identityPolicies.push({ id: att.PolicyArn as string, type: 'managed', document: decodeDoc(raw), text: docText(raw) });
    }
    const boundaryArn = (role.PermissionsBoundary as Json | undefined)?.PermissionsBoundaryArn as string | undefined;
    const boundaryRaw = boundaryArn ? this.defaultDocumentRaw(boundaryArn) : undefined;
    const permissionsBoundaries: SimulateInput['permissionsBoundaries'] = boundaryArn ? [{ id: boundaryArn, type: 'boundary', document: decodeDoc(boundaryRaw), text: docText(boundaryRaw) }] : [];
    return { identityPolicies, permissionsBoundaries };
  }

  /** The default version's document as the snapshot holds it (object or string). */
  private defaultDocumentRaw(arn: string): unknown {
    const pol = this.policy(arn);
    const v = list(pol.PolicyVersionList).find((x) => x.IsDefaultVersion === true || x.VersionId === pol.DefaultVersionId);
    return v?.Document;
  }

  private simulatePrincipalPolicy(p: Json): string {
    const role = this.role(roleNameFromArn(String(p.PolicySourceArn)));
    const actions = stringList(p.ActionNames);
    for (const a of actions) if (a.includes('*') || a.includes('?')) throw new FakeAwsError(400, 'InvalidInput', `Action name ${a} may not contain wildcards.`);
    const context: Record<string, string[]> = {};
    for (const entry of list(p.ContextEntries)) context[String(entry.ContextKeyName)] = stringList(entry.ContextKeyValues);
    const results = this.options.simulate!({ role, ...this.policiesOf(role), actions, resource: stringList(p.ResourceArns)[0] ?? '*', context });
    const { page, next } = paginate(results, p.Marker, Math.min(Number(p.MaxItems ?? 100), this.options.pageSize?.simulation ?? 1000));
    return queryOk(iam.SimulatePrincipalPolicy$, { EvaluationResults: page, IsTruncated: next !== undefined, Marker: next });
  }

  private contextKeys(p: Json): string {
    const role = this.role(roleNameFromArn(String(p.PolicySourceArn)));
    const { identityPolicies, permissionsBoundaries } = this.policiesOf(role);
    const keys = new Set<string>();
    for (const pol of [...identityPolicies, ...permissionsBoundaries]) collectConditionKeys(pol.document, keys);
    return queryOk(iam.GetContextKeysForPrincipalPolicy$, { ContextKeyNames: [...keys] });
  }
}

// ---------------------------------------------------------------- helpers

class FakeAwsError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

function isSimulationAction(action: string): boolean {
  return action === 'SimulatePrincipalPolicy' || action === 'GetContextKeysForPrincipalPolicy';
}

function signingScope(authorization: string): string | undefined {
  return /Credential=[^/]+\/\d+\/[^/]+\/([^/]+)\//.exec(authorization)?.[1];
}

function serviceOf(authorization: string, action: string): Service {
  const scope = signingScope(authorization);
  if (scope === 'ec2' || scope === 'iam' || scope === 'sts') return scope;
  return action.startsWith('Describe') ? 'ec2' : action === 'GetCallerIdentity' || action === 'AssumeRole' ? 'sts' : 'iam';
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]) : [];
}

function mergePages(pages: Json[]): Json {
  const out: Json = { RoleDetailList: [], Policies: [] };
  for (const page of pages) {
    (out.RoleDetailList as Json[]).push(...list(page.RoleDetailList));
    (out.Policies as Json[]).push(...list(page.Policies));
  }
  return out;
}

function filtersOf(p: Json): Filter[] {
  return list(p.Filter ?? p.Filters).map((f) => ({ Name: String(f.Name), Value: stringList(f.Value ?? f.Values) }));
}

function paginate<T>(items: T[], token: unknown, size: number): { page: T[]; next?: string } {
  const start = token ? Number(Buffer.from(String(token), 'base64url').toString('utf8')) : 0;
  const end = start + size;
  return { page: items.slice(start, end), next: end < items.length ? Buffer.from(String(end)).toString('base64url') : undefined };
}

function encodeDoc(doc: unknown): string {
  const text = typeof doc === 'string' ? (doc.trim().startsWith('{') ? doc : decodeURIComponent(doc)) : JSON.stringify(doc);
  return encodeURIComponent(text);
}

function decodeDoc(doc: unknown): unknown {
  if (typeof doc !== 'string') return doc;
  return JSON.parse(doc.trim().startsWith('{') ? doc : decodeURIComponent(doc));
}

/** The document text the fake serves (URL-decoded), which SimulatePrincipalPolicy positions refer to. */
function docText(doc: unknown): string {
  return decodeURIComponent(encodeDoc(doc));
}

function roleNameFromArn(arn: string): string {
  return arn.split('/').pop() ?? arn;
}

function collectConditionKeys(doc: unknown, keys: Set<string>): void {
  const statements = (doc as Json | undefined)?.Statement;
  for (const st of Array.isArray(statements) ? statements : [statements]) {
    const cond = (st as Json | undefined)?.Condition as Record<string, Json> | undefined;
    for (const block of Object.values(cond ?? {})) for (const key of Object.keys(block)) keys.add(key);
  }
}

/** `body` with its pagination replaced by a new token that points further (the `endless` fault). */
function withEndlessToken(service: Service, action: string, body: string, n: number): string {
  const token = `endless-${n}`;
  if (service === 'ec2') {
    const stripped = body.replace(/<nextToken>[^<]*<\/nextToken>/u, '');
    return stripped.replace(`</${action}Response>`, `<nextToken>${token}</nextToken></${action}Response>`);
  }
  const stripped = body.replace(/<IsTruncated>[^<]*<\/IsTruncated>/u, '').replace(/<Marker>[^<]*<\/Marker>/u, '');
  return stripped.replace(`</${action}Result>`, `<IsTruncated>true</IsTruncated><Marker>${token}</Marker></${action}Result>`);
}

function requestId(): string {
  return '00000000-0000-4000-8000-000000000000';
}

function queryOk(operation: unknown, output: Json): string {
  const [, , name, , , outputSchema] = operation as [number, string, string, unknown, unknown, Schema];
  const ns = name === 'GetCallerIdentity' || name === 'AssumeRole' ? 'https://sts.amazonaws.com/doc/2011-06-15/' : 'https://iam.amazonaws.com/doc/2010-05-08/';
  return `<${name}Response xmlns="${ns}"><${name}Result>${membersToXml(outputSchema, output)}</${name}Result><ResponseMetadata><RequestId>${requestId()}</RequestId></ResponseMetadata></${name}Response>`;
}

function ec2Ok(name: string, operation: unknown, output: Json): string {
  const [, , , , , outputSchema] = operation as [number, string, string, unknown, unknown, Schema];
  return `<${name}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>${requestId()}</requestId>${membersToXml(outputSchema, output)}</${name}Response>`;
}

function queryError(code: string, message: string, type: 'Sender' | 'Receiver'): string {
  return `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId()}</RequestId></ErrorResponse>`;
}

function ec2Error(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${requestId()}</RequestID></Response>`;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
