import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { BIP39_ENGLISH } from '../dist/detector/validators/bip39-english.js';
import { encodeBase58Check, EXTENDED_PRIVATE_VERSIONS, mnemonicFromEntropy, pypiToken, VALIDATORS } from '../dist/detector/validators/index.js';
import { expandTemplate, Random } from '../dist/rules/template.js';

const check = (validator: string, value: string): string => VALIDATORS.get(validator)!.check(value);
const gen = (name: string, seed: number): string => expandTemplate(`{gen:${name}}`, new Random(seed)).text;
/** Replaces the character at `at` by another one of the same alphabet. */
const corrupt = (value: string, at: number, alphabet: string): string => {
  const c = value[at]!;
  return value.slice(0, at) + alphabet[(alphabet.indexOf(c) + 1) % alphabet.length] + value.slice(at + 1);
};
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

describe('bip39-checksum', () => {
  it('uses the wordlist the spec publishes, byte for byte', () => {
    const file = BIP39_ENGLISH.join('\n') + '\n';
    assert.equal(createHash('sha256').update(file).digest('hex'), '2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda');
  });

  it("agrees with the spec's test vectors", () => {
    const vectors: [string, string][] = [
      ['00'.repeat(16), `${'abandon '.repeat(11)}about`],
      ['7f'.repeat(16), ['legal', 'winner', 'thank', 'year', 'wave', 'sausage', 'worth', 'useful', 'legal', 'winner', 'thank', 'yellow'].join(' ')],
      ['ff'.repeat(16), `${'zoo '.repeat(11)}wrong`],
      ['00'.repeat(32), `${'abandon '.repeat(23)}art`],
    ];
    for (const [entropy, phrase] of vectors) {
      assert.equal(mnemonicFromEntropy(Buffer.from(entropy, 'hex')), phrase);
      assert.equal(check('bip39-checksum', phrase), 'valid');
    }
  });

  it('rejects a wrong checksum word, a wrong length and words off the list', () => {
    assert.equal(check('bip39-checksum', 'abandon '.repeat(12).trim()), 'invalid');
    for (const seed of SEEDS) {
      const words = gen('bip39-12', seed).split(' ');
      assert.equal(check('bip39-checksum', words.join(' ')), 'valid');
      assert.equal(check('bip39-checksum', words.slice(0, 11).join(' ')), 'invalid', 'truncated');
      assert.equal(check('bip39-checksum', [...words.slice(0, 11), 'notaword'].join(' ')), 'invalid');
      // The last word's low 4 bits are the checksum: its neighbour on the list keeps the entropy and breaks the sum.
      const last = BIP39_ENGLISH.indexOf(words[11]!);
      const neighbour = BIP39_ENGLISH[last % 16 === 15 ? last - 1 : last + 1]!;
      assert.equal(check('bip39-checksum', [...words.slice(0, 11), neighbour].join(' ')), 'invalid');
      assert.equal(check('bip39-checksum', gen('bip39-24', seed)), 'valid');
    }
  });
});

describe('bitcoin-wif', () => {
  it('accepts mainnet and testnet keys, compressed or not', () => {
    for (const seed of SEEDS) {
      for (const name of ['wif', 'wif-compressed', 'wif-testnet']) assert.equal(check('bitcoin-wif', gen(name, seed)), 'valid', name);
    }
    assert.match(gen('wif', 1), /^5/);
    assert.match(gen('wif-compressed', 1), /^[KL]/);
    assert.match(gen('wif-testnet', 1), /^c/);
  });

  it('rejects a corrupted character, a truncated key, another version and a bad compression flag', () => {
    for (const seed of SEEDS) {
      const key = gen('wif-compressed', seed);
      assert.equal(check('bitcoin-wif', corrupt(key, 20, BASE58)), 'invalid');
      assert.equal(check('bitcoin-wif', key.slice(0, -1)), 'invalid');
    }
    const key = Buffer.alloc(32, 7);
    assert.equal(check('bitcoin-wif', encodeBase58Check(Buffer.concat([Buffer.from([0x00]), key]))), 'invalid');
    assert.equal(check('bitcoin-wif', encodeBase58Check(Buffer.concat([Buffer.from([0x80]), key, Buffer.from([0x02])]))), 'invalid');
    assert.equal(check('bitcoin-wif', 'not base58: 0OIl'), 'unknown');
  });
});

describe('bip32-xprv', () => {
  it('accepts every private version, each encoding to its own prefix', () => {
    for (const [prefix, version] of Object.entries(EXTENDED_PRIVATE_VERSIONS)) {
      const v = Buffer.alloc(4);
      v.writeUInt32BE(version);
      const key = encodeBase58Check(Buffer.concat([v, Buffer.alloc(41, 1), Buffer.from([0]), Buffer.alloc(32, 9)]));
      assert.ok(key.startsWith(prefix), `${prefix}: ${key.slice(0, 4)}`);
      assert.equal(check('bip32-xprv', key), 'valid', prefix);
    }
  });

  it('rejects public keys, corrupted and truncated keys', () => {
    const xpub = Buffer.alloc(4);
    xpub.writeUInt32BE(0x0488b21e);
    assert.equal(check('bip32-xprv', encodeBase58Check(Buffer.concat([xpub, Buffer.alloc(41, 1), Buffer.from([2]), Buffer.alloc(32, 9)]))), 'invalid');
    for (const seed of SEEDS) {
      const key = gen('xprv', seed);
      assert.equal(check('bip32-xprv', key), 'valid');
      assert.equal(check('bip32-xprv', corrupt(key, 60, BASE58)), 'invalid');
      assert.equal(check('bip32-xprv', key.slice(0, -2)), 'invalid');
    }
  });
});

describe('pypi-macaroon', () => {
  it('accepts PyPI and TestPyPI macaroons', () => {
    for (const seed of SEEDS) {
      assert.equal(check('pypi-macaroon', gen('pypi-token', seed)), 'valid');
      assert.equal(check('pypi-macaroon', gen('testpypi-token', seed)), 'valid');
    }
    // A caveat-free token and one whose identifier needs a two-byte length still parse.
    assert.equal(check('pypi-macaroon', pypiToken('pypi.org', Buffer.alloc(200, 1), [], Buffer.alloc(32, 2))), 'valid');
  });

  it('rejects truncated tokens, random bodies, other locations and short signatures', () => {
    for (const seed of SEEDS) {
      const token = gen('pypi-token', seed);
      assert.equal(check('pypi-macaroon', token.slice(0, -3)), 'invalid');
      assert.equal(check('pypi-macaroon', `pypi-AgEIcHlwaS5vcmc${expandTemplate('{base64url:160}', new Random(seed)).text}`), 'invalid');
    }
    assert.equal(check('pypi-macaroon', pypiToken('pypi.example.org', Buffer.alloc(16, 1), [], Buffer.alloc(32, 2))), 'invalid');
    assert.equal(check('pypi-macaroon', pypiToken('pypi.org', Buffer.alloc(16, 1), [], Buffer.alloc(31, 2))), 'invalid');
    assert.equal(check('pypi-macaroon', 'not a token'), 'unknown');
  });
});

describe('ed25519-keypair', () => {
  it('accepts Solana keypairs as JSON arrays and base58', () => {
    for (const seed of SEEDS) {
      assert.equal(check('ed25519-keypair', gen('solana-keypair-json', seed)), 'valid');
      assert.equal(check('ed25519-keypair', gen('solana-keypair-base58', seed)), 'valid');
    }
  });

  it('rejects a public half that does not belong to the seed, and the wrong length', () => {
    for (const seed of SEEDS) {
      const bytes = JSON.parse(gen('solana-keypair-json', seed)) as number[];
      const altered = [...bytes];
      altered[40] = (altered[40]! + 1) % 256;
      assert.equal(check('ed25519-keypair', JSON.stringify(altered)), 'invalid');
      assert.equal(check('ed25519-keypair', JSON.stringify(bytes.slice(0, 63))), 'invalid');
      assert.equal(check('ed25519-keypair', corrupt(gen('solana-keypair-base58', seed), 10, BASE58)), 'invalid');
    }
    assert.equal(check('ed25519-keypair', '[1, 2, 300]'), 'unknown');
  });
});

describe('basic-auth-base64', () => {
  const b64 = (text: string): string => Buffer.from(text).toString('base64');

  it('accepts base64 of user:password, including passwords with colons and non-ASCII', () => {
    for (const seed of SEEDS) assert.equal(check('basic-auth-base64', gen('basic-auth', seed)), 'valid');
    assert.equal(check('basic-auth-base64', b64('ci:pa:ss-wörd')), 'valid');
  });

  it('rejects random base64, a missing user or password, control characters and non-base64', () => {
    for (const seed of SEEDS) assert.equal(check('basic-auth-base64', expandTemplate('{base64:40}', new Random(seed)).text), 'invalid');
    for (const text of ['justapassword', ':password', 'user:', 'user:pass\nword']) assert.equal(check('basic-auth-base64', b64(text)), 'invalid', text);
    assert.equal(check('basic-auth-base64', 'not base64!'), 'invalid');
  });
});
