/**
 * leakhound's library API. The CLI is built on exactly these pieces:
 *
 *   import { scan, renderSarif } from 'leakhound';
 *   const run = scan({ paths: ['.'] });
 *   for await (const finding of run) console.log(finding.path, finding.redacted);
 */
export { scan, ScanRun, type ScanOptions, type ScanSummary } from './engine/scan.js';
export { render, renderJson, renderJsonl, renderSarif, renderText, renderNotices, FORMATS, JSON_REPORT_VERSION, type Format, type ReportContext } from './reporters/index.js';
export { loadRuleSet, type RuleSet } from './rules/load.js';
export { parseRuleFile, RuleError } from './rules/schema.js';
export { testRules, type RuleTestReport, type RuleTestFailure } from './rules/tester.js';
export { Detector, type DetectorOptions } from './detector/detector.js';
export { redact, fingerprint } from './core/redact.js';
export type * from './core/types.js';
