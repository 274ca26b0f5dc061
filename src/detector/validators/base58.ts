import { createHash } from 'node:crypto';

/** Bitcoin's base58 alphabet: no 0, O, I or l, so a key copied by hand cannot mix them up. */
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, BigInt(i)]));

/** Decodes base58 (leading '1's are zero bytes); undefined on a character outside the alphabet. */
export function decodeBase58(text: string): Buffer | undefined {
  let n = 0n;
  for (const c of text) {
    const v = VALUE.get(c);
    if (v === undefined) return undefined;
    n = n * 58n + v;
  }
  const hex = n === 0n ? '' : n.toString(16);
  const body = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  const zeros = /^1*/.exec(text)![0].length;
  return Buffer.concat([Buffer.alloc(zeros), body]);
}

export function encodeBase58(bytes: Buffer): string {
  let n = BigInt(`0x0${bytes.toString('hex')}`);
  let out = '';
  while (n > 0n) {
    out = ALPHABET[Number(n % 58n)]! + out;
    n /= 58n;
  }
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  return '1'.repeat(zeros) + out;
}

const checksum = (payload: Buffer): Buffer => createHash('sha256').update(createHash('sha256').update(payload).digest()).digest().subarray(0, 4);

/**
 * The payload of a base58check string (version and data, without the 4-byte double-SHA-256
 * checksum), or undefined when it does not decode or the checksum is wrong.
 * https://en.bitcoin.it/wiki/Base58Check_encoding
 */
export function decodeBase58Check(text: string): Buffer | undefined {
  const bytes = decodeBase58(text);
  if (!bytes || bytes.length < 5) return undefined;
  const payload = bytes.subarray(0, -4);
  return checksum(payload).equals(bytes.subarray(-4)) ? payload : undefined;
}

export function encodeBase58Check(payload: Buffer): string {
  return encodeBase58(Buffer.concat([payload, checksum(payload)]));
}
