import type { GitBackend } from './backend.js';
import { isTreeMode, parseCommit, parseTree, treeIds } from './objects.js';

const NONE: readonly string[] = [];

/**
 * Which of a set of wanted blobs a commit's tree holds. Subtrees are shared between refs and
 * commits, so each tree is read once, memoised by id with the wanted blob ids below it (ids, not
 * paths, so the memo stays small however many refs there are). Sibling subtrees are read together
 * so the cat-file pipe stays full.
 */
export class TreeIndex {
  private readonly memo = new Map<string, Promise<readonly string[]>>();

  constructor(
    private readonly backend: GitBackend,
    private readonly wanted: ReadonlySet<string>,
  ) {}

  /** Wanted blobs anywhere in the tree of `target` (a commit); none for anything else. */
  async blobsIn(target: string): Promise<Set<string>> {
    const tree = await this.treeOf(target);
    return new Set(tree ? await this.below(tree) : NONE);
  }

  /** Where in the tree of `target` each wanted blob is: one unmemoised walk, for HEAD. */
  async pathsIn(target: string): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    const walk = async (tree: string, prefix: string): Promise<void> => {
      if ((await this.below(tree)).length === 0) return;
      const entries = await this.entries(tree);
      for (const e of entries) if (!isTreeMode(e.mode) && this.wanted.has(e.sha)) found.set(e.sha, [...(found.get(e.sha) ?? []), prefix + e.name]);
      await Promise.all(entries.filter((e) => isTreeMode(e.mode)).map((e) => walk(e.sha, `${prefix}${e.name}/`)));
    };
    const tree = await this.treeOf(target);
    if (tree) await walk(tree, '');
    return found;
  }

  private async treeOf(target: string): Promise<string | undefined> {
    const o = await this.backend.readObject(target);
    return o && o.type === 'commit' ? parseCommit(target, o.data).tree : undefined;
  }

  private async entries(tree: string) {
    const o = await this.backend.readObject(tree);
    return o && o.type === 'tree' ? parseTree(o.data) : [];
  }

  private below(tree: string): Promise<readonly string[]> {
    let found = this.memo.get(tree);
    if (!found) {
      found = this.collect(tree);
      this.memo.set(tree, found);
    }
    return found;
  }

  private async collect(tree: string): Promise<readonly string[]> {
    const o = await this.backend.readObject(tree);
    if (!o || o.type !== 'tree') return NONE;
    const { trees, others } = treeIds(o.data);
    const ids = new Set(others.filter((id) => this.wanted.has(id)));
    for (const sub of await Promise.all(trees.map((id) => this.below(id)))) for (const id of sub) ids.add(id);
    return ids.size === 0 ? NONE : [...ids];
  }
}
