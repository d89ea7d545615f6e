// The floor of a snapshot audit: node reading and JSON.parse-ing the same files, nothing else (fresh process).
// Prints one JSON line. Used by bench/run.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const files = ['iam-get-account-authorization-details.json', 'ec2-describe-instances.json', 'ec2-describe-subnets.json', 'ec2-describe-route-tables.json', 'ec2-describe-security-groups.json', 'meta.json'];
const started = performance.now();
let keys = 0;
for (const file of files) keys += Object.keys(JSON.parse(readFileSync(join(dir, file), 'utf8'))).length;
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, keys }));
