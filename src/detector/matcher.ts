import { compileRegex, splitFlags } from './regex.js';

/**
 * Calls `onMatch` for every match of a rule's regex in `text`, in order, exactly as a global
 * `exec` loop would (empty matches are skipped past).
 */
export type Matcher = (text: string, onMatch: (m: RegExpExecArray) => void) => void;

/**
 * Calls `onMatch` for the matches whose name holds one of `spans`: keyword occurrences in `text`,
 * as [start, end) pairs in increasing end order. Matches come in order, none overlapping, with
 * indices into `text`.
 */
export type AnchoredMatcher = (text: string, spans: readonly number[], onMatch: (m: RegExpExecArray) => void) => void;

/** A rule's regex as the detector runs it; built on first use. */
export interface RuleMatcher {
  /** Every match in a window of text. */
  readonly all: Matcher;
  /** Set for assignment-shaped regexes, whose matches all hold a keyword in their name. */
  readonly around: AnchoredMatcher | undefined;
}

/**
 * A rule regex as a matcher. Assignment-shaped regexes (the generic rules: a name containing a
 * keyword, a quote, spaces, an operator) get faster ones that give the same matches; the rest
 * run as a plain global regex.
 */
export function compileMatcher(source: string): RuleMatcher {
  // Built on first use: analysing an assignment regex maps all 65,536 code units through its
  // classes (~10 ms), which a pre-commit run should pay only if the rule's keywords appear.
  let built: { all: Matcher; around?: AnchoredMatcher } | undefined;
  const build = (): { all: Matcher; around?: AnchoredMatcher } => {
    if (built) return built;
    const shaped = assignmentShape(source);
    if (shaped) return (built = shaped);
    const re = compileRegex(source, 'regex', 'gd');
    return (built = { all: (t, on) => globalMatches(re, t, on) });
  };
  return {
    get all() {
      return build().all;
    },
    get around() {
      return build().around;
    },
  };
}

function globalMatches(re: RegExp, text: string, onMatch: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex++;
    else onMatch(m);
  }
}

/**
 * The shape, as the generic rules write it: `(?<![C])(?<name>[C]{0,N}?(?:ALT)[C]{0,M}?)[Q]{0,K}[ \t]{0,S}(?:OPS)…`
 * (`[Q]?` is K = 1).
 * Such a regex tries a lazy name at every token start of the window, which is where its time goes
 * (0.33 s of a 1.9 s scan of the benchmark for generic-secret alone).
 */
const SHAPE = /^\(\?<!\[([^\]\\]+)\]\)\(\?<name>\[\1\]\{0,(\d+)\}\?\(\?:([^()\\]+)\)\[\1\]\{0,(\d+)\}\?\)\[((?:[^\]\\]|\\.)+)\](?:\?|\{0,(\d)\})\[ \\t\]\{0,(\d+)\}\(\?:/;

/** The window matcher of an assignment-shaped regex, or undefined for any other (the tests ask which rules get one). */
export function assignmentMatcher(source: string): Matcher | undefined {
  return assignmentShape(source)?.all;
}

/**
 * A match of that shape starts at a token of C characters that holds ALT and is followed by
 * at most K Q characters, at most S spaces or tabs, then an operator. So instead of trying every
 * position, `all` finds where ALT can match (natively, every start position, overlapping ones
 * included), and `around` takes the keyword occurrences the prefilter found; both take the token
 * around each, check what follows it, and run the regex (sticky) only at the start of tokens that
 * pass. Matches come out in the same order, and the search resumes after each match, as the global
 * loop does. Sound only when C, Q, blanks and the operators' first characters are disjoint;
 * otherwise (or for any other shape) undefined.
 */
function assignmentShape(source: string): { all: Matcher; around: AnchoredMatcher } | undefined {
  const { source: body, flags } = splitFlags(source);
  const shape = SHAPE.exec(body);
  if (!shape) return undefined;
  const [head, nameClass, before, alt, after, quoteClass, quotes, spaces] = shape as unknown as [string, string, string, string, string, string, string | undefined, string];
  const opChars = firstChars(body, head.length - 3, flags);
  if (!opChars) return undefined;
  const isName = charSet(`[${nameClass}]`, flags);
  const isQuote = charSet(`[${quoteClass}]`, flags);
  const isOp = new Uint8Array(65536);
  for (const c of opChars) isOp[c] = 1;
  const blank = (c: number): boolean => c === 32 || c === 9;
  for (let c = 0; c < 65536; c++) {
    if (Number(isName[c] === 1) + Number(isQuote[c] === 1) + Number(blank(c)) + Number(isOp[c] === 1) > 1) return undefined;
  }
  const maxBlanks = Number(spaces);
  const maxQuotes = quotes === undefined ? 1 : Number(quotes);
  // A name is at most N + |ALT| + M characters; a token longer than this bound cannot be one, and
  // stopping there keeps a megabyte-long token from being walked once per keyword inside it.
  const reach = Number(before) + Number(after) + 256;
  const sticky = compileRegex(source, 'regex', 'yd');
  const altRe = new RegExp(alt, `${flags}g`);
  /**
   * The start of the token holding [from, to) (name characters), if what follows it can start an
   * operator; `tokenEnd` is then where the token ends, which `all` resumes its search from.
   */
  const token = (text: string, from: number, to: number): number | undefined => {
    let start = from;
    while (start > 0 && isName[text.charCodeAt(start - 1)] === 1) if (from - --start > reach) return undefined;
    let j = to;
    while (j < text.length && isName[text.charCodeAt(j)] === 1) if (++j - to > reach) return undefined;
    tokenEnd = j;
    for (let n = 0; n < maxQuotes && isQuote[text.charCodeAt(j)] === 1; n++) j++;
    for (let n = 0; n < maxBlanks && blank(text.charCodeAt(j)); n++) j++;
    return isOp[text.charCodeAt(j)] === 1 ? start : undefined;
  };
  let tokenEnd = 0;
  /** Runs the regex at `start`; where the search resumes after its match, if it matched. */
  const tryAt = (text: string, start: number, onMatch: (m: RegExpExecArray) => void): number | undefined => {
    sticky.lastIndex = start;
    const m = sticky.exec(text);
    if (!m) return undefined;
    onMatch(m);
    return start + m[0].length;
  };
  const all: Matcher = (text, onMatch) => {
    let resume = 0;
    altRe.lastIndex = 0;
    for (let hit = altRe.exec(text); hit; hit = altRe.exec(text)) {
      const at = hit.index;
      // Every position ALT can start at, not only non-overlapping matches.
      altRe.lastIndex = at + 1;
      if (isName[text.charCodeAt(at)] !== 1) continue;
      const start = token(text, at, at + 1);
      // Later ALT positions inside this token would lead back to the same start.
      altRe.lastIndex = Math.max(at + 1, tokenEnd);
      if (start === undefined || start < resume) continue;
      resume = tryAt(text, start, onMatch) ?? resume;
    }
  };
  const around: AnchoredMatcher = (text, spans, onMatch) => {
    let resume = 0;
    let last = -1;
    for (let i = 0; i < spans.length; i += 2) {
      const from = spans[i]!;
      if (from < resume || isName[text.charCodeAt(from)] !== 1) continue;
      const start = token(text, from, spans[i + 1]!);
      // Keywords in one token lead to one start; tokens, like the spans, come in order.
      if (start === undefined || start === last || start < resume) continue;
      last = start;
      resume = tryAt(text, start, onMatch) ?? resume;
    }
  };
  return { all, around };
}

let everyCodeUnit: string | undefined;

/** Which code units a character class matches, with the rule's flags (one pass over all of them). */
function charSet(cls: string, flags: string): Uint8Array {
  // Built in slices: 65,536 spread arguments at once is close to what a worker's stack allows.
  everyCodeUnit ??= Array.from({ length: 16 }, (_, k) => String.fromCharCode(...Array.from({ length: 4096 }, (_, c) => k * 4096 + c))).join('');
  const re = new RegExp(cls, `${flags}g`);
  const set = new Uint8Array(65536);
  for (let m = re.exec(everyCodeUnit); m; m = re.exec(everyCodeUnit)) set[m.index] = 1;
  return set;
}

/**
 * The characters the group opening at `open` can start a match with: each alternative must begin,
 * after any lookbehinds, with a literal character. Undefined when one does not.
 */
function firstChars(body: string, open: number, flags: string): Set<number> | undefined {
  const close = groupEnd(body, open);
  // An optional operator group would let a match end without one.
  if (close === undefined || '?*{'.includes(body[close + 1] ?? '')) return undefined;
  const out = new Set<number>();
  for (let alt of splitAlternatives(body.slice(open + 3, close))) {
    while (alt.startsWith('(?<=') || alt.startsWith('(?<!')) {
      const end = groupEnd(alt, 0);
      if (end === undefined) return undefined;
      alt = alt.slice(end + 1);
    }
    let ch = alt[0];
    if (ch === '\\' && alt.length > 1 && !/[A-Za-z0-9]/.test(alt[1]!)) ch = alt[1];
    else if (ch === undefined || '\\^$.|?*+()[]{}'.includes(ch)) return undefined;
    else if (/^[?*{]/.test(alt.slice(1))) return undefined;
    for (const v of flags.includes('i') ? [ch!.toLowerCase(), ch!.toUpperCase()] : [ch!]) out.add(v.charCodeAt(0));
  }
  return out;
}

/** Index of the `)` closing the group that opens at `open`, skipping escapes and classes. */
function groupEnd(s: string, open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '[') {
      for (i++; i < s.length && s[i] !== ']'; i++) if (s[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return undefined;
}

/** Top-level alternatives of a group body. */
function splitAlternatives(s: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '[') {
      for (i++; i < s.length && s[i] !== ']'; i++) if (s[i] === '\\') i++;
    } else if (c === '(') i = groupEnd(s, i) ?? s.length;
    else if (c === '|') {
      out.push(s.slice(from, i));
      from = i + 1;
    }
  }
  out.push(s.slice(from));
  return out;
}
