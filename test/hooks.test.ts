import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLI, git, githubPat, REPO, runCli, tempDir, writeTree } from './helpers.js';

const pat = githubPat(401);

function makeRepo(): string {
  const dir = tempDir('leakhound-hooks-');
  git(dir, 'init', '-q', '-b', 'main');
  writeTree(dir, { 'README.md': 'hi\n' });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  return dir;
}

/** A real `git commit`, hooks and all; git's own output is returned with the hook's. */
function commit(dir: string, env: Record<string, string> = {}): { code: number | null; output: string } {
  const r = spawnSync('git', ['commit', '-q', '-m', 'change'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', HOME: dir, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid', ...env },
  });
  return { code: r.status, output: r.stdout + r.stderr };
}

/** `node_modules/.bin/leakhound` in the repository, as `npm install leakhound` would leave it. */
function installLocally(dir: string): void {
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', '.bin', 'leakhound'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(dir, 'node_modules', '.bin', 'leakhound'), 0o755);
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\n');
}

/** Stages a secret, expects the commit blocked with file:line and no clear secret; then a clean commit passes. */
function blocksThenPasses(dir: string): void {
  writeTree(dir, { 'src/leak.ts': `const a = 1;\nconst token = "${pat}";\n` });
  git(dir, 'add', 'src/leak.ts');
  const blocked = commit(dir);
  assert.notEqual(blocked.code, 0, blocked.output);
  assert.match(blocked.output, /src\/leak\.ts:2:\d+/);
  assert.match(blocked.output, /Commit blocked/);
  assert.ok(!blocked.output.includes(pat), 'the hook printed the secret');
  assert.equal(git(dir, 'rev-list', '--count', 'HEAD').trim(), '1', 'nothing was committed');
  writeTree(dir, { 'src/leak.ts': 'const a = 1;\nconst token = process.env.TOKEN;\n' });
  git(dir, 'add', 'src/leak.ts');
  const clean = commit(dir);
  assert.equal(clean.code, 0, clean.output);
  assert.equal(git(dir, 'rev-list', '--count', 'HEAD').trim(), '2');
}

describe('pre-commit hooks, end to end', () => {
  it('a plain .git/hooks/pre-commit calling the built CLI blocks a staged secret', () => {
    const dir = makeRepo();
    const hook = join(dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${join(REPO, 'bin', 'leakhound.js')}" staged\n`);
    chmodSync(hook, 0o755);
    blocksThenPasses(dir);
  });

  it('leakhound init git-hook writes the hook where core.hooksPath points, and it works', async () => {
    const dir = makeRepo();
    git(dir, 'config', 'core.hooksPath', '.githooks');
    installLocally(dir);
    const r = await runCli(['init', 'git-hook'], { cwd: dir, env: { HOME: dir, GIT_CONFIG_NOSYSTEM: '1' } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /added `leakhound staged` to \.githooks\/pre-commit/);
    assert.ok(statSync(join(dir, '.githooks', 'pre-commit')).mode & 0o100, 'executable');
    blocksThenPasses(dir);
  });

  it('leakhound init husky: the line husky 9 runs with node_modules/.bin on PATH', async () => {
    const dir = makeRepo();
    installLocally(dir);
    const r = await runCli(['init', 'husky'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(join(dir, '.husky', 'pre-commit'), 'utf8'), 'leakhound staged\n');
    // What `npx husky` sets up: core.hooksPath=.husky/_ whose scripts run .husky/<hook> with sh -e
    // after putting node_modules/.bin first on PATH.
    writeTree(dir, { '.husky/_/pre-commit': '#!/bin/sh\nexport PATH="node_modules/.bin:$PATH"\nsh -e .husky/pre-commit\n' });
    chmodSync(join(dir, '.husky', '_', 'pre-commit'), 0o755);
    git(dir, 'config', 'core.hooksPath', '.husky/_');
    blocksThenPasses(dir);
  });

  it('init is idempotent and keeps what the hook files already hold', async () => {
    const dir = makeRepo();
    writeTree(dir, { '.husky/pre-commit': 'npm test', '.pre-commit-config.yaml': '# my hooks\nrepos:\n- repo: https://example.invalid/hooks\n  rev: v1\n  hooks:\n  - id: trailing-whitespace\n\ndefault_stages: [pre-commit]\n' });
    writeFileSync(join(dir, '.git', 'hooks', 'pre-commit'), '#!/bin/sh\necho before\n');
    for (const kind of ['husky', 'pre-commit', 'git-hook']) {
      const first = await runCli(['init', kind], { cwd: dir, env: { HOME: dir, GIT_CONFIG_NOSYSTEM: '1' } });
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /added/);
      const second = await runCli(['init', kind], { cwd: dir, env: { HOME: dir, GIT_CONFIG_NOSYSTEM: '1' } });
      assert.match(second.stdout, /already runs leakhound; nothing changed/);
    }
    assert.equal(readFileSync(join(dir, '.husky', 'pre-commit'), 'utf8'), 'npm test\nleakhound staged\n');
    assert.ok(statSync(join(dir, '.husky', 'pre-commit')).mode & 0o100);
    assert.equal(
      readFileSync(join(dir, '.pre-commit-config.yaml'), 'utf8'),
      '# my hooks\nrepos:\n- repo: https://example.invalid/hooks\n  rev: v1\n  hooks:\n  - id: trailing-whitespace\n- repo: local\n  hooks:\n    - id: leakhound\n      name: leakhound (secrets in staged changes)\n      entry: npx --no leakhound staged\n      language: system\n      pass_filenames: false\n      stages: [pre-commit]\n\ndefault_stages: [pre-commit]\n',
    );
    assert.match(readFileSync(join(dir, '.git', 'hooks', 'pre-commit'), 'utf8'), /^#!\/bin\/sh\necho before\nleakhound=node_modules\/\.bin\/leakhound\n/);
  });

  it('init pre-commit: creates the file, fills `repos: []`, and refuses a flow list it cannot edit safely', async () => {
    const { withPreCommitEntry } = await import('../dist/commands/init.js');
    const created = withPreCommitEntry('');
    assert.match(created, /^repos:\n {2}- repo: local\n {4}hooks:\n {6}- id: leakhound\n/);
    assert.equal(withPreCommitEntry(created), created);
    assert.match(withPreCommitEntry('repos: []\n'), /^repos:\n {2}- repo: local\n/);
    assert.match(withPreCommitEntry('default_stages: [pre-commit]\n'), /^default_stages: \[pre-commit\]\nrepos:\n {2}- repo: local/);
    const indented = withPreCommitEntry('repos:\n  - repo: x\n    rev: v1\n    hooks:\n      - id: y\nci:\n  autofix: false\n');
    assert.equal(indented.split('\n').slice(5, 7).join('\n'), '  - repo: local\n    hooks:');
    assert.match(indented, /\nci:\n {2}autofix: false\n$/);
    assert.throws(() => withPreCommitEntry('repos: [{repo: x}]\n'), /not a block list/);
  });

  it('the shipped .pre-commit-hooks.yaml declares the leakhound hook', () => {
    const text = readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8');
    for (const line of ['- id: leakhound', '  entry: leakhound staged', '  language: node', '  pass_filenames: false', '  stages: [pre-commit]']) assert.ok(text.split('\n').includes(line), line);
  });

});
