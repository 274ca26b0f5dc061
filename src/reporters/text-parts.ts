import type { ReportedFinding } from '../core/types.js';
import { formatBytes } from '../sources/read-file.js';
import { type ReportContext, SEVERITY_ORDER } from './context.js';

/** Pieces the file and history text reports share. */
const ANSI = { red: 31, yellow: 33, magenta: 35, cyan: 36, gray: 90, bold: 1 } as const;
export type Paint = (code: keyof typeof ANSI, text: string) => string;
export const SEVERITY_COLOR = { critical: 'magenta', high: 'red', medium: 'yellow', low: 'cyan' } as const;

export function painter(color: boolean): Paint {
  return (code, text) => (color ? `\u001b[${ANSI[code]}m${text}\u001b[0m` : text);
}

/** Control characters in paths or snippets must not drive the terminal. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u009b]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).replace(/\n/g, '\\n');
}

/** The lines under a finding's heading: what was found, the pair, the masked code line, and --explain's reasons. */
export function details(f: ReportedFinding, ctx: ReportContext, paint: Paint): string[] {
  const out: string[] = [];
  const facts = [`secret ${f.secret !== undefined ? printable(f.secret) : f.redacted}`, `confidence ${f.confidence}`];
  if (f.validation !== 'unknown') facts.push(`validation ${f.validation}`);
  if (f.decodedFrom.length > 0) facts.push(`decoded from ${f.decodedFrom.join(' > ')}`);
  out.push(`  ${facts.join(' · ')}`);
  if (f.exposure) out.push(`  ${f.message}`);
  if (f.pair) out.push(`  paired with its ${f.pair.name} at line ${f.pair.start.line} (${f.pair.value !== undefined ? printable(f.pair.value) : f.pair.redacted})`);
  out.push(paint('gray', `  ${String(f.start.line).padStart(5)} | `) + printable(f.snippet));
  if (ctx.explain) for (const r of f.reasons) out.push(paint('gray', `  why: ${printable(r)}`));
  return out;
}

export function summary(findings: readonly ReportedFinding[], ctx: ReportContext, paint: ReturnType<typeof painter>): string {
  const s = ctx.stats;
  const files = new Set(findings.map((f) => f.path)).size;
  const bySeverity = SEVERITY_ORDER.map((sev) => [sev, findings.filter((f) => f.severity === sev).length] as const).filter(([, n]) => n > 0);
  const head =
    findings.length === 0
      ? paint('bold', 'No secrets found.')
      : paint('bold', `${findings.length} secret${findings.length === 1 ? '' : 's'} found in ${files} file${files === 1 ? '' : 's'}`) +
        ` (${bySeverity.map(([sev, n]) => `${n} ${sev}`).join(', ')})`;
  const parts = [`scanned ${s.files} file${s.files === 1 ? '' : 's'} (${formatBytes(s.bytes)}) in ${(s.durationMs / 1000).toFixed(2)}s`];
  if (s.skipped > 0) parts.push(`${s.skipped} skipped`);
  if (s.hidden > 0) parts.push(`${s.hidden} low-confidence hidden (--min-confidence low shows them)`);
  return `${head} · ${parts.join(' · ')}`;
}
