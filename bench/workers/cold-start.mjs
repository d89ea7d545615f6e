// Cold start of one bundled handler in a fresh process: the time to import the bundle and get its handler function
// (what a Lambda init phase spends on our code), measured from inside. Prints one JSON line. Used by bench/run.ts.
import { pathToFileURL } from 'node:url';

const started = performance.now();
const module = await import(pathToFileURL(process.argv[2]).href);
const ms = performance.now() - started;
if (typeof module.handler !== 'function') throw new Error(`${process.argv[2]} exports no handler`);
console.log(JSON.stringify({ ms }));
