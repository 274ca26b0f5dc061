/** Counts per code unit below 256, reused: a Map per call cost more than the whole sum. */
const counts = new Int32Array(256);

/** Shannon entropy of a string in bits per character. */
export function shannonEntropy(text: string): number {
  const n = text.length;
  if (n === 0) return 0;
  let wide: Map<number, number> | undefined;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 256) counts[c]!++;
    else (wide ??= new Map()).set(c, (wide.get(c) ?? 0) + 1);
  }
  let bits = 0;
  const add = (k: number): void => {
    const p = k / n;
    bits -= p * Math.log2(p);
  };
  // Visit the characters of the text, not all 256 slots, and zero each slot after use.
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 256 && counts[c] !== 0) {
      add(counts[c]!);
      counts[c] = 0;
    }
  }
  if (wide) for (const k of wide.values()) add(k);
  return bits;
}
