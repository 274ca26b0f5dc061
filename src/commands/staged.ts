import type { Confidence, Notice } from '../core/types.js';
import { ScanRun } from '../engine/scan.js';
import type { RuleSet } from '../rules/load.js';
import { openIndex, stagedTexts } from '../sources/git/staged.js';
import { collect, EXIT_CLEAN, report, type Io, type ReportOptions } from './scan.js';

export interface StagedCommandOptions extends ReportOptions {
  /** Any directory inside the work tree. */
  cwd: string;
  /** Loads the rules once the repository root (where a default config lives) is known. */
  rules: (root: string) => RuleSet;
  allLines: boolean;
  maxFileSize: number;
  minConfidence: Confidence;
  showSecrets: boolean;
}

/**
 * `leakhound staged`: scans what the next commit will contain (the index, not the work tree) and,
 * by default, reports only the secrets on lines this commit adds or changes. Made for a pre-commit
 * hook: one short-lived process, no walk of the work tree, no worker threads for a normal commit.
 */
export async function stagedCommand(options: StagedCommandOptions, io: Io): Promise<number> {
  const index = await openIndex(options.cwd);
  try {
    const notices: Notice[] = [];
    const run = new ScanRun({
      files: stagedTexts(index, { allLines: options.allLines, maxFileSize: options.maxFileSize }, notices),
      base: index.root,
      ruleSet: options.rules(index.root),
      minConfidence: options.minConfidence,
      showSecrets: options.showSecrets,
    });
    const findings = await collect(run);
    run.notices.push(...notices);
    const untouched = run.stats.untouched;
    if (untouched > 0) {
      const s = untouched === 1 ? ' was' : 's were';
      run.notices.push({ kind: 'preexisting', level: 'warning', message: `${untouched} existing secret${s} found in staged files on lines this commit does not change; run \`leakhound history\` (or \`leakhound staged --all-lines\`) to see them` });
    }
    const code = report(run, findings, options, io);
    if (findings.length > 0 && !options.quiet) io.stderr(nextSteps(findings.length, code !== EXIT_CLEAN));
    return code;
  } finally {
    index.close();
  }
}

/** What the developer sees in the hook after the findings: how to get the commit through, safely. */
function nextSteps(count: number, blocked: boolean): string {
  const what = count === 1 ? 'a secret' : `${count} secrets`;
  return [
    '',
    `${blocked ? 'Commit blocked: ' : ''}leakhound found ${what} in the staged changes.`,
    '  1. Remove it from the file and stage the fix (git add); keep it in an untracked .env file or a secret manager.',
    '  2. If it was ever pushed or shared, revoke and rotate it at the provider: deleting it does not un-leak it.',
    '  3. A false positive? Put a `leakhound:allow` comment on that line, stage it, and commit again.',
    '  4. Last resort: `git commit --no-verify` skips every pre-commit check. That is your call.',
    '',
  ].join('\n');
}
