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

const BASE64 = /(?<![A-Za-z0-9+/_-])(?:[A-Za-z0-9+/]{4}){6,}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?(?![A-Za-z0-9+/_-])/g;
const PERCENT = /[^\s"'<>`]*%[0-9A-Fa-f]{2}[^\s"'<>`]*/g;
const JSON_STRING = /"(?:[^"\\\n]|\\.){0,4096}?\\(?:u[0-9A-Fa-f]{4}|[/"\\bfnrt])(?:[^"\\\n]|\\.){0,4096}?"/g;

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
  BASE64.lastIndex = 0;
  for (let m = BASE64.exec(text); m; m = BASE64.exec(text)) {
    const token = m[0];
    if (token.length > limits.maxLength) continue;
    // Skip inline images and fonts: their base64 is binary and never a secret.
    if (/;base64,$/i.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
    const bytes = Buffer.from(token, 'base64');
    const plain = bytes.toString('utf8');
    if (plain.length < 16 || !printable(plain)) continue;
    if (!take({ encoding: 'base64', start: m.index, end: m.index + token.length, text: plain })) return { decoded, exhausted: true };
  }
  if (text.includes('%')) {
    PERCENT.lastIndex = 0;
    for (let m = PERCENT.exec(text); m; m = PERCENT.exec(text)) {
      if (m[0].length > limits.maxLength) continue;
      let plain: string;
      try {
        plain = decodeURIComponent(m[0].replace(/\+/g, ' '));
      } catch {
        continue;
      }
      if (plain === m[0]) continue;
      if (!take({ encoding: 'percent', start: m.index, end: m.index + m[0].length, text: plain })) return { decoded, exhausted: true };
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
