import type { IndexChange } from './index-reader.js';
import { splitLines } from './line-diff.js';

/** git's default: a pair is a rename when at least half of the content is shared. */
const MIN_SIMILARITY = 0.5;
/** Inexact pairing compares every removed file with every added one: above this, exact pairs only. */
const MAX_INEXACT = 100;

/**
 * Pairs added files with the removed files they were renamed from, so a rename is diffed against
 * its old content instead of counting as all new. Exact renames by object id; then, as `git -M`
 * does, a removed and an added file sharing at least half of their lines. Done here rather than
 * by git so that the CLI and isomorphic-git backends pair files identically. Copies are not
 * paired: a copy puts the secret in a new place, and is reported like any new file.
 */
export async function pairRenames(removed: IndexChange[], added: IndexChange[], read: (oid: string) => Promise<Buffer>): Promise<Map<IndexChange, IndexChange>> {
  const pairs = new Map<IndexChange, IndexChange>();
  const byOid = new Map<string, IndexChange[]>();
  for (const r of removed) byOid.set(r.oldOid, [...(byOid.get(r.oldOid) ?? []), r]);
  const used = new Set<IndexChange>();
  for (const a of added) {
    const r = byOid.get(a.newOid)?.find((c) => !used.has(c));
    if (!r) continue;
    pairs.set(a, r);
    used.add(r);
  }
  const left = removed.filter((r) => !used.has(r));
  const right = added.filter((a) => !pairs.has(a));
  if (left.length === 0 || right.length === 0 || left.length * right.length > MAX_INEXACT * MAX_INEXACT) return pairs;
  const lines = async (oid: string): Promise<Map<string, number>> => {
    const counts = new Map<string, number>();
    for (const l of splitLines((await read(oid)).toString('latin1'))) counts.set(l, (counts.get(l) ?? 0) + 1);
    return counts;
  };
  const before = await Promise.all(left.map((r) => lines(r.oldOid)));
  const after = await Promise.all(right.map((a) => lines(a.newOid)));
  const scored: { a: number; r: number; score: number }[] = [];
  after.forEach((b, ai) =>
    before.forEach((o, ri) => {
      let shared = 0;
      let total = 0;
      for (const [l, n] of b) {
        shared += Math.min(n, o.get(l) ?? 0);
        total += n;
      }
      let oldTotal = 0;
      for (const n of o.values()) oldTotal += n;
      const score = shared / Math.max(total, oldTotal, 1);
      if (score >= MIN_SIMILARITY) scored.push({ a: ai, r: ri, score });
    }),
  );
  scored.sort((x, y) => y.score - x.score || x.a - y.a || x.r - y.r);
  const takenA = new Set<number>();
  const takenR = new Set<number>();
  for (const s of scored) {
    if (takenA.has(s.a) || takenR.has(s.r)) continue;
    takenA.add(s.a);
    takenR.add(s.r);
    pairs.set(right[s.a]!, left[s.r]!);
  }
  return pairs;
}
