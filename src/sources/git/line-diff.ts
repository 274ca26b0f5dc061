/**
 * Which lines of a new version of a file are added or changed relative to the old one. Both git
 * backends use this same code, so the CLI and isomorphic-git agree line for line (git's own hunks
 * depend on user config such as diff.algorithm and would not).
 */

/** Past this many edits the exact diff is abandoned for the bounded approximation below. */
const MAX_EDITS = 1000;

/** Splits text into lines the way line numbers count them (a trailing newline ends the last line). */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * 1-based numbers of the lines of `after` that a minimal line diff (Myers) marks as inserted.
 * A change too large for the exact diff falls back to "lines whose text the old version does not
 * hold as many times": a superset of nothing that was there before, at linear cost.
 */
export function addedLines(before: string, after: string): Set<number> {
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const added = new Set<number>();
  if (endB === start) return added;
  if (endA === start) {
    for (let i = start; i < endB; i++) added.add(i + 1);
    return added;
  }
  const inserted = myersInsertions(a.slice(start, endA), b.slice(start, endB)) ?? unmatchedLines(a.slice(start, endA), b.slice(start, endB));
  for (const i of inserted) added.add(start + i + 1);
  return added;
}

/** 0-based indexes of `b` inserted by a shortest edit script, or undefined past MAX_EDITS. */
function myersInsertions(a: string[], b: string[]): number[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, offset, n, m, d);
    }
  }
  return undefined;
}

/** Walks the saved frontiers back from (n, m) and collects the steps that went down (insertions). */
function backtrack(trace: Int32Array[], offset: number, n: number, m: number, dEnd: number): number[] {
  const inserted: number[] = [];
  let x = n;
  let y = m;
  for (let d = dEnd; d > 0; d--) {
    const v = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[offset + prevK]!;
    const prevY = prevX - prevK;
    x = prevX;
    y = prevY;
    if (down) inserted.push(prevY);
  }
  return inserted;
}

function unmatchedLines(a: string[], b: string[]): number[] {
  const available = new Map<string, number>();
  for (const line of a) available.set(line, (available.get(line) ?? 0) + 1);
  const out: number[] = [];
  b.forEach((line, i) => {
    const left = available.get(line) ?? 0;
    if (left > 0) available.set(line, left - 1);
    else out.push(i);
  });
  return out;
}
