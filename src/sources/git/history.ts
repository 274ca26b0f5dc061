import { statSync } from 'node:fs';
import picomatch from 'picomatch';
import type { Notice, Provenance } from '../../core/types.js';
import { formatBytes, looksBinary } from '../read-file.js';
import type { CommitInfo, GitBackend, Selection, Sighting } from './backend.js';
import { CliBackend } from './cli-backend.js';
import { TreeIndex } from './containment.js';
import { GitError, hasGitBinary } from './git.js';

export type BackendName = 'cli' | 'isomorphic';

export interface HistoryOptions {
  /** A work tree, a directory inside one, a bare repository or a linked worktree. */
  repo: string;
  /** Default: the git CLI when a `git` binary runs, else isomorphic-git. */
  backend?: BackendName;
  /** Only commits reachable from these (branches, tags, any revision); default: every ref. */
  branches?: string[];
  /** Committer dates, in seconds since the epoch, inclusive. */
  since?: number;
  until?: number;
  /** `A..B`: commits reachable from B and not from A. A zero A (a push creating a branch) means "not on any remote-tracking ref". */
  range?: string;
  /** Scan only the lines each selected commit added, naming the commit that added them. */
  diff?: boolean;
  reflog?: boolean;
  unreachable?: boolean;
  maxBlobSize: number;
  /** Globs on repository paths; matching paths are not scanned. */
  exclude?: string[];
}

/** A blob (or a commit's added lines) to scan; structurally the engine's in-memory task. */
export interface BlobTask {
  provenance: Provenance;
  bytes?: Uint8Array;
  text?: string;
  size: number;
}

/** A bad repository or revision: the command reports the message and exits 2. */
export class HistoryError extends Error {}

const ZERO = /^0{40}$|^0{64}$/;
const LFS_POINTER = 'version https://git-lfs.github.com/spec/v1';
/** Blob content in flight ahead of the scanners: one more blob may start past the byte budget, never more. */
const READ_AHEAD_BYTES = 32 * 1024 * 1024;
const READ_AHEAD_BLOBS = 64;

/**
 * Every blob reachable from the selected history, each scanned once, in the order commits
 * introduced them (oldest first): the first sighting of a blob is the commit that introduced it.
 * Later sightings are only counted. Provenance beyond the introducing commit (refs, HEAD) is
 * added by `annotate` once findings are known, so it costs nothing for clean blobs.
 */
export class HistorySource {
  readonly notices: Notice[] = [];
  /** Blob id -> number of (commit, path) sightings; a Map of ids is the only per-blob state kept. */
  private readonly seen = new Map<string, number>();
  private readonly excluded: (path: string) => boolean;
  private binary = 0;
  private lfs = 0;

  private constructor(
    private readonly backend: GitBackend,
    private readonly options: HistoryOptions,
    private readonly selection: Selection,
  ) {
    const globs = options.exclude ?? [];
    this.excluded = globs.length > 0 ? picomatch(globs, { dot: true }) : () => false;
  }

  /** Opens the repository and resolves revisions; throws HistoryError when either is unusable. */
  static async open(options: HistoryOptions): Promise<HistorySource> {
    if (!statSync(options.repo, { throwIfNoEntry: false })?.isDirectory()) throw new HistoryError(`not a directory: ${options.repo}`);
    const name = options.backend ?? (hasGitBinary() ? 'cli' : 'isomorphic');
    let backend: GitBackend;
    try {
      // isomorphic-git is loaded only when used: importing it costs every run (staged included) ~60 ms.
      backend = name === 'cli' ? new CliBackend(options.repo) : await (await import('./iso-backend.js')).IsoBackend.open(options.repo);
    } catch (e) {
      throw new HistoryError(e instanceof GitError || e instanceof HistoryError ? `not a git repository (or cannot read it): ${options.repo}` : (e as Error).message);
    }
    try {
      if (backend.name === 'isomorphic' && (options.diff || options.unreachable)) throw new HistoryError(`${options.diff ? '--diff' : '--unreachable'} needs the git binary (the isomorphic-git backend cannot ${options.diff ? 'diff' : 'list unreachable objects'})`);
      const selection = await select(backend, options);
      return new HistorySource(backend, options, selection);
    } catch (e) {
      backend.close();
      throw e;
    }
  }

  get backendName(): BackendName {
    return this.backend.name;
  }

  /** What finding paths are relative to (the work tree's top, or a bare repository's directory). */
  get root(): string {
    return this.backend.info.root;
  }

  async *tasks(): AsyncGenerator<BlobTask> {
    const info = this.backend.info;
    if (info.shallow) this.warn('shallow clone: commits before the shallow boundary are not in this repository, so their history was not scanned (git fetch --unshallow for a full audit)');
    if (info.head === undefined && (await this.backend.refs()).length === 0) {
      this.notices.push({ kind: 'git', level: 'info', message: 'the repository has no commits yet: nothing to scan' });
      return;
    }
    try {
      if (this.options.diff) yield* this.addedLines();
      else yield* this.blobs();
    } finally {
      for (const f of this.backend.failures ?? []) this.warn(f);
      if (this.binary > 0) this.notices.push({ kind: 'binary', level: 'info', message: `${this.binary} binary blob${this.binary === 1 ? '' : 's'} skipped (NUL byte in the first 8 KiB)` });
      if (this.lfs > 0) this.notices.push({ kind: 'lfs-pointer', level: 'info', message: `${this.lfs} Git LFS pointer file${this.lfs === 1 ? '' : 's'} scanned as pointers: the content they name lives on the LFS server and was not scanned` });
    }
  }

  /**
   * Adds what is known only at the end to findings' provenance: how often the blob was seen
   * elsewhere, whether (and where) HEAD still holds it, and which refs' tips do.
   */
  async annotate(provenances: Provenance[]): Promise<void> {
    const withBlob = provenances.filter((p) => p.blob !== undefined);
    if (withBlob.length === 0) return;
    const index = new TreeIndex(this.backend, new Set(withBlob.map((p) => p.blob!)));
    const head = this.backend.info.head ? await index.pathsIn(this.backend.info.head) : new Map<string, string[]>();
    // One ref at a time: the memo shares work between them, and only one tip's trees are in flight.
    const refs: { name: string; has: Set<string> }[] = [];
    for (const r of await this.backend.refs()) refs.push({ name: r.name, has: await index.blobsIn(r.target) });
    for (const p of withBlob) {
      const blob = p.blob!;
      const headPaths = head.get(blob) ?? [];
      p.seenElsewhere = Math.max(0, (this.seen.get(blob) ?? 1) - 1);
      p.inHead = headPaths.length > 0;
      if (p.inHead) p.headPath = headPaths.includes(p.path) ? p.path : headPaths[0]!;
      p.refs = refs.filter((r) => r.has.has(blob)).map((r) => r.name);
    }
  }

  close(): void {
    this.backend.close();
  }

  private warn(message: string): void {
    this.notices.push({ kind: 'git', level: 'warning', message });
  }

  private async *blobs(): AsyncGenerator<BlobTask> {
    // Sizes are asked far ahead (cheap: no content is inflated), so a blob over the limit is never
    // read, and content reads start in order only while the bytes in flight fit a budget.
    const sizing: { s: Sighting; size: Promise<number | undefined> }[] = [];
    const reading: { s: Sighting; size: number; data: Promise<Buffer | undefined> }[] = [];
    const fresh = this.firstSightings();
    let pending = 0;
    let more = true;
    for (;;) {
      while (more && sizing.length < this.backend.lookahead) {
        const next = await fresh.next();
        if (next.done) more = false;
        else sizing.push({ s: next.value, size: this.backend.blobSize(next.value.blob) });
      }
      if (sizing.length > 0 && reading.length < READ_AHEAD_BLOBS && (reading.length === 0 || pending < READ_AHEAD_BYTES)) {
        const { s, size } = sizing.shift()!;
        const bytes = await size;
        if (bytes === undefined) this.missing(s);
        else if (bytes > this.options.maxBlobSize) this.notices.push({ kind: 'too-large', path: s.path, level: 'warning', message: `skipped blob ${s.blob}: ${formatBytes(bytes)} is over --max-blob-size ${formatBytes(this.options.maxBlobSize)}` });
        else {
          pending += bytes;
          reading.push({ s, size: bytes, data: this.backend.readBlob(s.blob) });
        }
        continue;
      }
      const r = reading.shift();
      if (!r) break;
      const data = await r.data;
      pending -= r.size;
      const task = data ? this.toTask(r.s, data) : this.missing(r.s);
      if (task) yield task;
    }
  }

  private missing(s: Sighting): undefined {
    this.notices.push({ kind: 'unreadable', path: s.path, level: 'warning', message: `blob ${s.blob} is missing or corrupt${s.commit.sha ? ` (in commit ${s.commit.sha})` : ''}: skipped` });
    return undefined;
  }

  /** First sightings of blobs on paths not excluded; every sighting is counted. */
  private async *firstSightings(): AsyncGenerator<Sighting> {
    for await (const s of this.backend.sightings(this.selection)) {
      if (this.excluded(s.path)) continue;
      const n = this.seen.get(s.blob);
      this.seen.set(s.blob, (n ?? 0) + 1);
      if (n === undefined) yield s;
    }
    if (!this.options.unreachable) return;
    for (const blob of await this.backend.unreachableBlobs()) {
      if (this.seen.has(blob)) continue;
      this.seen.set(blob, 1);
      yield { commit: { sha: '', author: { name: '', email: '', date: '' }, subject: '' }, path: `(unreachable)/${blob}`, blob };
    }
  }

  private toTask(s: Sighting, data: Buffer): BlobTask | undefined {
    if (looksBinary(data)) {
      this.binary++;
      return undefined;
    }
    if (data.subarray(0, LFS_POINTER.length).toString('latin1') === LFS_POINTER) this.lfs++;
    return { provenance: { ...provenanceOf(s.commit, s.path), blob: s.blob }, bytes: data, size: data.length };
  }

  private async *addedLines(): AsyncGenerator<BlobTask> {
    for await (const a of this.backend.addedLines!(this.selection)) {
      if (this.excluded(a.path)) continue;
      const size = Buffer.byteLength(a.text);
      if (size > this.options.maxBlobSize) {
        this.notices.push({ kind: 'too-large', path: a.path, level: 'warning', message: `skipped lines added by ${a.commit.sha}: ${formatBytes(size)} is over --max-blob-size` });
        continue;
      }
      yield { provenance: provenanceOf(a.commit, a.path), text: a.text, size };
    }
  }
}

function provenanceOf(c: CommitInfo, path: string): Provenance {
  return c.sha ? { kind: 'git-blob', path, commit: c.sha, author: c.author, subject: c.subject } : { kind: 'git-blob', path };
}

/** Turns branch and range options into commit ids, so no user text reaches git as an option. */
async function select(backend: GitBackend, o: HistoryOptions): Promise<Selection> {
  const resolve = async (rev: string): Promise<string> => {
    const sha = await backend.resolve(rev);
    if (!sha) throw new HistoryError(`unknown revision or not a commit: ${rev}`);
    return sha;
  };
  const selection: Selection = { revisions: [], exclude: [], excludeRemotes: false, reflog: o.reflog === true, unreachable: o.unreachable === true, ...(o.since !== undefined ? { since: o.since } : {}), ...(o.until !== undefined ? { until: o.until } : {}) };
  if (o.range !== undefined) {
    const m = /^(.*?)\.\.(.*)$/.exec(o.range);
    if (!m || o.range.includes('...')) throw new HistoryError(`--range must be A..B (two dots), not ${JSON.stringify(o.range)}`);
    const [from = '', to = ''] = [m[1], m[2]];
    selection.revisions.push(await resolve(to || 'HEAD'));
    if (ZERO.test(from)) selection.excludeRemotes = true;
    else selection.exclude.push(await resolve(from || 'HEAD'));
  }
  for (const b of o.branches ?? []) selection.revisions.push(await resolve(b));
  return selection;
}
