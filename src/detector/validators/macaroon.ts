import type { Validator } from './validator.js';

/**
 * Macaroon v2 binary format (libmacaroons doc/format.txt): VERSION(2) [LOCATION] IDENTIFIER EOS
 * { [LOCATION] IDENTIFIER [VID] EOS }* EOS SIGNATURE, each field a varint type, a varint length and
 * the bytes; the signature is a 32-byte HMAC-SHA256.
 * https://github.com/rescrv/libmacaroons/blob/master/doc/format.txt
 */
const EOS = 0;
const LOCATION = 1;
const IDENTIFIER = 2;
const VID = 4;
const SIGNATURE = 6;
const SIGNATURE_BYTES = 32;

interface Field {
  type: number;
  data: Buffer;
}

class Reader {
  at = 0;
  /** Set when a field runs past the end: the bytes are not a macaroon. */
  broken = false;
  constructor(private readonly bytes: Buffer) {}
  get done(): boolean {
    return this.at >= this.bytes.length;
  }
  peek(): number | undefined {
    return this.bytes[this.at];
  }
  varint(): number | undefined {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = this.bytes[this.at++];
      if (b === undefined) return undefined;
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return value;
    }
    return undefined;
  }
  /** The next field, or undefined at EOS (consumed) or on malformed input (then `broken`). */
  field(): Field | undefined {
    if (this.peek() === EOS) {
      this.at++;
      return undefined;
    }
    const type = this.varint();
    const length = this.varint();
    if (type === undefined || length === undefined || this.at + length > this.bytes.length) {
      this.broken = true;
      return undefined;
    }
    const data = this.bytes.subarray(this.at, (this.at += length));
    return { type, data };
  }
}

/** Location of a binary v2 macaroon when it parses to the end, else undefined. */
export function macaroonLocation(bytes: Buffer): string | undefined {
  const r = new Reader(bytes);
  if (bytes[r.at++] !== 2) return undefined;
  let f = r.field();
  let location = '';
  if (f?.type === LOCATION) {
    location = f.data.toString('utf8');
    f = r.field();
  }
  if (f?.type !== IDENTIFIER || r.field() !== undefined || r.broken) return undefined;
  // Caveats until the EOS that closes the list.
  for (;;) {
    if (r.done) return undefined;
    if (r.peek() === EOS) {
      r.at++;
      break;
    }
    let c = r.field();
    if (c?.type === LOCATION) c = r.field();
    if (c?.type !== IDENTIFIER) return undefined;
    c = r.field();
    if (c?.type === VID) c = r.field();
    if (c !== undefined || r.broken) return undefined;
  }
  const sig = r.field();
  return sig?.type === SIGNATURE && sig.data.length === SIGNATURE_BYTES && r.done ? location : undefined;
}

const PYPI_LOCATIONS = new Set(['pypi.org', 'test.pypi.org']);

/**
 * PyPI API tokens are `pypi-` + a base64url v2 macaroon located at pypi.org (test.pypi.org for
 * TestPyPI) whose caveats restrict it: https://pypi.org/help/#apitoken, https://warehouse.pypa.io/development/token-scanning.html
 */
export const pypiMacaroon: Validator = {
  name: 'pypi-macaroon',
  description: 'the base64url body after pypi- is a v2 binary macaroon located at pypi.org or test.pypi.org, parsed to its 32-byte signature',
  check(secret) {
    const m = /^pypi-([A-Za-z0-9_-]+)$/.exec(secret);
    if (!m) return 'unknown';
    const location = macaroonLocation(Buffer.from(m[1]!, 'base64url'));
    return location !== undefined && PYPI_LOCATIONS.has(location) ? 'valid' : 'invalid';
  },
};

function field(type: number, data: Buffer): Buffer {
  const len: number[] = [];
  let n = data.length;
  while (n >= 0x80) {
    len.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  len.push(n);
  return Buffer.concat([Buffer.from([type, ...len]), data]);
}

/** A structurally valid PyPI-style token with the given parts; its signature signs nothing. */
export function pypiToken(location: string, identifier: Buffer, caveats: string[], signature: Buffer): string {
  const body = Buffer.concat([
    Buffer.from([2]),
    field(LOCATION, Buffer.from(location)),
    field(IDENTIFIER, identifier),
    Buffer.from([EOS]),
    ...caveats.map((c) => Buffer.concat([field(IDENTIFIER, Buffer.from(c)), Buffer.from([EOS])])),
    Buffer.from([EOS]),
    field(SIGNATURE, signature),
  ]);
  return `pypi-${body.toString('base64url')}`;
}
