import type { ReportedFinding } from '../core/types.js';
import type { ReportContext } from './context.js';
import { renderJson, renderJsonl } from './json.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export type { ReportContext } from './context.js';
export { renderJson, renderJsonl, JSON_REPORT_VERSION } from './json.js';
export { renderSarif } from './sarif.js';
export { renderText, renderNotices } from './text.js';

export const FORMATS = ['text', 'json', 'jsonl', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

const RENDERERS: Record<Format, (findings: readonly ReportedFinding[], ctx: ReportContext) => string> = {
  text: renderText,
  json: renderJson,
  jsonl: renderJsonl,
  sarif: renderSarif,
};

export function render(format: Format, findings: readonly ReportedFinding[], ctx: ReportContext): string {
  return RENDERERS[format](findings, ctx);
}
