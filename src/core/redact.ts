import { createHash } from 'node:crypto';
import type { Finding, ReportedFinding } from './types.js';

/** Random characters shown after a known literal prefix: enough to tell two keys apart, never enough to use. */
const SHOWN_RANDOM_CHARS = 2;
const SNIPPET_WIDTH = 160;
const MASK = '*';

/**
 * A redacted form: the known literal prefix, at most two more characters, and the length.
 * Short secrets show no random characters at all, so a password never leaks by prefix.
 */
export function redact(secret: string, revealPrefix = 0): string {
  const prefix = Math.min(Math.max(revealPrefix, 0), secret.length);
  const random = secret.length - prefix >= 16 ? SHOWN_RANDOM_CHARS : 0;
  return `${secret.slice(0, prefix + random)}${MASK.repeat(4)} (${secret.length} chars)`;
}

/**
 * Content-stable id: the same secret under the same rule has the same fingerprint wherever it
 * appears (another line, file or commit), so baselines survive edits around it.
 * Truncated SHA-256 with a domain prefix, so it cannot be matched against plain hash lists.
 */
export function fingerprint(ruleId: string, secret: string): string {
  return createHash('sha256').update(`leakhound:v1\0${ruleId}\0${secret}`).digest('hex').slice(0, 32);
}

/** Cuts a line around a column so a 50 MB minified line never reaches a terminal whole. */
function window(line: string, start: number, end: number): { text: string; offset: number } {
  if (line.length <= SNIPPET_WIDTH) return { text: line, offset: 0 };
  const room = Math.max(0, SNIPPET_WIDTH - (end - start));
  const from = Math.max(0, start - Math.floor(room / 2));
  const to = Math.min(line.length, Math.max(end, from + SNIPPET_WIDTH));
  return { text: line.slice(from, to), offset: from };
}

/**
 * The only way findings leave the detector for reporters: the secret is masked unless `showSecrets`.
 * `siblings` are the other secrets found in the same file: a line holding two of them must not
 * show the second in one finding's snippet.
 */
export function toReported(finding: Finding, showSecrets: boolean, siblings: readonly string[] = []): ReportedFinding {
  const { secret, revealPrefix, lineText, pair, ...rest } = finding;
  if (pair) siblings = [...siblings, pair.value];
  const redacted = redact(secret, revealPrefix);
  const col = finding.start.column - 1;
  const sameLine = finding.end.line === finding.start.line;
  const endCol = sameLine ? finding.end.column - 1 : lineText.length;
  let snippet: string;
  if (finding.decodedFrom.length > 0 || col < 0 || col > lineText.length) {
    // The secret is not literally on the line (it was encoded), so mask the whole encoded token.
    snippet = showSecrets ? lineText : maskLongTokens(lineText);
  } else {
    const shown = showSecrets ? lineText.slice(col, endCol) : redactInline(lineText.slice(col, endCol), revealPrefix);
    snippet = lineText.slice(0, col) + shown + lineText.slice(endCol);
  }
  if (!showSecrets) for (const other of siblings) if (other.length >= 4) snippet = snippet.split(other).join(redactInline(other, 0));
  const cut = window(snippet.replace(/\t/g, ' '), col, col + Math.min(endCol - col, SNIPPET_WIDTH));
  const reported: ReportedFinding = { ...rest, redacted, fingerprint: fingerprint(finding.ruleId, secret), snippet: cut.text };
  if (showSecrets) reported.secret = secret;
  if (pair) {
    const { value, ...where } = pair;
    reported.pair = { ...where, redacted: redact(value), ...(showSecrets ? { value } : {}) };
  }
  return reported;
}

function redactInline(secret: string, revealPrefix: number): string {
  const keep = Math.min(revealPrefix, secret.length);
  return secret.slice(0, keep) + MASK.repeat(Math.min(12, Math.max(4, secret.length - keep)));
}

/** Masks every run that could be an encoded secret; used when the exact span is unknown. */
function maskLongTokens(line: string): string {
  return line.replace(/[A-Za-z0-9+/=_%\\-]{12,}/g, (m) => m.slice(0, 2) + MASK.repeat(8));
}
