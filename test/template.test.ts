import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandTemplate, Random } from '../dist/rules/template.js';
import { VALIDATORS } from '../dist/detector/validators/index.js';

describe('templates', () => {
  it('are deterministic for a seed and vary across seeds', () => {
    const a = expandTemplate('x{alnum:20}', new Random('s')).text;
    assert.equal(a, expandTemplate('x{alnum:20}', new Random('s')).text);
    assert.notEqual(a, expandTemplate('x{alnum:20}', new Random('t')).text);
    assert.match(a, /^x[A-Za-z0-9]{20}$/);
  });

  it('expand classes, ranges, sets, braces and markers', () => {
    const e = expandTemplate('{{a}} {<}{hex:4}{set:xy:3}{>} {digit:2-5}', new Random(1));
    assert.match(e.text, /^\{a\} [0-9a-f]{4}[xy]{3} \d{2,5}$/);
    assert.equal(e.secret, e.text.split(' ')[1]);
  });

  it('complete checksums with the validator that checks them', () => {
    for (let seed = 0; seed < 50; seed++) {
      const gh = expandTemplate('gh' + 'p_{alnum:30}{checksum:github-checksum}', new Random(seed)).text;
      assert.equal(VALIDATORS.get('github-checksum')!.check(gh), 'valid');
      const broken = gh.slice(0, -1) + (gh.endsWith('A') ? 'B' : 'A');
      assert.equal(VALIDATORS.get('github-checksum')!.check(broken), 'invalid');
      const npm = expandTemplate('np' + 'm_{alnum:30}{checksum:npm-checksum}', new Random(seed)).text;
      assert.equal(VALIDATORS.get('npm-checksum')!.check(npm), 'valid');
    }
  });

  it('generate structurally valid keys and tokens', () => {
    const rng = new Random(7);
    for (const gen of ['pem-rsa', 'pem-ec', 'pem-dsa', 'pem-pkcs8', 'pem-pkcs8-encrypted', 'pem-rsa-encrypted', 'openssh']) {
      assert.equal(VALIDATORS.get('pem-structure')!.check(expandTemplate(`{gen:${gen}}`, rng).text), 'valid', gen);
    }
    assert.equal(VALIDATORS.get('pgp-armor')!.check(expandTemplate('{gen:pgp-private}', rng).text), 'valid');
    assert.equal(VALIDATORS.get('jwt-structure')!.check(expandTemplate('{gen:jwt}', rng).text), 'valid');
    assert.equal(VALIDATORS.get('jwt-structure')!.publishable!(expandTemplate('{gen:jwt-anon}', rng).text), true);
    assert.equal(VALIDATORS.get('jwt-structure')!.publishable!(expandTemplate('{gen:jwt-service-role}', rng).text), false);
  });

  for (const bad of ['{nope:3}', '{alnum}', '{alnum:x}', '{gen:nope}', '{checksum:jwt-structure}', '{<}abc', '{>}abc{<}']) {
    it(`reject ${bad} with the template quoted`, () => {
      assert.throws(() => expandTemplate(bad, new Random(1)), (e: Error) => e.message.includes(JSON.stringify(bad)));
    });
  }
});
