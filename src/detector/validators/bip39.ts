import { createHash } from 'node:crypto';
import { BIP39_ENGLISH } from './bip39-english.js';
import type { Validator } from './validator.js';

const INDEX = new Map(BIP39_ENGLISH.map((w, i) => [w, i]));
/** 12, 15, 18, 21 or 24 words: 128 to 256 bits of entropy plus ENT/32 checksum bits. */
const LENGTHS = new Set([12, 15, 18, 21, 24]);

const words = (phrase: string): string[] => phrase.trim().split(/\s+/);

/** Whether every word of the phrase is on the BIP-39 English list (a phrase that is not is prose). */
export function isBip39Wordlist(phrase: string): boolean {
  return words(phrase).every((w) => INDEX.has(w));
}

/**
 * BIP-39: the words are 11-bit indexes; the last ENT/32 bits are the first bits of SHA-256 of the
 * ENT entropy bits. https://github.com/bitcoin/bips/blob/master/bip-0039.mediawiki#generating-the-mnemonic
 */
export const bip39Checksum: Validator = {
  name: 'bip39-checksum',
  description: 'every word is on the BIP-39 English list, the count is 12/15/18/21/24 and the checksum bits match SHA-256 of the entropy',
  check(phrase) {
    const ws = words(phrase);
    if (!LENGTHS.has(ws.length) || !isBip39Wordlist(phrase)) return 'invalid';
    const bits = ws.map((w) => INDEX.get(w)!.toString(2).padStart(11, '0')).join('');
    const entropyBits = (ws.length * 11 * 32) / 33;
    const entropy = Buffer.from(bits.slice(0, entropyBits).match(/.{8}/g)!.map((b) => parseInt(b, 2)));
    const hash = createHash('sha256').update(entropy).digest();
    const want = [...hash].map((b) => b.toString(2).padStart(8, '0')).join('').slice(0, entropyBits / 32);
    return bits.slice(entropyBits) === want ? 'valid' : 'invalid';
  },
};

/** The mnemonic of 16 to 32 bytes of entropy, so template generators produce checksum-valid phrases. */
export function mnemonicFromEntropy(entropy: Buffer): string {
  const hash = createHash('sha256').update(entropy).digest();
  const bits = [...entropy].map((b) => b.toString(2).padStart(8, '0')).join('') + hash[0]!.toString(2).padStart(8, '0').slice(0, entropy.length / 4);
  return bits.match(/.{11}/g)!.map((b) => BIP39_ENGLISH[parseInt(b, 2)]!).join(' ');
}
