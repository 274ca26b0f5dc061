#!/usr/bin/env node
// `npm run bench`: every scenario in one run, in this order: scan throughput (options are passed
// to bench/throughput.js), the pre-commit staged scan, then full-history scans. Each scenario is
// also its own script: bench:throughput, bench:staged, bench:history.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const scenarios = [
  ['throughput.js', process.argv.slice(2)],
  ['staged.js', []],
  ['history.js', []],
];
for (const [script, args] of scenarios) {
  const r = spawnSync(process.execPath, [join(here, script), ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
