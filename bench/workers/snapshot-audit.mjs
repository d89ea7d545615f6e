// One snapshot-mode audit as the CLI runs it (compiled dist/, fresh process), measured from inside: the time of
// main() (not node's own start) and the peak RSS of the process. Prints one JSON line. Used by bench/run.ts.
import { main } from '../../dist/bin/cli.js';

const [config, dir] = process.argv.slice(2);
const sink = { write: () => true, columns: 80, isTTY: false, on: () => sink };
const started = performance.now();
const code = await main(['audit', '--config', config, '--snapshot', dir, '--format', 'json', '--fail-on', 'none'], {
  stdout: sink,
  stderr: sink,
  env: {},
});
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, code }));
