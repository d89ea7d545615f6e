/**
 * Micro-benchmark suites: `npm run bench:suites [-- <filter>]` runs every `bench/*.bench.ts` (optionally only those whose
 * file or suite name contains the filter) and prints one table per suite. Each case is warmed up, then run
 * repeatedly for BENCH_TIME_MS milliseconds (default 1000). "x fastest" is how many times slower than the
 * suite's fastest case it is, "speed-up vs first" how many times faster than the suite's first (baseline) case.
 * Benchmarks never assert timings: they report them.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** One measured operation. */
export interface BenchCase {
  name: string;
  /** One operation (sync or async). Return a value so the work cannot be optimised away. */
  fn: () => unknown;
}

/** What a `*.bench.ts` file default-exports. */
export interface BenchSuite {
  name: string;
  /** What one operation does, printed under the table. */
  description?: string;
  /** Runs once before timing, e.g. to check that all cases compute the same answer. Throw to fail the run. */
  verify?: () => void | Promise<void>;
  cases: BenchCase[];
}

interface Measurement {
  name: string;
  ops: number;
  elapsedMs: number;
  opsPerSecond: number;
  msPerOp: number;
}

let sink: unknown;

async function once(benchCase: BenchCase): Promise<unknown> {
  const result = benchCase.fn();
  return result instanceof Promise ? await result : result;
}

async function measure(benchCase: BenchCase, budgetMs: number): Promise<Measurement> {
  const warmUntil = performance.now() + Math.min(200, budgetMs / 5);
  do sink = await once(benchCase);
  while (performance.now() < warmUntil);
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < budgetMs) {
    sink = await once(benchCase);
    ops += 1;
    now = performance.now();
  }
  const elapsedMs = now - start;
  return { name: benchCase.name, ops, elapsedMs, opsPerSecond: (ops * 1000) / elapsedMs, msPerOp: elapsedMs / ops };
}

function formatTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r, rowIndex) => {
      const line = r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
      return rowIndex === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

/** Run the given suites and print their tables to stdout. */
export async function runSuites(suites: readonly BenchSuite[], budgetMs: number): Promise<void> {
  for (const suite of suites) {
    await suite.verify?.();
    const results: Measurement[] = [];
    for (const c of suite.cases) results.push(await measure(c, budgetMs));
    const fastest = Math.max(...results.map((r) => r.opsPerSecond));
    const baseline = results[0]!.opsPerSecond;
    const rows = [
      ['case', 'ops', 'ops/s', 'ms/op', 'x fastest', 'speed-up vs first'],
      ...results.map((r) => [
        r.name,
        String(r.ops),
        r.opsPerSecond.toFixed(1),
        r.msPerOp.toFixed(3),
        (fastest / r.opsPerSecond).toFixed(1),
        `${(r.opsPerSecond / baseline).toFixed(1)}x`,
      ]),
    ];
    console.log(`\n${suite.name}${suite.description === undefined ? '' : `\n${suite.description}`}\n`);
    console.log(formatTable(rows));
  }
  if (sink === Symbol.for('never')) console.log('');
}

async function main(): Promise<void> {
  const dir = dirname(fileURLToPath(import.meta.url));
  const filter = process.argv[2];
  const budgetMs = Number(process.env.BENCH_TIME_MS ?? 1000);
  if (!Number.isFinite(budgetMs) || budgetMs <= 0) throw new Error(`BENCH_TIME_MS must be a positive number, got ${process.env.BENCH_TIME_MS}`);
  const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort();
  const suites: BenchSuite[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default?: BenchSuite };
    if (mod.default === undefined) throw new Error(`bench/${file} has no default export (a BenchSuite)`);
    if (filter === undefined || file.includes(filter) || mod.default.name.includes(filter)) suites.push(mod.default);
  }
  if (suites.length === 0) throw new Error(`no benchmark matched ${filter === undefined ? '' : `"${filter}" `}in bench/*.bench.ts`);
  console.log(`node ${process.version}, ${budgetMs} ms per case`);
  await runSuites(suites, budgetMs);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
