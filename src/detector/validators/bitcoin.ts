import { decodeBase58, decodeBase58Check } from './base58.js';
import type { Validator } from './validator.js';

/** Mainnet 0x80 and testnet 0xef: https://en.bitcoin.it/wiki/Wallet_import_format */
const WIF_VERSIONS = new Set([0x80, 0xef]);

/**
 * A Wallet Import Format key: base58check of version, a 32-byte secp256k1 key and, for keys
 * whose public key is used compressed, a 0x01 flag.
 */
export const bitcoinWif: Validator = {
  name: 'bitcoin-wif',
  description: 'base58check decodes to version 0x80/0xef, a 32-byte key and an optional 0x01 compression flag (Bitcoin WIF)',
  check(secret) {
    if (!decodeBase58(secret)) return 'unknown';
    const p = decodeBase58Check(secret);
    if (!p || !WIF_VERSIONS.has(p[0]!)) return 'invalid';
    return p.length === 33 || (p.length === 34 && p[33] === 0x01) ? 'valid' : 'invalid';
  },
};

/**
 * Version bytes of serialized extended private keys: BIP-32 xprv/tprv
 * (https://github.com/bitcoin/bips/blob/master/bip-0032.mediawiki#serialization-format) and the
 * SLIP-132 registrations for BIP-49/BIP-84 wallets (yprv, uprv, zprv, vprv, Yprv, Zprv, Uprv, Vprv):
 * https://github.com/satoshilabs/slips/blob/master/slip-0132.md
 */
export const EXTENDED_PRIVATE_VERSIONS: Readonly<Record<string, number>> = {
  xprv: 0x0488ade4,
  tprv: 0x04358394,
  yprv: 0x049d7878,
  uprv: 0x044a4e28,
  zprv: 0x04b2430c,
  vprv: 0x045f18bc,
  Yprv: 0x0295b005,
  Uprv: 0x024285b5,
  Zprv: 0x02aa7a99,
  Vprv: 0x02575048,
};
const PRIVATE_VERSIONS = new Set(Object.values(EXTENDED_PRIVATE_VERSIONS));

/** BIP-32 serialization: 78 bytes (version, depth, fingerprint, child number, chain code, 0x00 + key). */
export const bip32ExtendedPrivateKey: Validator = {
  name: 'bip32-xprv',
  description: 'base58check decodes to 78 bytes with a private-key version (BIP-32, SLIP-132) and 0x00 before the 32-byte key',
  check(secret) {
    if (!decodeBase58(secret)) return 'unknown';
    const p = decodeBase58Check(secret);
    if (!p || p.length !== 78) return 'invalid';
    return PRIVATE_VERSIONS.has(p.readUInt32BE(0)) && p[45] === 0x00 ? 'valid' : 'invalid';
  },
};
