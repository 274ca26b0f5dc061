import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { git, githubPat, runCli, stripeKey, tempDir, writeTree, type CliOptions } from './helpers.js';

interface Report {
  findings: { path: string; ruleId: string; start: { line: number }; snippet: string }[];
  notices: { kind: string; path?: string; message: string }[];
}

/** A repository with isolated config whose first commit holds `files` (none: no HEAD yet). */
function makeRepo(files?: Record<string, string | Buffer>): string {
  const dir = tempDir('leakhound-staged-');
  git(dir, 'init', '-q', '-b', 'main');
  if (files) {
    writeTree(dir, files);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'base');
  }
  return dir;
}

/** The git backend forced for a run: the CLI, or isomorphic-git as used when there is no git binary. */
type Backend = 'cli' | 'isomorphic';

function env(dir: string, backend: Backend): CliOptions['env'] {
  return { HOME: dir, GIT_CONFIG_NOSYSTEM: '1', LEAKHOUND_GIT_BACKEND: backend };
}

async function staged(dir: string, backend: Backend, args: string[] = [], cwd = dir): Promise<{ code: number | null; report: Report; stderr: string; stdout: string }> {
  const r = await runCli(['staged', '--format', 'json', '--verbose', ...args], { cwd, env: env(dir, backend) });
  return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr, stdout: r.stdout };
}

const where = (r: Report): string[] => r.findings.map((f) => `${f.path}:${f.start.line}`);

const pat = githubPat(301);
const pat2 = githubPat(302);
const sk = stripeKey(303);

interface Case {
  name: string;
  /** Builds the repository and stages the change; returns the directory to run in. */
  setup: () => string;
  /** path:line of the findings reported by default. */
  want: string[];
  /** path:line with --all-lines (default: same as `want`). */
  wantAll?: string[];
  stderr?: RegExp;
  /** isomorphic-git cannot do this (said in the report and README). */
  cliOnly?: boolean;
}

const CASES: Case[] = [
  {
    name: 'a new file with a secret',
    setup: () => {
      const dir = makeRepo({ 'README.md': 'hi\n' });
      writeTree(dir, { 'src/config.ts': `export const a = 1;\nexport const token = "${pat}";\n` });
      git(dir, 'add', '-A');
      return dir;
    },
    want: ['src/config.ts:2'],
  },
  {
    name: 'partial staging: only the staged hunk counts, the unstaged secret does not',
    setup: () => {
      const dir = makeRepo({ 'app.ts': 'line 1\nline 2\nline 3\n' });
      writeFileSync(join(dir, 'app.ts'), 'line 1 changed\nline 2\nline 3\n');
      git(dir, 'add', 'app.ts');
      writeFileSync(join(dir, 'app.ts'), `line 1 changed\nline 2\nline 3\nkey = "${pat}"\n`);
      return dir;
    },
    want: [],
  },
  {
    name: 'a secret staged then removed from the work tree still blocks',
    setup: () => {
      const dir = makeRepo({ 'app.ts': 'line 1\n' });
      writeFileSync(join(dir, 'app.ts'), `line 1\nkey = "${pat}"\n`);
      git(dir, 'add', 'app.ts');
      writeFileSync(join(dir, 'app.ts'), 'line 1\n');
      return dir;
    },
    want: ['app.ts:2'],
  },
  {
    name: 'an old secret on an untouched line is mentioned, not reported',
    setup: () => {
      const dir = makeRepo({ 'old.ts': `a\nkey = "${pat}"\nb\n` });
      writeFileSync(join(dir, 'old.ts'), `a\nkey = "${pat}"\nb\nc\n`);
      git(dir, 'add', 'old.ts');
      return dir;
    },
    want: [],
    wantAll: ['old.ts:2'],
    stderr: /1 existing secret was found in staged files on lines this commit does not change; run `leakhound history`/,
  },
  {
    name: 'a changed line holding a secret is reported with the lines around it untouched',
    setup: () => {
      const dir = makeRepo({ 'conf.ts': `a\nkey = "${pat}"\nb\n` });
      writeFileSync(join(dir, 'conf.ts'), `a\nkey = "${pat}"\nb\nother = "${sk}"\n`);
      git(dir, 'add', 'conf.ts');
      return dir;
    },
    want: ['conf.ts:4'],
    wantAll: ['conf.ts:2', 'conf.ts:4'],
  },
  {
    name: 'a pure rename is not reported again',
    setup: () => {
      const dir = makeRepo({ 'a/old name.ts': `x\nkey = "${pat}"\n${'filler\n'.repeat(20)}` });
      mkdirSync(join(dir, 'b'));
      git(dir, 'mv', 'a/old name.ts', 'b/new name.ts');
      return dir;
    },
    want: [],
    wantAll: ['b/new name.ts:2'],
  },
  {
    name: 'a rename with an added secret reports only the added line',
    setup: () => {
      const dir = makeRepo({ 'one.ts': `key = "${pat}"\n${'filler line\n'.repeat(20)}` });
      renameSync(join(dir, 'one.ts'), join(dir, 'two.ts'));
      appendFileSync(join(dir, 'two.ts'), `more = "${sk}"\n`);
      git(dir, 'add', '-A');
      return dir;
    },
    want: ['two.ts:22'],
    wantAll: ['two.ts:1', 'two.ts:22'],
  },
  {
    name: 'a copy puts the secret in a new place and is reported',
    setup: () => {
      const dir = makeRepo({ 'one.ts': `key = "${pat}"\n` });
      writeFileSync(join(dir, 'copy.ts'), `key = "${pat}"\n`);
      git(dir, 'add', '-A');
      return dir;
    },
    want: ['copy.ts:1'],
  },
  {
    name: 'deleting a file with a secret passes',
    setup: () => {
      const dir = makeRepo({ 'gone.ts': `key = "${pat}"\n`, 'keep.ts': 'x\n' });
      git(dir, 'rm', '-q', 'gone.ts');
      return dir;
    },
    want: [],
  },
  {
    name: 'a binary file is skipped with a notice',
    setup: () => {
      const dir = makeRepo({ 'keep.ts': 'x\n' });
      writeTree(dir, { 'logo.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]), Buffer.from(pat)]) });
      git(dir, 'add', '-A');
      return dir;
    },
    want: [],
    stderr: /logo\.png: skipped: binary file/,
  },
  {
    name: 'the initial commit (no HEAD yet)',
    setup: () => {
      const dir = makeRepo();
      writeTree(dir, { 'first.ts': `key = "${pat}"\n` });
      git(dir, 'add', '-A');
      return dir;
    },
    want: ['first.ts:1'],
  },
  {
    name: 'paths with spaces, a newline and non-ASCII letters',
    setup: () => {
      const dir = makeRepo({ 'keep.ts': 'x\n' });
      writeTree(dir, { 'dïr with space/fi\nle ü.ts': `key = "${pat}"\n` });
      git(dir, 'add', '-A');
      return dir;
    },
    want: ['dïr with space/fi\nle ü.ts:1'],
  },
  {
    name: 'a symbolic link is noted, its target not followed',
    setup: () => {
      const dir = makeRepo({ 'keep.ts': 'x\n' });
      writeTree(dir, { 'outside.txt': `key = "${pat}"\n` });
      symlinkSync('outside.txt', join(dir, 'link.txt'));
      git(dir, 'add', 'link.txt');
      return dir;
    },
    want: [],
    stderr: /link\.txt: symbolic link: its target is not scanned/,
  },
  {
    name: 'a merge in progress: the resolution is what gets committed',
    setup: () => {
      const dir = makeRepo({ 'm.ts': 'base\n' });
      git(dir, 'checkout', '-q', '-b', 'other');
      writeFileSync(join(dir, 'm.ts'), 'theirs\n');
      git(dir, 'commit', '-q', '-am', 'theirs');
      git(dir, 'checkout', '-q', 'main');
      writeFileSync(join(dir, 'm.ts'), 'ours\n');
      git(dir, 'commit', '-q', '-am', 'ours');
      assert.throws(() => git(dir, 'merge', '-q', 'other'));
      writeFileSync(join(dir, 'm.ts'), `ours\ntheirs\nkey = "${pat}"\n`);
      git(dir, 'add', 'm.ts');
      return dir;
    },
    want: ['m.ts:3'],
  },
];

describe('leakhound staged', () => {
  for (const c of CASES) {
    for (const backend of ['cli', 'isomorphic'] as const) {
      if (backend === 'isomorphic' && c.cliOnly) continue;
      it(`${c.name} (${backend})`, async () => {
        const dir = c.setup();
        const r = await staged(dir, backend);
        assert.deepEqual(where(r.report), c.want, r.stderr);
        assert.equal(r.code, c.want.length > 0 ? 1 : 0, r.stderr);
        if (c.stderr) assert.match(r.stderr, c.stderr);
        const all = await staged(dir, backend, ['--all-lines']);
        assert.deepEqual(where(all.report), c.wantAll ?? c.want);
        for (const out of [r.stdout, r.stderr, all.stdout, all.stderr]) for (const s of [pat, pat2, sk]) assert.ok(!out.includes(s), 'a secret leaked into the output');
      });
    }
  }

  it('works from a subdirectory; paths stay relative to the repository root', async () => {
    const dir = makeRepo({ 'sub/deep/keep.ts': 'x\n' });
    writeTree(dir, { 'sub/deep/leak.ts': `key = "${pat}"\n` });
    git(dir, 'add', '-A');
    for (const backend of ['cli', 'isomorphic'] as const) {
      const r = await staged(dir, backend, [], join(dir, 'sub', 'deep'));
      assert.deepEqual(where(r.report), ['sub/deep/leak.ts:1']);
    }
  });

  it('works in a linked worktree (git CLI; isomorphic-git says it cannot)', async () => {
    const dir = makeRepo({ 'keep.ts': 'x\n' });
    const wt = join(dir, '..', `${dir.split('/').pop()}-wt`);
    git(dir, 'worktree', 'add', '-q', wt);
    try {
      writeTree(wt, { 'leak.ts': `key = "${pat}"\n` });
      git(wt, 'add', 'leak.ts');
      const r = await staged(dir, 'cli', [], wt);
      assert.deepEqual(where(r.report), ['leak.ts:1']);
      const iso = await runCli(['staged'], { cwd: wt, env: env(dir, 'isomorphic') });
      assert.equal(iso.code, 2);
      assert.match(iso.stderr, /linked git worktree, which needs the git binary/);
    } finally {
      rmSync(wt, { recursive: true, force: true });
    }
  });

  it('notes a submodule and does not recurse into it', async () => {
    const inner = makeRepo({ 'inner.ts': `key = "${pat}"\n` });
    const dir = makeRepo({ 'keep.ts': 'x\n' });
    git(dir, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', inner, 'vendor/inner');
    for (const backend of ['cli', 'isomorphic'] as const) {
      const r = await staged(dir, backend);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(where(r.report), []);
      assert.ok(r.report.notices.some((n) => n.kind === 'submodule' && n.path === 'vendor/inner'), backend);
    }
  });

  it('gives the same findings with no git binary at all (PATH holds only node)', async () => {
    const dir = makeRepo({ 'old.ts': `a\nkey = "${pat}"\n` });
    writeFileSync(join(dir, 'old.ts'), `a\nkey = "${pat}"\nnew = "${sk}"\n`);
    writeTree(dir, { 'sub/new file.ts': `k = "${pat2}"\n` });
    git(dir, 'add', '-A');
    const bin = tempDir('leakhound-nogit-');
    symlinkSync(process.execPath, join(bin, 'node'));
    const without = await runCli(['staged', '--format', 'json'], { cwd: dir, env: { HOME: dir, GIT_CONFIG_NOSYSTEM: '1', PATH: bin, LEAKHOUND_GIT_BACKEND: undefined } });
    const withGit = await staged(dir, 'cli');
    assert.equal(without.code, 1, without.stderr);
    assert.deepEqual(where(JSON.parse(without.stdout) as Report), ['old.ts:3', 'sub/new file.ts:1']);
    assert.deepEqual(where(JSON.parse(without.stdout) as Report), where(withGit.report));
  });

  it('text output: file:line, redacted secret, how to proceed; --exit-code and --quiet', async () => {
    const dir = makeRepo({ 'keep.ts': 'x\n' });
    writeTree(dir, { 'leak.ts': `a\nkey = "${pat}"\n` });
    git(dir, 'add', '-A');
    const r = await runCli(['staged'], { cwd: dir, env: env(dir, 'cli') });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^leak\.ts:2:\d+ .*GitHub/m);
    assert.match(r.stdout, /secret ghp_\w\w\*{4} \(40 chars\)/);
    assert.match(r.stderr, /Commit blocked/);
    assert.match(r.stderr, /revoke and rotate/);
    assert.match(r.stderr, /leakhound:allow/);
    assert.match(r.stderr, /--no-verify.*your call/);
    assert.ok(!(r.stdout + r.stderr).includes(pat));
    assert.equal((await runCli(['staged', '--exit-code', '3'], { cwd: dir, env: env(dir, 'cli') })).code, 3);
    const quiet = await runCli(['staged', '-q'], { cwd: dir, env: env(dir, 'cli') });
    assert.equal(quiet.stderr, '');
    const shown = await runCli(['staged', '--show-secrets'], { cwd: dir, env: env(dir, 'cli') });
    assert.ok(shown.stdout.includes(pat));
  });

  it('honours a leakhound:allow marker and the config at the repository root', async () => {
    const dir = makeRepo({ 'keep.ts': 'x\n', '.leakhound.toml': 'disable = ["stripe-secret-key"]\n' });
    writeTree(dir, { 'sub/a.ts': `k = "${pat}" // leakhound:allow\ns = "${sk}"\n` });
    git(dir, 'add', '-A');
    const r = await staged(dir, 'cli', [], join(dir, 'sub'));
    assert.deepEqual(where(r.report), []);
    assert.equal(r.code, 0);
  });

  it('exits 2 with a clear message outside a git repository', async () => {
    const dir = tempDir();
    for (const backend of ['cli', 'isomorphic'] as const) {
      const r = await runCli(['staged'], { cwd: dir, env: { HOME: dir, GIT_CONFIG_NOSYSTEM: '1', GIT_CEILING_DIRECTORIES: join(dir, '..'), LEAKHOUND_GIT_BACKEND: backend } });
      assert.equal(r.code, 2, backend);
      assert.match(r.stderr, /not a git repository/i);
    }
  });

  it('built-in rules never match the empty string (load skips this check for speed)', async () => {
    const { loadRuleSet } = await import('../dist/rules/load.js');
    const { compileRegex } = await import('../dist/detector/regex.js');
    assert.deepEqual(
      loadRuleSet().rules.filter((r) => compileRegex(r.regex, 'regex').test('')).map((r) => r.id),
      [],
    );
  });
});

describe('staged argument parsing (the fast path and yargs agree)', () => {
  const secretRepo = (): string => {
    const dir = makeRepo({ 'a.txt': 'base\n' });
    writeTree(dir, { 'a.txt': `base\ntoken = "${pat}"\n` });
    git(dir, 'add', 'a.txt');
    return dir;
  };

  it('reads every staged option the same way yargs would', async () => {
    const dir = secretRepo();
    const e = env(dir, 'cli');
    const plain = await runCli(['staged', '--no-color'], { cwd: dir, env: e });
    assert.equal(plain.code, 1);
    assert.match(plain.stdout, /a\.txt:2:\d+/);
    assert.doesNotMatch(plain.stdout, /\u001b\[/, '--no-color');
    assert.equal((await runCli(['staged', '--exit-code', '7', '-q'], { cwd: dir, env: e })).code, 7);
    assert.equal((await runCli(['staged', '--min-confidence', 'high', '-f', 'jsonl'], { cwd: dir, env: e })).stdout.split('\n')[0]!.includes('"type":"finding"'), true);
    const shown = await runCli(['staged', '--show-secrets', '--explain'], { cwd: dir, env: e });
    assert.ok(shown.stdout.includes(pat));
    assert.match(shown.stdout, /why: github-checksum: valid/);
  });

  it('leaves help, typos and bad values to the full command tree', async () => {
    const dir = secretRepo();
    const e = env(dir, 'cli');
    const help = await runCli(['staged', '--help'], { cwd: dir, env: e });
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--all-lines/);
    for (const bad of [['--bogus'], ['--format', 'xml'], ['--exit-code', 'many'], ['--max-file-size', 'huge']]) {
      const r = await runCli(['staged', ...bad], { cwd: dir, env: e });
      assert.equal(r.code, 2, `${bad.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^leakhound: /);
      assert.ok(!(r.stdout + r.stderr).includes(pat));
    }
  });
});
