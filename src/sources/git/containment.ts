import type { GitBackend } from './backend.js';
import { isTreeMode, parseCommit, parseTree } from './objects.js';

/** `path\0blob` */
type Placement = string;

/**
 * Which of a few wanted blobs each ref's tip tree holds, and where. Subtrees are shared between
 * refs and commits, so each tree is read once (memoised by id) however many refs point near it;
 * reads of sibling subtrees are issued together so the cat-file pipe stays full.
 */
export class TreeIndex {
  private readonly memo = new Map<string, Promise<Placement[]>>();

  constructor(
    private readonly backend: GitBackend,
    private readonly wanted: ReadonlySet<string>,
  ) {}

  /** Placements of wanted blobs in the tree of the commit (or tag target) `target`; empty for anything else. */
  async inCommit(target: string): Promise<Placement[]> {
    const o = await this.backend.readObject(target);
    if (!o || o.type !== 'commit') return [];
    return this.inTree(parseCommit(target, o.data).tree);
  }

  private inTree(tree: string): Promise<Placement[]> {
    let found = this.memo.get(tree);
    if (!found) {
      found = this.read(tree);
      this.memo.set(tree, found);
    }
    return found;
  }

  private async read(tree: string): Promise<Placement[]> {
    const o = await this.backend.readObject(tree);
    if (!o || o.type !== 'tree') return [];
    const entries = parseTree(o.data);
    const here: Placement[] = entries.filter((e) => !isTreeMode(e.mode) && this.wanted.has(e.sha)).map((e) => `${e.name}\0${e.sha}`);
    const below = await Promise.all(entries.filter((e) => isTreeMode(e.mode)).map(async (e) => (await this.inTree(e.sha)).map((p) => `${e.name}/${p}`)));
    return here.concat(...below);
  }
}

/** Splits a placement back into its path and blob. */
export function unplace(p: Placement): { path: string; blob: string } {
  const nul = p.lastIndexOf('\0');
  return { path: p.slice(0, nul), blob: p.slice(nul + 1) };
}
