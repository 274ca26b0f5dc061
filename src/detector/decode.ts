import { Kernels } from './kernels.js';
import { MIN_BASE64 } from './kernels-wat.js';

/**
 * Finds encoded strings that may hide a secret (base64, percent-encoding, JSON escapes) and
 * decodes them. The caller scans each decoded text and reports findings at the encoded span.
 */
export interface Decoded {
  encoding: 'base64' | 'percent' | 'json-escape';
  /** Span of the encoded text in the scanned text. */
  start: number;
  end: number;
  text: string;
}

const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/g;
/** Characters that end a percent-encoded token (URL delimiters in text). */
const TOKEN_END = /[\s"'<>`]/;
const JSON_STRING = /"(?:[^"\\\n]|\\.){0,4096}?\\(?:u[0-9A-Fa-f]{4}|[/"\\bfnrt])(?:[^"\\\n]|\\.){0,4096}?"/g;

/** The standard base64 alphabet; - and _ next to a run mark it as an identifier instead. */
const B64 = (() => {
  const t = new Uint8Array(128);
  for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') t[c.charCodeAt(0)] = 1;
  return t;
})();
const isIdentifierChar = (c: number): boolean => c === 45 || c === 95;

/** Code units handed to the kernel at once, plus an overlap: its memory stays bounded whatever the text. */
const PIECE = 1 << 20;
const TABLE_AT = 0;
const OUT_AT = 128;
let kernels: Kernels | undefined;

/**
 * Maximal runs of standard base64 of MIN_BASE64 to `maxLength` characters, found by the `runs`
 * kernel over UTF-16 copies of the text, a piece at a time. Pieces overlap by `maxLength`, so a run
 * of up to that length is whole in the piece it starts in; one cut by a piece's end is longer.
 */
function alphabetRuns(text: string, maxLength: number): number[] {
  if (!kernels) {
    kernels = new Kernels();
    kernels.bytes.set(B64, TABLE_AT);
  }
  const k = kernels;
  const out: number[] = [];
  const n = text.length;
  for (let from = 0; from < n; from += PIECE) {
    const to = Math.min(n, from + PIECE);
    const end = Math.min(n, to + maxLength + 1);
    const textAt = OUT_AT + (Math.ceil((end - from) / (MIN_BASE64 + 1)) + 1) * 8;
    k.reserve(textAt + (end - from) * 2);
    k.bytes.write(from === 0 && end === n ? text : text.slice(from, end), textAt, 'utf16le');
    const outEnd = k.exports.runs(textAt, end - from, TABLE_AT, OUT_AT);
    for (let i = OUT_AT / 4; i < outEnd / 4; i += 2) {
      const start = from + k.words[i]!;
      const stop = from + k.words[i + 1]!;
      if (start >= to || (stop === end && end < n)) continue;
      // A run at the piece's start may go on from the piece before, which reported it.
      if (start === from && from > 0 && isAlphabet(text.charCodeAt(from - 1))) continue;
      out.push(start, stop);
    }
  }
  return out;
}
const isAlphabet = (c: number): boolean => c < 128 && B64[c] === 1;

/**
 * Runs of standard base64 (24+ characters, optional = padding) not touching - or _, that hold a
 * digit, + or /. Runs longer than `maxLength` may be left out.
 */
export function* base64Runs(text: string, maxLength: number): Generator<[number, number]> {
  const n = text.length;
  const runs = alphabetRuns(text, maxLength);
  for (let r = 0; r < runs.length; r += 2) {
    const start = runs[r]!;
    const runEnd = runs[r + 1]!;
    let end = runEnd;
    while (end < n && end - runEnd < 2 && text.charCodeAt(end) === 61) end++;
    const length = runEnd - start;
    if ((start > 0 && isIdentifierChar(text.charCodeAt(start - 1))) || (end < n && isIdentifierChar(text.charCodeAt(end)))) continue;
    // Encoders pad to a multiple of 4; runs of letters only are words and identifiers.
    if (end === runEnd && length % 4 !== 0) continue;
    if (!/[0-9+/]/.test(text.slice(start, runEnd))) continue;
    yield [start, end];
  }
}

/** Mostly printable text: decoding random binary would only add noise. */
function printable(text: string): boolean {
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) bad++;
  }
  return bad <= text.length * 0.02;
}

export interface DecodeLimits {
  /** Longest encoded string considered. */
  maxLength: number;
  /** Decoded characters per text, all encodings together. */
  budget: number;
}

/** Decoded candidates in `text`, until the budget runs out; `exhausted` says whether it did. */
export function findEncoded(text: string, limits: DecodeLimits): { decoded: Decoded[]; exhausted: boolean } {
  const decoded: Decoded[] = [];
  let budget = limits.budget;
  const take = (d: Decoded): boolean => {
    budget -= d.text.length;
    if (budget < 0) return false;
    decoded.push(d);
    return true;
  };
  for (const [start, end] of base64Runs(text, limits.maxLength)) {
    if (end - start > limits.maxLength) continue;
    // Skip inline images and fonts: their base64 is binary and never a secret.
    if (/;base64,$/i.test(text.slice(Math.max(0, start - 8), start))) continue;
    const plain = Buffer.from(text.slice(start, end), 'base64').toString('utf8');
    if (plain.length < 16 || !printable(plain)) continue;
    if (!take({ encoding: 'base64', start, end, text: plain })) return { decoded, exhausted: true };
  }
  if (text.includes('%')) {
    // Each token holding an escape is decoded once; the escape search itself is a literal scan.
    PERCENT_ESCAPE.lastIndex = 0;
    let covered = -1;
    for (let m = PERCENT_ESCAPE.exec(text); m; m = PERCENT_ESCAPE.exec(text)) {
      if (m.index < covered) continue;
      let start = m.index;
      while (start > 0 && m.index - start < limits.maxLength && !TOKEN_END.test(text[start - 1]!)) start--;
      let end = m.index + 3;
      while (end < text.length && end - start < limits.maxLength && !TOKEN_END.test(text[end]!)) end++;
      covered = end;
      const token = text.slice(start, end);
      let plain: string;
      try {
        plain = decodeURIComponent(token.replace(/\+/g, ' '));
      } catch {
        continue;
      }
      if (plain === token) continue;
      if (!take({ encoding: 'percent', start, end, text: plain })) return { decoded, exhausted: true };
    }
  }
  if (text.includes('\\')) {
    JSON_STRING.lastIndex = 0;
    for (let m = JSON_STRING.exec(text); m; m = JSON_STRING.exec(text)) {
      let plain: string;
      try {
        plain = JSON.parse(m[0]) as string;
      } catch {
        continue;
      }
      if (!take({ encoding: 'json-escape', start: m.index, end: m.index + m[0].length, text: plain })) return { decoded, exhausted: true };
    }
  }
  return { decoded, exhausted: false };
}
