import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadBuiltinFiles, loadRuleSet } from '../dist/rules/load.js';
import { parseRuleFile } from '../dist/rules/schema.js';
import { testRules } from '../dist/rules/tester.js';

const files = loadBuiltinFiles();
const rules = files.flatMap((f) => f.rules);

describe('built-in rules', () => {
  it('load without errors', () => {
    assert.deepEqual(files.flatMap((f) => f.errors.map((e) => e.message)), []);
    assert.deepEqual(loadRuleSet().errors.map((e) => e.message), []);
  });

  it('number at least 120, with unique ids', () => {
    assert.ok(rules.length >= 120, `only ${rules.length} rules`);
    const ids = rules.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate ids');
  });

  // A rule limited to some files by `paths` may do without keywords: elsewhere it costs nothing.
  it('each has examples, counterexamples, keywords (or paths) and a reference', () => {
    const bad = rules.filter((r) => r.examples.length < 2 || r.counterexamples.length < 2 || (r.keywords.length === 0 && r.paths.length === 0) || r.references.length === 0).map((r) => r.id);
    assert.deepEqual(bad, []);
  });

  // One test per rule so a failure names the rule, ESLint RuleTester style.
  for (const rule of rules) {
    it(`${rule.id}: examples match exactly once, counterexamples never`, () => {
      const report = testRules([rule]);
      assert.deepEqual(report.failures, []);
    });
  }

  it('keep realistic tokens out of the rule files: every example is a template', () => {
    for (const rule of rules) for (const t of rule.examples) assert.match(t, /\{[a-z_0-9-]+(?::[^}]*)?\}/, `${rule.id}: example ${t} has no placeholder`);
  });
});

describe('rule tester', () => {
  const parse = (toml: string) => parseRuleFile('test.toml', toml);

  it('fails an example that does not match and a counterexample that does', () => {
    const { rules: r, errors } = parse(`
[[rules]]
id = "demo-token"
title = "Demo"
keywords = ["dmo_"]
regex = '''dmo_[a-z]{10}'''
references = ["https://example.invalid"]
examples = ['dmo_{lower:9}', 'x dmo_{lower:10}']
counterexamples = ['dmo_{digit:10}', 'dmo_{lower:12}']
`);
    assert.deepEqual(errors, []);
    const report = testRules(r);
    const problems = report.failures.map((f) => f.problem);
    assert.ok(problems.some((p) => p.includes('example "dmo_{lower:9}" gave 0 findings')));
    assert.ok(problems.some((p) => p.includes('counterexample "dmo_{lower:12}" gave 1')));
    assert.ok(!problems.some((p) => p.includes('dmo_{digit:10}')));
  });

  it('checks the marked secret span', () => {
    const { rules: r } = parse(`
[[rules]]
id = "demo-token"
title = "Demo"
keywords = ["dmo_"]
regex = '''dmo_[a-z]{10}'''
examples = ['key={<}{lower:4}dmo_{lower:10}{>}', 'dmo_{lower:10}']
counterexamples = ['nothing']
`);
    const report = testRules(r);
    assert.equal(report.failures.length, 3, JSON.stringify(report.failures));
    assert.ok(report.failures.every((f) => f.problem.includes('want the marked')));
  });

  const invalid: [string, string, RegExp][] = [
    ['bad id', `id = "Bad_Id"\ntitle = "x"\nregex = 'a'`, /kebab-case/],
    ['missing regex', `id = "a"\ntitle = "x"`, /regex/],
    ['broken regex', `id = "a"\ntitle = "x"\nregex = '(unclosed'`, /not a valid JavaScript regex/],
    ['empty match', `id = "a"\ntitle = "x"\nregex = 'a*'`, /empty string/],
    ['unknown key', `id = "a"\ntitle = "x"\nregex = 'a'\nsevrity = "high"`, /sevrity/],
    ['unknown validator', `id = "a"\ntitle = "x"\nregex = 'a'\nvalidate = "nope"`, /validator/],
    ['bad severity', `id = "a"\ntitle = "x"\nregex = 'a'\nseverity = "urgent"`, /severity/],
    ['non-ascii keyword', `id = "a"\ntitle = "x"\nregex = 'a'\nkeywords = ["clé"]`, /ASCII/],
  ];
  for (const [name, body, want] of invalid) {
    it(`rejects a rule with ${name}, keeping the others`, () => {
      const out = parse(`[[rules]]\n${body}\n\n[[rules]]\nid = "ok-rule"\ntitle = "ok"\nregex = 'zz'\n`);
      assert.equal(out.errors.length, 1);
      assert.match(out.errors[0]!.message, want);
      assert.deepEqual(out.rules.map((x) => x.id), ['ok-rule']);
    });
  }

  it('reports malformed TOML with the file name', () => {
    const out = parse('[[rules]\nid = ');
    assert.equal(out.rules.length, 0);
    assert.match(out.errors[0]!.message, /^test\.toml: not valid TOML/);
  });
});
