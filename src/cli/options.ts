import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportOptions, Io } from '../commands/scan.js';
import { CONFIDENCES, type Confidence } from '../core/types.js';
import type { ScanOptions } from '../engine/scan.js';
import { FORMATS, type Format } from '../reporters/index.js';
import { loadRuleSet, type RuleSet } from '../rules/load.js';
import { RuleError } from '../rules/schema.js';
import { parseSize } from './output.js';
import { TOOL } from './version.js';

// Option tables and their resolution, shared by the yargs command tree and the `staged` fast path
// (which parses the same tables without loading yargs): this module must not import yargs.

/** Config files picked up from the working directory when --config is not given. */
export const DEFAULT_CONFIGS = ['.leakhound.toml', 'leakhound.toml'];

/** no-color.org and FORCE_COLOR conventions; an explicit flag wins. */
export function colorEnabled(flag: boolean | undefined, isTty: boolean, env: NodeJS.ProcessEnv): boolean {
  if (flag !== undefined) return flag;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined) return env['FORCE_COLOR'] !== '0' && env['FORCE_COLOR'] !== 'false';
  return isTty;
}

export function defaultConfig(dir = '.'): string | undefined {
  return DEFAULT_CONFIGS.map((f) => join(dir, f)).find((f) => existsSync(f));
}

export const EPILOGUE = `Exit codes: 0 no findings, 1 findings (see --exit-code), 2 error.
Secrets are redacted in every output unless --show-secrets is given.
Docs: README.md (rule schema, output formats, benchmarks).`;

/** Options every scanning command takes: report format and destination, rules, confidence, exit code. */
export const REPORT_OPTIONS = {
  format: { alias: 'f', choices: FORMATS, default: 'text' as Format, describe: 'report format' },
  output: { alias: 'o', type: 'string', describe: 'write the report to FILE (atomically) instead of stdout' },
  'show-secrets': { type: 'boolean', default: false, describe: 'print secrets in clear in every output (default: redacted)' },
  color: { type: 'boolean', describe: 'colour text output (--no-color, NO_COLOR and FORCE_COLOR are honoured)' },
  quiet: { alias: 'q', type: 'boolean', default: false, describe: 'no progress, notices or summary; print only findings' },
  verbose: { type: 'boolean', default: false, describe: 'list every skipped file and other informational notices' },
  config: { alias: 'c', type: 'string', describe: `rule/allowlist file (default: ${DEFAULT_CONFIGS.join(' or ')} if present)` },
  'min-confidence': { choices: CONFIDENCES, default: 'medium' as Confidence, describe: 'report findings at or above this confidence' },
  explain: { type: 'boolean', default: false, describe: 'text output: list why each finding has its confidence (JSON and SARIF always carry the reasons)' },
  'exit-code': { type: 'number', default: 1, describe: 'exit code when secrets are found' },
} as const;

/** Options of the commands that may scan a lot: worker threads and the per-file deadline. */
export const POOL_OPTIONS = {
  jobs: { alias: 'j', type: 'number', describe: 'worker threads (default: number of cores)' },
  'file-timeout': { type: 'number', default: 60, describe: 'seconds one file may take before it is abandoned with a notice' },
} as const;

/** `leakhound scan`: report and pool options, and how to walk. */
export const SCAN_OPTIONS = {
  ...REPORT_OPTIONS,
  ...POOL_OPTIONS,
  ignore: { type: 'boolean', default: true, describe: 'honour .gitignore, .git/info/exclude and .leakhoundignore (--no-ignore scans everything)' },
  'follow-symlinks': { type: 'boolean', default: false, describe: 'follow symbolic links while walking (loops are detected)' },
  exclude: { alias: 'x', type: 'string', array: true, default: [] as string[], describe: 'skip paths matching this glob (repeatable)' },
  'max-file-size': { type: 'string', default: '25MB', describe: 'skip (with a notice) files larger than this' },
} as const;

/** `leakhound staged`: the report options, with its own defaults and descriptions where they differ. */
export const STAGED_OPTIONS = {
  ...REPORT_OPTIONS,
  config: { alias: 'c', type: 'string', describe: `rule/allowlist file (default: ${DEFAULT_CONFIGS.join(' or ')} at the repository root if present)` },
  'all-lines': { type: 'boolean', default: false, describe: 'report secrets anywhere in the staged files, not only on the lines this commit adds or changes' },
  'max-file-size': { type: 'string', default: '25MB', describe: 'skip (with a notice) staged files larger than this' },
  'exit-code': { type: 'number', default: 1, describe: 'exit code when secrets are found (1 blocks the commit)' },
} as const;

export interface ReportArgs {
  format: Format;
  output?: string | undefined;
  showSecrets: boolean;
  color?: boolean | undefined;
  quiet: boolean;
  verbose: boolean;
  minConfidence: Confidence;
  explain: boolean;
  exitCode: number;
}

export interface PoolArgs {
  jobs?: number | undefined;
  fileTimeout: number;
}

export type Resolved<T> = T | { error: string };

/** Checks and resolves the report options. */
export function reportOptions(args: ReportArgs, io: Io): Resolved<ReportOptions & { minConfidence: Confidence; showSecrets: boolean }> {
  if (!Number.isInteger(args.exitCode) || args.exitCode < 0 || args.exitCode > 255) return { error: '--exit-code must be 0 to 255' };
  return {
    minConfidence: args.minConfidence,
    showSecrets: args.showSecrets,
    format: args.format,
    ...(args.output !== undefined ? { output: args.output } : {}),
    color: colorEnabled(args.color, process.stdout.isTTY === true, process.env),
    stderrColor: colorEnabled(args.color, io.stderrIsTty, process.env),
    quiet: args.quiet,
    verbose: args.verbose,
    explain: args.explain,
    exitCode: args.exitCode,
    tool: TOOL,
  };
}

function poolOptions(args: PoolArgs): Resolved<Pick<ScanOptions, 'jobs' | 'fileTimeoutMs'>> {
  const jobs = args.jobs;
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) return { error: '--jobs must be a whole number of at least 1' };
  if (!(args.fileTimeout > 0)) return { error: '--file-timeout must be a positive number of seconds' };
  return { ...(jobs !== undefined ? { jobs } : {}), fileTimeoutMs: args.fileTimeout * 1000 };
}

function rules(config: string | undefined): Resolved<RuleSet> {
  try {
    return loadRuleSet(config);
  } catch (e) {
    return { error: e instanceof RuleError ? e.message : `cannot load rules: ${(e as Error).message}` };
  }
}

/** A size flag (`25MB`) in bytes, or the error naming the flag. */
export function sizeOption(flag: string, value: string): Resolved<{ bytes: number }> {
  try {
    return { bytes: parseSize(value) };
  } catch (e) {
    return { error: `${flag}: ${(e as Error).message}` };
  }
}

/** The options `scan` and `history` share: report, pool and rules; or the first error. */
export function commonOptions(args: ReportArgs & PoolArgs & { config?: string | undefined }, io: Io): Resolved<ReportOptions & Pick<ScanOptions, 'ruleSet' | 'jobs' | 'fileTimeoutMs' | 'minConfidence' | 'showSecrets'>> {
  const report = reportOptions(args, io);
  if ('error' in report) return report;
  const pool = poolOptions(args);
  if ('error' in pool) return pool;
  const ruleSet = rules(args.config ?? defaultConfig());
  if ('error' in ruleSet) return ruleSet;
  return { ...report, ...pool, ruleSet };
}

