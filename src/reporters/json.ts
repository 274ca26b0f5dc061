import type { ReportedFinding } from '../core/types.js';
import type { ReportContext } from './context.js';

/** Bumped only on incompatible changes; fields may be added within a version. */
export const JSON_REPORT_VERSION = 1;

function findingJson(f: ReportedFinding): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    title: f.title,
    provider: f.provider,
    severity: f.severity,
    confidence: f.confidence,
    validation: f.validation,
    message: f.message,
    path: f.path,
    start: f.start,
    end: f.end,
    redacted: f.redacted,
    ...(f.secret !== undefined ? { secret: f.secret } : {}),
    fingerprint: f.fingerprint,
    snippet: f.snippet,
    decodedFrom: f.decodedFrom,
    ...(f.exposure ? { exposure: f.exposure } : {}),
    ...(f.variable !== undefined ? { variable: f.variable } : {}),
    ...(f.pair ? { pair: f.pair } : {}),
    provenance: f.provenance,
    tags: f.tags,
    reasons: f.reasons,
  };
}

function statsJson(ctx: ReportContext): Record<string, unknown> {
  const { files, bytes, skipped, findings, hidden, durationMs } = ctx.stats;
  return { files, bytes, skipped, findings, hidden, durationMs };
}

/** One JSON document (schemas/report.schema.json). */
export function renderJson(findings: readonly ReportedFinding[], ctx: ReportContext): string {
  const doc = {
    version: JSON_REPORT_VERSION,
    tool: { name: ctx.tool.name, version: ctx.tool.version },
    findings: findings.map(findingJson),
    notices: ctx.notices,
    stats: statsJson(ctx),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** JSON Lines: one `finding` object per line, then `notice` lines, then one `summary` line. */
export function renderJsonl(findings: readonly ReportedFinding[], ctx: ReportContext): string {
  const lines = [
    ...findings.map((f) => JSON.stringify({ type: 'finding', version: JSON_REPORT_VERSION, ...findingJson(f) })),
    ...ctx.notices.map((n) => JSON.stringify({ type: 'notice', version: JSON_REPORT_VERSION, ...n })),
    JSON.stringify({ type: 'summary', version: JSON_REPORT_VERSION, tool: { name: ctx.tool.name, version: ctx.tool.version }, stats: statsJson(ctx) }),
  ];
  return lines.join('\n') + '\n';
}
