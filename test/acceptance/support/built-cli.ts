/** Runs the built CLI (dist/bin/kube-aws-audit.js) as a child process, building it first when missing or stale. */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './scenarios.js';

export const CLI_ENTRY = join(REPO_ROOT, 'dist', 'bin', 'kube-aws-audit.js');

export interface CliResult {
  /** The exit code; null when the process was killed (timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** True when dist/ is missing or older than a source file it is compiled from. */
export function cliNeedsBuild(): boolean {
  if (!existsSync(CLI_ENTRY)) return true;
  const built = statSync(CLI_ENTRY).mtimeMs;
  return ['lib', 'bin'].some((dir) => newestMtime(join(REPO_ROOT, dir)) > built);
}

function run(file: string, args: readonly string[], timeoutMs: number): Promise<CliResult> {
  return new Promise((resolvePromise) => {
    execFile(
      file,
      [...args],
      {
        cwd: REPO_ROOT,
        timeout: timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
        // as a user runs it: no jest NODE_OPTIONS (--experimental-vm-modules), no colors, no DEBUG stacks
        env: { ...process.env, NODE_OPTIONS: '', NO_COLOR: '1', FORCE_COLOR: '0', DEBUG: '' },
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolvePromise({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** `npm run build` equivalent (tsc -p tsconfig.build.json); throws with the compiler output when it fails. */
export async function buildCli(): Promise<void> {
  const result = await run(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], 280_000);
  if (result.code !== 0) throw new Error(`building the CLI failed (exit ${result.code}):\n${result.stdout}${result.stderr}`);
}

/** Runs `node dist/bin/kube-aws-audit.js <args>` from the repository root. */
export function runCli(args: readonly string[], timeoutMs = 60_000): Promise<CliResult> {
  return run(process.execPath, [CLI_ENTRY, ...args], timeoutMs);
}
