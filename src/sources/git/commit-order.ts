import type { ParsedCommit } from './objects.js';

/**
 * git's `--date-order` reversed: parents before children, otherwise older committer dates first.
 * Commits with equal dates may come out in another order than git's (it breaks ties by the
 * order it met them in), which only matters for which of two same-second commits "introduced" a blob.
 */
export class CommitOrder {
  private readonly commits = new Map<string, ParsedCommit>();

  add(sha: string, commit: ParsedCommit): void {
    this.commits.set(sha, commit);
  }

  oldestFirst(): string[] {
    const children = new Map<string, number>();
    for (const c of this.commits.values()) for (const p of c.parents) if (this.commits.has(p)) children.set(p, (children.get(p) ?? 0) + 1);
    const heap = new Heap((a: string, b: string) => this.commits.get(a)!.committerTime > this.commits.get(b)!.committerTime || (this.commits.get(a)!.committerTime === this.commits.get(b)!.committerTime && a < b));
    for (const sha of this.commits.keys()) if (!children.has(sha)) heap.push(sha);
    const newestFirst: string[] = [];
    for (let sha = heap.pop(); sha !== undefined; sha = heap.pop()) {
      newestFirst.push(sha);
      for (const p of this.commits.get(sha)!.parents) {
        const left = children.get(p);
        if (left === undefined) continue;
        if (left === 1) {
          children.delete(p);
          heap.push(p);
        } else children.set(p, left - 1);
      }
    }
    return newestFirst.reverse();
  }
}

/** A binary heap; `before(a, b)` says a comes out first. */
class Heap<T> {
  private readonly items: T[] = [];

  constructor(private readonly before: (a: T, b: T) => boolean) {}

  push(item: T): void {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (!this.before(a[i]!, a[up]!)) break;
      [a[i], a[up]] = [a[up]!, a[i]!];
      i = up;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < a.length && this.before(a[l]!, a[best]!)) best = l;
        if (r < a.length && this.before(a[r]!, a[best]!)) best = r;
        if (best === i) break;
        [a[i], a[best]] = [a[best]!, a[i]!];
        i = best;
      }
    }
    return top;
  }
}
