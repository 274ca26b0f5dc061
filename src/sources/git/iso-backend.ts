import * as fs from 'node:fs';
import { join, resolve } from 'node:path';
import git from 'isomorphic-git';
import type { GitBackend, RepoInfo, Selection, Sighting } from './backend.js';
import { CommitOrder } from './commit-order.js';
import { isGitlinkMode, isTreeMode, parseCommit, parseTree, type ParsedCommit, type TreeEntry } from './objects.js';
import { reflogTargets } from './reflog.js';

/** Where the repository's files are: a linked worktree keeps HEAD apart from the shared objects and refs. */
interface Layout {
  gitdir: string;
  /** The work tree's top directory, or the git directory of a bare repository. */
  root: string;
  /** The worktree's own git directory, holding its HEAD (same as gitdir otherwise). */
  headDir: string;
  bare: boolean;
}

function isGitDir(dir: string): boolean {
  return fs.existsSync(join(dir, 'HEAD')) && fs.existsSync(join(dir, 'objects')) && fs.existsSync(join(dir, 'refs'));
}

/** git's discovery, as far as history needs it: up from `start`, a `.git` directory or file, or a bare repository. */
function locate(start: string): Layout | undefined {
  for (let dir = resolve(start); ; dir = resolve(dir, '..')) {
    const dotGit = join(dir, '.git');
    const st = fs.statSync(dotGit, { throwIfNoEntry: false });
    if (st?.isDirectory() && isGitDir(dotGit)) return { gitdir: dotGit, headDir: dotGit, root: dir, bare: false };
    if (st?.isFile()) {
      const m = /^gitdir: (.+)$/m.exec(fs.readFileSync(dotGit, 'utf8'));
      if (m) {
        const own = resolve(dir, m[1]!.trim());
        const common = fs.existsSync(join(own, 'commondir')) ? resolve(own, fs.readFileSync(join(own, 'commondir'), 'utf8').trim()) : own;
        return { gitdir: common, headDir: own, root: dir, bare: false };
      }
    }
    if (isGitDir(dir)) return { gitdir: dir, headDir: dir, root: dir, bare: true };
    if (dir === resolve(dir, '..')) return undefined;
  }
}

/**
 * History in-process with isomorphic-git, for machines with no git binary. Walks commits and diffs
 * trees itself (reading only subtrees whose ids differ), in the same order and with the same merge
 * rule as `git log --reverse --date-order --diff-merges=combined`, so findings match the CLI's.
 */
export class IsoBackend implements GitBackend {
  readonly name = 'isomorphic';
  readonly lookahead = 1;
  /** isomorphic-git keeps parsed pack indexes here; without it every read re-reads them. */
  private readonly cache = {};
  private readonly commits = new Map<string, ParsedCommit | null>();
  private lastBlob: { sha: string; data: Buffer } | undefined;

  private constructor(
    private readonly layout: Layout,
    readonly info: RepoInfo,
  ) {}

  static async open(path: string): Promise<IsoBackend> {
    const layout = locate(path);
    if (!layout) throw new Error(`not a git repository (or cannot read it): ${path}`);
    const headText = fs.readFileSync(join(layout.headDir, 'HEAD'), 'utf8').trim();
    const ref = /^ref: (.+)$/.exec(headText);
    let head: string | undefined;
    try {
      head = ref ? await git.resolveRef({ fs, gitdir: layout.gitdir, ref: ref[1]! }) : headText;
    } catch {
      head = undefined;
    }
    const backend = new IsoBackend(layout, { gitDir: layout.headDir, root: layout.root, bare: layout.bare, shallow: fs.existsSync(join(layout.gitdir, 'shallow')), head });
    if (head !== undefined && !(await backend.commit(head))) backend.info.head = undefined;
    return backend;
  }

  async *sightings(s: Selection): AsyncGenerator<Sighting> {
    const starts = s.revisions.length > 0 ? [...s.revisions] : await this.allTips();
    if (s.reflog) starts.push(...reflogTargets(this.layout.gitdir, this.layout.headDir));
    const stop = new Set<string>();
    const excludeTips = [...s.exclude, ...(s.excludeRemotes ? (await this.refs()).filter((r) => r.name.startsWith('refs/remotes/')).map((r) => r.target) : [])];
    await this.reach(excludeTips, stop, () => true);
    const order = new CommitOrder();
    await this.reach(starts, new Set(stop), (sha, c) => {
      if ((s.since === undefined || c.committerTime >= s.since) && (s.until === undefined || c.committerTime <= s.until)) order.add(sha, c);
      return true;
    });
    for (const sha of order.oldestFirst()) {
      const c = this.commits.get(sha)!;
      const parentTrees = await Promise.all(c.parents.map(async (p) => (await this.commit(p))?.tree));
      for await (const { path, sha: blob } of this.diff(parentTrees[0], c.tree, '')) {
        if (await this.sameInAnotherParent(parentTrees.slice(1), path, blob)) continue;
        yield { commit: c.info, path, blob };
      }
    }
  }

  async unreachableBlobs(): Promise<string[]> {
    return [];
  }

  /** isomorphic-git inflates a whole object to learn its size: the content is kept for the read that follows. */
  async blobSize(sha: string): Promise<number | undefined> {
    const o = await this.readObject(sha);
    this.lastBlob = o ? { sha, data: o.data } : undefined;
    return o?.data.length;
  }

  async readBlob(sha: string): Promise<Buffer | undefined> {
    const kept = this.lastBlob;
    this.lastBlob = undefined;
    return kept?.sha === sha ? kept.data : (await this.readObject(sha))?.data;
  }

  async readObject(oid: string): Promise<{ type: string; data: Buffer } | undefined> {
    try {
      const o = await git.readObject({ fs, gitdir: this.layout.gitdir, oid, format: 'content', cache: this.cache });
      const data = o.object as Uint8Array;
      return { type: o.type, data: Buffer.from(data.buffer, data.byteOffset, data.byteLength) };
    } catch {
      return undefined;
    }
  }

  async refs(): Promise<{ name: string; target: string }[]> {
    // packed-refs' peeled lines come back as names ending in ^{}: they are not refs.
    const names = (await git.listRefs({ fs, gitdir: this.layout.gitdir, filepath: 'refs' })).filter((n) => !n.endsWith('^{}')).map((n) => `refs/${n}`);
    const out: { name: string; target: string }[] = [];
    for (const name of names.sort()) {
      const target = await this.peel(await git.resolveRef({ fs, gitdir: this.layout.gitdir, ref: name }));
      if (target) out.push({ name, target });
    }
    return out;
  }

  async resolve(rev: string): Promise<string | undefined> {
    let sha: string | undefined;
    if (/^[0-9a-f]{40}$/.test(rev)) sha = rev;
    else {
      try {
        sha = rev === 'HEAD' ? this.info.head : await git.expandRef({ fs, gitdir: this.layout.gitdir, ref: rev }).then((full) => git.resolveRef({ fs, gitdir: this.layout.gitdir, ref: full }));
      } catch {
        sha = undefined;
      }
    }
    const peeled = sha && (await this.peel(sha));
    return peeled && (await this.commit(peeled)) ? peeled : undefined;
  }

  close(): void {}

  /** Annotated tags point at tag objects; history starts from what they tag. */
  private async peel(sha: string): Promise<string | undefined> {
    for (let i = 0; i < 10; i++) {
      const o = await this.readObject(sha);
      if (!o) return undefined;
      if (o.type !== 'tag') return sha;
      sha = /^object ([0-9a-f]+)$/m.exec(o.data.toString('utf8'))?.[1] ?? '';
    }
    return undefined;
  }

  private async allTips(): Promise<string[]> {
    return [...(this.info.head ? [this.info.head] : []), ...(await this.refs()).map((r) => r.target)];
  }

  private async commit(sha: string): Promise<ParsedCommit | undefined> {
    let c = this.commits.get(sha);
    if (c === undefined) {
      const o = await this.readObject(sha);
      c = o && o.type === 'commit' ? parseCommit(sha, o.data) : null;
      this.commits.set(sha, c);
    }
    return c ?? undefined;
  }

  /** Marks every commit reachable from `tips` and not in `seen`; `visit` sees each once. */
  private async reach(tips: string[], seen: Set<string>, visit: (sha: string, c: ParsedCommit) => boolean): Promise<Set<string>> {
    const stack = [...tips];
    while (stack.length > 0) {
      const sha = stack.pop()!;
      if (seen.has(sha)) continue;
      seen.add(sha);
      const c = await this.commit(sha);
      if (c && visit(sha, c)) stack.push(...c.parents);
    }
    return seen;
  }

  private async tree(sha: string | undefined): Promise<TreeEntry[]> {
    if (!sha) return [];
    const o = await this.readObject(sha);
    return o && o.type === 'tree' ? parseTree(o.data) : [];
  }

  /** Blobs in tree `b` that tree `a` does not have at the same path with the same id and mode (git diff-tree -r). */
  private async *diff(a: string | undefined, b: string, prefix: string): AsyncGenerator<{ path: string; sha: string }> {
    if (a === b) return;
    const before = new Map((await this.tree(a)).map((e) => [e.name, e]));
    for (const e of await this.tree(b)) {
      const old = before.get(e.name);
      if (old && old.sha === e.sha && old.mode === e.mode) continue;
      const path = prefix + e.name;
      if (isTreeMode(e.mode)) yield* this.diff(old && isTreeMode(old.mode) ? old.sha : undefined, e.sha, `${path}/`);
      else if (!isGitlinkMode(e.mode)) yield { path, sha: e.sha };
    }
  }

  /** git's combined diff lists a merge's path only when it differs from every parent. */
  private async sameInAnotherParent(trees: (string | undefined)[], path: string, blob: string): Promise<boolean> {
    for (const t of trees) if ((await this.entryAt(t, path.split('/')))?.sha === blob) return true;
    return false;
  }

  private async entryAt(tree: string | undefined, parts: string[]): Promise<TreeEntry | undefined> {
    let entry: TreeEntry | undefined;
    for (const part of parts) {
      if (entry && !isTreeMode(entry.mode)) return undefined;
      entry = (await this.tree(entry ? entry.sha : tree)).find((e) => e.name === part);
      if (!entry) return undefined;
    }
    return entry;
  }
}
