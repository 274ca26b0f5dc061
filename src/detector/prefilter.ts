/**
 * Multi-keyword prefilter: an Aho-Corasick automaton compiled to a dense DFA over ASCII, folded to
 * lower case. One pass over the text finds every keyword occurrence; rules then run their regex
 * only in windows around those hits. Non-ASCII characters reset the automaton: keywords are ASCII.
 */
export class Prefilter {
  /**
   * The DFA: entry [state * stride + class] is the next state, pre-multiplied by the stride so the
   * loop needs no multiplication, and negated when that state ends a keyword, so one load per
   * character decides both. Characters are mapped to classes first (every character no keyword
   * holds shares class 0): the table is then a third of a 128-column one, and the scan, which is
   * bound by loads from it, stays in cache with 600+ keywords.
   */
  private readonly next: Int32Array;
  /** Character class of each ASCII code (upper-case letters share their lower-case twin's). */
  private readonly classOf: Uint8Array;
  private readonly stride: number;
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
    this.classOf = new Uint8Array(128);
    const representative = [0];
    for (const kw of this.keywords) {
      for (let i = 0; i < kw.length; i++) {
        const c = kw.charCodeAt(i);
        if (this.classOf[c] === 0) {
          this.classOf[c] = representative.length;
          representative.push(c);
        }
      }
    }
    // Fold case: an upper-case letter moves like its lower-case twin.
    for (let c = 65; c <= 90; c++) this.classOf[c] = this.classOf[c + 32]!;
    this.stride = representative.length;
    this.outStart = new Int32Array(states).fill(-1);
    const flat: number[] = [];
    for (let s = 0; s < states; s++) {
      if (out[s]!.length === 0) continue;
      this.outStart[s] = flat.length;
      flat.push(out[s]!.length, ...out[s]!);
    }
    this.outputs = Int32Array.from(flat);
    // The root never ends a keyword (keywords are non-empty), so state 0 needs no sign.
    const stride = this.stride;
    this.next = new Int32Array(states * stride);
    for (let st = 0; st < states; st++) {
      // Class 0 holds no keyword character: from any state it leads back to the root.
      for (let k = 1; k < stride; k++) {
        const to = delta[st * 128 + representative[k]!]!;
        this.next[st * stride + k] = this.outStart[to]! >= 0 ? -(to * stride) : to * stride;
      }
    }
  }

  /**
   * Calls `onHit(keywordIndex, endOffset, lineStart)` for every occurrence, in increasing end
   * offset. `endOffset` is exclusive: the keyword occupies [end - length, end). `lineStart` is the
   * offset after the last newline before it, tracked here because searching back for it per hit
   * is quadratic on long lines.
   */
  scan(text: string, onHit: (keyword: number, end: number, lineStart: number) => void): void {
    const { next, outStart, outputs, classOf, stride } = this;
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
      let v = next[s + classOf[c]!]!;
      if (v < 0) {
        v = -v;
        const o = outStart[(v / stride) | 0]!;
        const count = outputs[o]!;
        for (let k = 1; k <= count; k++) onHit(outputs[o + k]!, i + 1, lineStart);
      }
      s = v;
    }
  }
}
