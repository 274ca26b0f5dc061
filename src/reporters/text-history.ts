import type { Provenance, ReportedFinding } from '../core/types.js';
import type { ReportContext } from './context.js';
import { details, printable, SEVERITY_COLOR, summary, type Paint } from './text-parts.js';

/**
 * History findings grouped by secret (fingerprint): one block per secret, one line per blob or
 * commit that holds it, so a key committed once and copied to ten branches reads as one problem.
 */
export function renderHistoryText(findings: readonly ReportedFinding[], ctx: ReportContext, paint: Paint): string {
  const groups = new Map<string, ReportedFinding[]>();
  for (const f of findings) groups.set(f.fingerprint, [...(groups.get(f.fingerprint) ?? []), f]);
  const byId = new Map(ctx.rules.map((r) => [r.id, r]));
  const out: string[] = [];
  for (const group of groups.values()) {
    const f = group[0]!;
    out.push(`${paint('bold', f.secret !== undefined ? printable(f.secret) : f.redacted)}  ${paint(SEVERITY_COLOR[f.severity], f.severity)}  ${f.title} ${paint('gray', `[${f.ruleId}]`)}`);
    const stillThere = group.filter((g) => g.provenance.inHead).map((g) => printable(g.provenance.headPath ?? g.path));
    const anyKnown = group.some((g) => g.provenance.inHead !== undefined);
    if (anyKnown) out.push(stillThere.length > 0 ? `  ${paint('red', 'still in HEAD')}: ${[...new Set(stillThere)].join(', ')}` : '  not in HEAD: history only (still readable by anyone with a clone: revoke it)');
    for (const g of group) out.push(`  ${paint('bold', `${printable(g.path)}:${g.start.line}:${g.start.column}`)}  ${origin(g.provenance)}`);
    out.push(...details(f, ctx, paint));
    const ref = byId.get(f.ruleId)?.references[0];
    out.push(paint('gray', `  fix: revoke${ref ? ` (${ref})` : ''} → rotate → remove from code → audit where the commits were pushed`));
    out.push('');
  }
  out.push(summary(findings, ctx, paint));
  return out.join('\n') + '\n';
}

/** `introduced in abc12345 (2024-01-02, Ann <ann@example.com>: "add conf") · 2 more sightings · on refs/heads/main` */
function origin(p: Provenance): string {
  const parts: string[] = [];
  if (p.commit) {
    const who = p.author ? `${p.author.date.slice(0, 10)}, ${p.author.name} <${p.author.email}>` : '';
    parts.push(printable(`introduced in ${p.commit.slice(0, 12)} (${who}${p.subject ? `: "${p.subject}"` : ''})`));
  } else if (p.blob) parts.push(`unreachable blob ${p.blob.slice(0, 12)}`);
  if (p.seenElsewhere) parts.push(`${p.seenElsewhere} more commit/path${p.seenElsewhere === 1 ? '' : 's'} with the same blob`);
  if (p.refs && p.refs.length > 0) parts.push(printable(`on ${p.refs.length > 5 ? `${p.refs.slice(0, 5).join(', ')} and ${p.refs.length - 5} more refs` : p.refs.join(', ')}`));
  return parts.join(' · ');
}
