import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Provenance, ReportedFinding, Rule, Severity } from '../core/types.js';
import { REMEDIATION, type ReportContext } from './context.js';

/** GitHub code scanning reads `security-severity` (a string, 0.0-10.0) to rank security alerts. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };
const LEVEL: Record<Severity, Sarif.Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
const SRCROOT = '%SRCROOT%';

/** Relative path as a URI reference: each segment percent-encoded (spaces, unicode, newlines). */
function uriOf(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function helpMarkdown(rule: Rule): string {
  const steps = REMEDIATION.map((s, i) => `${i + 1}. ${s}`).join('\n');
  const refs = rule.references.map((r) => `- <${r}>`).join('\n');
  return `**${rule.title}** (${rule.provider})\n\n${rule.description}\n\n**What to do**\n\n${steps}${refs ? `\n\n**References**\n\n${refs}` : ''}\n`;
}

function helpText(rule: Rule): string {
  return `${rule.description} ${REMEDIATION.join(' ')}${rule.references[0] ? ` See ${rule.references[0]}` : ''}`;
}

function descriptor(rule: Rule): Sarif.ReportingDescriptor {
  return {
    id: rule.id,
    name: rule.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description || rule.title },
    help: { text: helpText(rule), markdown: helpMarkdown(rule) },
    ...(rule.references[0] ? { helpUri: rule.references[0] } : {}),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: ['security', 'secret', ...rule.tags], 'security-severity': SECURITY_SEVERITY[rule.severity], precision: 'high', provider: rule.provider },
  };
}

/** Where in history a finding was seen, as result properties (SARIF has no place for commits in a location). */
function gitProperties(p: Provenance): Record<string, unknown> {
  return {
    ...(p.blob ? { blob: p.blob } : {}),
    ...(p.author ? { author: p.author } : {}),
    ...(p.subject !== undefined ? { subject: p.subject } : {}),
    ...(p.inHead !== undefined ? { inHead: p.inHead } : {}),
    ...(p.headPath !== undefined ? { headPath: p.headPath } : {}),
    ...(p.refs ? { refs: p.refs } : {}),
    ...(p.seenElsewhere !== undefined ? { seenElsewhere: p.seenElsewhere } : {}),
  };
}

/** SARIF 2.1.0 for GitHub code scanning and other SARIF consumers. */
export function renderSarif(findings: readonly ReportedFinding[], ctx: ReportContext): string {
  const byId = new Map(ctx.rules.map((r) => [r.id, r]));
  const used = [...new Set(findings.map((f) => f.ruleId))].sort();
  const rules = used.map((id) => byId.get(id)).filter((r): r is Rule => r !== undefined);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const occurrences = new Map<string, number>();
  const results: Sarif.Result[] = findings.map((f) => {
    // Location-free line hash: the same secret in the same file keeps its alert when lines move.
    const key = `${f.path}\0${f.fingerprint}`;
    const n = (occurrences.get(key) ?? 0) + 1;
    occurrences.set(key, n);
    const lineHash = createHash('sha256').update(key).digest('hex').slice(0, 16);
    const p = f.provenance;
    // GitHub rejects a result without a location, and shows a region against the checked-out
    // file: a blob that is no longer at HEAD gets its path alone, and the commit in the message.
    const historyOnly = p.kind === 'git-blob' && p.inHead !== true;
    // After a rename the same blob (so the same line and column) is at HEAD under its new name.
    const uri = uriOf(p.headPath ?? f.path);
    const where = historyOnly && p.commit ? ` Introduced in commit ${p.commit}; not in HEAD (history only).` : '';
    const result: Sarif.Result = {
      ruleId: f.ruleId,
      level: LEVEL[f.severity],
      message: { text: `${f.message} Secret: ${f.redacted}.${where}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri, uriBaseId: SRCROOT },
            ...(historyOnly ? {} : { region: { startLine: f.start.line, startColumn: f.start.column, endLine: f.end.line, endColumn: f.end.column, snippet: { text: f.snippet } } }),
          },
        },
      ],
      ...(f.pair
        ? {
            relatedLocations: [
              {
                id: 1,
                message: { text: `${f.pair.name} (${f.pair.redacted})` },
                physicalLocation: {
                  artifactLocation: { uri: uriOf(f.path), uriBaseId: SRCROOT },
                  region: { startLine: f.pair.start.line, startColumn: f.pair.start.column, endLine: f.pair.end.line, endColumn: f.pair.end.column },
                },
              },
            ],
          }
        : {}),
      partialFingerprints: { primaryLocationLineHash: `${lineHash}:${n}`, 'leakhound/v1': f.fingerprint },
      properties: {
        severity: f.severity,
        confidence: f.confidence,
        validation: f.validation,
        provider: f.provider,
        redacted: f.redacted,
        ...(f.secret !== undefined ? { secret: f.secret } : {}),
        ...(f.decodedFrom.length > 0 ? { decodedFrom: f.decodedFrom } : {}),
        ...(f.exposure ? { exposure: f.exposure } : {}),
        ...(f.pair?.value !== undefined ? { pairValue: f.pair.value } : {}),
        reasons: f.reasons,
        ...(p.commit ? { commit: p.commit } : {}),
        ...(p.kind === 'git-blob' ? gitProperties(p) : {}),
      },
    };
    const ri = index.get(f.ruleId);
    if (ri !== undefined) result.ruleIndex = ri;
    return result;
  });
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: ctx.tool.name, version: ctx.tool.version, semanticVersion: ctx.tool.version, informationUri: ctx.tool.informationUri, rules: rules.map(descriptor) } },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(ctx.root.endsWith('/') ? ctx.root : `${ctx.root}/`).href } },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: ctx.notices.map((n) => ({
              level: n.level === 'warning' ? 'warning' : 'note',
              message: { text: n.message },
              descriptor: { id: n.kind },
              ...(n.path !== undefined && n.path !== '<stdin>' ? { locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(n.path), uriBaseId: SRCROOT } } }] } : {}),
            })),
          },
        ],
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
