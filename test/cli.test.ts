import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { githubPat, runCli, tempDir, writeTree } from './helpers.js';

describe('leakhound CLI', () => {
  const secret = githubPat(11);
  const dirty = tempDir();
  writeTree(dirty, { 'src/app.ts': `export const token = "${secret}";\n` });
  const clean = tempDir();
  writeTree(clean, { 'README.md': '# nothing to see\n', 'src/index.ts': 'export const answer = 42;\n' });

  it('exits 1 with findings, 0 without, and honours --exit-code', async () => {
    assert.equal((await runCli(['scan', dirty])).code, 1);
    assert.equal((await runCli(['scan', clean])).code, 0);
    assert.equal((await runCli(['scan', dirty, '--exit-code', '7'])).code, 7);
    assert.equal((await runCli([dirty])).code, 1, 'scan is the default command');
  });

  it('reads scan options without yargs exactly as yargs does (the default command goes through yargs)', async () => {
    const cases = [
      [dirty, '-q'],
      [dirty, '-q', '--show-secrets'],
      ['--show-secrets', 'false', dirty, '-q'],
      [dirty, '-q', '--min-confidence', 'low', '--explain'],
      ['-q', '--no-ignore', '-j', '1', dirty, clean],
      [dirty, '-q', '--exit-code', '5', '--format', 'text'],
      [dirty, '-q', '--exclude', 'src/**'],
      [dirty, '-q', '-x', 'src/**', '-x', 'other/**'],
      [dirty, '-q', '--max-file-size', '10'],
    ];
    // The summary's duration is the only thing allowed to differ.
    const untimed = (t: string): string => t.replace(/ in \d+(?:\.\d+)?s\b/g, '');
    for (const args of cases) {
      const fast = await runCli(['scan', ...args]);
      const full = await runCli(args);
      assert.deepEqual([fast.code, untimed(fast.stdout), untimed(fast.stderr)], [full.code, untimed(full.stdout), untimed(full.stderr)], args.join(' '));
    }
    assert.ok((await runCli(['scan', dirty, '-q', '--show-secrets'])).stdout.includes(secret));
    assert.equal((await runCli(['scan', dirty, '-q', '--exclude', 'src/**'])).code, 0);
  });

  it('text output names file:line:col, rule, severity, redacted value and remediation', async () => {
    const r = await runCli(['scan', dirty]);
    assert.match(r.stdout, /^src\/app\.ts:1:23 {2}critical {2}GitHub personal access token \(classic\) \[github-classic-pat\]/m);
    assert.match(r.stdout, /secret ghp_\w{2}\*{4} \(40 chars\)/);
    assert.match(r.stdout, /revoke .*rotate .*remove from code .*check history/);
    assert.match(r.stdout, /1 secret found in 1 file \(1 critical\)/);
    assert.ok(!r.stdout.includes(secret));
  });

  it('exits 2 on a bad flag, a bad value, a nonexistent path or an unreadable config', async () => {
    const cases: [string[], RegExp][] = [
      [['scan', clean, '--frobnicate'], /Unknown argument: frobnicate/],
      [['scan', clean, '--format', 'xml'], /Invalid values/],
      [['scan', clean, '--max-file-size', 'lots'], /not a size/],
      [['scan', clean, '--jobs', '0'], /--jobs/],
      [['scan', join(clean, 'does-not-exist')], /no such file or directory[\s\S]*nothing could be scanned/],
      [['scan', clean, '--config', join(clean, 'missing.toml')], /cannot read config: ENOENT/],
    ];
    for (const [args, want] of cases) {
      const r = await runCli(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, want);
    }
  });

  it('reports a missing path among good ones and still scans the rest', async () => {
    const r = await runCli(['scan', join(dirty, 'src'), join(dirty, 'nope')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /nope: cannot scan: no such file or directory/);
  });

  it('reads standard input with -', async () => {
    const r = await runCli(['scan', '-', '--format', 'json'], { input: `deploy with ${secret}\n` });
    assert.equal(r.code, 1);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.findings[0].path, '<stdin>');
    assert.deepEqual(doc.findings[0].start, { line: 1, column: 13 });
  });

  it('writes -o reports atomically, leaving no temporary files', async () => {
    const out = join(tempDir(), 'report.sarif');
    const r = await runCli(['scan', dirty, '--format', 'sarif', '-o', out]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(JSON.parse(readFileSync(out, 'utf8')).version, '2.1.0');
    assert.deepEqual(readdirSync(join(out, '..')), ['report.sarif']);
    const bad = await runCli(['scan', dirty, '-o', join(clean, 'no/such/dir/r.json')]);
    assert.equal(bad.code, 2);
    assert.ok(!existsSync(join(clean, 'no')));
  });

  it('colours only when asked: --color, FORCE_COLOR; never with NO_COLOR or --no-color', async () => {
    const esc = '\u001b[';
    assert.ok(!(await runCli(['scan', dirty])).stdout.includes(esc), 'not a TTY: no colour');
    assert.ok((await runCli(['scan', dirty, '--color'])).stdout.includes(esc));
    assert.ok((await runCli(['scan', dirty], { env: { FORCE_COLOR: '1' } })).stdout.includes(esc));
    assert.ok(!(await runCli(['scan', dirty], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout.includes(esc));
    assert.ok(!(await runCli(['scan', dirty, '--no-color'], { env: { FORCE_COLOR: '1' } })).stdout.includes(esc));
  });

  it('--quiet prints nothing on a clean scan and only findings otherwise', async () => {
    const c = await runCli(['scan', clean, '--quiet']);
    assert.equal(c.stdout + c.stderr, '');
    const d = await runCli(['scan', dirty, '--quiet']);
    assert.match(d.stdout, /github-classic-pat/);
    assert.equal(d.stderr, '');
  });

  it('--version and --help teach', async () => {
    const v = await runCli(['--version']);
    assert.equal(v.code, 0);
    assert.match(v.stdout.trim(), /^\d+\.\d+\.\d+$/);
    const h = await runCli(['scan', '--help']);
    assert.equal(h.code, 0);
    for (const word of ['--format', '--show-secrets', '--exit-code', 'Examples:', 'Exit codes']) assert.ok(h.stdout.includes(word), word);
  });

  it('rules list and rules test', async () => {
    const list = JSON.parse((await runCli(['rules', 'list', '--format', 'json'])).stdout);
    assert.ok(list.some((r: { id: string }) => r.id === 'github-classic-pat'));
    const t = await runCli(['rules', 'test']);
    assert.equal(t.code, 0, t.stdout.split('\n').filter((l) => l.startsWith('FAIL')).slice(0, 5).join('\n'));
    assert.match(t.stdout, /\d+ rules, \d+ cases: \d+ passed, 0 failed/);
  });

  it('rules test checks a user rule file, and scan uses it', async () => {
    const dir = tempDir();
    writeTree(dir, {
      'rules.toml': `
[[rules]]
id = "acme-key"
title = "ACME key"
keywords = ["acme_"]
regex = '''acme_[0-9a-f]{16}'''
examples = ['k = acme_{hex:16}']
counterexamples = ['acme_{hex:8}']
`,
      'app.txt': 'ACME=acme_0123456789abcdef\n',
    });
    const t = await runCli(['rules', 'test', join(dir, 'rules.toml')]);
    assert.equal(t.code, 0, t.stdout);
    const s = await runCli(['scan', join(dir, 'app.txt'), '--config', join(dir, 'rules.toml'), '--format', 'json']);
    assert.deepEqual(JSON.parse(s.stdout).findings.map((f: { ruleId: string }) => f.ruleId), ['acme-key']);
  });
});
