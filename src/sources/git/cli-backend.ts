import { spawn } from 'node:child_process';
import type { AddedLines, CommitInfo, GitBackend, RepoInfo, Selection, Sighting } from './backend.js';
import { GitError, gitSync, ObjectReader } from './git.js';
import { parsePatch } from './patch.js';
import { splitStream } from './stream.js';

const COMMIT_FORMAT = '--format=%x01%H%x00%an%x00%ae%x00%aI%x00%s';
/** Pinned so no user or repository config (diff.noprefix, diff.relative, log.showSignature...) changes what is parsed. */
const LOG_BASE = ['-c', 'core.quotePath=false', 'log', '--no-color', '--no-renames', '--no-relative', '--no-show-signature', '--root', '--reverse', '--date-order', '--diff-merges=combined', COMMIT_FORMAT];
const ZERO_SHA = /^0+$/;

/** Repository facts, or a GitError when `path` is not in a repository. */
export function probeRepo(path: string): RepoInfo {
  const [gitDir = '', bare, shallow] = gitSync(path, ['rev-parse', '--absolute-git-dir', '--is-bare-repository', '--is-shallow-repository']).toString('utf8').trim().split('\n');
  let head: string | undefined;
  try {
    head = gitSync(path, ['rev-parse', '--verify', '-q', 'HEAD^{commit}']).toString('utf8').trim() || undefined;
  } catch {
    head = undefined;
  }
  let root = gitDir;
  if (bare !== 'true') root = gitSync(path, ['rev-parse', '--show-toplevel']).toString('utf8').trim() || gitDir;
  return { gitDir, root, bare: bare === 'true', shallow: shallow === 'true', head };
}

/**
 * History through git's own streams: `git log --raw -z` lists what each commit introduced without
 * reading a single blob, and two pipelined `cat-file` processes learn sizes (`--batch-check`, so a
 * 4 GB blob is skipped without being inflated) and then read content (`--batch`).
 */
export class CliBackend implements GitBackend {
  readonly name = 'cli';
  readonly lookahead = 512;
  readonly info: RepoInfo;
  private readonly sizes: ObjectReader;
  private readonly reader: ObjectReader;
  private fsck: Promise<{ commits: string[]; blobs: string[] }> | undefined;
  /** Set when a log stream ended early (a corrupt or missing commit or tree): the caller turns it into a notice. */
  failures: string[] = [];

  constructor(private readonly cwd: string) {
    this.info = probeRepo(cwd);
    this.sizes = new ObjectReader(cwd, true);
    this.reader = new ObjectReader(cwd);
  }

  async *sightings(selection: Selection): AsyncGenerator<Sighting> {
    const { child, done } = await this.log(['--raw', '--no-abbrev', '-z'], selection);
    let commit: CommitInfo | undefined;
    let header: string[] | undefined;
    let raw: string | undefined;
    for await (const token of splitStream(child.stdout, 0)) {
      if (raw !== undefined) {
        const blob = introduced(raw);
        raw = undefined;
        if (blob && commit) yield { commit, path: token.toString('utf8'), blob };
        continue;
      }
      let text = token.toString('utf8');
      if (text.startsWith('\n')) text = text.slice(1);
      if (header) {
        header.push(text);
        if (header.length === 5) {
          const [sha = '', name = '', email = '', date = '', subject = ''] = header;
          commit = { sha, author: { name, email, date }, subject };
          header = undefined;
        }
      } else if (text.startsWith('\u0001')) header = [text.slice(1)];
      else if (text.startsWith(':')) raw = text;
    }
    await done;
  }

  async *addedLines(selection: Selection): AsyncGenerator<AddedLines> {
    const { child, done } = await this.log(['-p', '-U0', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/'], selection);
    yield* parsePatch(splitStream(child.stdout, 10));
    await done;
  }

  async unreachableBlobs(): Promise<string[]> {
    return (await this.unreachable()).blobs;
  }

  async blobSize(sha: string): Promise<number | undefined> {
    const head = await this.sizes.read(sha);
    return 'missing' in head ? undefined : head.size;
  }

  async readBlob(sha: string): Promise<Buffer | undefined> {
    const o = await this.reader.read(sha);
    return 'missing' in o ? undefined : o.data;
  }

  async readObject(sha: string): Promise<{ type: string; data: Buffer } | undefined> {
    const o = await this.reader.read(sha);
    return 'missing' in o ? undefined : o;
  }

  async refs(): Promise<{ name: string; target: string }[]> {
    const out = gitSync(this.cwd, ['for-each-ref', '--format=%(objectname) %(*objectname) %(refname)']).toString('utf8');
    return out
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => {
        const [object = '', peeled = '', ...name] = l.split(' ');
        return { name: name.join(' '), target: peeled || object };
      });
  }

  async resolve(rev: string): Promise<string | undefined> {
    if (/[\n\r\0]/.test(rev) || rev.length === 0) return undefined;
    const o = await this.sizes.read(`${rev}^{commit}`);
    return 'missing' in o ? undefined : o.sha;
  }

  close(): void {
    this.sizes.close();
    this.reader.close();
  }

  /** Starts `git log` over the selection; revisions go through stdin, so thousands never hit the command line. */
  private async log(extra: string[], s: Selection) {
    const args = [...LOG_BASE, ...extra, '--stdin'];
    if (s.revisions.length === 0) args.push('--all');
    if (s.reflog) args.push('--reflog');
    if (s.excludeRemotes) args.push('--not', '--remotes', '--not');
    if (s.since !== undefined) args.push(`--since=@${s.since}`);
    if (s.until !== undefined) args.push(`--until=@${s.until}`);
    const revs = [...s.revisions, ...s.exclude.map((e) => `^${e}`), ...(s.unreachable ? (await this.unreachable()).commits : [])];
    const child = spawn('git', args, { cwd: this.cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } });
    child.stdin.on('error', () => undefined);
    child.stdin.end(revs.map((r) => `${r}\n`).join(''));
    let stderr = '';
    // Read from the start: a full stderr pipe would stall git and, with it, stdout.
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(0, 4096)));
    const done = new Promise<void>((resolve) => {
      const end = (code: number | null): void => {
        if (code !== 0) this.failures.push(`git log stopped early (${stderr.trim().split('\n')[0] || `exit ${code}`}): history past that point was not scanned`);
        resolve();
      };
      child.on('error', (e) => {
        this.failures.push(`cannot run git log: ${e.message}`);
        resolve();
      });
      child.on('close', end);
    });
    return { child, done };
  }

  private unreachable(): Promise<{ commits: string[]; blobs: string[] }> {
    this.fsck ??= new Promise((resolve) => {
      const found = { commits: [] as string[], blobs: [] as string[] };
      try {
        // --connectivity-only skips checking every blob's content, which is most of fsck's time.
        const out = gitSync(this.cwd, ['fsck', '--unreachable', '--no-reflogs', '--no-progress', '--connectivity-only']).toString('utf8');
        for (const m of out.matchAll(/^unreachable (commit|blob) ([0-9a-f]+)$/gm)) (m[1] === 'commit' ? found.commits : found.blobs).push(m[2]!);
      } catch (e) {
        this.failures.push(`cannot list unreachable objects: ${(e as Error).message}`);
      }
      resolve(found);
    });
    return this.fsck;
  }
}

/** The blob a `--raw` line (`:mode... sha... status`, one colon per parent) puts in the commit's tree, if any. */
function introduced(raw: string): string | undefined {
  const parents = /^:+/.exec(raw)![0].length;
  const fields = raw.slice(parents).split(' ');
  const mode = fields[parents];
  const sha = fields[2 * parents + 1];
  if (!sha || !mode || ZERO_SHA.test(sha) || mode === '160000' || mode === '000000') return undefined;
  return sha;
}

export { GitError };
