// Seeded git repository for the history benchmark, written through `git fast-import` (one process,
// no work tree, no per-commit fork): a long main line, many topic branches forked from it and merged
// back, a realistic mix of source, docs, data and binary files that grow and change, and planted
// credentials that are added, edited around and deleted again. Reused while its marker matches.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KINDS, plantedLine } from './planted.js';
import { Rng } from './rng.js';

const MARKER = '.bench-history.json';
const VERSION = 1;
const WORDS = 'the of and to in is that for it as with was on be by at this which from or have an are not but had they were all one can their there been has if more when will would who so no self return def class import value result data request response user config path list item index error test'.split(' ');
const KINDS_BY_EXT = { py: 'py', js: 'js', ts: 'ts', go: 'go', md: 'md', json: 'json', yaml: 'yaml' };
const EXTS = ['py', 'py', 'py', 'js', 'ts', 'go', 'md', 'json', 'yaml', 'txt', 'po', 'png'];

function sourceLine(rng) {
  const indent = '    '.repeat(rng.int(3));
  const n = rng.range(2, 12);
  const words = [];
  for (let i = 0; i < n; i++) words.push(rng.pick(WORDS));
  switch (rng.int(5)) {
    case 0:
      return `${indent}${words[0]}_${words[1]} = ${words.slice(2).join('_') || 'None'}(${rng.int(1000)})`;
    case 1:
      return `${indent}# ${words.join(' ')}`;
    case 2:
      return `${indent}def ${words[0]}_${words[1]}(self, ${words.slice(2, 4).join(', ') || 'x'}):`;
    case 3:
      return `${indent}return ${words.join('.')}`;
    default:
      return `${indent}${words.join(' ')}`;
  }
}

/**
 * Generates the repository (or reuses it). `commits` and `bytes` are targets for the commit count
 * and the total size of distinct blob content; `onProgress` gets a line now and then.
 */
export async function ensureHistoryRepo({ dir, seed, commits, bytes, log = () => {} }) {
  const want = { version: VERSION, seed, commits, bytes };
  const marker = join(dir, MARKER);
  if (existsSync(marker)) {
    const had = JSON.parse(readFileSync(marker, 'utf8'));
    if (JSON.stringify(had.params) === JSON.stringify(want)) return had;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const init = spawnSync('git', ['init', '-q', '--bare', '-b', 'main', dir]);
  if (init.status !== 0) throw new Error(`git init failed: ${init.stderr}`);
  const rng = new Rng(`history:${seed}`);
  const fi = spawn('git', ['fast-import', '--quiet', '--done'], { cwd: dir, stdio: ['pipe', 'inherit', 'inherit'] });
  const closed = new Promise((resolve, reject) => fi.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import exited ${code}`)))));
  const write = (chunk) => (fi.stdin.write(chunk) ? Promise.resolve() : new Promise((r) => fi.stdin.once('drain', r)));

  // Files: a fixed population of paths whose line arrays evolve; blobs average bytes / (commits * 2).
  const perBlob = Math.max(512, Math.round(bytes / (commits * 2)));
  const fileCount = Math.max(50, Math.round(commits / 10));
  const files = [];
  for (let i = 0; i < fileCount; i++) {
    const ext = rng.pick(EXTS);
    const dirs = ['src', 'lib', 'docs', 'tests', 'contrib', 'locale', 'static'];
    const path = `${rng.pick(dirs)}/${rng.pick(WORDS)}${rng.int(40)}/${rng.pick(WORDS)}_${i}.${ext}`;
    const lines = [];
    const target = rng.logUniform(Math.round(perBlob / 8), perBlob * 3);
    for (let size = 0; size < target; ) {
      const l = sourceLine(rng);
      lines.push(l);
      size += l.length + 1;
    }
    files.push({ path, ext, lines });
  }
  const planted = new Set();
  let mark = 0;
  let time = 1_500_000_000;
  let written = 0;
  const tips = new Map([['main', 0]]);
  const open = [];
  const commit = async (branch, parents, changes, message) => {
    mark++;
    time += rng.range(60, 7200);
    let out = `commit refs/heads/${branch}\nmark :${mark}\nauthor ${rng.pick(['Ann', 'Bo', 'Cy', 'Di'])} <dev${rng.int(50)}@example.invalid> ${time} +0000\ncommitter Bench <bench@example.invalid> ${time} +0000\ndata ${Buffer.byteLength(message)}\n${message}\n`;
    if (parents[0]) out += `from :${parents[0]}\n`;
    for (const p of parents.slice(1)) out += `merge :${p}\n`;
    await write(out);
    for (const c of changes) {
      if (c.delete) {
        await write(`D ${c.path}\n`);
        continue;
      }
      written += c.data.length;
      await write(`M 100644 inline ${c.path}\ndata ${c.data.length}\n`);
      await write(c.data);
      await write('\n');
    }
    tips.set(branch, mark);
    return mark;
  };
  const change = (f) => {
    if (f.ext === 'png') return { path: f.path, data: Buffer.from(Array.from({ length: rng.range(2000, 40000) }, () => rng.int(256))) };
    // An edit: replace a few lines, append some, and now and then plant or remove a credential.
    for (let k = rng.range(1, 6); k > 0; k--) f.lines[rng.int(f.lines.length)] = sourceLine(rng);
    for (let k = rng.range(0, 8); k > 0; k--) f.lines.push(sourceLine(rng));
    const kind = KINDS_BY_EXT[f.ext];
    if (kind && rng.chance(0.01)) {
      const type = rng.pick(['github', 'stripe', 'slack']);
      const token = KINDS[type].make(rng);
      planted.add(token);
      f.lines.splice(rng.int(f.lines.length), 0, plantedLine(kind, type, token, rng));
    }
    return { path: f.path, data: Buffer.from(f.lines.join('\n') + '\n') };
  };
  let last = 0;
  for (let i = 0; i < commits; i++) {
    if (i === 0) {
      await commit('main', [], files.map(change), 'initial import\n');
      continue;
    }
    // Topic branches: forked from main, a few commits, mostly merged back; all stay as refs.
    if (open.length < 12 && rng.chance(0.02)) open.push({ name: `topic/${rng.pick(WORDS)}-${i}`, left: rng.range(2, 40) });
    const onTopic = open.length > 0 && rng.chance(0.4);
    const t = onTopic ? open[rng.int(open.length)] : undefined;
    const branch = t ? t.name : 'main';
    const from = tips.get(branch) ?? tips.get('main');
    const edits = [];
    for (let k = rng.chance(0.5) ? 1 : rng.range(2, 4); k > 0; k--) edits.push(change(rng.pick(files)));
    await commit(branch, [from], edits, `${rng.pick(WORDS)} ${rng.pick(WORDS)} ${rng.pick(WORDS)} (#${i})\n`);
    if (t && --t.left === 0) {
      open.splice(open.indexOf(t), 1);
      if (rng.chance(0.8)) await commit('main', [tips.get('main'), tips.get(t.name)], [], `Merge ${t.name}\n`);
    }
    if (i % 5000 === 0 && i > 0) await write(`reset refs/tags/v${i / 5000}.0\nfrom :${tips.get('main')}\n\n`);
    if (Date.now() - last > 5000) {
      last = Date.now();
      log(`  ${i}/${commits} commits, ${(written / 1e6).toFixed(0)} MB of blobs`);
    }
  }
  await write('done\n');
  fi.stdin.end();
  await closed;
  const info = { params: want, commits: mark, blobBytes: written, planted: planted.size };
  writeFileSync(marker, JSON.stringify(info, null, 2));
  return info;
}
