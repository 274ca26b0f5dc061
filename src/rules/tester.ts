import type { Rule } from '../core/types.js';
import { Detector } from '../detector/detector.js';
import { expandTemplate, Random } from './template.js';

export interface RuleTestFailure {
  ruleId: string;
  /** Which check failed, in words a rule author can act on. */
  problem: string;
  /** The expanded input (a generated test value; never a real credential). */
  input?: string;
}

export interface RuleTestReport {
  rules: number;
  cases: number;
  failures: RuleTestFailure[];
}

const SAMPLES_PER_TEMPLATE = 3;

/**
 * Runs every rule's examples and counterexamples through a one-rule detector, ESLint RuleTester
 * style. Each template is expanded several times with seeded randomness, so an example that only
 * passes by luck fails here, deterministically.
 */
export function testRules(rules: readonly Rule[], options: { requireExamples?: boolean } = {}): RuleTestReport {
  const failures: RuleTestFailure[] = [];
  let cases = 0;
  const ids = new Set<string>();
  for (const rule of rules) {
    const fail = (problem: string, input?: string): void => {
      failures.push({ ruleId: rule.id, problem, ...(input !== undefined ? { input } : {}) });
    };
    if (ids.has(rule.id)) fail('id is not unique');
    ids.add(rule.id);
    if (options.requireExamples !== false) {
      if (rule.examples.length === 0) fail('has no examples');
      if (rule.counterexamples.length === 0) fail('has no counterexamples');
    }
    const detector = new Detector([rule]);
    const run = (template: string, sample: number, wantMatch: boolean): void => {
      cases++;
      let expanded;
      try {
        expanded = expandTemplate(template, new Random(`${rule.id}\0${template}\0${sample}`));
      } catch (e) {
        fail((e as Error).message);
        return;
      }
      const { findings } = detector.scan({
        text: expanded.text,
        provenance: { kind: 'file', path: expanded.path ?? 'example.txt' },
        lineBase: 0,
        offsetBase: 0,
        columnBase: 0,
      });
      // A checksum-invalid match is still reported (at low confidence); an example must validate.
      const own = findings.filter((f) => f.validation !== 'invalid');
      if (wantMatch) {
        if (own.length !== 1) fail(`example ${JSON.stringify(template)} gave ${own.length} findings, want exactly 1`, expanded.text);
        else if (expanded.secret !== undefined && own[0]!.secret !== expanded.secret) {
          fail(`example ${JSON.stringify(template)} reported ${JSON.stringify(own[0]!.secret)}, want the marked ${JSON.stringify(expanded.secret)}`, expanded.text);
        }
      } else if (own.length > 0) {
        fail(`counterexample ${JSON.stringify(template)} gave ${own.length} finding(s), want none`, expanded.text);
      }
    };
    for (const t of rule.examples) for (let s = 0; s < SAMPLES_PER_TEMPLATE; s++) run(t, s, true);
    for (const t of rule.counterexamples) for (let s = 0; s < SAMPLES_PER_TEMPLATE; s++) run(t, s, false);
  }
  return { rules: rules.length, cases, failures };
}
