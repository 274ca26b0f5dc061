import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { walk } from '../dist/sources/walk.js';
import type { Notice } from '../dist/core/types.js';
import { git, githubPat, runCli, tempDir, writeTree } from './helpers.js';

async function walked(root: string, options: Partial<Parameters<typeof walk>[1]> = {}): Promise<string[]> {
  const notices: Notice[] = [];
  const out: string[] = [];
  for await (const e of walk([root], { ignoreFiles: true, followSymlinks: false, exclude: [], base: root, ...options }, notices)) out.push(e.path);
  return out;
}

describe('filesystem walk', () => {
  it('agrees with git on nested .gitignore, negations, anchors and info/exclude', async () => {
    const dir = tempDir();
    git(dir, 'init', '-q');
    writeTree(dir, {
      '.gitignore': 'node_modules/\n*.log\n/build\n!keep.log\nsecret-dir/\n',
      'src/.gitignore': 'generated/\n*.tmp\n!important.tmp\n',
      'src/a.ts': 'x', 'src/b.tmp': 'x', 'src/important.tmp': 'x', 'src/generated/c.ts': 'x',
      'src/build/d.ts': 'x', 'build/e.ts': 'x', 'node_modules/p/index.js': 'x',
      'app.log': 'x', 'keep.log': 'x', 'deep/nested/x.log': 'x', 'deep/nested/y.txt': 'x',
      'secret-dir/z.txt': 'x', 'excluded-by-info.txt': 'x', 'docs/readme.md': 'x',
    });
    writeTree(dir, { '.git/info/exclude': 'excluded-by-info.txt\n' });
    const oracle = git(dir, 'ls-files', '--others', '--cached', '--exclude-standard').split('\n').filter(Boolean).sort();
    assert.deepEqual((await walked(dir)).sort(), oracle);
  });

  it('honours .leakhoundignore, --exclude, and --no-ignore', async () => {
    const dir = tempDir();
    writeTree(dir, { '.leakhoundignore': 'fixtures/\n', 'fixtures/f.txt': 'x', 'src/a.ts': 'x', 'src/a.test.ts': 'x', '.gitignore': 'dist/\n', 'dist/out.js': 'x' });
    assert.deepEqual(await walked(dir), ['.gitignore', '.leakhoundignore', 'src/a.test.ts', 'src/a.ts']);
    assert.deepEqual(await walked(dir, { exclude: ['**/*.test.ts'] }), ['.gitignore', '.leakhoundignore', 'src/a.ts']);
    assert.deepEqual(await walked(dir, { ignoreFiles: false }), ['.gitignore', '.leakhoundignore', 'dist/out.js', 'fixtures/f.txt', 'src/a.test.ts', 'src/a.ts']);
  });

  it('applies ignore files above a scanned subdirectory of a repository', async () => {
    const dir = tempDir();
    git(dir, 'init', '-q');
    writeTree(dir, { '.gitignore': '*.gen.ts\n', 'pkg/src/a.ts': 'x', 'pkg/src/b.gen.ts': 'x' });
    assert.deepEqual(await walked(join(dir, 'pkg')), ['src/a.ts']);
  });

  it('always scans paths named explicitly, even when ignored', async () => {
    const dir = tempDir();
    const secret = githubPat(31);
    writeTree(dir, { '.gitignore': '.env\n', '.env': `TOKEN=${secret}\n` });
    assert.equal((await runCli(['scan', dir])).code, 0, 'ignored when walking');
    assert.equal((await runCli(['scan', join(dir, '.env')])).code, 1, 'scanned when named');
  });

  it('scans a directory named explicitly even when a .gitignore above it ignores it, and says so', async () => {
    const dir = tempDir();
    git(dir, 'init', '-q');
    writeTree(dir, { '.gitignore': '/out/\n', 'out/gen/a.js': 'x', 'out/gen/.gitignore': '*.map\n', 'out/gen/a.js.map': 'x' });
    const notices: Notice[] = [];
    const paths: string[] = [];
    for await (const e of walk([join(dir, 'out/gen')], { ignoreFiles: true, followSymlinks: false, exclude: [], base: dir }, notices)) paths.push(e.path);
    assert.deepEqual(paths, ['out/gen/.gitignore', 'out/gen/a.js'], 'its own ignore files still apply');
    assert.deepEqual(notices.map((n) => n.kind), ['ignored-root']);
    assert.deepEqual(await walked(dir), ['.gitignore'], 'ignored when walking from the top');
  });

  it('yields files in a deterministic, sorted order', async () => {
    const dir = tempDir();
    writeTree(dir, { 'b/2.txt': 'x', 'a/1.txt': 'x', 'B.txt': 'x', 'a.txt': 'x' });
    // Depth-first over name-sorted entries: a directory's files come where its name sorts.
    assert.deepEqual(await walked(dir), ['B.txt', 'a/1.txt', 'a.txt', 'b/2.txt']);
  });
});
