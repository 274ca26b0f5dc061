/**
 * Multi-keyword prefilter: an Aho-Corasick automaton compiled to a dense DFA over ASCII, folded to
 * lower case. One pass over the text finds every keyword occurrence; rules then run their regex
 * only in windows around those hits. Non-ASCII characters reset the automaton: keywords are ASCII.
 */
export class Prefilter {
  /**
   * The DFA: entry [state * 128 + char] is the next state, pre-multiplied by 128 so the loop needs
   * no shift, and negated when that state ends a keyword, so one load per character decides both.
   */
  private readonly next: Int32Array;
  /** For each state, the index into `outputs` where its keyword list starts, or -1. */
  private readonly outStart: Int32Array;
  private readonly outputs: Int32Array;
  readonly keywords: readonly string[];
  readonly lengths: Int32Array;

  constructor(keywords: readonly string[]) {
    this.keywords = keywords.map((k) => k.toLowerCase());
    this.lengths = Int32Array.from(this.keywords, (k) => k.length);
    const goto: Map<number, number>[] = [new Map()];
    const out: number[][] = [[]];
    this.keywords.forEach((kw, index) => {
      let s = 0;
      for (let i = 0; i < kw.length; i++) {
        const c = kw.charCodeAt(i);
        let next = goto[s]!.get(c);
        if (next === undefined) {
          next = goto.length;
          goto.push(new Map());
          out.push([]);
          goto[s]!.set(c, next);
        }
        s = next;
      }
      out[s]!.push(index);
    });
    const states = goto.length;
    const delta = new Int32Array(states * 128);
    const fail = new Int32Array(states);
    // Breadth-first: a state's failure transitions are final before its children are computed.
    const queue: number[] = [];
    for (let c = 0; c < 128; c++) {
      const next = goto[0]!.get(c) ?? 0;
      delta[c] = next;
      if (next !== 0) queue.push(next);
    }
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head]!;
      out[s]!.push(...out[fail[s]!]!);
      for (let c = 0; c < 128; c++) {
        const next = goto[s]!.get(c);
        if (next === undefined) delta[s * 128 + c] = delta[fail[s]! * 128 + c]!;
        else {
          fail[next] = delta[fail[s]! * 128 + c]!;
          delta[s * 128 + c] = next;
          queue.push(next);
        }
      }
    }
    // Fold case: an upper-case letter moves like its lower-case twin.
    for (let s = 0; s < states; s++) for (let c = 65; c <= 90; c++) delta[s * 128 + c] = delta[s * 128 + c + 32]!;
    this.outStart = new Int32Array(states).fill(-1);
    const flat: number[] = [];
    for (let s = 0; s < states; s++) {
      if (out[s]!.length === 0) continue;
      this.outStart[s] = flat.length;
      flat.push(out[s]!.length, ...out[s]!);
    }
    this.outputs = Int32Array.from(flat);
    // The root never ends a keyword (keywords are non-empty), so state 0 needs no sign.
    this.next = delta.map((to) => (this.outStart[to]! >= 0 ? -(to * 128) : to * 128));
  }

  /**
   * Calls `onHit(keywordIndex, endOffset, lineStart)` for every occurrence, in increasing end
   * offset. `endOffset` is exclusive: the keyword occupies [end - length, end). `lineStart` is the
   * offset after the last newline before it, tracked here because searching back for it per hit
   * is quadratic on long lines.
   */
  scan(text: string, onHit: (keyword: number, end: number, lineStart: number) => void): void {
    const { next, outStart, outputs } = this;
    let s = 0;
    let lineStart = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) {
        s = 0;
        continue;
      }
      if (c === 10) lineStart = i + 1;
      let v = next[s + c]!;
      if (v < 0) {
        v = -v;
        const o = outStart[v >> 7]!;
        const count = outputs[o]!;
        for (let k = 1; k <= count; k++) onHit(outputs[o + k]!, i + 1, lineStart);
      }
      s = v;
    }
  }
}
