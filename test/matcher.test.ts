import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { assignmentMatcher, compileMatcher } from '../dist/detector/matcher.js';
import { compileRegex } from '../dist/detector/regex.js';
import { loadRuleSet } from '../dist/rules/load.js';

const { rules } = loadRuleSet();
const regexOf = (id: string): string => rules.find((r) => r.id === id)!.regex;

/** What the detector did before matchers: a global exec loop, empty matches skipped. */
function globalMatches(source: string, text: string): string[] {
  const re = compileRegex(source, 'regex', 'gd');
  const out: string[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex++;
    else out.push(JSON.stringify([m.index, m[0], m.indices, m.groups]));
  }
  return out;
}

const compiled = new Map<string, ReturnType<typeof compileMatcher>>();
function matcherMatches(source: string, text: string): string[] {
  let match = compiled.get(source);
  if (!match) compiled.set(source, (match = compileMatcher(source)));
  const out: string[] = [];
  match.all(text, (m) => out.push(JSON.stringify([m.index, m[0], m.indices, m.groups])));
  return out;
}

// Assignments, near misses and noise: names with and without the keywords, every quote, blank
// and operator of the shape (and some that are not), values, non-ASCII, line breaks.
const pick = (xs: string[]): fc.Arbitrary<string> => fc.constantFrom(...xs);
const name = fc.array(pick(['secret', 'TOKEN', 'api_key', 'api.key', 'Access-Key', 'credentials', 'password', 'PWD', 'passphrase', 'x', 'my_', '.', '-', '_', '9', 'é']), { minLength: 1, maxLength: 5 }).map((p) => p.join(''));
const statement = fc
  .tuple(
    pick(['', ' ', '"', '<tok>', '<secret>', '$', '.', '(', 'é']),
    name,
    pick(['', '', '"', "'", '`', ']', '[']),
    pick(['', ' ', '\t', '     ', '  \t ']),
    pick(['=', '=', ':', ':=', '=>', '==', '>', ' ', '', ';']),
    pick(['', ' ', '\t']),
    pick(['', '', '"', "'", 'r"', 'b\'', '`']),
    pick(['aB3dE5gH7jK9mN1pQ', 'Zx8/Yw+7v=Zx8/Yw+7v=', 'hunter2hunter2', 'S3cr3t!pa55', 'x', '${X}', 'aB3dE5gH7jK9mN1pQaB3dE5gH7jK9mN1pQ']),
    pick(['', '"', ';', ' ', '\n', '\r\n', '</secret>', '</tok>', 'é', ',', ')', '\u{1F511}']),
  )
  .map((p) => p.join(''));
const text = fc.array(statement, { maxLength: 8 }).map((p) => p.join(''));

describe('rule matchers', () => {
  it('use the assignment fast path for the generic secret and password rules', () => {
    for (const id of ['generic-secret', 'generic-password']) assert.ok(assignmentMatcher(regexOf(id)), id);
  });

  for (const id of ['generic-secret', 'generic-password']) {
    it(`${id}: the fast path finds exactly the matches of the global regex`, () => {
      const source = regexOf(id);
      let matched = 0;
      fc.assert(
        fc.property(text, (t) => {
          const want = globalMatches(source, t);
          matched += want.length;
          assert.deepEqual(matcherMatches(source, t), want);
        }),
        { numRuns: 3000, seed: 11 },
      );
      // The inputs must exercise matches, not only misses.
      assert.ok(matched > 1000, `only ${matched} matches generated`);
    });
  }

  /** Every occurrence of the rule's keywords, as the prefilter reports them: [start, end) in increasing end order. */
  function keywordSpans(keywords: string[], t: string): number[] {
    const lower = t.toLowerCase();
    const spans: number[] = [];
    for (let end = 1; end <= t.length; end++) for (const k of keywords) if (lower.slice(0, end).endsWith(k.toLowerCase())) spans.push(end - k.length, end);
    return spans;
  }

  for (const id of ['generic-secret', 'generic-password']) {
    it(`${id}: matching at the keyword hits finds exactly the matches of the global regex (its keywords cover every name it accepts)`, () => {
      const rule = rules.find((r) => r.id === id)!;
      const around = compileMatcher(rule.regex).around!;
      let matched = 0;
      fc.assert(
        fc.property(text, (t) => {
          const want = globalMatches(rule.regex, t);
          matched += want.length;
          const got: string[] = [];
          around(t, keywordSpans(rule.keywords, t), (m) => got.push(JSON.stringify([m.index, m[0], m.indices, m.groups])));
          assert.deepEqual(got, want);
        }),
        { numRuns: 3000, seed: 12 },
      );
      assert.ok(matched > 1000, `only ${matched} matches generated`);
    });
  }

  /** Every string a name alternation of literals, `[...]` classes and `?` accepts (the generic rules' ALT). */
  function expand(alt: string): string[] {
    return alt.split('|').flatMap((branch) => {
      let out = [''];
      for (const [, cls, lit, optional] of branch.matchAll(/(?:\[([^\]]+)\]|([^[?]))(\?)?/g)) {
        const choices = cls ? [...cls] : [lit!];
        out = out.flatMap((prefix) => [...(optional ? [prefix] : []), ...choices.map((c) => prefix + c)]);
      }
      return out;
    });
  }

  it('assignment-shaped rules list a keyword inside every name they accept, since they are matched only at keyword hits', () => {
    let checked = 0;
    for (const rule of rules.filter((r) => compileMatcher(r.regex).around)) {
      const alt = /\(\?:([^()\\]+)\)/.exec(rule.regex)![1]!;
      for (const name of expand(alt)) {
        checked++;
        assert.ok(
          rule.keywords.some((k) => name.toLowerCase().includes(k.toLowerCase())),
          `${rule.id}: a name "${name}" holds none of its keywords`,
        );
      }
    }
    assert.ok(checked > 40, `only ${checked} names checked`);
  });

  it('skips a token too long to be a name, without walking it per keyword', () => {
    const around = compileMatcher(regexOf('generic-secret')).around!;
    const long = `${'a'.repeat(100_000)}_secret = aB3dE5gH7jK9mN1pQ`;
    const inLong: string[] = [];
    around(long, [100_001, 100_007], (m) => inLong.push(m[0]));
    assert.deepEqual(inLong, []);
    const inShort: string[] = [];
    around('my_secret = aB3dE5gH7jK9mN1pQ', [3, 9], (m) => inShort.push(m.groups!['secret']!));
    assert.deepEqual(inShort, ['aB3dE5gH7jK9mN1pQ']);
  });

  it('falls back to the plain regex when the shape cannot be anchored soundly', () => {
    const shaped = String.raw`(?i)(?<![a-z_])(?<name>[a-z_]{0,40}?(?:secret)[a-z_]{0,40}?)["']?[ \t]{0,4}(?::|=)(?<secret>\w{8,})`;
    assert.ok(assignmentMatcher(shaped));
    // A quote that is also a name character, an operator that is also one, an optional operator,
    // an operator alternative that does not start with a literal: each breaks the walk back.
    for (const unsound of [shaped.replace(`["']`, `["'_]`), shaped.replace('(?::|=)', '(?::|=|s)'), shaped.replace('(?::|=)', '(?::|=)?'), shaped.replace('(?::|=)', '(?::|\\s=)')]) {
      assert.equal(assignmentMatcher(unsound), undefined, unsound);
      assert.deepEqual(matcherMatches(unsound, 'my_secret: abcdefgh12 secret = x1234567890'), globalMatches(unsound, 'my_secret: abcdefgh12 secret = x1234567890'));
    }
  });
});
