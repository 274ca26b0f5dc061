import * as fs from 'node:fs';
import { join, resolve } from 'node:path';
import git from 'isomorphic-git';
import type { IndexChange, IndexReader } from './index-reader.js';

const NONE_MODE = '000000';
const NONE_OID = '0'.repeat(40);

/** The `.git` directory for a work tree, or undefined when `.git` is a linked worktree's pointer file. */
function gitDirOf(root: string): string | undefined {
  const dotGit = join(root, '.git');
  return fs.statSync(dotGit).isDirectory() ? dotGit : undefined;
}

/**
 * isomorphic-git over the index and the HEAD tree, for machines without a git binary. It reads
 * the same objects as the CLI and produces the same changes; linked worktrees are not supported
 * (isomorphic-git cannot follow a worktree's shared object store) and say so.
 */
export class IsomorphicIndexReader implements IndexReader {
  private readonly cache = {};

  private constructor(
    readonly root: string,
    private readonly gitdir: string,
  ) {}

  static async open(cwd: string): Promise<IsomorphicIndexReader> {
    const root = await git.findRoot({ fs, filepath: resolve(cwd) }).catch(() => {
      throw new Error(`not a git repository: ${resolve(cwd)}`);
    });
    const gitdir = gitDirOf(root);
    if (gitdir === undefined) throw new Error(`${root} is a linked git worktree, which needs the git binary (isomorphic-git cannot read it)`);
    return new IsomorphicIndexReader(root, gitdir);
  }

  async changes(): Promise<IndexChange[]> {
    const base = { fs, dir: this.root, gitdir: this.gitdir, cache: this.cache };
    const hasHead = await git.resolveRef({ ...base, ref: 'HEAD' }).then(
      () => true,
      () => false,
    );
    const trees = hasHead ? [git.TREE({ ref: 'HEAD' }), git.STAGE()] : [git.STAGE()];
    const changes: IndexChange[] = [];
    await git.walk({
      ...base,
      trees,
      map: async (path, entries) => {
        const [head, stage] = hasHead ? entries : [null, entries[0] ?? null];
        if (path === '.') return true;
        const headType = await head?.type();
        const stageType = await stage?.type();
        if (headType === 'tree' || stageType === 'tree') {
          // Index entries under a directory that HEAD has as a file still need a visit.
          if (headType !== 'tree' || stageType !== 'tree') changes.push(...this.describe(path, headType === 'tree' ? null : head, stageType === 'tree' ? null : stage, await Promise.all([head?.mode(), stage?.mode(), head?.oid(), stage?.oid()])));
          return true;
        }
        changes.push(...this.describe(path, head, stage, await Promise.all([head?.mode(), stage?.mode(), head?.oid(), stage?.oid()])));
        return undefined;
      },
    });
    return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  private describe(path: string, head: unknown, stage: unknown, [hm, sm, ho, so]: (string | number | undefined)[]): IndexChange[] {
    const oldMode = head ? Number(hm).toString(8).padStart(6, '0') : NONE_MODE;
    const newMode = stage ? Number(sm).toString(8).padStart(6, '0') : NONE_MODE;
    const oldOid = head ? String(ho) : NONE_OID;
    const newOid = stage ? String(so) : NONE_OID;
    if (oldMode === newMode && oldOid === newOid) return [];
    const status = !head ? 'A' : !stage ? 'D' : oldMode.slice(0, 2) !== newMode.slice(0, 2) ? 'T' : 'M';
    return [{ status, path, oldMode, newMode, oldOid, newOid }];
  }

  async sizes(): Promise<Map<string, number>> {
    return new Map();
  }

  async read(oid: string): Promise<Buffer> {
    const { blob } = await git.readBlob({ fs, dir: this.root, gitdir: this.gitdir, oid, cache: this.cache });
    return Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  }

  close(): void {}
}

