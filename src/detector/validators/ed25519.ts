import { createPrivateKey, createPublicKey } from 'node:crypto';
import { decodeBase58 } from './base58.js';
import type { Validator } from './validator.js';

/** DER prefix of a PKCS#8 Ed25519 private key (RFC 8410): the 32-byte seed follows it. */
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The Ed25519 public key of a 32-byte seed (RFC 8032), through Node's crypto. */
export function ed25519PublicKey(seed: Buffer): Buffer {
  const key = createPublicKey(createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' }));
  return Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url');
}

/** A Solana keypair in either form it is stored in: a JSON array of 64 bytes, or base58 of them. */
function keypairBytes(secret: string): Buffer | undefined {
  const t = secret.trim();
  if (t.startsWith('[')) {
    const nums = t.slice(1, -1).split(',').map((s) => Number(s.trim()));
    return nums.every((n) => Number.isInteger(n) && n >= 0 && n <= 255) ? Buffer.from(nums) : undefined;
  }
  return decodeBase58(t);
}

/**
 * Solana's keypair format (solana-keygen's id.json, web3.js Keypair.secretKey) is the 32-byte
 * Ed25519 seed followed by its 32-byte public key, so a real keypair proves itself:
 * https://solana.com/docs/core/accounts#keypair, https://docs.anza.xyz/cli/wallets/file-system
 */
export const ed25519Keypair: Validator = {
  name: 'ed25519-keypair',
  description: '64 bytes whose second half is the Ed25519 public key of the first half (Solana keypair files and secret keys)',
  check(secret) {
    const bytes = keypairBytes(secret);
    if (!bytes) return 'unknown';
    if (bytes.length !== 64) return 'invalid';
    return ed25519PublicKey(bytes.subarray(0, 32)).equals(bytes.subarray(32)) ? 'valid' : 'invalid';
  },
};
