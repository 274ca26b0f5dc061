import { Kernels } from './kernels.js';

/** Sizes the prefilter works in; the defaults suit every caller but tests. */
export interface PrefilterLimits {
  /** Characters handed to the automaton at once: the module's memory stays below about this plus the table. */
  segment?: number;
  /** Hit records each stream holds before the loop stops to move them out (tests make it tiny). */
  hitsPerStream?: number;
}

const DEFAULT_SEGMENT = 4 * 1024 * 1024;
const TABLE_AT = 256;
const STATE_BYTES = 16;
const HIT_BYTES = 8;

/**
 * Multi-keyword prefilter: an Aho-Corasick automaton compiled to a dense DFA over bytes, folded to
 * lower case. One pass over the text finds every keyword occurrence; rules then run their regex
 * only in windows around those hits. Non-ASCII characters reset the automaton: keywords are ASCII.
 * The pass itself runs in WebAssembly (see kernels-wat.ts for why).
 */
export class Prefilter {
  readonly lengths: Int32Array;
  /** Bytes per row of the transition table: a state's row offset divided by this is the state. */
  private readonly rowBytes: number;
  /** For each state, the index into `outputs` where its keyword list starts, or -1. */
  private readonly outStart: Int32Array;
  private readonly outputs: Int32Array;
  private readonly streams: number;
  /** Characters each stream reads before its own slice, so it enters the slice in the right state. */
  private readonly lead: number;
  private readonly segment: number;
  private readonly hitsPerStream?: number;
  private readonly kernels = new Kernels();
  private readonly stateAt: number;

  constructor(keywords: readonly string[], limits: PrefilterLimits = {}) {
    const lower = keywords.map((k) => k.toLowerCase());
    this.lengths = Int32Array.from(lower, (k) => k.length);
    // Characters map to classes first (every character no keyword holds shares class 0): the
    // automaton is built, and later walked, over a few dozen columns instead of 256.
    const classOf = new Uint8Array(256);
    let classes = 1;
    for (const kw of lower) for (let i = 0; i < kw.length; i++) if (classOf[kw.charCodeAt(i)] === 0) classOf[kw.charCodeAt(i)] = classes++;
    // Fold case: an upper-case letter moves like its lower-case twin.
    for (let c = 65; c <= 90; c++) classOf[c] = classOf[c + 32]!;
    this.rowBytes = classes * 4;
    // The trie, one row of `classes` entries per state; 0 is "no edge" (the root is nobody's child).
    const delta: number[] = new Array<number>(classes).fill(0);
    const out: number[][] = [[]];
    lower.forEach((kw, index) => {
      let st = 0;
      for (let i = 0; i < kw.length; i++) {
        const at = st * classes + classOf[kw.charCodeAt(i)]!;
        if (delta[at] === 0) {
          delta[at] = out.length;
          out.push([]);
          for (let k = 0; k < classes; k++) delta.push(0);
        }
        st = delta[at]!;
      }
      out[st]!.push(index);
    });
    const states = out.length;
    // Breadth-first, completing the trie into the automaton: a missing edge goes where the failure
    // state's does, and a state's failure transitions are final before its children are computed.
    const fail = new Int32Array(states);
    const queue: number[] = [];
    for (let k = 1; k < classes; k++) if (delta[k] !== 0) queue.push(delta[k]!);
    for (let head = 0; head < queue.length; head++) {
      const st = queue[head]!;
      out[st]!.push(...out[fail[st]!]!);
      const row = st * classes;
      const failRow = fail[st]! * classes;
      // Class 0 holds no keyword character: from any state it leads back to the root.
      for (let k = 1; k < classes; k++) {
        const child = delta[row + k]!;
        if (child === 0) delta[row + k] = delta[failRow + k]!;
        else {
          fail[child] = delta[failRow + k]!;
          queue.push(child);
        }
      }
    }
    this.outStart = new Int32Array(states).fill(-1);
    const flat: number[] = [];
    for (let st = 0; st < states; st++) {
      if (out[st]!.length === 0) continue;
      this.outStart[st] = flat.length;
      flat.push(out[st]!.length, ...out[st]!);
    }
    this.outputs = Int32Array.from(flat);

    this.streams = this.kernels.exports.streams.value;
    this.lead = Math.max(0, ...this.lengths) - 1;
    this.segment = Math.max(1, limits.segment ?? DEFAULT_SEGMENT);
    if (limits.hitsPerStream !== undefined) this.hitsPerStream = Math.max(1, limits.hitsPerStream);
    this.stateAt = TABLE_AT + states * this.rowBytes;
    this.kernels.reserve(this.stateAt + this.streams * STATE_BYTES);
    this.kernels.bytes.set(classOf, 0);
    // Entries are the byte offset of the next state's row, negated when that state ends a keyword.
    // The root never ends one (keywords are non-empty), so state 0 needs no sign.
    const table = this.kernels.words.subarray(TABLE_AT / 4, this.stateAt / 4);
    for (let i = 0; i < delta.length; i++) {
      const to = delta[i]!;
      table[i] = this.outStart[to]! >= 0 ? -(to * this.rowBytes) : to * this.rowBytes;
    }
  }

  /**
   * Every keyword occurrence, as flat (keywordIndex, endOffset) pairs in increasing end offset.
   * `endOffset` is exclusive: the keyword occupies [end - length, end).
   */
  scan(text: string): number[] {
    // Pairs in an array rather than calls to a callback: a detector's per-hit work, inlined into
    // these loops, made them the largest (and most often recompiled) functions V8 optimised.
    const hits: number[] = [];
    for (let from = 0; from < text.length; from += this.segment) this.scanSegment(text, from, Math.min(text.length, from + this.segment), hits);
    return hits;
  }

  /**
   * One segment, [from, to) of the text, cut into `streams` slices that the module walks side by
   * side. Each slice is preceded by the `lead` characters before it, so its automaton enters the
   * slice in the state a single pass would be in; hits inside that lead belong to the slice before.
   *
   * The automaton reads a Latin-1 copy of the text (one byte per code unit, so offsets agree; a
   * memcpy for one-byte strings). A character above U+00FF keeps only its low byte and might pass
   * for an ASCII letter: such hits are checked against the text and dropped.
   */
  private scanSegment(text: string, from: number, to: number, hits: number[]): void {
    const { streams, lead } = this;
    const slice = Math.ceil((to - from) / streams);
    const count = slice + lead;
    const capacity = this.hitsPerStream ?? (count >> 5) + 64;
    const hitsAt = this.stateAt + streams * STATE_BYTES;
    const textAt = hitsAt + streams * capacity * HIT_BYTES;
    this.kernels.reserve(textAt + lead + streams * slice);
    const { bytes, words } = this.kernels;
    const { run } = this.kernels.exports;
    // The lead of the first slice: the characters before the segment, or bytes of class 0.
    const before = Math.min(lead, from);
    bytes.fill(0, textAt, textAt + lead - before);
    const written = bytes.write(from === 0 && to === text.length ? text : text.slice(from - before, to), textAt + lead - before, 'latin1');
    bytes.fill(0, textAt + lead - before + written, textAt + lead + streams * slice);
    const st = this.stateAt / 4;
    const areas: number[] = [];
    for (let k = 0; k < streams; k++) {
      areas.push(hitsAt + k * capacity * HIT_BYTES);
      words[st + k * 4] = 0;
      words[st + k * 4 + 1] = areas[k]!;
      words[st + k * 4 + 2] = areas[k]! + capacity * HIT_BYTES;
    }
    // A full hit area stops the loop: its records move here, in order, and the loop resumes.
    let spilled: number[][] | undefined;
    for (let p = 0; (p = run(this.stateAt, textAt, slice, count, p)) < count; ) {
      spilled ??= areas.map(() => []);
      for (let k = 0; k < streams; k++) {
        const end = words[st + k * 4 + 1]!;
        for (let h = areas[k]! / 4; h < end / 4; h++) spilled[k]!.push(words[h]!);
        words[st + k * 4 + 1] = areas[k]!;
      }
    }
    for (let k = 0; k < streams; k++) {
      // A record's position p ends a keyword at offset endBase + p. Positions inside the lead were
      // reported by the slice before (or are the zero fill).
      const endBase = from + k * slice - lead + 1;
      const list = spilled?.[k];
      if (list) for (let i = 0; i < list.length; i += 2) if (list[i + 1]! >= lead) this.report(text, list[i]!, endBase + list[i + 1]!, hits);
      const end = words[st + k * 4 + 1]! / 4;
      for (let h = areas[k]! / 4; h < end; h += 2) if (words[h + 1]! >= lead) this.report(text, words[h]!, endBase + words[h + 1]!, hits);
    }
  }

  /** Reports the keywords the state at `rowOffset` ends, at `end`. */
  private report(text: string, rowOffset: number, end: number, hits: number[]): void {
    const o = this.outStart[rowOffset / this.rowBytes]!;
    for (let i = 1, n = this.outputs[o]!; i <= n; i++) {
      const keyword = this.outputs[o + i]!;
      if (ascii(text, end - this.lengths[keyword]!, end)) hits.push(keyword, end);
    }
  }
}

/** Whether text[from, to) is ASCII: a hit there is a real keyword, not a wide character's low byte. */
function ascii(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}
