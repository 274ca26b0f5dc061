import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, runCli, tempDir, writeTree } from './helpers.js';

interface Plant { family: string; kind: string; path: string; line: number; endLine: number; value: string; secrets: string[] }
interface Corpus { files: Map<string, string>; plants: Plant[]; negatives: { category: string }[] }
type Generate = (o: { seed: number; size: number }) => Corpus;

// The benchmark is plain JavaScript outside src/: loaded at run time, as `npm run bench:quality` does.
const load = async <T>(rel: string): Promise<T> => (await import(pathToFileURL(join(REPO, rel)).href)) as T;
const { generate } = await load<{ generate: Generate }>('bench/quality/corpus.js');
const { FAMILIES } = await load<{ FAMILIES: string[] }>('bench/quality/tokens.js');
const { crc32, base62 } = await load<{ crc32: (s: string) => number; base62: (n: number, w: number) => string }>('bench/planted.js');

const corpus = generate({ seed: 7, size: 1 });

test('the quality corpus plants every family, with hard negatives, at each planted line', () => {
  const families = new Set(corpus.plants.map((p) => p.family));
  assert.deepEqual([...families].sort(), [...FAMILIES].sort());
  assert.ok(corpus.negatives.length > 50, `${corpus.negatives.length} negatives`);
  for (const p of corpus.plants) {
    const lines = corpus.files.get(p.path)!.split('\n').slice(p.line - 1, p.endLine).join('\n');
    const written = [p.value, Buffer.from(p.value).toString('base64'), encodeURIComponent(p.value), p.value.replace(/\//g, '\\/')];
    assert.ok(p.secrets.some((s) => lines.includes(s)) || written.some((w) => lines.includes(w)), `${p.kind} not at ${p.path}:${p.line}`);
  }
});

test('checksummed tokens (GitHub, npm) carry the CRC32 of their body in base62', () => {
  const checked = corpus.plants.filter((p) => /^(?:gh[pousr]|npm)_/.test(p.value));
  assert.ok(checked.length >= 4);
  for (const { value } of checked) {
    const body = value.slice(value.indexOf('_') + 1, -6);
    assert.equal(body.length, 30);
    assert.equal(value.slice(-6), base62(crc32(body), 6));
  }
});

test('planted PEM and OpenSSH keys decode to their container structure', () => {
  for (const p of corpus.plants.filter((x) => x.family === 'keys' && !x.kind.startsWith('pgp'))) {
    const body = Buffer.from(p.value.split('\n').slice(1, -1).join(''), 'base64');
    if (p.kind === 'openssh-private-key') assert.equal(body.subarray(0, 15).toString('latin1'), 'openssh-key-v1\0');
    else {
      assert.equal(body[0], 0x30, p.kind);
      const len = body[1]! < 0x80 ? body[1]! + 2 : body.readUIntBE(2, body[1]! & 0x7f) + 2 + (body[1]! & 0x7f);
      assert.equal(len, body.length, p.kind);
    }
  }
});

test('the scanner finds planted OpenSSH keys and passwords with a dot, the two misses the benchmark exposed', async () => {
  const dir = tempDir();
  const ssh = corpus.plants.find((p) => p.kind === 'openssh-private-key')!;
  const password = 'Kq7.' + 'vR2mXw9pLs4TbN8';
  writeTree(dir, { 'id_ed25519': ssh.value + '\n', '.env': `REDIS_URL=redis://:${password}@cache.internal:6379/0\n` });
  const r = await runCli(['scan', '.', '--format', 'json', '--show-secrets'], { cwd: dir });
  const found = (JSON.parse(r.stdout) as { findings: { ruleId: string; secret: string }[] }).findings;
  assert.deepEqual(found.map((f) => f.ruleId).sort(), ['private-key-openssh', 'redis-uri-password']);
  assert.ok(found.some((f) => f.secret === password));
});
