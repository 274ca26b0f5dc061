import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Detector } from '../dist/detector/detector.js';
import { loadRuleSet } from '../dist/rules/load.js';

/**
 * Bounded-time harness: every built-in rule runs, through the real detector (windows included),
 * over inputs built to make backtracking regexes blow up: a keyword followed by long runs of
 * the characters rule alphabets are made of, with a character at the end that spoils the match.
 * Linear rules take well under a millisecond per input; the bound is far above that and far
 * below what exponential or high-polynomial backtracking needs on these lengths. Time is this
 * process's CPU time, not wall time, and an input over the bound is measured again (best of three),
 * so a machine busy with other work does not fail the suite.
 */
const BOUND_MS = 250;
const RUN = 3000;
function cpuMs(run: () => void): number {
  const t0 = process.cpuUsage();
  run();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

/** Best of up to three measurements: only a slow first run is repeated. */
function bestCpuMs(run: () => void): number {
  let best = cpuMs(run);
  for (let i = 0; i < 2 && best >= BOUND_MS; i++) best = Math.min(best, cpuMs(run));
  return best;
}

const FILLERS = ['a', 'A', '0', 'aA0', '_', '-', '.', ' ', '\t', '=', '"', "'", '/', '+', 'a-', 'a_', 'a.', 'a=', 'a ', ':', '%2F', '\\n', 'a@', 'eyJ', '\n'];

function adversarial(keyword: string): string[] {
  const out: string[] = [];
  for (const f of FILLERS) {
    const run = f.repeat(Math.ceil(RUN / f.length)).slice(0, RUN);
    out.push(`${keyword}${run}!`, `${run}${keyword}${run}\u0000`, `${keyword}=${run}${keyword}`);
  }
  if (keyword.length > 0) out.push(keyword.repeat(Math.ceil(RUN / keyword.length)));
  return out;
}

describe('regex safety (ReDoS)', () => {
  const { rules } = loadRuleSet();
  for (const rule of rules) {
    it(`${rule.id} stays linear on adversarial input`, () => {
      const detector = new Detector([rule]);
      // A rule limited by `paths` must run: scan the adversarial text as a file its first glob names.
      const path = rule.paths.length > 0 ? rule.paths[0]!.replace(/\*\*\//g, '').replace(/\*/g, 'x') : 'x';
      let worst = 0;
      let worstInput = '';
      for (const keyword of rule.keywords.length > 0 ? rule.keywords : ['']) {
        for (const text of adversarial(keyword)) {
          const ms = bestCpuMs(() => detector.scan({ text, provenance: { kind: 'file', path }, lineBase: 0, offsetBase: 0, columnBase: 0 }));
          if (ms > worst) [worst, worstInput] = [ms, text.slice(0, 40)];
        }
      }
      assert.ok(worst < BOUND_MS, `worst case ${worst.toFixed(0)} ms on input starting ${JSON.stringify(worstInput)}`);
    });
  }

  it('the harness catches a catastrophic regex', () => {
    const evil = { ...rules[0]!, id: 'evil', keywords: ['a'], regex: '(a|a)+$', validate: undefined, filters: [], entropy: undefined } as (typeof rules)[number];
    const detector = new Detector([evil]);
    assert.ok(bestCpuMs(() => detector.scan({ text: `${'a'.repeat(26)}!`, provenance: { kind: 'file', path: 'x' }, lineBase: 0, offsetBase: 0, columnBase: 0 })) > BOUND_MS);
  });
});
