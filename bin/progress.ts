import type { CallObserver } from '../lib/adapters/aws/call-observer.js';
import type { AuditProgress } from '../lib/app/run-audit.js';
import type { CliOutput } from './cli-io.js';

const STAGE_TEXT = { collect: 'collecting', evaluate: 'evaluating', report: 'reporting' } as const;
/** Redraws at most this often; events in between only update the counts. */
const REDRAW_MS = 100;
const SHORT_NAMES: Record<string, string> = {
  'ec2:DescribeInstances': 'instances',
  'ec2:DescribeSubnets': 'subnets',
  'ec2:DescribeRouteTables': 'route tables',
  'ec2:DescribeSecurityGroups': 'security groups',
  'iam:GetAccountAuthorizationDetails': 'IAM sweep',
  'sts:GetCallerIdentity': 'identity',
  'ec2:DescribeAvailabilityZones': 'zones',
};

interface ClusterState {
  stage: AuditProgress['stage'];
  pages: Map<string, number>;
  simulationsPlanned: number;
  simulationsDone: number;
}

/**
 * The live progress of `audit` on a terminal (stderr): one line per cluster and stage as before, and below them one
 * status line rewritten in place: per active cluster the pages read per operation and the simulations done out of
 * planned, then retries, throttled calls, elapsed time and an estimate of the time left (from the simulation rate,
 * the longest part of a live audit). Only used when stderr is a TTY and --quiet is not given; stdout carries only the
 * report.
 */
export class TtyProgress implements CallObserver {
  private readonly clusters = new Map<string, ClusterState>();
  private readonly started: number;
  /** No status line until the first AWS call: a snapshot audit shows the stage lines only. */
  private live = false;
  private firstSimulationAt: number | undefined;
  private retries = 0;
  private throttled = 0;
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly out: CliOutput,
    private readonly program: string,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  /** A stage of a cluster (runAudit's onProgress): a line of its own, above the status line. */
  stage(event: AuditProgress): void {
    this.state(event.cluster).stage = event.stage;
    this.clear();
    this.out.write(`${this.program}: ${event.cluster}: ${STAGE_TEXT[event.stage]}\n`);
    this.draw(true);
  }

  callDone(event: { cluster?: string; operation: string; attempts: number }): void {
    this.live = true;
    this.retries += event.attempts - 1;
    const state = this.state(event.cluster ?? '');
    if (event.operation === 'iam:SimulatePrincipalPolicy') {
      state.simulationsDone += 1;
      this.firstSimulationAt ??= this.now();
    } else state.pages.set(event.operation, (state.pages.get(event.operation) ?? 0) + 1);
    this.draw(false);
  }

  callFailed(event: { cluster?: string; operation: string; attempts: number; throttled: boolean }): void {
    this.live = true;
    this.retries += event.attempts - 1;
    if (event.throttled) this.throttled += 1;
    this.draw(false);
  }

  planned(event: { cluster?: string; operation: string; count: number }): void {
    if (event.operation === 'iam:SimulatePrincipalPolicy') this.state(event.cluster ?? '').simulationsPlanned += event.count;
    this.draw(false);
  }

  /** Removes the status line (before the final messages). */
  finish(): void {
    this.clear();
  }

  /** The status line as drawn (without control characters), for tests. */
  statusLine(): string {
    const seconds = (ms: number) => `${Math.max(0, Math.round(ms / 1000))}s`;
    const active = [...this.clusters].filter(([name, s]) => name !== '' && s.stage !== 'report');
    const parts = active.map(([name, s]) => {
      const pages = [...s.pages].map(([op, n]) => `${SHORT_NAMES[op] ?? op.split(':')[1]} ${n}`);
      const sims = s.simulationsPlanned > 0 ? [`simulations ${s.simulationsDone}/${s.simulationsPlanned}`] : [];
      const detail = [...pages, ...sims].join(', ');
      return `${name} ${STAGE_TEXT[s.stage]}${detail === '' ? '' : ` (${detail})`}`;
    });
    let planned = 0;
    let done = 0;
    for (const s of this.clusters.values()) {
      planned += s.simulationsPlanned;
      done += s.simulationsDone;
    }
    const elapsed = this.now() - this.started;
    let eta = '';
    if (this.firstSimulationAt !== undefined && done > 1 && planned > done) {
      // Simulations finished per ms since the first one finished.
      const rate = (done - 1) / Math.max(1, this.now() - this.firstSimulationAt);
      eta = `, about ${seconds((planned - done) / rate)} left`;
    }
    const retries = this.retries > 0 || this.throttled > 0 ? ` | retries ${this.retries}, throttled ${this.throttled}` : '';
    // Time and retries first: on a narrow terminal the line is cut at the end, among the clusters.
    return `${this.program}: ${seconds(elapsed)}${eta}${retries} | ${parts.join(' | ') || 'working'}`;
  }

  private state(cluster: string): ClusterState {
    let state = this.clusters.get(cluster);
    if (state === undefined) {
      state = { stage: 'collect', pages: new Map(), simulationsPlanned: 0, simulationsDone: 0 };
      this.clusters.set(cluster, state);
    }
    return state;
  }

  private draw(force: boolean): void {
    if (!this.live) return;
    const now = this.now();
    if (!force && now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const width = Math.max(20, (this.out.columns ?? 100) - 1);
    const line = this.statusLine();
    this.out.write(`\r\x1b[2K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
    this.drawn = true;
  }

  private clear(): void {
    if (!this.drawn) return;
    this.out.write('\r\x1b[2K');
    this.drawn = false;
  }
}
