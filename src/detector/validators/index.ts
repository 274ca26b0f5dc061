import { githubChecksum, npmChecksum } from './base62-checksum.js';
import { basicAuthBase64 } from './basic-auth.js';
import { bip39Checksum } from './bip39.js';
import { bip32ExtendedPrivateKey, bitcoinWif } from './bitcoin.js';
import { ed25519Keypair } from './ed25519.js';
import { pypiMacaroon } from './macaroon.js';
import { jwtStructure, pemStructure, pgpArmorChecksum } from './structure.js';
import type { Validator } from './validator.js';

export type { Validator } from './validator.js';
export { decodeJwt, armorPgpPrivateKey } from './structure.js';
export { encodeBase58, encodeBase58Check } from './base58.js';
export { EXTENDED_PRIVATE_VERSIONS } from './bitcoin.js';
export { isBip39Wordlist, mnemonicFromEntropy } from './bip39.js';
export { ed25519PublicKey } from './ed25519.js';
export { pypiToken } from './macaroon.js';

const ALL: Validator[] = [
  githubChecksum,
  npmChecksum,
  jwtStructure,
  pemStructure,
  pgpArmorChecksum,
  pypiMacaroon,
  bitcoinWif,
  bip32ExtendedPrivateKey,
  bip39Checksum,
  ed25519Keypair,
  basicAuthBase64,
];

/** Validators by the name rules reference in their `validate` field. */
export const VALIDATORS: ReadonlyMap<string, Validator> = new Map(ALL.map((v) => [v.name, v]));
