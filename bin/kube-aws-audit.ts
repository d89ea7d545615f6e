#!/usr/bin/env node
/** The `kube-aws-audit` executable: wires the process to main() and sets the exit code. */
import { main } from './cli.js';

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  // `kube-aws-audit ... | head` closes the pipe early: drop the rest of the report, keep the audit's exit code.
  if (err.code === 'EPIPE') return;
  process.stderr.write(`kube-aws-audit: cannot write the report to stdout: ${err.message}\n`);
  process.exit(3);
});

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
