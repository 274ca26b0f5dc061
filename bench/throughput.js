#!/usr/bin/env node
// leakhound throughput benchmark: `npm run bench [-- options]`.
//
// Generates a seeded corpus (bench/.corpus/, reused while seed and size match), then measures, each
// in a fresh child process, `cat` of every file (the I/O floor), leakhound (default jobs and
// --jobs 1), ripgrep with leakhound's keywords, and secretlint when they are installed. Prints a
// Markdown table and writes the same data to bench/results/latest.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureCorpus, MARKER, MB } from './corpus.js';
import { topSelfTime } from './cpuprofile.js';
import { hasGnuTime, killGroup, median, runOnce } from './measure.js';

const BENCH = dirname(fileURLToPath(import.meta.url));
const REPO = dirname(BENCH);
const CLI = join(REPO, 'bin', 'leakhound.js');

const HELP = `Usage: npm run bench -- [options]

  --size MB          corpus size in MB (10^6 bytes; default 220)
  --seed S           corpus seed (default 1)
  --out DIR          corpus directory (default bench/.corpus)
  --runs N           measured runs per command; the median is reported (default 3)
  --tools LIST       comma-separated subset of: cat,leakhound,leakhound-j1,ripgrep,secretlint (default all)
  --secretlint PATH  secretlint executable (default: node_modules/.bin, then PATH, then npx --no-install)
  --timeout S        give up on one run after S seconds (default 1800)
  --max-repeat S     a command whose first run takes longer than S seconds is not repeated (default 300)
  --profile          also run leakhound --jobs 1 under node --cpu-prof and print the top 10 self-time functions
  --no-build         do not run the TypeScript build first
  -h, --help         this text`;

const { values: opt } = parseArgs({
  options: {
    size: { type: 'string', default: '220' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    runs: { type: 'string', default: '3' },
    tools: { type: 'string', default: 'cat,leakhound,leakhound-j1,ripgrep,secretlint' },
    secretlint: { type: 'string' },
    timeout: { type: 'string', default: '1800' },
    'max-repeat': { type: 'string', default: '300' },
    profile: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});
if (opt.help) {
  console.log(HELP);
  process.exit(0);
}
const sizeMB = Number(opt.size);
const runs = Number(opt.runs);
const timeoutS = Number(opt.timeout);
const maxRepeatS = Number(opt['max-repeat']);
if (!(sizeMB > 0) || !(Number.isInteger(runs) && runs > 0) || !(timeoutS > 0) || !(maxRepeatS > 0)) {
  console.error('error: --size, --runs, --timeout and --max-repeat must be positive numbers (--runs an integer)\n\n' + HELP);
  process.exit(2);
}
const wanted = new Set(opt.tools.split(',').map((s) => s.trim()).filter(Boolean));
const log = (msg) => process.stderr.write(`${msg}\n`);

// ---------------------------------------------------------------------------------------------
// Build, corpus, peers
// ---------------------------------------------------------------------------------------------

if (!opt['no-build']) {
  log('build: tsc -p tsconfig.json');
  const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = existsSync(tsc)
    ? spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: REPO, stdio: 'inherit' })
    : spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: REPO, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('error: the build failed; fix it or pass --no-build to measure the existing dist/');
    process.exit(2);
  }
}
if (!existsSync(join(REPO, 'dist', 'cli', 'main.js'))) {
  console.error('error: dist/ is missing; run `npx tsc -p .` first');
  process.exit(2);
}

const corpusDir = resolve(opt.out ?? join(BENCH, '.corpus'));
const corpus = ensureCorpus({ dir: corpusDir, seed: opt.seed, sizeMB, owned: opt.out === undefined, log });

/** Every regular file under `dir` (what `find -type f` sees), with the byte total. */
function inventory(dir) {
  let files = 0;
  let bytes = 0;
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile()) {
        files++;
        bytes += statSync(p).size;
      }
    }
  }
  return { files, bytes };
}
const inv = inventory(corpusDir);
log(`corpus: ${inv.files} files, ${(inv.bytes / MB).toFixed(1)} MB`);

const tmp = mkdtempSync(join(os.tmpdir(), 'leakhound-bench-'));
const useTime = hasGnuTime(tmp);
if (!useTime) log('note: GNU time (/usr/bin/time) not found; peak RSS is reported as n/a (apt-get install time)');

function onPath(name) {
  for (const d of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(d, name);
    if (d && existsSync(p)) return p;
  }
  return undefined;
}

function findSecretlint() {
  if (opt.secretlint) {
    const p = resolve(opt.secretlint);
    if (!existsSync(p)) return { missing: `--secretlint ${opt.secretlint}: no such file` };
    return { argv: [p], where: p };
  }
  const local = join(REPO, 'node_modules', '.bin', 'secretlint');
  if (existsSync(local)) return { argv: [local], where: local };
  const onp = onPath('secretlint');
  if (onp) return { argv: [onp], where: onp };
  const npx = spawnSync('npx', ['--no-install', 'secretlint', '--version'], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
  if (npx.status === 0) return { argv: ['npx', '--no-install', 'secretlint'], where: 'npx --no-install secretlint' };
  return { missing: 'not installed' };
}

function version(argv) {
  const r = spawnSync(argv[0], [...argv.slice(1), '--version'], { encoding: 'utf8', timeout: 60_000 });
  return r.status === 0 ? r.stdout.trim().split('\n')[0] : undefined;
}

// ripgrep gets leakhound's own prefilter keywords, so it does the same first pass (and nothing more).
const rulesJson = spawnSync(process.execPath, [CLI, 'rules', 'list', '--format', 'json'], { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * MB });
if (rulesJson.status !== 0) {
  console.error(`error: leakhound rules list failed:\n${rulesJson.stderr}`);
  process.exit(2);
}
const rules = JSON.parse(rulesJson.stdout);
const keywords = [...new Set(rules.flatMap((r) => r.keywords ?? []).map((k) => k.toLowerCase()).filter((k) => k.length > 0))].sort();
const patternsFile = join(tmp, 'keywords.txt');
writeFileSync(patternsFile, keywords.join('\n') + '\n');

// secretlint: the recommended preset, in a config of its own.
const secretlintrc = join(tmp, '.secretlintrc.json');
writeFileSync(secretlintrc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }, null, 2) + '\n');

const leakhoundVersion = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version;
// Which code was measured: the commit, and whether src/ or rules/ had uncommitted changes.
const git = (...a) => spawnSync('git', a, { cwd: REPO, encoding: 'utf8' });
const head = git('rev-parse', '--short', 'HEAD');
const commit = head.status === 0 ? head.stdout.trim() + (git('status', '--porcelain', '--', 'src', 'rules').stdout.trim() ? ' + uncommitted changes in src/ or rules/' : '') : 'unknown';
const rg = onPath('rg');
const secretlint = findSecretlint();
if (!secretlint.missing) secretlint.version = version(secretlint.argv);
const report = (name) => join(tmp, `${name}.json`);

// The corpus sits under bench/, which the repository's .gitignore excludes, and leakhound honours the
// .gitignore files above the directory it scans: --no-ignore makes it scan what ripgrep does with
// its own --no-ignore. The corpus itself holds no ignore files.
const tools = [
  {
    id: 'cat',
    label: 'cat (baseline)',
    version: 'GNU coreutils ' + (version(['cat']) ?? '').replace(/^.*\) /, ''),
    argv: ['sh', '-c', `find "$1" -type f -exec cat {} + > /dev/null`, 'sh', corpusDir],
    display: `find ${corpusDir} -type f -exec cat {} + > /dev/null`,
    ok: [0],
  },
  {
    id: 'leakhound',
    label: `leakhound (--jobs ${os.availableParallelism()}, default)`,
    version: leakhoundVersion,
    argv: [process.execPath, CLI, 'scan', corpusDir, '--no-ignore', '--format', 'json', '-o', report('leakhound')],
    ok: [0, 1],
  },
  {
    id: 'leakhound-j1',
    label: 'leakhound --jobs 1',
    version: leakhoundVersion,
    argv: [process.execPath, CLI, 'scan', corpusDir, '--no-ignore', '--jobs', '1', '--format', 'json', '-o', report('leakhound-j1')],
    ok: [0, 1],
  },
  {
    id: 'ripgrep',
    label: `ripgrep (${keywords.length} keywords, -F -i)`,
    ...(rg ? { version: version([rg]), argv: [rg, '-c', '-i', '-F', '--no-ignore', '--hidden', '-f', patternsFile, corpusDir] } : { missing: 'not installed' }),
    ok: [0, 1],
  },
  {
    id: 'secretlint',
    label: 'secretlint (preset-recommend)',
    ...(secretlint.missing
      ? { missing: secretlint.missing }
      : {
          version: secretlint.version,
          // Since v13 secretlint honours .gitignore files, and the corpus sits in a gitignored directory.
          argv: [...secretlint.argv, '--secretlintrc', secretlintrc, '--format', 'compact', '--no-color', ...(Number(/^(\d+)/.exec(secretlint.version ?? '')?.[1]) >= 13 ? ['--no-gitignore'] : []), '--output', join(tmp, 'secretlint.txt'), `${corpusDir}/**/*`],
        }),
    ok: [0, 1],
  },
].filter((t) => wanted.has(t.id));

const quote = (s) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
for (const t of tools) if (t.argv && !t.display) t.display = t.argv.map((a) => quote(a === process.execPath ? 'node' : a)).join(' ');

// ---------------------------------------------------------------------------------------------
// Measure
// ---------------------------------------------------------------------------------------------

// Warm the page cache once (untimed), so that every tool reads from memory.
spawnSync('sh', ['-c', 'find "$1" -type f -exec cat {} + > /dev/null', 'sh', corpusDir], { stdio: 'ignore' });

// Another process using the CPU makes every number here wrong: each run measures what the rest of
// the machine used meanwhile (with GNU time), and the report says so.

// Interrupted (Ctrl-C, SIGTERM): stop the running command and report what was measured so far.
let interrupted;
let current;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (interrupted) process.exit(130);
    interrupted = sig;
    log(`\n${sig}: stopping; reporting the runs measured so far`);
    if (current) killGroup(current);
  });
}

const samples = new Map(tools.map((t) => [t.id, []]));
const failures = new Map();
for (let run = 1; run <= runs && !interrupted; run++) {
  // Round-robin over the tools, so that drift in the machine's speed spreads over all of them.
  for (const t of tools) {
    if (interrupted) break;
    if (t.missing || failures.has(t.id)) continue;
    const done = samples.get(t.id);
    if (done.length > 0 && done[0].wallS > maxRepeatS) {
      if (run === 2) log(`${t.id}: first run took over ${maxRepeatS}s (--max-repeat); not repeated`);
      continue;
    }
    log(`run ${run}/${runs}: ${t.id}`);
    const stdoutFile = join(tmp, `${t.id}.stdout`);
    const stderrFile = join(tmp, `${t.id}.stderr`);
    const r = await runOnce(t.argv, { cwd: tmp, stdoutFile, stderrFile, timeoutS, useTime, tmp, onSpawn: (c) => (current = c) });
    current = undefined;
    if (interrupted) {
      if (samples.get(t.id).length === 0) failures.set(t.id, `interrupted (${interrupted}) after ${r.wallS.toFixed(0)} s`);
      break;
    }
    if (r.timedOut || !t.ok.includes(r.status)) {
      const why = r.timedOut ? `timed out after ${timeoutS}s` : `exit ${r.status ?? r.signal}`;
      failures.set(t.id, why);
      log(`  ${t.id} failed (${why}):\n${readFileSync(stderrFile, 'utf8').split('\n').slice(-15).join('\n')}`);
      continue;
    }
    samples.get(t.id).push(r);
    const other = r.otherCpuS === null ? '' : `, CPU ${r.cpuS.toFixed(1)} s (others on the machine: ${r.otherCpuS.toFixed(1)} s)`;
    log(`  ${r.wallS.toFixed(2)} s, peak RSS ${r.rssKB === null ? 'n/a' : ((r.rssKB * 1024) / MB).toFixed(0) + ' MB'}${other}`);
    if (r.otherCpuS !== null && r.otherCpuS > Math.max(0.5, 0.1 * r.wallS)) log(`  warning: other processes used ${r.otherCpuS.toFixed(1)} s of CPU during this run; it is not a clean measurement`);
  }
}

if (interrupted) for (const t of tools) if (!t.missing && !failures.has(t.id) && samples.get(t.id).length === 0) failures.set(t.id, `not run (interrupted)`);

// ---------------------------------------------------------------------------------------------
// Sanity: the planted secrets
// ---------------------------------------------------------------------------------------------

function plantedCheck(findings) {
  const at = (f, p) => (f.path === p.path || f.path.endsWith('/' + p.path)) && f.start?.line === p.line;
  const found = corpus.planted.filter((p) => findings.some((f) => at(f, p) && f.ruleId === p.ruleId));
  const missed = corpus.planted.filter((p) => !found.includes(p));
  const other = findings.filter((f) => !corpus.planted.some((p) => at(f, p)));
  return { found: found.length, total: corpus.planted.length, missed, otherFindings: other.length };
}

let planted;
const lhReport = ['leakhound', 'leakhound-j1'].map(report).find((p) => existsSync(p));
if (lhReport) {
  const doc = JSON.parse(readFileSync(lhReport, 'utf8'));
  planted = { ...plantedCheck(doc.findings), stats: doc.stats, report: relative(tmp, lhReport) };
}
// secretlint's compact output: "PATH: line N, col M, ..." (a smoke check of the peer, for context).
let secretlintPlanted;
const slOut = join(tmp, 'secretlint.txt');
if (existsSync(slOut)) {
  const hits = readFileSync(slOut, 'utf8')
    .split('\n')
    .map((l) => /^(.*): line (\d+), col \d+/.exec(l))
    .filter(Boolean)
    .map((m) => ({ path: relative(corpusDir, m[1]), line: Number(m[2]) }));
  const found = corpus.planted.filter((p) => hits.some((h) => h.path === p.path && h.line === p.line));
  const byKind = {};
  for (const p of corpus.planted) byKind[p.kind] = `${found.filter((f) => f.kind === p.kind).length}/${corpus.planted.filter((q) => q.kind === p.kind).length}`;
  secretlintPlanted = { found: found.length, total: corpus.planted.length, byKind, problems: hits.length };
}

// ---------------------------------------------------------------------------------------------
// Profile (optional)
// ---------------------------------------------------------------------------------------------

let profile;
if (opt.profile && !interrupted) {
  const dir = join(tmp, 'cpu-prof');
  mkdirSync(dir);
  log('profile: node --cpu-prof leakhound scan --jobs 1');
  const argv = [process.execPath, '--cpu-prof', '--cpu-prof-dir', dir, CLI, 'scan', corpusDir, '--no-ignore', '--jobs', '1', '--format', 'json', '-o', join(tmp, 'profile-report.json')];
  const r = await runOnce(argv, { cwd: tmp, stdoutFile: join(tmp, 'profile.stdout'), stderrFile: join(tmp, 'profile.stderr'), timeoutS, useTime: false, tmp, onSpawn: (c) => (current = c) });
  if (r.status === 0 || r.status === 1) {
    profile = { command: argv.map((a) => quote(a === process.execPath ? 'node' : a)).join(' '), wallS: +r.wallS.toFixed(2), ...topSelfTime(dir, { limit: 10, root: REPO }) };
  } else {
    log(`profile run failed (exit ${r.status ?? r.signal})`);
  }
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

const cpus = os.cpus();
const machine = {
  cpu: cpus[0]?.model ?? 'unknown',
  cores: cpus.length,
  memoryGB: +(os.totalmem() / 1e9).toFixed(1),
  os: `${os.type()} ${os.release()} ${os.arch()}`,
  node: process.version,
};
const catMedian = median(samples.get('cat')?.map((s) => s.wallS) ?? []);
const rows = tools.map((t) => {
  const s = samples.get(t.id);
  const wallS = median(s.map((x) => x.wallS));
  const rssKB = median(s.map((x) => x.rssKB));
  return {
    tool: t.id,
    label: t.label,
    version: t.version ?? null,
    status: t.missing ?? failures.get(t.id) ?? 'ok',
    command: t.display ?? null,
    wallS: wallS === null ? null : +wallS.toFixed(3),
    mbPerS: wallS === null ? null : +(inv.bytes / MB / wallS).toFixed(1),
    peakRssMB: rssKB === null ? null : +((rssKB * 1024) / MB).toFixed(1),
    vsCat: wallS === null || catMedian === null ? null : +(wallS / catMedian).toFixed(1),
    cpuS: median(s.map((x) => x.cpuS)),
    runs: s.map((x) => ({ wallS: +x.wallS.toFixed(3), peakRssMB: x.rssKB === null ? null : +((x.rssKB * 1024) / MB).toFixed(1), cpuS: x.cpuS, otherCpuS: x.otherCpuS === null ? null : +x.otherCpuS.toFixed(2) })),
  };
});

const fmt = (v, digits, suffix = '') => (v === null || v === undefined ? 'n/a' : `${v.toFixed(digits)}${suffix}`);
const lines = [];
lines.push('| tool | wall s | MB/s | peak RSS MB | vs cat |');
lines.push('|---|---:|---:|---:|---:|');
for (const r of rows) {
  if (r.status !== 'ok') {
    lines.push(`| ${r.label} | ${r.status} | | | |`);
    continue;
  }
  if (r.runs.length < runs) r.label += ` (${r.runs.length} run${r.runs.length === 1 ? '' : 's'})`;
  const rss = useTime ? fmt(r.peakRssMB, 0) : 'n/a';
  lines.push(`| ${r.label} | ${fmt(r.wallS, 2)} | ${fmt(r.mbPerS, 1)} | ${rss} | ${r.tool === 'cat' ? '1.0×' : fmt(r.vsCat, 1, '×')} |`);
}
lines.push('');
lines.push(`- leakhound ${leakhoundVersion} at ${commit}`);
lines.push(`- machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB RAM, ${machine.os}, Node ${machine.node}`);
lines.push(`- corpus: ${(inv.bytes / MB).toFixed(1)} MB in ${inv.files} files (seed ${corpus.seed}, --size ${sizeMB}; ${corpus.reused ? 'reused' : `generated in ${corpus.generatedInSeconds}s`}), page cache warm; MB = 10^6 bytes`);
const others = rows.flatMap((r) => r.runs.map((x) => x.otherCpuS)).filter((x) => x !== null);
const noisy = rows.flatMap((r) => r.runs.filter((x) => x.otherCpuS !== null && x.otherCpuS > Math.max(0.5, 0.1 * x.wallS)).map(() => r.tool));
lines.push(`- median of ${runs} run${runs === 1 ? '' : 's'} (round-robin over the tools), each in a fresh process; wall time measured around the child, peak RSS by ${useTime ? 'GNU time (%M)' : 'nothing (GNU time not installed)'}`);
if (others.length) lines.push(`- CPU used by other processes during the runs: at most ${Math.max(...others).toFixed(1)} s in one run${noisy.length ? ` (noisy runs: ${noisy.join(', ')})` : ''}`);
lines.push(`- command: \`npm run bench --${process.argv.slice(2).length ? ' ' + process.argv.slice(2).map(quote).join(' ') : ''}\``);
if (planted) {
  lines.push(`- planted: ${planted.found}/${planted.total} found by leakhound (${planted.otherFindings} other findings; scanned ${planted.stats.files} files, ${planted.stats.skipped} skipped)`);
  for (const m of planted.missed) lines.push(`  - missed: ${m.path}:${m.line} (${m.ruleId})`);
}
if (secretlintPlanted) lines.push(`- secretlint found ${secretlintPlanted.found}/${secretlintPlanted.total} planted (${Object.entries(secretlintPlanted.byKind).map(([k, v]) => `${k} ${v}`).join(', ')}; ${secretlintPlanted.problems} problems in all)`);
lines.push('');
lines.push('Commands:');
lines.push('');
for (const r of rows) if (r.command) lines.push(`- ${r.tool}${r.version ? ` (${r.version})` : ''}: \`${r.command}\``);
if (profile) {
  lines.push('');
  lines.push(`Top self time, \`leakhound --jobs 1\` under --cpu-prof (${profile.wallS} s wall, ${profile.totalMs} ms sampled, ${profile.profiles} profile${profile.profiles === 1 ? '' : 's'}):`);
  lines.push('');
  lines.push('| function | location | self ms | % |');
  lines.push('|---|---|---:|---:|');
  const short = (f) => (f.length > 90 ? f.slice(0, 89) + '…' : f);
  for (const p of profile.top) lines.push(`| ${short(p.function).replace(/\|/g, '\\|')} | ${p.location || ''} | ${p.selfMs} | ${p.percent} |`);
}
if (interrupted) lines.push(`\n(interrupted by ${interrupted}: the table holds the runs that finished)`);
console.log(lines.join('\n'));

const resultsDir = join(BENCH, 'results');
mkdirSync(resultsDir, { recursive: true });
const result = {
  date: new Date().toISOString(),
  command: `npm run bench --${process.argv.slice(2).length ? ' ' + process.argv.slice(2).map(quote).join(' ') : ''}`,
  machine,
  leakhound: { version: leakhoundVersion, commit },
  corpus: { dir: corpusDir, seed: corpus.seed, sizeMB, files: inv.files, bytes: inv.bytes, reused: corpus.reused, marker: MARKER },
  runs,
  maxRepeatS,
  peakRss: useTime ? 'GNU time %M' : 'n/a',
  rows,
  planted: planted ? { found: planted.found, total: planted.total, missed: planted.missed, otherFindings: planted.otherFindings, leakhoundStats: planted.stats } : null,
  secretlintPlanted: secretlintPlanted ?? null,
  ripgrepKeywords: keywords.length,
  profile: profile ?? null,
  table: lines.join('\n'),
};
writeFileSync(join(resultsDir, 'latest.json'), JSON.stringify(result, null, 2) + '\n');
log(`results: ${relative(process.cwd(), join(resultsDir, 'latest.json'))}`);
rmSync(tmp, { recursive: true, force: true });
if (interrupted) process.exitCode = 130;
if (realpathSync(corpusDir).startsWith(realpathSync(REPO)) && !corpusDir.startsWith(join(BENCH, '.corpus'))) {
  log(`note: ${corpusDir} is inside the repository and not under bench/.corpus; do not commit it`);
}
