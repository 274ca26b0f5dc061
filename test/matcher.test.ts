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
  match(text, (m) => out.push(JSON.stringify([m.index, m[0], m.indices, m.groups])));
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
