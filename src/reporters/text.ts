import type { Notice, ReportedFinding } from '../core/types.js';
import type { ReportContext } from './context.js';
import { renderHistoryText } from './text-history.js';
import { details, painter, printable, SEVERITY_COLOR, summary } from './text-parts.js';

/** Human output: one block per finding with a masked code line and what to do, then a summary. */
export function renderText(findings: readonly ReportedFinding[], ctx: ReportContext): string {
  const paint = painter(ctx.color);
  // History findings (a commit or blob named) read best grouped by secret; a staged blob is a file.
  if (findings.some((f) => f.provenance.commit !== undefined || f.provenance.blob !== undefined)) return renderHistoryText(findings, ctx, paint);
  const byId = new Map(ctx.rules.map((r) => [r.id, r]));
  const out: string[] = [];
  for (const f of findings) {
    const ref = byId.get(f.ruleId)?.references[0];
    out.push(`${paint('bold', `${printable(f.path)}:${f.start.line}:${f.start.column}`)}  ${paint(SEVERITY_COLOR[f.severity], f.severity)}  ${f.title} ${paint('gray', `[${f.ruleId}]`)}`);
    out.push(...details(f, ctx, paint));
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
