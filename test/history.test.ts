import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { githubPat, REPO, runCli, tempDir, writeTree, type CliOptions } from './helpers.js';

const validateReport = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(REPO, 'schemas/report.schema.json'), 'utf8')));

/** A repository built with the git CLI: isolated config, one fixed date per commit, so ids are stable. */
class Repo {
  private tick = 0;
  constructor(readonly dir: string = tempDir('leakhound-history-'), init = true) {
    if (init) this.git('init', '-q', '-b', 'main');
  }

  /** Merges without committing, conflicts or not: the test writes the resolution. */
  merge(branch: string): void {
    try {
      this.git('merge', '-q', '--no-commit', branch);
    } catch {
      // A conflict: the caller resolves it.
    }
  }

  git(...args: string[]): string {
    const date = `2024-01-01T${String(this.tick).padStart(2, '0')}:00:00Z`;
    const r = spawnSync('git', args, {
      cwd: this.dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: this.dir, GIT_AUTHOR_NAME: 'Ann', GIT_AUTHOR_EMAIL: 'ann@example.invalid', GIT_COMMITTER_NAME: 'Ann', GIT_COMMITTER_EMAIL: 'ann@example.invalid', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  }

  /** Writes (or, for null, deletes) files, commits everything, returns the new commit id. */
  commit(message: string, files: Record<string, string | null> = {}): string {
    this.tick++;
    for (const [path, content] of Object.entries(files)) {
      if (content === null) rmSync(join(this.dir, path));
      else writeTree(this.dir, { [path]: content });
    }
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }
}

interface Seen {
  path: string;
  commit?: string;
  inHead?: boolean;
  headPath?: string;
  refs?: string[];
  seenElsewhere?: number;
  fingerprint: string;
  line: number;
}

interface HistoryResult {
  code: number | null;
  stderr: string;
  findings: Seen[];
  notices: { kind: string; message: string; level: string }[];
}

async function history(repo: string, args: string[] = [], options: CliOptions = {}): Promise<HistoryResult> {
  const r = await runCli(['history', repo, '--format', 'json', '--jobs', '1', ...args], options);
  if (r.code === 2) return { code: r.code, stderr: r.stderr, findings: [], notices: [] };
  assert.ok(r.stdout.length > 0, `leakhound history ${args.join(' ')} printed no report (exit ${r.code}): ${r.stderr}`);
  const doc = JSON.parse(r.stdout) as { findings: never[]; notices: HistoryResult["notices"] };
  assert.ok(validateReport(doc), JSON.stringify(validateReport.errors));
  const findings = doc.findings.map((f: { path: string; fingerprint: string; start: { line: number }; provenance: Omit<Seen, 'fingerprint' | 'line'> }) => {
    const { path, commit, inHead, headPath, refs, seenElsewhere } = f.provenance;
    return { path, commit, inHead, headPath, refs, seenElsewhere, fingerprint: f.fingerprint, line: f.start.line };
  });
  return { code: r.code, stderr: r.stderr, findings, notices: doc.notices };
}

const line = (seed: number): string => `token = "${githubPat(seed)}"\n`;

describe('leakhound history', () => {
  it('finds a secret that was added and then deleted, naming the commit that added it', async () => {
    const repo = new Repo();
    repo.commit('init', { 'README.md': '# app\n' });
    const added = repo.commit('add config', { 'config.txt': `debug = true\n${line(1)}` });
    repo.commit('remove config', { 'config.txt': null });
    const r = await history(repo.dir);
    assert.equal(r.code, 1);
    assert.deepEqual(r.findings, [{ path: 'config.txt', commit: added, inHead: false, headPath: undefined, refs: [], seenElsewhere: 0, fingerprint: r.findings[0]!.fingerprint, line: 2 }]);
    const text = await runCli(['history', repo.dir, '--jobs', '1']);
    assert.match(text.stdout, /not in HEAD/);
    assert.match(text.stdout, new RegExp(`config\\.txt:2:10 {2}introduced in ${added.slice(0, 12)} \\(2024-01-01, Ann <ann@example\\.invalid>: "add config"\\)`));
    assert.ok(!text.stdout.includes(githubPat(1)), 'redacted');
  });

  it('scans side branches, tags and stashes, and names the refs that still hold the blob', async () => {
    const repo = new Repo();
    repo.commit('init', { 'a.txt': 'a\n' });
    repo.git('checkout', '-q', '-b', 'side');
    const side = repo.commit('side work', { 'side.txt': line(2) });
    repo.git('checkout', '-q', '-b', 'release');
    const tagged = repo.commit('release notes', { 'notes.txt': line(3) });
    repo.git('tag', '-a', 'v1', '-m', 'v1');
    repo.git('checkout', '-q', 'main');
    repo.git('branch', '-D', 'release');
    writeTree(repo.dir, { 'a.txt': `a\n${line(4)}` });
    repo.git('stash', '-q');
    const r = await history(repo.dir);
    const byPath = new Map(r.findings.map((f) => [f.path, f]));
    assert.deepEqual([...byPath.keys()].sort(), ['a.txt', 'notes.txt', 'side.txt']);
    assert.equal(byPath.get('side.txt')!.commit, side);
    assert.deepEqual(byPath.get('side.txt')!.refs, ['refs/heads/side', 'refs/tags/v1']);
    assert.equal(byPath.get('notes.txt')!.commit, tagged);
    assert.deepEqual(byPath.get('notes.txt')!.refs, ['refs/tags/v1']);
    assert.deepEqual(byPath.get('a.txt')!.refs, ['refs/stash']);
    assert.ok(r.findings.every((f) => f.inHead === false));
    const onlyMain = await history(repo.dir, ['--branch', 'main']);
    assert.deepEqual(onlyMain.findings, []);
    assert.equal(onlyMain.code, 0);
  });

  it('reports a renamed file once, and a blob copied to another branch once, with every ref', async () => {
    const repo = new Repo();
    const added = repo.commit('add', { 'old/name.txt': line(5) });
    repo.git('checkout', '-q', '-b', 'copy');
    repo.git('checkout', '-q', 'main');
    repo.git('mv', 'old/name.txt', 'new-name.txt');
    repo.commit('rename');
    repo.git('checkout', '-q', 'copy');
    repo.commit('copy it', { 'elsewhere.txt': line(5) });
    repo.git('checkout', '-q', 'main');
    const r = await history(repo.dir);
    assert.equal(r.findings.length, 1, JSON.stringify(r.findings));
    const f = r.findings[0]!;
    assert.equal(f.commit, added);
    assert.equal(f.path, 'old/name.txt');
    assert.equal(f.seenElsewhere, 2, 'the rename and the copy');
    assert.equal(f.inHead, true);
    assert.equal(f.headPath, 'new-name.txt');
    assert.deepEqual(f.refs, ['refs/heads/copy', 'refs/heads/main']);
  });

  it('attributes a secret merged from a branch to the branch commit, and finds one written in a merge resolution', async () => {
    const repo = new Repo();
    repo.commit('init', { 'f.txt': 'base\n' });
    repo.git('checkout', '-q', '-b', 'feature');
    const feature = repo.commit('feature', { 'feature.txt': line(6), 'f.txt': 'feature side\n' });
    repo.git('checkout', '-q', 'main');
    repo.commit('main side', { 'f.txt': 'main side\n' });
    repo.merge('feature');
    writeTree(repo.dir, { 'f.txt': `resolved\n${line(7)}` });
    const merge = repo.commit('merge feature');
    const r = await history(repo.dir);
    const byPath = new Map(r.findings.map((f) => [f.path, f]));
    assert.equal(byPath.get('feature.txt')?.commit, feature);
    assert.deepEqual(byPath.get('feature.txt')?.refs, ['refs/heads/feature', 'refs/heads/main']);
    assert.equal(byPath.get('f.txt')?.commit, merge, 'content only the merge wrote');
    assert.equal(r.findings.length, 2);
  });

  it('finds what an amend replaced only with --reflog or --unreachable', async () => {
    const repo = new Repo();
    repo.commit('init', { 'a.txt': 'a\n' });
    repo.commit('oops', { 'b.txt': line(8) });
    writeTree(repo.dir, { 'b.txt': 'token = read_from_env()\n' });
    repo.git('add', '-A');
    repo.git('commit', '-q', '--amend', '-m', 'fixed');
    assert.deepEqual((await history(repo.dir)).findings, []);
    assert.equal((await history(repo.dir, ['--reflog'])).findings.length, 1);
    assert.equal((await history(repo.dir, ['--unreachable'])).findings.length, 1);
  });

  it('--range scans only commits in B and not in A; --diff only their added lines, with the commit that added them', async () => {
    const repo = new Repo();
    const base = repo.commit('old secret', { 'app.cfg': `a = 1\n${line(9)}` });
    repo.git('checkout', '-q', '-b', 'pr');
    const pr = repo.commit('new secret', { 'app.cfg': `a = 1\n${line(9)}b = 2\n${line(10)}` });
    const range = await history(repo.dir, ['--range', `main..pr`]);
    assert.equal(range.findings.length, 2, 'the changed blob holds both secrets');
    assert.ok(range.findings.every((f) => f.commit === pr));
    const diff = await history(repo.dir, ['--range', `${base}..${pr}`, '--diff']);
    assert.deepEqual(
      diff.findings.map((f) => [f.path, f.commit, f.line]),
      [['app.cfg', pr, 4]],
    );
    const bad = await history(repo.dir, ['--range', 'main...pr']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /two dots/);
    const unknown = await history(repo.dir, ['--range', 'nope..pr']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown revision or not a commit: nope/);
  });

  it('a zero range base (a push creating a branch) scans only commits on no remote-tracking ref', async () => {
    const upstream = new Repo();
    upstream.commit('published', { 'old.txt': line(11) });
    const clone = new Repo(tempDir('leakhound-clone-'), false);
    spawnSync('git', ['clone', '-q', upstream.dir, clone.dir], { env: { ...process.env, HOME: clone.dir, GIT_CONFIG_NOSYSTEM: '1' } });
    clone.git('checkout', '-q', '-b', 'topic');
    const mine = clone.commit('new', { 'new.txt': line(12) });
    const r = await history(clone.dir, ['--range', `${'0'.repeat(40)}..HEAD`]);
    assert.deepEqual(r.findings.map((f) => [f.path, f.commit]), [['new.txt', mine]]);
    assert.equal((await history(clone.dir)).findings.length, 2);
  });

  it('honours --exclude, --since/--until and --max-blob-size', async () => {
    const repo = new Repo();
    repo.commit('one', { 'vendor/lib.txt': line(13) });
    repo.commit('two', { 'big.txt': `${'x'.repeat(4096)}\n${line(14)}` });
    repo.commit('three', { 'late.txt': line(15) });
    assert.deepEqual((await history(repo.dir, ['--exclude', 'vendor/**'])).findings.map((f) => f.path).sort(), ['big.txt', 'late.txt']);
    assert.deepEqual((await history(repo.dir, ['--since', '2024-01-01T02:00:00Z', '--until', '2024-01-01T02:30:00Z'])).findings.map((f) => f.path), ['big.txt']);
    const small = await history(repo.dir, ['--max-blob-size', '1KB']);
    assert.deepEqual(small.findings.map((f) => f.path).sort(), ['late.txt', 'vendor/lib.txt']);
    assert.ok(small.notices.some((n) => n.kind === 'too-large' && /over --max-blob-size/.test(n.message)));
    assert.equal((await history(repo.dir, ['--since', 'someday'])).code, 2);
  });

  it('counts binary blobs in one notice and notes LFS pointers', async () => {
    const repo = new Repo();
    const files: Record<string, string> = { 'lfs.bin': 'version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12\n' };
    for (let i = 0; i < 5; i++) files[`img${i}.bin`] = `bin\u0000ary ${i}`;
    repo.commit('assets', files);
    const r = await history(repo.dir);
    assert.deepEqual(r.notices.filter((n) => n.kind === 'binary').map((n) => n.message), ['5 binary blobs skipped (NUL byte in the first 8 KiB)']);
    assert.ok(r.notices.some((n) => n.kind === 'lfs-pointer'));
  });

  it('exits 2 outside a repository, 0 with a notice in an empty one, and warns about shallow clones', async () => {
    const plain = tempDir();
    const outside = await history(plain);
    assert.equal(outside.code, 2);
    assert.match(outside.stderr, /not a git repository/);
    const missing = await history(join(plain, 'nope'));
    assert.equal(missing.code, 2);
    const empty = new Repo();
    const r = await history(empty.dir);
    assert.equal(r.code, 0);
    assert.ok(r.notices.some((n) => /no commits yet/.test(n.message)));
    const upstream = new Repo();
    upstream.commit('one', { 'a.txt': line(16) });
    upstream.commit('two', { 'b.txt': 'b\n' });
    const shallow = tempDir();
    spawnSync('git', ['clone', '-q', '--depth', '1', `file://${upstream.dir}`, join(shallow, 'c')], { env: { ...process.env, HOME: shallow, GIT_CONFIG_NOSYSTEM: '1' } });
    const s = await runCli(['history', join(shallow, 'c'), '--jobs', '1']);
    assert.match(s.stderr, /warning: shallow clone/);
    assert.equal(s.code, 1, 'a.txt is still in the shallow tip');
  });

  it('reports a missing object and goes on with the rest', async () => {
    const repo = new Repo();
    repo.commit('two files', { 'a.txt': line(17), 'b.txt': line(18) });
    const blob = repo.git('rev-parse', 'HEAD:a.txt');
    unlinkSync(join(repo.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    const r = await history(repo.dir);
    assert.equal(r.code, 1);
    assert.deepEqual(r.findings.map((f) => f.path), ['b.txt']);
    assert.ok(r.notices.some((n) => n.kind === 'unreadable' && n.message.includes(blob)));
  });

  it('works from a subdirectory, on a detached HEAD, in a bare clone and in a linked worktree', async () => {
    const repo = new Repo();
    const first = repo.commit('one', { 'src/a.txt': line(19) });
    repo.commit('two', { 'src/b.txt': 'b\n' });
    repo.git('checkout', '-q', '--detach', first);
    const fromSub = await history(join(repo.dir, 'src'));
    assert.deepEqual(fromSub.findings.map((f) => [f.path, f.inHead]), [['src/a.txt', true]]);
    const bare = join(tempDir(), 'bare.git');
    spawnSync('git', ['clone', '-q', '--bare', repo.dir, bare], { env: { ...process.env, HOME: repo.dir, GIT_CONFIG_NOSYSTEM: '1' } });
    assert.deepEqual((await history(bare)).findings.map((f) => [f.path, f.commit]), [['src/a.txt', first]]);
    const wt = join(tempDir(), 'wt');
    repo.git('worktree', 'add', '-q', wt, 'main');
    assert.deepEqual((await history(wt)).findings.map((f) => f.path), ['src/a.txt']);
    const bin = tempDir();
    symlinkSync(process.execPath, join(bin, 'node'));
    for (const where of [wt, bare, join(repo.dir, 'src')]) assert.deepEqual((await history(where, [], { env: { PATH: bin } })).findings, (await history(where)).findings, where);
  });

  it('handles thousands of refs, and groups text output by secret', async () => {
    const repo = new Repo();
    const first = repo.commit('add', { 'app.env': `A=1\n${line(27)}` });
    repo.commit('edit around it', { 'app.env': `A=2\n${line(27)}` });
    const refs = Array.from({ length: 3000 }, (_, i) => `create refs/heads/many/b${i} ${first}\n`).join('');
    const r = spawnSync('git', ['update-ref', '--stdin'], { cwd: repo.dir, input: refs });
    assert.equal(r.status, 0, r.stderr?.toString());
    const found = await history(repo.dir);
    assert.equal(found.findings.length, 2, 'two blobs hold the secret');
    assert.equal(found.findings[0]!.refs!.length, 3000);
    assert.deepEqual(found.findings[1]!.refs, ['refs/heads/main']);
    const text = await runCli(['history', repo.dir, '--jobs', '1']);
    assert.equal(text.stdout.match(/github-classic-pat/g)?.length, 1, 'one block for the secret');
    assert.match(text.stdout, /still in HEAD: app\.env/);
    assert.match(text.stdout, /app\.env:2:10 {2}introduced in .* · on refs\/heads\/many\/b0, .* and 2995 more refs/);
  });

  it('gives the same findings without a git binary (isomorphic-git)', async () => {
    const repo = new Repo();
    repo.commit('init', { 'f.txt': 'base\n', 'keep.txt': line(20) });
    repo.git('checkout', '-q', '-b', 'feature');
    repo.commit('feature', { 'feature.txt': line(21), 'f.txt': 'feature\n' });
    repo.git('checkout', '-q', 'main');
    repo.commit('main', { 'f.txt': 'main\n', 'gone.txt': line(22) });
    repo.merge('feature');
    writeTree(repo.dir, { 'f.txt': `merged\n${line(23)}` });
    repo.commit('merge');
    repo.git('mv', 'keep.txt', 'kept.txt');
    repo.commit('rename', { 'gone.txt': null });
    repo.git('tag', '-a', 'v1', '-m', 'v1');
    repo.git('gc', '-q');
    repo.commit('after pack', { 'late.txt': line(24) });
    const cli = await history(repo.dir, [], { env: { LEAKHOUND_GIT_BACKEND: 'cli' } });
    assert.equal(cli.findings.length, 5);
    // A PATH holding only node: no git to find.
    const bin = tempDir();
    symlinkSync(process.execPath, join(bin, 'node'));
    const iso = await history(repo.dir, [], { env: { PATH: bin, LEAKHOUND_GIT_BACKEND: undefined } });
    assert.equal(iso.code, 1, iso.stderr);
    assert.deepEqual(iso.findings, cli.findings);
    assert.deepEqual((await history(repo.dir, ['--branch', 'feature'], { env: { PATH: bin } })).findings, (await history(repo.dir, ['--branch', 'feature'])).findings);
    const noDiff = await history(repo.dir, ['--range', 'HEAD~1..HEAD', '--diff'], { env: { PATH: bin } });
    assert.equal(noDiff.code, 2);
    assert.match(noDiff.stderr, /--diff needs the git binary/);
  });

  it('SARIF gives a region only for blobs HEAD still holds', async () => {
    const repo = new Repo();
    repo.commit('both', { 'here.txt': line(25), 'gone.txt': line(26) });
    repo.commit('drop one', { 'gone.txt': null });
    const r = await runCli(['history', repo.dir, '--format', 'sarif', '--jobs', '1']);
    const results = JSON.parse(r.stdout).runs[0].results as { locations: { physicalLocation: { artifactLocation: { uri: string }; region?: unknown } }[]; properties: { inHead: boolean; commit: string } }[];
    const byUri = new Map(results.map((x) => [x.locations[0]!.physicalLocation.artifactLocation.uri, x]));
    assert.ok(byUri.get('here.txt')!.locations[0]!.physicalLocation.region);
    assert.equal(byUri.get('gone.txt')!.locations[0]!.physicalLocation.region, undefined);
    assert.equal(byUri.get('gone.txt')!.properties.inHead, false);
    assert.match(byUri.get('gone.txt')!.properties.commit, /^[0-9a-f]{40}$/);
  });
});

