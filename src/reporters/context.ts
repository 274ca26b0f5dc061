import type { Notice, Rule, ScanStats, Severity } from '../core/types.js';

/** Everything a reporter may know besides the findings: no globals, no process.env, no cwd. */
export interface ReportContext {
  tool: { name: string; version: string; informationUri: string };
  /** Absolute directory that finding paths are relative to. */
  root: string;
  /** All rules in effect (reporters describe the ones that have findings). */
  rules: readonly Rule[];
  notices: readonly Notice[];
  stats: ScanStats & { hidden: number };
  color: boolean;
  /** Include info-level notices (binary files, symlinks...) one by one rather than as counts. */
  verbose: boolean;
  /** Text output lists why each finding has its confidence (--explain). */
  explain?: boolean;
}

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** The steps that end a leak, in order; shown with every finding. */
export const REMEDIATION = [
  'Revoke the credential at the provider (it must be assumed compromised).',
  'Issue a new one and store it in a secret manager or an untracked environment file.',
  'Remove it from the code and re-stage or commit the change.',
  'Check git history (`leakhound history`): a secret that was ever pushed stays readable there until history is rewritten.',
];
