import type { Validator } from './validator.js';

function decodeBase64(text: string, url: boolean): Buffer | undefined {
  const re = url ? /^[A-Za-z0-9_-]*={0,2}$/ : /^[A-Za-z0-9+/]*={0,2}$/;
  if (!re.test(text)) return undefined;
  return Buffer.from(text, url ? 'base64url' : 'base64');
}

function parseJsonObject(bytes: Buffer | undefined): Record<string, unknown> | undefined {
  if (!bytes) return undefined;
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The decoded header and payload of a JWT, or undefined when it is not one (RFC 7519, RFC 7515). */
export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const header = parseJsonObject(decodeBase64(parts[0]!, true));
  const payload = parseJsonObject(decodeBase64(parts[1]!, true));
  if (!header || typeof header['alg'] !== 'string' || !payload) return undefined;
  return { header, payload };
}

export const jwtStructure: Validator = {
  name: 'jwt-structure',
  description: 'header and payload are base64url JSON objects and the header names an algorithm (RFC 7519)',
  check: (secret) => (decodeJwt(secret) ? 'valid' : 'invalid'),
  // Supabase anon keys are JWTs whose role is "anon": they are meant to ship to browsers.
  publishable: (secret) => decodeJwt(secret)?.payload['role'] === 'anon',
  expiresAt: (secret) => {
    const exp = decodeJwt(secret)?.payload['exp'];
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  },
};

/** Reads a DER length at `at`; returns [length, headerBytes] or undefined. */
function derLength(bytes: Buffer, at: number): [number, number] | undefined {
  const first = bytes[at];
  if (first === undefined) return undefined;
  if (first < 0x80) return [first, 1];
  const n = first & 0x7f;
  if (n === 0 || n > 4 || at + n >= bytes.length) return undefined;
  let len = 0;
  for (let i = 1; i <= n; i++) len = len * 256 + bytes[at + i]!;
  return [len, 1 + n];
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;

/** Base64 body of a PEM block, without RFC 1421 headers (Proc-Type, DEK-Info) or armor lines. */
function pemBody(block: string): { label: string; body: string; encrypted: boolean } | undefined {
  const m = PEM_BLOCK.exec(block);
  if (!m) return undefined;
  const lines = m[2]!.split(/\r?\n|\\n/).map((l) => l.trim().replace(/^["']|["',]+$/g, ''));
  const encrypted = lines.some((l) => /^Proc-Type:.*ENCRYPTED/.test(l));
  const body = lines.filter((l) => l.length > 0 && !/^[A-Za-z-]+:/.test(l)).join('');
  return { label: m[1]!, body, encrypted };
}

/**
 * A PEM private key whose body decodes to one DER SEQUENCE of the stated length, or an OpenSSH
 * key whose body starts with the `openssh-key-v1` magic (PROTOCOL.key in OpenSSH's sources).
 */
export const pemStructure: Validator = {
  name: 'pem-structure',
  description: 'the base64 body decodes to a DER SEQUENCE of the right length, or to an openssh-key-v1 blob',
  check(secret) {
    const pem = pemBody(secret);
    if (!pem) return 'unknown';
    const bytes = decodeBase64(pem.body, false);
    if (!bytes || bytes.length < 16) return 'invalid';
    // RFC 1421 encryption leaves ciphertext, not DER: only the block size can be checked.
    if (pem.encrypted) return bytes.length % 8 === 0 ? 'valid' : 'invalid';
    if (pem.label === 'OPENSSH PRIVATE KEY') return bytes.subarray(0, 15).toString('latin1') === 'openssh-key-v1\0' ? 'valid' : 'invalid';
    if (bytes[0] !== 0x30) return 'invalid';
    const len = derLength(bytes, 1);
    return len && 1 + len[1] + len[0] === bytes.length ? 'valid' : 'invalid';
  },
};

/** CRC-24 of OpenPGP ASCII armor (RFC 4880 section 6.1). */
function crc24(bytes: Buffer): number {
  let crc = 0xb704ce;
  for (const b of bytes) {
    crc ^= b << 16;
    for (let i = 0; i < 8; i++) {
      crc <<= 1;
      if (crc & 0x1000000) crc ^= 0x1864cfb;
    }
  }
  return crc & 0xffffff;
}

function armorChecksum(body: Buffer): string {
  const crc = crc24(body);
  return Buffer.from([(crc >> 16) & 0xff, (crc >> 8) & 0xff, crc & 0xff]).toString('base64');
}

function pgpArmor(block: string): { body: Buffer; checksum?: string } | undefined {
  const m = /-----BEGIN PGP PRIVATE KEY BLOCK-----([\s\S]*?)-----END PGP PRIVATE KEY BLOCK-----/.exec(block);
  if (!m) return undefined;
  const lines = m[1]!.split(/\r?\n|\\n/).map((l) => l.trim());
  const blank = lines.findIndex((l, i) => i > 0 && l === '');
  const data = lines.slice(blank >= 0 ? blank + 1 : 0).filter((l) => l.length > 0 && !/^[A-Za-z]+:/.test(l));
  const sumLine = data.length > 0 && data[data.length - 1]!.startsWith('=') ? data.pop() : undefined;
  const body = decodeBase64(data.join(''), false);
  return body ? { body, checksum: sumLine?.slice(1) } : undefined;
}

export const pgpArmorChecksum: Validator = {
  name: 'pgp-armor',
  description: 'the armored body decodes and matches its CRC-24 line (RFC 4880 section 6)',
  check(secret) {
    const armor = pgpArmor(secret);
    if (!armor || armor.body.length < 16) return 'invalid';
    if (armor.checksum === undefined) return 'unknown';
    return armorChecksum(armor.body) === armor.checksum ? 'valid' : 'invalid';
  },
};

/** Armors `body` the way RFC 4880 does, so template generators produce checksum-valid blocks. */
export function armorPgpPrivateKey(body: Buffer): string {
  const b64 = body.toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${b64}=${armorChecksum(body)}\n-----END PGP PRIVATE KEY BLOCK-----`;
}
