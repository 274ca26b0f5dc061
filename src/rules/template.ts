import {
  armorPgpPrivateKey,
  ed25519PublicKey,
  encodeBase58,
  encodeBase58Check,
  EXTENDED_PRIVATE_VERSIONS,
  mnemonicFromEntropy,
  pypiToken,
  VALIDATORS,
} from '../detector/validators/index.js';

/**
 * Example templates keep credential-shaped text out of the repository: `sk_live_{alnum:24}` is
 * expanded at test time by a seeded generator, so GitHub push protection never sees a token.
 *
 *   {CLASS:N} / {CLASS:N-M}   N (to M) characters of a class (see CLASSES)
 *   {set:CHARS:N}             N characters drawn from CHARS
 *   {gen:NAME}                a structured value (see GENERATORS): JWTs, PEM blocks, ...
 *   {checksum:VALIDATOR}      characters the named validator derives from what precedes
 *   {<} ... {>}               marks the span the rule must report as the secret
 *   {file:PATH}               expands to nothing; the example is scanned as a file at PATH
 *   {{ and }}                 literal braces
 */

export const CLASSES: Readonly<Record<string, string>> = {
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digit: '0123456789',
  hex: '0123456789abcdef',
  hexupper: '0123456789ABCDEF',
  upper_digit: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  lower_digit: 'abcdefghijklmnopqrstuvwxyz0123456789',
  base64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  base64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
  base32: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  base58: '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz',
  alnum_dash: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
};

/** Deterministic PRNG (mulberry32) so a failing example is the same on every run. */
export class Random {
  private state: number;
  constructor(seed: string | number) {
    if (typeof seed === 'number') this.state = seed >>> 0;
    else {
      let h = 0x811c9dc5;
      for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
      this.state = h >>> 0;
    }
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick(chars: string, n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += chars[Math.floor(this.next() * chars.length)];
    return out;
  }
  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = Math.floor(this.next() * 256);
    return b;
  }
}

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const wrap = (text: string, width: number): string => text.replace(new RegExp(`.{1,${width}}`, 'g'), '$&\n');

/** DER SEQUENCE header + random content: structurally a key, cryptographically nothing. */
function derSequence(rng: Random, length: number): Buffer {
  const head = length < 0x80 ? [0x30, length] : length < 0x100 ? [0x30, 0x81, length] : [0x30, 0x82, length >> 8, length & 0xff];
  return Buffer.concat([Buffer.from(head), rng.bytes(length)]);
}

function pem(label: string, body: Buffer, headers = ''): string {
  const dashes = '-----';
  return `${dashes}BEGIN ${label}${dashes}\n${headers}${wrap(body.toString('base64'), 64)}${dashes}END ${label}${dashes}`;
}

const PK = 'PRIVATE KEY';

function wif(rng: Random, version: number, compressed: boolean): string {
  return encodeBase58Check(Buffer.concat([Buffer.from([version]), rng.bytes(32), Buffer.from(compressed ? [1] : [])]));
}

/** BIP-32 serialization: version, depth, parent fingerprint, child number, chain code, 0x00 + key. */
function extendedPrivateKey(rng: Random, prefix: string): string {
  const version = Buffer.alloc(4);
  version.writeUInt32BE(EXTENDED_PRIVATE_VERSIONS[prefix]!);
  return encodeBase58Check(Buffer.concat([version, Buffer.from([3]), rng.bytes(4), Buffer.from([0x80, 0, 0, 0]), rng.bytes(32), Buffer.from([0]), rng.bytes(32)]));
}

/** A PyPI-style token whose caveat is the JSON restriction PyPI writes; the signature is random. */
function pypi(rng: Random, location: string): string {
  const caveat = JSON.stringify({ version: 1, permissions: { projects: [rng.pick(CLASSES['lower']!, 8)] } });
  return pypiToken(location, Buffer.from(JSON.stringify({ version: 1, id: rng.pick(CLASSES['hex']!, 32) })), [caveat], rng.bytes(32));
}

/** A 64-byte Ed25519 keypair as Solana stores it: seed, then the public key derived from it. */
function solanaKeypair(rng: Random): Buffer {
  const seed = rng.bytes(32);
  return Buffer.concat([seed, ed25519PublicKey(seed)]);
}

export const GENERATORS: Readonly<Record<string, (rng: Random) => string>> = {
  uuid: (rng) => {
    const h = rng.pick(CLASSES['hex']!, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
  },
  jwt: (rng) =>
    `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: rng.pick(CLASSES['digit']!, 10), name: rng.pick(CLASSES['lower']!, 8), iat: rng.int(1_600_000_000, 1_800_000_000) })}.${rng.pick(CLASSES['base64url']!, 43)}`,
  'jwt-anon': (rng) =>
    `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ iss: 'supabase', ref: rng.pick(CLASSES['lower']!, 20), role: 'anon', iat: 1_700_000_000, exp: 2_000_000_000 })}.${rng.pick(CLASSES['base64url']!, 43)}`,
  'jwt-service-role': (rng) =>
    `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ iss: 'supabase', ref: rng.pick(CLASSES['lower']!, 20), role: 'service_role', iat: 1_700_000_000, exp: 2_000_000_000 })}.${rng.pick(CLASSES['base64url']!, 43)}`,
  'pem-rsa': (rng) => pem(`RSA ${PK}`, derSequence(rng, rng.int(600, 1200))),
  'pem-ec': (rng) => pem(`EC ${PK}`, derSequence(rng, 119)),
  'pem-dsa': (rng) => pem(`DSA ${PK}`, derSequence(rng, 443)),
  'pem-pkcs8': (rng) => pem(PK, derSequence(rng, rng.int(300, 1200))),
  'pem-pkcs8-encrypted': (rng) => pem(`ENCRYPTED ${PK}`, derSequence(rng, rng.int(300, 1200))),
  'pem-rsa-encrypted': (rng) =>
    pem(`RSA ${PK}`, rng.bytes(8 * rng.int(80, 150)), `Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,${rng.pick(CLASSES['hexupper']!, 32)}\n\n`),
  openssh: (rng) => pem(`OPENSSH ${PK}`, Buffer.concat([Buffer.from('openssh-key-v1\0', 'latin1'), rng.bytes(rng.int(200, 400))])),
  'pgp-private': (rng) => armorPgpPrivateKey(rng.bytes(rng.int(300, 600))),
  'basic-auth': (rng) => Buffer.from(`${rng.pick(CLASSES['lower']!, rng.int(4, 10))}:${rng.pick(CLASSES['alnum']!, rng.int(16, 36))}`).toString('base64'),
  'bip39-12': (rng) => mnemonicFromEntropy(rng.bytes(16)),
  'bip39-24': (rng) => mnemonicFromEntropy(rng.bytes(32)),
  wif: (rng) => wif(rng, 0x80, false),
  'wif-compressed': (rng) => wif(rng, 0x80, true),
  'wif-testnet': (rng) => wif(rng, 0xef, true),
  xprv: (rng) => extendedPrivateKey(rng, 'xprv'),
  tprv: (rng) => extendedPrivateKey(rng, 'tprv'),
  zprv: (rng) => extendedPrivateKey(rng, 'zprv'),
  'pypi-token': (rng) => pypi(rng, 'pypi.org'),
  'testpypi-token': (rng) => pypi(rng, 'test.pypi.org'),
  'solana-keypair-json': (rng) => `[${[...solanaKeypair(rng)].join(',')}]`,
  'solana-keypair-base58': (rng) => encodeBase58(solanaKeypair(rng)),
  putty: (rng) =>
    [
      'PuTTY-User-Key-File-3: ssh-ed25519',
      'Encryption: none',
      `Comment: ${rng.pick(CLASSES['lower']!, 8)}`,
      'Public-Lines: 2',
      rng.pick(CLASSES['base64']!, 64),
      rng.pick(CLASSES['base64']!, 4) + '=',
      'Private-Lines: 1',
      rng.pick(CLASSES['base64']!, 44),
      `Private-MAC: ${rng.pick(CLASSES['hex']!, 64)}`,
    ].join('\n'),
};

export interface Expanded {
  text: string;
  /** The span between `{<}` and `{>}`, when the template marks one. */
  secret?: string;
  /** The path given by `{file:PATH}`, for rules that run only on some files. */
  path?: string;
}

const TOKEN = /\{\{|\}\}|\{([a-z_0-9-]+|<|>)(?::([^}]*))?\}/g;

/** Expands one template; throws with the template quoted when a placeholder is malformed. */
export function expandTemplate(template: string, rng: Random): Expanded {
  let out = '';
  let secretStart = -1;
  let secretEnd = -1;
  let last = 0;
  let path: string | undefined;
  for (const m of template.matchAll(TOKEN)) {
    out += template.slice(last, m.index);
    last = m.index + m[0].length;
    const [whole, name, arg] = m;
    if (whole === '{{') out += '{';
    else if (whole === '}}') out += '}';
    else if (name === '<') secretStart = out.length;
    else if (name === '>') secretEnd = out.length;
    else if (name === 'file') path = arg ?? '';
    else out += expandPlaceholder(name!, arg, out, rng, template);
  }
  out += template.slice(last);
  if ((secretStart >= 0) !== (secretEnd >= 0) || secretEnd < secretStart) {
    throw new Error(`template ${JSON.stringify(template)}: {<} and {>} must come as a pair, in that order`);
  }
  if (path !== undefined && path.trim() === '') throw new Error(`template ${JSON.stringify(template)}: {file:PATH} needs a path`);
  return { text: out, ...(secretStart >= 0 ? { secret: out.slice(secretStart, secretEnd) } : {}), ...(path !== undefined ? { path } : {}) };
}

function expandPlaceholder(name: string, arg: string | undefined, preceding: string, rng: Random, template: string): string {
  const fail = (why: string): never => {
    throw new Error(`template ${JSON.stringify(template)}: {${name}${arg === undefined ? '' : ':' + arg}} ${why}`);
  };
  if (name === 'gen') {
    const gen = GENERATORS[arg ?? ''];
    return gen ? gen(rng) : fail(`names no generator; known: ${Object.keys(GENERATORS).join(', ')}`);
  }
  if (name === 'checksum') {
    const v = VALIDATORS.get(arg ?? '');
    return v?.complete ? v.complete(preceding) : fail('names no validator that can complete a checksum');
  }
  let chars = CLASSES[name];
  let count = arg;
  if (name === 'set') {
    const at = (arg ?? '').lastIndexOf(':');
    if (at <= 0) fail('needs {set:CHARS:N}');
    chars = arg!.slice(0, at);
    count = arg!.slice(at + 1);
  }
  if (chars === undefined) return fail(`is not a known class; known: set, gen, checksum, ${Object.keys(CLASSES).join(', ')}`);
  const range = /^(\d+)(?:-(\d+))?$/.exec(count ?? '');
  if (!range) return fail('needs a length, e.g. :24 or :20-40');
  const lo = Number(range[1]);
  const hi = range[2] === undefined ? lo : Number(range[2]);
  return rng.pick(chars, rng.int(lo, Math.max(lo, hi)));
}
