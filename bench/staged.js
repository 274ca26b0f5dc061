// Times `leakhound staged` for a one-file change in a large repository (django-sized work tree:
// 6,000 files, about 1M lines), Node start included. Usage: node bench/staged.js [runs] [files]
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from './rng.js';

const RUNS = Number(process.argv[2] ?? 25);
const FILES = Number(process.argv[3] ?? 6000);
if (!(Number.isInteger(RUNS) && RUNS > 0 && Number.isInteger(FILES) && FILES > 0)) {
  console.error('usage: node bench/staged.js [runs (default 25)] [files (default 6000)]');
  process.exit(2);
}
const LINES_PER_FILE = 170;
const CLI = fileURLToPath(new URL('../bin/leakhound.js', import.meta.url));
const env = { ...process.env, HOME: tmpdir(), GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.invalid', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.invalid' };

/** One commit holding FILES source-like files, written with git fast-import (seconds, not minutes). */
function makeRepo(dir) {
  execFileSync('git', ['init', '-q', '-b', 'main', dir], { env });
  const rng = new Rng(7);
  const words = ['def', 'return', 'self', 'import', 'class', 'value', 'request', 'model', 'field', 'query', 'settings', 'user', 'None', 'True'];
  const parts = [];
  const paths = [];
  for (let f = 0; f < FILES; f++) {
    const lines = [];
    for (let l = 0; l < LINES_PER_FILE; l++) lines.push(`    ${words[rng.int(words.length)]}_${l} = ${words[rng.int(words.length)]}(${rng.int(1000)})`);
    const body = Buffer.from(lines.join('\n') + '\n');
    parts.push(Buffer.from(`blob\nmark :${f + 1}\ndata ${body.length}\n`), body, Buffer.from('\n'));
    paths.push(`app${f % 40}/module${Math.floor(f / 40)}/file${f}.py`);
  }
  const msg = 'base';
  parts.push(Buffer.from(`commit refs/heads/main\ncommitter b <b@example.invalid> 1700000000 +0000\ndata ${msg.length}\n${msg}\n`));
  paths.forEach((p, i) => parts.push(Buffer.from(`M 100644 :${i + 1} ${p}\n`)));
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: Buffer.concat(parts), env });
  execFileSync('git', ['reset', '-q', '--hard', 'main'], { cwd: dir, env });
  return paths;
}

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const dir = mkdtempSync(join(tmpdir(), 'leakhound-bench-staged-'));
try {
  const t0 = performance.now();
  const paths = makeRepo(dir);
  const stat = execFileSync('git', ['count-objects', '-vH'], { cwd: dir, env, encoding: 'utf8' });
  console.log(`repository: ${FILES} files, ${FILES * LINES_PER_FILE} lines, built in ${((performance.now() - t0) / 1000).toFixed(1)} s (${/size-pack: (.*)/.exec(stat)?.[1] ?? '?'} packed)`);
  appendFileSync(join(dir, paths[123]), '    extra = compute(42)\n');
  execFileSync('git', ['add', paths[123]], { cwd: dir, env });
  const wall = [];
  const cpu = [];
  const rss = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, CLI, 'staged', '--quiet'], { cwd: dir, env, encoding: 'utf8' });
    wall.push(performance.now() - start);
    if (r.status !== 0) throw new Error(`leakhound staged exited ${r.status}: ${r.stderr}`);
    const [user, sys, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
    cpu.push((user + sys) * 1000);
    rss.push(kb / 1024);
  }
  const ms = (x) => `${x.toFixed(0)} ms`;
  console.log(`leakhound staged, one-file change, ${RUNS} runs (Node start included):`);
  console.log(`  wall      p50 ${ms(pct(wall, 50))}  p90 ${ms(pct(wall, 90))}  min ${ms(Math.min(...wall))}`);
  console.log(`  user+sys  p50 ${ms(pct(cpu, 50))}  p90 ${ms(pct(cpu, 90))}  (insensitive to other load on the machine)`);
  console.log(`  peak RSS  max ${Math.max(...rss).toFixed(0)} MiB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
