#!/usr/bin/env node
// leakhound history benchmark: `npm run bench:history [-- options]`.
//
// Generates a seeded repository with git fast-import (bench/.history/, reused while its parameters
// match; default django-sized: 30,000 commits, 1.1 GB of distinct blob content, hundreds of refs),
// or takes --repo PATH. Measures, each in a fresh child process, the floor of reading every object
// (`git cat-file --batch-all-objects --batch`), then `leakhound history` with the git CLI backend;
// then both backends on a smaller (express-sized) repository. Prints a Markdown table and writes
// bench/results/history-latest.json.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { ensureHistoryRepo } from './history-repo.js';
import { hasGnuTime, median, runOnce } from './measure.js';

const BENCH = dirname(fileURLToPath(import.meta.url));
const REPO = dirname(BENCH);
const CLI = join(REPO, 'bin', 'leakhound.js');

const HELP = `Usage: npm run bench:history -- [options]

  --scale X        size of the generated repositories (1 = 30,000 commits and 1.1 GB; 0.05 for a quick run)
  --repo PATH      measure this repository instead of the large generated one
  --seed S         generator seed (default 1)
  --runs N         measured runs per command; the median is reported (default 1)
  --no-iso         skip the isomorphic-git comparison on the small repository
  --timeout S      give up on one run after S seconds (default 3600)
  -h, --help       this text`;

const { values: opt } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    repo: { type: 'string' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '1' },
    'no-iso': { type: 'boolean', default: false },
    timeout: { type: 'string', default: '3600' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});
if (opt.help) {
  console.log(HELP);
  process.exit(0);
}
const scale = Number(opt.scale);
const runs = Number(opt.runs);
const timeoutS = Number(opt.timeout);
if (!(scale > 0) || !(Number.isInteger(runs) && runs > 0) || !(timeoutS > 0)) {
  console.error(HELP);
  process.exit(2);
}
const log = (m) => process.stderr.write(`${m}\n`);
const tmp = mkdtempSync(join(os.tmpdir(), 'leakhound-bench-history-'));
const useTime = hasGnuTime(tmp);
if (!useTime) log('GNU time not found: peak RSS and CPU time will be n/a');

const repos = [];
if (opt.repo) repos.push({ name: 'given', dir: resolve(opt.repo), info: {} });
else {
  const commits = Math.round(30_000 * scale);
  const dir = join(BENCH, '.history', `large-${opt.seed}-${commits}`);
  log(`generating ${dir} (${commits} commits)…`);
  repos.push({ name: 'large', dir, info: await ensureHistoryRepo({ dir, seed: opt.seed, commits, bytes: Math.round(1.1e9 * scale), log }) });
}
if (!opt['no-iso']) {
  const commits = Math.round(5_000 * Math.min(1, scale * 4));
  const dir = join(BENCH, '.history', `small-${opt.seed}-${commits}`);
  log(`generating ${dir} (${commits} commits)…`);
  repos.push({ name: 'small', dir, info: await ensureHistoryRepo({ dir, seed: `${opt.seed}-small`, commits, bytes: Math.round(1.5e8 * Math.min(1, scale * 4)), log }), iso: true });
}

function facts(dir) {
  const count = (args) => spawnSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 }).stdout.trim();
  const objects = count(['count-objects', '-v']);
  return {
    commits: Number(count(['rev-list', '--all', '--count'])),
    refs: count(['for-each-ref', '--format=x']).split('\n').filter(Boolean).length,
    packKB: Number(/size-pack: (\d+)/.exec(objects)?.[1] ?? 0) + Number(/^size: (\d+)/m.exec(objects)?.[1] ?? 0),
  };
}

/**
 * GNU time's peak RSS is that of the largest process in the tree, which for history is a git
 * process whose RSS is mostly the pack file mapped into memory (clean page cache, the same as the
 * baseline `cat-file` shows). Sampling /proc every 250 ms tells leakhound's own node process apart.
 */
function samplePeaks(root, peaks) {
  const children = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(Number(pid), { ppid, comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) });
    } catch {
      // exited meanwhile
    }
  }
  const inTree = (pid) => {
    for (let p = pid, i = 0; p && i < 10; p = children.get(p)?.ppid, i++) if (p === root) return true;
    return false;
  };
  for (const [pid, { comm }] of children) {
    if (!inTree(pid) || (comm !== 'node' && comm !== 'git')) continue;
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      peaks[comm] = Math.max(peaks[comm], kb);
    } catch {
      // exited meanwhile
    }
  }
}

async function measure(label, argv, cwd, env = {}) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const stdoutFile = join(tmp, `${label}.out`);
    const stderrFile = join(tmp, `${label}.err`);
    const withEnv = Object.keys(env).length > 0 ? ['env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...argv] : argv;
    const peaks = { node: 0, git: 0 };
    let sampler;
    const r = await runOnce(withEnv, { cwd, stdoutFile, stderrFile, timeoutS, useTime, tmp, onSpawn: (child) => (sampler = setInterval(() => samplePeaks(child.pid, peaks), 250)) });
    clearInterval(sampler);
    r.nodeMB = peaks.node / 1024;
    r.gitMB = peaks.git / 1024;
    if (r.timedOut || (r.status !== 0 && r.status !== 1)) log(`${label}: exit ${r.status}${r.timedOut ? ' (timed out)' : ''}: ${readFileSync(stderrFile, 'utf8').slice(0, 500)}`);
    results.push(r);
  }
  const pick = (k) => median(results.map((r) => r[k]));
  const shown = [...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...argv.map((a) => (a === process.execPath ? 'node' : a))];
  return { label, command: shown.join(' '), nodeMB: pick('nodeMB') || null, gitMB: pick('gitMB') || null, wallS: pick('wallS'), rssMB: pick('rssKB') === null ? null : pick('rssKB') / 1024, cpuS: pick('cpuS'), otherCpuS: pick('otherCpuS') };
}

const rows = [];
for (const r of repos) {
  const f = facts(r.dir);
  log(`measuring ${r.name}: ${f.commits} commits, ${f.refs} refs, ${(f.packKB / 1024).toFixed(0)} MiB packed`);
  const report = join(tmp, `${r.name}.json`);
  const entry = { repo: r.name, dir: r.dir, ...f, blobMB: r.info.blobBytes ? r.info.blobBytes / 1e6 : undefined, planted: r.info.planted, results: [] };
  entry.results.push(await measure(`${r.name}-read`, ['sh', '-c', 'git cat-file --batch-all-objects --batch > /dev/null'], r.dir));
  entry.results.push(await measure(`${r.name}-history-cli`, [process.execPath, CLI, 'history', r.dir, '--format', 'json', '-o', report, '--quiet'], tmp, { LEAKHOUND_GIT_BACKEND: 'cli' }));
  const doc = JSON.parse(readFileSync(report, 'utf8'));
  entry.findings = doc.findings.length;
  entry.distinctSecrets = new Set(doc.findings.map((x) => x.fingerprint)).size;
  entry.scannedMB = doc.stats.bytes / 1e6;
  if (r.iso) {
    entry.results.push(await measure(`${r.name}-history-isomorphic`, [process.execPath, CLI, 'history', r.dir, '--format', 'json', '-o', join(tmp, `${r.name}-iso.json`), '--quiet'], tmp, { LEAKHOUND_GIT_BACKEND: 'isomorphic' }));
    const iso = JSON.parse(readFileSync(join(tmp, `${r.name}-iso.json`), 'utf8'));
    const key = (x) => `${x.fingerprint} ${x.provenance.commit} ${x.path}`;
    entry.isoSameFindings = JSON.stringify(iso.findings.map(key)) === JSON.stringify(doc.findings.map(key));
  }
  rows.push(entry);
}

const fmt = (v, d = 1) => (v === null || v === undefined ? 'n/a' : v.toFixed(d));
const lines = [`## leakhound history benchmark (${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, node ${process.version}, ${spawnSync('git', ['--version'], { encoding: 'utf8' }).stdout.trim()})`, ''];
for (const e of rows) {
  lines.push(`### ${e.repo}: ${e.commits} commits, ${e.refs} refs, ${fmt(e.packKB / 1024, 0)} MiB packed${e.blobMB ? `, ${fmt(e.blobMB, 0)} MB of blob content generated` : ''}; scanned ${fmt(e.scannedMB, 0)} MB of text; ${e.findings} findings (${e.distinctSecrets} distinct secrets${e.planted !== undefined ? `, ${e.planted} planted` : ''})${e.isoSameFindings !== undefined ? `; isomorphic-git findings identical: ${e.isoSameFindings}` : ''}`, '');
  lines.push('| command | wall s | CPU s (user+sys) | other CPU s meanwhile | peak RSS MB (GNU time, largest process) | peak RSS MB, node (sampled) | peak RSS MB, one git (sampled) |', '|---|---|---|---|---|---|---|');
  for (const x of e.results) lines.push(`| \`${x.command.replace(tmp, '$TMP').replace(REPO + '/', '')}\` | ${fmt(x.wallS)} | ${fmt(x.cpuS)} | ${fmt(x.otherCpuS)} | ${fmt(x.rssMB, 0)} | ${fmt(x.nodeMB, 0)} | ${fmt(x.gitMB, 0)} |`);
  const read = e.results[0].wallS;
  const cli = e.results[1].wallS;
  lines.push('', `history (CLI) / read: ${fmt(cli / read, 2)}×`, '');
}
console.log(lines.join('\n'));
mkdirSync(join(BENCH, 'results'), { recursive: true });
writeFileSync(join(BENCH, 'results', 'history-latest.json'), JSON.stringify({ command: `npm run bench:history -- ${process.argv.slice(2).join(' ')}`, rows }, null, 2));
rmSync(tmp, { recursive: true, force: true });
