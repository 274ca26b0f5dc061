import type { Rule } from '../core/types.js';
import { loadRuleSet } from '../rules/load.js';
import { parseRuleFile } from '../rules/schema.js';
import { testRules } from '../rules/tester.js';
import { readFileSync } from 'node:fs';

export interface RulesTestOptions {
  /** Rule files to test; when empty, the effective rule set (built-ins plus --config). */
  files: string[];
  config?: string;
  write: (line: string) => void;
}

/** `leakhound rules test`: exit 0 when every example matches and no counterexample does. */
export function rulesTest(options: RulesTestOptions): number {
  let rules: Rule[];
  const loadErrors: string[] = [];
  if (options.files.length > 0) {
    rules = [];
    for (const file of options.files) {
      const parsed = parseRuleFile(file, readFileSync(file, 'utf8'));
      rules.push(...parsed.rules);
      loadErrors.push(...parsed.errors.map((e) => e.message));
    }
  } else {
    const set = loadRuleSet(options.config);
    rules = set.rules;
    loadErrors.push(...set.errors.map((e) => e.message));
  }
  for (const e of loadErrors) options.write(`error: ${e}`);
  const report = testRules(rules);
  for (const f of report.failures) options.write(`FAIL ${f.ruleId}: ${f.problem}`);
  const failed = new Set(report.failures.map((f) => f.ruleId)).size;
  options.write(`${report.rules} rules, ${report.cases} cases: ${report.rules - failed} passed, ${failed} failed${loadErrors.length ? `, ${loadErrors.length} load errors` : ''}`);
  return report.failures.length > 0 || loadErrors.length > 0 ? 1 : 0;
}
