import type { Notice, ReportedFinding } from '../core/types.js';
import { formatBytes } from '../sources/read-file.js';
import { type ReportContext, SEVERITY_ORDER } from './context.js';
import { renderHistoryText } from './text-history.js';

const ANSI = { red: 31, yellow: 33, magenta: 35, cyan: 36, gray: 90, bold: 1 } as const;

export function painter(color: boolean) {
  return (code: keyof typeof ANSI, text: string): string => (color ? `\u001b[${ANSI[code]}m${text}\u001b[0m` : text);
}

/** Control characters in paths or snippets must not drive the terminal. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u009b]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).replace(/\n/g, '\\n');
}

/** Human output: one block per finding with a masked code line and what to do, then a summary. */
export function renderText(findings: readonly ReportedFinding[], ctx: ReportContext): string {
  const paint = painter(ctx.color);
  const sevColor = { critical: 'magenta', high: 'red', medium: 'yellow', low: 'cyan' } as const;
  const byId = new Map(ctx.rules.map((r) => [r.id, r]));
  const out: string[] = [];
  if (findings.some((f) => f.provenance.kind === 'git-blob')) return renderHistoryText(findings, ctx, paint, printable, summary);
  for (const f of findings) {
    const rule = byId.get(f.ruleId);
    out.push(`${paint('bold', `${printable(f.path)}:${f.start.line}:${f.start.column}`)}  ${paint(sevColor[f.severity], f.severity)}  ${f.title} ${paint('gray', `[${f.ruleId}]`)}`);
    const facts = [`secret ${f.secret !== undefined ? printable(f.secret) : f.redacted}`, `confidence ${f.confidence}`];
    if (f.validation !== 'unknown') facts.push(`validation ${f.validation}`);
    if (f.decodedFrom.length > 0) facts.push(`decoded from ${f.decodedFrom.join(' > ')}`);
    out.push(`  ${facts.join(' · ')}`);
    if (f.exposure) out.push(`  ${f.message}`);
    out.push(paint('gray', `  ${String(f.start.line).padStart(5)} | `) + printable(f.snippet));
    const ref = rule?.references[0];
    out.push(paint('gray', `  fix: revoke${ref ? ` (${ref})` : ''} → rotate → remove from code → check history (leakhound history)`));
    out.push('');
  }
  out.push(summary(findings, ctx, paint));
  return out.join('\n') + '\n';
}

/** Notices for stderr: warnings one by one, info notices counted unless verbose. */
export function renderNotices(notices: readonly Notice[], ctx: Pick<ReportContext, 'color' | 'verbose'>): string {
  const paint = painter(ctx.color);
  const lines: string[] = [];
  const counts = new Map<string, number>();
  for (const n of notices) {
    // A notice with no path is already a summary (history counts binary blobs, it does not list them).
    if (n.level === 'warning' || ctx.verbose || n.path === undefined) lines.push(`${paint(n.level === 'warning' ? 'yellow' : 'gray', n.level)}: ${n.path !== undefined ? `${printable(n.path)}: ` : ''}${n.message}`);
    else counts.set(n.kind, (counts.get(n.kind) ?? 0) + 1);
  }
  const words: Record<string, string> = { binary: 'binary files skipped', symlink: 'symbolic links not followed', 'invalid-utf8': 'files with invalid UTF-8 scanned with replacement characters', 'decode-limit': 'files hit the decoding budget' };
  for (const [kind, n] of counts) lines.push(paint('gray', `info: ${n} ${words[kind] ?? kind} (--verbose lists them)`));
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
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
