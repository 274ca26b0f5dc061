import type { Rule } from '../core/types.js';

/** `leakhound rules list`: the effective rules, as a table or JSON. */
export function rulesList(rules: readonly Rule[], format: 'text' | 'json'): string {
  const sorted = [...rules].sort((a, b) => (a.id < b.id ? -1 : 1));
  if (format === 'json') {
    return JSON.stringify(
      sorted.map((r) => ({ id: r.id, title: r.title, provider: r.provider, severity: r.severity, keywords: r.keywords, validate: r.validate ?? null, tags: r.tags, references: r.references })),
      null,
      2,
    ) + '\n';
  }
  const width = Math.max(...sorted.map((r) => r.id.length), 2);
  const lines = sorted.map((r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  ${r.provider}: ${r.title}${r.validate ? ` (validated: ${r.validate})` : ''}`);
  return `${lines.join('\n')}\n${sorted.length} rules\n`;
}
