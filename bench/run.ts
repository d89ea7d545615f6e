/**
 * The benchmark runner: `npm run bench [-- --size S|M|L] [--quick] [--json] [--latency MS] [--rounds N]`.
 *
 * Measures, for a seeded account of the size (bench/account-generator.ts), every figure of issue 12 against its
 * limit, in one run, interleaving what is compared so that the load of a shared machine hits both sides alike:
 * - API calls of the live engine (compiled dist/, the CLI's options) against the loopback fake AWS with a per-call
 *   latency, counted on the wire, against the minimum of docs/api-calls.md computed from the account's data;
 * - wall time of that audit against its lower bound (the critical path given latency, pages and concurrency caps);
 *   at size L also with 20% of the calls throttled;
 * - peak RSS and time of a snapshot-mode audit (fresh `node` process per run) against `node` reading and
 *   `JSON.parse`-ing the same files (the floor), runs alternated;
 * - the evaluator as shipped (evaluations per second warm and through evaluateRequest; excess analysis of a `*` role);
 * - bundle size and cold start of the Lambda handler built as serverless.yml builds it, against a hello-world handler
 *   importing the same SDK clients, built the same way, runs alternated.
 * `--quick` is size S with fewer rounds (under a minute). `--json` prints one object on stdout (bench/README.md).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, readdirSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { parse as parseYaml } from 'yaml';
import { FakeAws, type CallRecord } from '../test/support/fake-aws/fake-aws-server.js';
import { simulateWithEvaluator } from '../test/support/fake-aws/simulate-with-evaluator.js';
import { generateAccount, SIZES, type GeneratedAccount, type SizeName } from './account-generator.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');

interface Options {
  size: SizeName;
  quick: boolean;
  json: boolean;
  latencyMs: number;
  rounds: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { size: 'M', quick: false, json: false, latencyMs: 40, rounds: 3 };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      const v = argv[i + 1];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      i += 1;
      return v;
    };
    if (arg === '--size') {
      const size = value().toUpperCase();
      if (!(size in SIZES)) throw new Error(`--size must be S, M or L, got ${size}`);
      options.size = size as SizeName;
    } else if (arg === '--quick') options.quick = true;
    else if (arg === '--json') options.json = true;
    else if (arg === '--latency') options.latencyMs = Number(value());
    else if (arg === '--rounds') options.rounds = Number(value());
    else throw new Error(`unknown option ${arg}; usage: npm run bench [-- --size S|M|L] [--quick] [--json] [--latency MS] [--rounds N]`);
  }
  if (options.quick) {
    options.size = 'S';
    options.rounds = Math.min(options.rounds, 3);
  }
  if (!Number.isFinite(options.latencyMs) || options.latencyMs < 0) throw new Error('--latency must be a number of ms >= 0');
  if (!Number.isInteger(options.rounds) || options.rounds < 1) throw new Error('--rounds must be a positive integer');
  return options;
}

const log = (options: Options, text: string): void => {
  if (!options.json || process.stderr.isTTY) process.stderr.write(`bench: ${text}\n`);
};
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** dist/ must be the compiled current source: what is measured is what ships. */
function ensureBuilt(options: Options): void {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return Math.max(max, newest(path));
      return entry.name.endsWith('.ts') ? Math.max(max, statSync(path).mtimeMs) : max;
    }, 0);
  let built = 0;
  try {
    built = statSync(join(DIST, 'bin', 'cli.js')).mtimeMs;
  } catch {
    built = 0;
  }
  if (built >= Math.max(newest(join(ROOT, 'lib')), newest(join(ROOT, 'bin')))) return;
  log(options, 'dist/ is older than the source: npm run build');
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error('npm run build failed');
}

/** Runs `node <script> ...args` in a fresh process and returns the JSON line it prints. */
function nodeJson<T>(script: string, args: string[], extraNodeArgs: string[] = []): T {
  const result = spawnSync(process.execPath, [...extraNodeArgs, script, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`${script} failed (${result.status}): ${result.stderr.trim().split('\n').slice(-3).join(' ')}`);
  const line = result.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as T;
}

// ------------------------------------------------------------------------------------------------ API calls

/** The documented limits (docs/api-calls.md). */
const PAGE = { instances: 1000, subnets: 1000, securityGroups: 1000, routeTables: 100, iam: 1000, simulation: 1000 } as const;
/** The live engine's concurrency caps (lib/adapters/live/live-account-source.ts DEFAULT_CONCURRENCY). */
interface Caps {
  iam: number;
  ec2: number;
  sts: number;
}

interface Minimum {
  total: number;
  byOperation: Record<string, number>;
  /** Pages in sequence on the EC2 chain: STS -> IAM read -> instances -> the longest network listing. */
  chain: number;
}

/**
 * The minimum of docs/api-calls.md for the generated account. The simulation term comes from the requests the
 * audit needs (actions per role and request context, read off the wire), since batching is what is measured.
 */
function minimumCalls(account: GeneratedAccount, calls: CallRecord[]): Minimum {
  const json = (file: string) => JSON.parse(readFileSync(join(account.dir, file), 'utf8')) as Record<string, Record<string, unknown>[]>;
  const gaad = json('iam-get-account-authorization-details.json');
  const roles = gaad.RoleDetailList ?? [];
  const entities = roles.length + (gaad.Policies ?? []).length;
  const roleScoped = roles.reduce((sum, r) => sum + 4 + ((r.RolePolicyList as unknown[] | undefined)?.length ?? 0), 0) + 2 * (gaad.Policies ?? []).length;
  const iamReads = Math.min(Math.ceil(entities / PAGE.iam), roleScoped);
  const instances = (json('ec2-describe-instances.json').Reservations ?? []).flatMap((r) => (r.Instances as Record<string, unknown>[] | undefined) ?? []);
  const clusters = account.clusters.length;
  // Filtered alternative per cluster: tag-key, KubernetesCluster, one profile query; each at least one page.
  const filteredInstances = account.clusters.reduce((sum, name) => {
    const tagged = instances.filter((i) => ((i.Tags as { Key: string }[] | undefined) ?? []).some((t) => t.Key === `kubernetes.io/cluster/${name}`)).length;
    const profiled = instances.filter((i) => String((i.IamInstanceProfile as { Arn?: string } | undefined)?.Arn ?? '').includes(`/${name}-`)).length;
    return sum + Math.max(1, Math.ceil(tagged / PAGE.instances)) + 1 + Math.max(1, Math.ceil(profiled / PAGE.instances));
  }, 0);
  const listing = (count: number, page: number, filteredPerCluster: number) => Math.min(Math.max(1, Math.ceil(count / page)), clusters * filteredPerCluster);
  const byOperation: Record<string, number> = {
    GetCallerIdentity: clusters,
    [iamReads === Math.ceil(entities / PAGE.iam) ? 'GetAccountAuthorizationDetails' : 'role reads']: iamReads,
    DescribeInstances: Math.min(Math.max(1, Math.ceil(instances.length / PAGE.instances)), filteredInstances),
    DescribeSubnets: listing(account.counts.subnets, PAGE.subnets, 1),
    DescribeRouteTables: listing(account.counts.routeTables, PAGE.routeTables, 3),
    DescribeSecurityGroups: listing(account.counts.securityGroups, PAGE.securityGroups, 1),
    // Zone types: one unpaginated call per account and region.
    DescribeAvailabilityZones: 1,
  };
  const groups = new Map<string, number>();
  for (const call of calls) {
    if (call.action !== 'SimulatePrincipalPolicy' || call.status !== 200 || call.params.Marker !== undefined) continue;
    const key = `${String(call.params.PolicySourceArn)} ${JSON.stringify(call.params.ContextEntries ?? [])}`;
    groups.set(key, (groups.get(key) ?? 0) + ((call.params.ActionNames as string[] | undefined)?.length ?? 0));
  }
  byOperation.SimulatePrincipalPolicy = [...groups.values()].reduce((sum, n) => sum + Math.ceil(n / PAGE.simulation), 0);
  const chain = 1 + iamReads + byOperation.DescribeInstances! + Math.max(byOperation.DescribeSubnets!, byOperation.DescribeRouteTables!, byOperation.DescribeSecurityGroups!);
  return { total: Object.values(byOperation).reduce((a, b) => a + b, 0), byOperation, chain };
}

/**
 * The wall-time floor given latency, pages and caps: the longest of the dependency chain (each page after the
 * previous one) and, per service, its calls spread over its concurrency cap; for simulations also the chain to them.
 */
function lowerBoundMs(minimum: Minimum, caps: Caps, latencyMs: number): number {
  const b = minimum.byOperation;
  const iamCalls = (b.GetAccountAuthorizationDetails ?? b['role reads'] ?? 0) + (b.SimulatePrincipalPolicy ?? 0);
  const ec2Calls = (b.DescribeInstances ?? 0) + (b.DescribeSubnets ?? 0) + (b.DescribeRouteTables ?? 0) + (b.DescribeSecurityGroups ?? 0) + (b.DescribeAvailabilityZones ?? 0);
  const simulationChain = 1 + (b.GetAccountAuthorizationDetails ?? b['role reads'] ?? 0) + Math.ceil((b.SimulatePrincipalPolicy ?? 0) / caps.iam);
  const rounds = Math.max(minimum.chain, simulationChain, Math.ceil(iamCalls / caps.iam), Math.ceil(ec2Calls / caps.ec2), Math.ceil((b.GetCallerIdentity ?? 0) / caps.sts));
  return rounds * latencyMs;
}

interface LiveRun {
  wallMs: number;
  calls: CallRecord[];
  findings: number;
  errors: number;
}

async function liveAudit(account: GeneratedAccount, latencyMs: number, throttleRate: number): Promise<LiveRun> {
  const fake = await FakeAws.start({ snapshotDir: account.dir, simulate: simulateWithEvaluator(), latencyMs, ...(throttleRate > 0 ? { faults: { throttleRate, seed: 7 } } : {}) });
  const env = { AWS_ENDPOINT_URL: process.env.AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY, AWS_REGION: process.env.AWS_REGION };
  Object.assign(process.env, { AWS_ENDPOINT_URL: fake.url, AWS_ACCESS_KEY_ID: 'AKIAFAKEBENCH0000000', AWS_SECRET_ACCESS_KEY: 'fake-secret', AWS_REGION: account.region });
  try {
    // The shipped code: the CLI's source (createLiveSource: FEWEST_CALLS, production clients and retries).
    const { createLiveSource } = (await import(join(DIST, 'lib/adapters/live/live-account-source.js'))) as typeof import('../lib/adapters/live/live-account-source.js');
    const { runAudit } = (await import(join(DIST, 'lib/app/run-audit.js'))) as typeof import('../lib/app/run-audit.js');
    const { loadConfig } = (await import(join(DIST, 'lib/adapters/config/index.js'))) as typeof import('../lib/adapters/config/index.js');
    const config = await loadConfig(account.configFile);
    const started = performance.now();
    const { report } = await runAudit({ config, source: createLiveSource(config), runId: 'bench' });
    const wallMs = performance.now() - started;
    return { wallMs, calls: [...fake.calls], findings: report.findings.length, errors: report.summary.errors };
  } finally {
    for (const [key, value] of Object.entries(env)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await fake.stop();
  }
}

// ------------------------------------------------------------------------------------------------ bundle

/** Builds `entry` as serverless.yml `custom.esbuild` does (same options and plugins); returns the output path. */
async function bundle(entry: string, outfile: string): Promise<number> {
  const config = parseYaml(readFileSync(join(ROOT, 'serverless.yml'), 'utf8'), { logLevel: 'silent' }) as { custom: { esbuild: Record<string, unknown> } };
  const { plugins: pluginsFile, exclude: _exclude, outputFileExtension: _ext, packager: _packager, ...options } = config.custom.esbuild;
  const plugins = typeof pluginsFile === 'string' ? ((await import(join(ROOT, pluginsFile))) as { default: Plugin[] }).default : [];
  const result = await build({ ...(options as object), entryPoints: [entry], outfile, plugins, logLevel: 'error', metafile: true, absWorkingDir: ROOT });
  return Object.entries(result.metafile.outputs).find(([file]) => file.endsWith('.mjs'))?.[1].bytes ?? 0;
}

// ------------------------------------------------------------------------------------------------ main

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const startedAt = new Date();
  ensureBuilt(options);
  const work = mkdtempSync(join(tmpdir(), 'kube-aws-audit-bench-'));
  try {
    log(options, `size ${options.size}: generating the account`);
    const account = generateAccount(join(work, 'account'), options.size);
    const caps: Caps = { iam: 4, ec2: 8, sts: 2 };

    log(options, `live audit against the loopback fake (${options.latencyMs} ms a call)`);
    // S and M: a first run loads the SDK's modules and warms both sides (the cold import is measured apart, below).
    if (options.size !== 'L') await liveAudit(account, options.latencyMs, 0);
    const live = await liveAudit(account, options.latencyMs, 0);
    const byOperation: Record<string, number> = {};
    for (const call of live.calls) byOperation[call.action] = (byOperation[call.action] ?? 0) + 1;
    const minimum = minimumCalls(account, live.calls);
    const bound = lowerBoundMs(minimum, caps, options.latencyMs);
    let throttled: LiveRun | undefined;
    if (options.size === 'L') {
      log(options, 'live audit with 20% of the calls throttled');
      throttled = await liveAudit(account, options.latencyMs, 0.2);
    }

    log(options, `snapshot audit vs node read + JSON.parse, ${options.rounds} rounds alternated`);
    const audits: { ms: number; maxRssMb: number }[] = [];
    const floors: { ms: number; maxRssMb: number }[] = [];
    for (let i = 0; i < options.rounds; i += 1) {
      floors.push(nodeJson(join(ROOT, 'bench/workers/floor.mjs'), [account.dir]));
      audits.push(nodeJson(join(ROOT, 'bench/workers/snapshot-audit.mjs'), [account.configFile, account.dir]));
    }

    log(options, 'evaluator (compiled)');
    const evaluator = nodeJson<{ warm: number; viaEvaluateRequest: number; excessMsPerRole: number; actions: number }>(join(ROOT, 'bench/workers/evaluator.mjs'), [String(options.quick ? 300 : 1000)]);

    log(options, 'bundles and cold start');
    // Every function of serverless.yml, built as it builds them; the largest is the one timed.
    const functions = (parseYaml(readFileSync(join(ROOT, 'serverless.yml'), 'utf8'), { logLevel: 'silent' }) as { functions: Record<string, { handler: string }> }).functions;
    const bundles: { name: string; file: string; bytes: number }[] = [];
    for (const [name, fn] of Object.entries(functions)) {
      const source = `${fn.handler.slice(0, fn.handler.lastIndexOf('.'))}.ts`;
      const file = join(work, 'handler', `${name}.mjs`);
      bundles.push({ name, file, bytes: await bundle(join(ROOT, source), file) });
    }
    const largest = bundles.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    const handlerFile = largest.file;
    const bundleBytes = largest.bytes;
    const baselineFile = join(work, 'baseline', 'hello.mjs');
    const baselineBytes = await bundle(join(ROOT, 'bench/hello-handler.ts'), baselineFile);
    const handlerRuns: number[] = [];
    const baselineRuns: number[] = [];
    for (let i = 0; i < Math.max(5, options.rounds * 2); i += 1) {
      baselineRuns.push(nodeJson<{ ms: number }>(join(ROOT, 'bench/workers/cold-start.mjs'), [baselineFile]).ms);
      handlerRuns.push(nodeJson<{ ms: number }>(join(ROOT, 'bench/workers/cold-start.mjs'), [handlerFile]).ms);
    }

    const result = {
      size: options.size,
      account: account.counts,
      apiCalls: { total: live.calls.length, minimum: minimum.total, byOperation, minimumByOperation: minimum.byOperation, ratio: round(live.calls.length / minimum.total, 3) },
      wall: {
        ms: Math.round(live.wallMs),
        lowerBoundMs: bound,
        ratio: round(live.wallMs / bound, 2),
        latencyMs: options.latencyMs,
        caps,
        ...(throttled === undefined
          ? {}
          : { throttled: { ms: Math.round(throttled.wallMs), ratio: round(throttled.wallMs / bound, 2), calls: throttled.calls.length, throttledCalls: throttled.calls.filter((c) => c.status === 400 || c.status === 503).length, errors: throttled.errors } }),
      },
      peakRssMb: round(Math.max(...audits.map((a) => a.maxRssMb))),
      snapshot: {
        auditMs: Math.round(median(audits.map((a) => a.ms))),
        floorMs: Math.round(median(floors.map((f) => f.ms))),
        ratio: round(median(audits.map((a) => a.ms)) / median(floors.map((f) => f.ms)), 2),
        floorPeakRssMb: round(Math.max(...floors.map((f) => f.maxRssMb))),
        bytes: account.bytes,
        runs: options.rounds,
      },
      evaluator: {
        evaluationsPerSecond: Math.round(evaluator.warm),
        evaluateRequestPerSecond: Math.round(evaluator.viaEvaluateRequest),
        excessMsPerRole: round(evaluator.excessMsPerRole),
        actions: evaluator.actions,
      },
      coldStart: {
        handlerMs: round(median(handlerRuns)),
        baselineMs: round(median(baselineRuns)),
        ratio: round(median(handlerRuns) / median(baselineRuns), 2),
        bundleBytes,
        largestFunction: largest.name,
        bytesByFunction: Object.fromEntries(bundles.map((b) => [b.name, b.bytes])),
        baselineBytes,
        runs: handlerRuns.length,
      },
      live: { findings: live.findings, errors: live.errors },
      machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memGb: round(totalmem() / 2 ** 30), loadAverage: loadavg().map((l) => round(l, 2)), date: startedAt.toISOString() },
    };
    if (options.json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      return;
    }
    const rows: [string, string, string, string][] = [
      ['API calls (live)', String(result.apiCalls.total), `minimum ${result.apiCalls.minimum}`, `${result.apiCalls.ratio}x (target <= 1.05x)`],
      ['wall (live)', `${result.wall.ms} ms`, `lower bound ${result.wall.lowerBoundMs} ms`, `${result.wall.ratio}x (target <= ${options.size === 'L' ? '2' : '1.5'}x)`],
      ...(result.wall.throttled === undefined ? [] : [['wall, 20% throttled', `${result.wall.throttled.ms} ms`, `lower bound ${result.wall.lowerBoundMs} ms`, `${result.wall.throttled.ratio}x (target <= 2x)`] as [string, string, string, string]]),
      ['snapshot audit peak RSS', `${result.peakRssMb} MB`, 'limit 256 MB', `${round(result.peakRssMb / 256, 2)}x`],
      ['snapshot audit time', `${result.snapshot.auditMs} ms`, `read + JSON.parse ${result.snapshot.floorMs} ms`, `${result.snapshot.ratio}x (target <= 1.5x)`],
      ['evaluator, warm', `${result.evaluator.evaluationsPerSecond}/s`, 'target 2,000,000/s', `${round(result.evaluator.evaluationsPerSecond / 2e6, 2)}x`],
      ['evaluateRequest()', `${result.evaluator.evaluateRequestPerSecond}/s`, 'target 1,000,000/s', `${round(result.evaluator.evaluateRequestPerSecond / 1e6, 2)}x`],
      ['excess analysis, * role', `${result.evaluator.excessMsPerRole} ms`, 'target 20 ms', `${round(result.evaluator.excessMsPerRole / 20, 2)}x`],
      ['bundle (largest handler)', `${result.coldStart.bundleBytes} B`, 'limit 1,048,576 B', `${round(result.coldStart.bundleBytes / 1048576, 2)}x`],
      ['cold start (import)', `${result.coldStart.handlerMs} ms`, `SDK hello-world ${result.coldStart.baselineMs} ms`, `${result.coldStart.ratio}x (target <= 1.2x)`],
    ];
    const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
    const lines = rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
    process.stdout.write(
      `size ${result.size}: ${account.counts.instances} instances, ${account.clusters.length} clusters, ${account.counts.subnets} subnets, ${account.counts.securityGroups} security groups, ${account.counts.roles} roles\n` +
        `${lines.join('\n')}\n` +
        `calls by operation: ${JSON.stringify(byOperation)}\nminimum by operation: ${JSON.stringify(minimum.byOperation)}\n` +
        `machine: node ${result.machine.node}, ${result.machine.cpus} x ${result.machine.cpuModel}, load ${result.machine.loadAverage.join(' ')}, ${result.machine.date}\n`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

export { lowerBoundMs, minimumCalls };
