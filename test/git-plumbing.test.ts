import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { GitError, gitSync, hasGitBinary, ObjectReader } from '../dist/sources/git/git.js';
import { parseCommit, parseTree, treeIds } from '../dist/sources/git/objects.js';
import { tempDir, writeTree } from './helpers.js';

function repoWith(files: Record<string, string | Buffer>): string {
  const dir = tempDir('leakhound-plumbing-');
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir, GIT_AUTHOR_NAME: 'Ann Example', GIT_AUTHOR_EMAIL: 'ann@example.invalid', GIT_COMMITTER_NAME: 'Ann Example', GIT_COMMITTER_EMAIL: 'ann@example.invalid', GIT_AUTHOR_DATE: '2024-03-01T10:00:00+0130', GIT_COMMITTER_DATE: '2024-03-01T10:00:00+0130' };
  spawnSync('git', ['init', '-q', '-b', 'main'], { cwd: dir, env });
  writeTree(dir, files);
  spawnSync('git', ['add', '-A'], { cwd: dir, env });
  spawnSync('git', ['commit', '-q', '-m', 'first line\nsecond line\n\nbody'], { cwd: dir, env });
  return dir;
}

describe('git plumbing', () => {
  it('finds the git binary and reports failing commands as GitError with git’s message', () => {
    assert.equal(hasGitBinary(), true);
    const dir = tempDir();
    assert.throws(() => gitSync(dir, ['rev-parse', 'HEAD']), (e: unknown) => e instanceof GitError && /not a git repository/i.test(e.message));
  });

  it('ObjectReader answers many outstanding requests in order, binary-safe, with missing objects marked', async () => {
    const binary = Buffer.from([0, 1, 2, 10, 255, 10, 0]);
    const files: Record<string, string | Buffer> = { 'bin.dat': binary, 'big.txt': 'x'.repeat(3 * 1024 * 1024) };
    for (let i = 0; i < 200; i++) files[`f${i}.txt`] = `file ${i}\n`;
    const dir = repoWith(files);
    const reader = new ObjectReader(dir);
    const check = new ObjectReader(dir, true);
    try {
      const names = ['big.txt', 'bin.dat', ...Array.from({ length: 200 }, (_, i) => `f${i}.txt`)];
      const got = await Promise.all([...names.map((n) => reader.read(`HEAD:${n}`)), reader.read('0'.repeat(40))]);
      assert.equal((got[0] as { data: Buffer }).data.length, 3 * 1024 * 1024);
      assert.deepEqual((got[1] as { data: Buffer }).data, binary);
      for (let i = 0; i < 200; i++) assert.equal((got[i + 2] as { data: Buffer }).data.toString(), `file ${i}\n`);
      assert.deepEqual(got[202], { sha: '0'.repeat(40), missing: true });
      const sized = await check.read('HEAD:big.txt');
      assert.ok(!('missing' in sized));
      assert.equal(sized.size, 3 * 1024 * 1024);
      assert.equal(sized.data.length, 0, 'batch-check reads no content');
      assert.equal(sized.type, 'blob');
    } finally {
      reader.close();
      check.close();
    }
  });

  it('parses commits (author, ISO date with offset, subject) and trees as git prints them', async () => {
    const dir = repoWith({ 'a.txt': 'a\n', 'sub/b.txt': 'b\n' });
    const reader = new ObjectReader(dir);
    try {
      const head = gitSync(dir, ['rev-parse', 'HEAD']).toString().trim();
      const commit = await reader.read(head);
      assert.ok(!('missing' in commit));
      const parsed = parseCommit(head, commit.data);
      const shown = gitSync(dir, ['log', '-1', '--format=%an%x00%ae%x00%aI%x00%s%x00%T']).toString().trim().split('\0');
      assert.deepEqual([parsed.info.author.name, parsed.info.author.email, parsed.info.author.date, parsed.info.subject, parsed.tree], shown);
      const tree = await reader.read(parsed.tree);
      assert.ok(!('missing' in tree));
      const listed = gitSync(dir, ['ls-tree', parsed.tree]).toString().trim().split('\n').map((l) => l.split(/\s+/));
      assert.deepEqual(parseTree(tree.data).map((e) => [e.mode.padStart(6, '0'), e.sha, e.name]), listed.map(([mode, , sha, name]) => [mode, sha, name]));
      assert.deepEqual(treeIds(tree.data), { trees: listed.filter((l) => l[1] === 'tree').map((l) => l[2]), others: listed.filter((l) => l[1] !== 'tree').map((l) => l[2]) });
    } finally {
      reader.close();
    }
  });
});
