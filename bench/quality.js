// Detection-quality benchmark: generates a seeded corpus of planted credentials and hard negatives,
// runs the real CLI over it and reports recall and precision per family.
//   npm run bench:quality -- [--seed N] [--size N] [--keep] [--cli PATH]
// --size is the number of credentials planted per kind (default 6); --keep leaves the corpus in
// bench/.quality-corpus; --cli scores another build (such as an older checkout's bin/leakhound.js).
// Always exits 0.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './quality/corpus.js';
import { score, table } from './quality/score.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = join(ROOT, 'bench', '.quality-corpus');
const RESULTS = join(ROOT, 'bench', 'results', 'quality.json');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const seed = Number(arg('seed', 1));
const size = Number(arg('size', 6));
const cli = resolve(arg('cli', join(ROOT, 'bin', 'leakhound.js')));
const started = Date.now();
const corpus = generate({ seed, size });
rmSync(CORPUS, { recursive: true, force: true });
for (const [path, text] of corpus.files) {
  mkdirSync(dirname(join(CORPUS, path)), { recursive: true });
  writeFileSync(join(CORPUS, path), text);
}

// --show-secrets only so that findings can be matched to planted values here; nothing prints them.
const run = spawnSync(process.execPath, [cli, 'scan', '.', '--format', 'json', '--show-secrets', '--no-ignore', '--exit-code', '0'], { cwd: CORPUS, encoding: 'utf8', maxBuffer: 1 << 28 });
if (run.status !== 0) {
  console.error(`leakhound exited with ${run.status}: ${run.stderr.slice(0, 2000)}`);
  process.exit(0);
}
const report = JSON.parse(run.stdout);
const result = score(report.findings, corpus);
if (!process.argv.includes('--keep')) rmSync(CORPUS, { recursive: true, force: true });

const counts = {};
for (const p of corpus.plants) counts[p.kind] = (counts[p.kind] ?? 0) + 1;
mkdirSync(dirname(RESULTS), { recursive: true });
writeFileSync(RESULTS, JSON.stringify({ seed, size, files: corpus.files.size, plantedByKind: counts, hiddenLowConfidence: report.stats.hidden, ...result }, null, 2) + '\n');

console.log(`leakhound detection quality (seed ${seed}, size ${size}): ${corpus.files.size} files, ${result.total.planted} planted credentials, ${result.total.negatives} hard negatives, ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
console.log(table(result));
const list = (title, rows, fmt) => rows.length && console.log(`\n${title} (${rows.length}):\n` + rows.map(fmt).join('\n'));
list('Misses', result.misses, (m) => `  ${m.path}:${m.line}  ${m.kind} [${m.format}]  ${m.redacted}`);
list('False positives', result.falsePositives, (f) => `  ${f.path}:${f.line}  ${f.ruleId} (${f.confidence}) [${f.category}]  ${f.redacted}`);
console.log(`\nDetails: ${RESULTS}`);
