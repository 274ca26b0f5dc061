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
const MIN_BASE64 = 24;
const isB64 = (c: number): boolean => c < 128 && B64[c] === 1;
const isIdentifierChar = (c: number): boolean => c === 45 || c === 95;

/**
 * Runs of standard base64 (24+ characters, optional = padding) not touching - or _. It probes the
 * 24th character ahead: when that one cannot be in a run, no run fits and 24 characters are skipped
 * unread, so ordinary text costs a fraction of a full pass.
 */
function* base64Runs(text: string): Generator<[number, number]> {
  const n = text.length;
  let i = 0;
  while (i + MIN_BASE64 <= n) {
    const probe = i + MIN_BASE64 - 1;
    if (!isB64(text.charCodeAt(probe))) {
      i = probe + 1;
      continue;
    }
    let q = probe - 1;
    while (q >= i && isB64(text.charCodeAt(q))) q--;
    if (q >= i) {
      i = q + 1;
      continue;
    }
    // Everything from i to the probe is in the alphabet, and i follows a non-alphabet character.
    let runEnd = probe + 1;
    while (runEnd < n && isB64(text.charCodeAt(runEnd))) runEnd++;
    let end = runEnd;
    while (end < n && end - runEnd < 2 && text.charCodeAt(end) === 61) end++;
    const start = i;
    i = end + 1;
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
  for (const [start, end] of base64Runs(text)) {
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
