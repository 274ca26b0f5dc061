// Private-key containers with bodies that decode: DER (PKCS#1 RFC 8017 A.1.2, PKCS#8 RFC 5208,
// SEC1 EC keys RFC 5915), OpenSSH's openssh-key-v1 blob (openssh PROTOCOL.key) and OpenPGP armor
// with its CRC-24 (RFC 4880 6.1). Contents are random bytes from the seeded generator: the structure
// is real, the key material is not a key.

/** `n` random bytes from the seeded generator. */
export function randomBytes(rng, n) {
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(256);
  return out;
}

function tlv(tag, content) {
  const len = content.length;
  let head;
  if (len < 0x80) head = Buffer.from([tag, len]);
  else if (len < 0x100) head = Buffer.from([tag, 0x81, len]);
  else head = Buffer.from([tag, 0x82, len >> 8, len & 0xff]);
  return Buffer.concat([head, content]);
}

const seq = (...parts) => tlv(0x30, Buffer.concat(parts));
const octets = (b) => tlv(0x04, b);
const small = (n) => tlv(0x02, Buffer.from([n]));

/** A positive INTEGER of `n` random bytes, top bit set like a real modulus. */
function bigInt(rng, n) {
  const b = randomBytes(rng, n);
  b[0] |= 0x80;
  return tlv(0x02, Buffer.concat([Buffer.from([0]), b]));
}

const OID_RSA = Buffer.from('06092a864886f70d010101', 'hex');
const OID_P256 = Buffer.from('06082a8648ce3d030107', 'hex');
const NULL = Buffer.from('0500', 'hex');

/** RSAPrivateKey: version, n, e, d, p, q, dp, dq, qinv. */
export function rsaPkcs1(rng, bits = 2048) {
  const n = bits / 8;
  const h = n / 2;
  return seq(small(0), bigInt(rng, n), tlv(0x02, Buffer.from([1, 0, 1])), bigInt(rng, n), bigInt(rng, h), bigInt(rng, h), bigInt(rng, h), bigInt(rng, h), bigInt(rng, h));
}

/** PrivateKeyInfo wrapping an RSA key. */
export function pkcs8(rng) {
  return seq(small(0), seq(OID_RSA, NULL), octets(rsaPkcs1(rng)));
}

/** ECPrivateKey on P-256 with its public point. */
export function ecSec1(rng) {
  const point = Buffer.concat([Buffer.from([0, 4]), randomBytes(rng, 64)]);
  return seq(small(1), octets(randomBytes(rng, 32)), tlv(0xa0, OID_P256), tlv(0xa1, tlv(0x03, point)));
}

function sshString(b) {
  const buf = typeof b === 'string' ? Buffer.from(b) : b;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(buf.length);
  return Buffer.concat([len, buf]);
}

const u32 = (n) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};

/** An unencrypted ed25519 key in the openssh-key-v1 format. */
export function opensshEd25519(rng, comment) {
  const pub = randomBytes(rng, 32);
  const pubBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]);
  const check = rng.u32();
  let priv = Buffer.concat([u32(check), u32(check), sshString('ssh-ed25519'), sshString(pub), sshString(Buffer.concat([randomBytes(rng, 32), pub])), sshString(comment)]);
  const pad = [];
  for (let i = 1; (priv.length + pad.length) % 8 !== 0; i++) pad.push(i);
  priv = Buffer.concat([priv, Buffer.from(pad)]);
  return Buffer.concat([Buffer.from('openssh-key-v1\0'), sshString('none'), sshString('none'), sshString(''), u32(1), sshString(pubBlob), sshString(priv)]);
}

/** CRC-24 of RFC 4880 section 6.1. */
export function crc24(bytes) {
  let crc = 0xb704ce;
  for (const byte of bytes) {
    crc ^= byte << 16;
    for (let i = 0; i < 8; i++) {
      crc <<= 1;
      if (crc & 0x1000000) crc ^= 0x1864cfb;
    }
  }
  return crc & 0xffffff;
}

/** A v4 RSA secret-key packet (tag 5) with random MPIs. */
export function pgpSecretKeyPacket(rng) {
  const mpi = (bytes) => {
    const b = randomBytes(rng, bytes);
    b[0] |= 0x80;
    return Buffer.concat([Buffer.from([(bytes * 8) >> 8, (bytes * 8) & 0xff]), b]);
  };
  const body = Buffer.concat([Buffer.from([4]), u32(1_600_000_000 + rng.int(100_000_000)), Buffer.from([1]), mpi(256), mpi(3), Buffer.from([0]), mpi(256), mpi(128), mpi(128), mpi(128), Buffer.from([0, 0])]);
  return Buffer.concat([Buffer.from([0xc5, 0xff]), u32(body.length), body]);
}

const wrap = (text, width) => text.match(new RegExp(`.{1,${width}}`, 'g')) ?? [];

/** PEM armor, split so that no line of this file is a key header. */
export function pem(label, der, width = 64) {
  const dashes = '-----';
  return [`${dashes}BEGIN ${label}${dashes}`, ...wrap(der.toString('base64'), width), `${dashes}END ${label}${dashes}`].join('\n');
}

export function pgpArmor(packet) {
  const dashes = '-----';
  const crc = crc24(packet);
  const crcB64 = Buffer.from([crc >> 16, (crc >> 8) & 0xff, crc & 0xff]).toString('base64');
  const label = 'PGP PRIVATE KEY BLOCK';
  return [`${dashes}BEGIN ${label}${dashes}`, '', ...wrap(packet.toString('base64'), 64), `=${crcB64}`, `${dashes}END ${label}${dashes}`].join('\n');
}

export { wrap };
