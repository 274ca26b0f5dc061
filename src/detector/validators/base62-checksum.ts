import { base62, crc32 } from './crc32.js';
import type { Validator } from './validator.js';

const CHECKSUM_LEN = 6;

/**
 * GitHub's 2021 token format: `gh?_` + 30 base62 characters + base62(CRC32(those 30)), 6 wide.
 * https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/
 */
export const githubChecksum: Validator = {
  name: 'github-checksum',
  description: 'CRC32 of the 30 random characters, base62-encoded in the last 6 (GitHub 2021 token format)',
  check(secret) {
    const m = /^gh[pousr]_([A-Za-z0-9]{30})([A-Za-z0-9]{6})$/.exec(secret);
    if (!m) return 'unknown';
    return base62(crc32(m[1]!), CHECKSUM_LEN) === m[2] ? 'valid' : 'invalid';
  },
  complete(preceding) {
    const m = /gh[pousr]_([A-Za-z0-9]{30})$/.exec(preceding);
    if (!m) throw new Error('github-checksum: the template must end in gh?_ and 30 base62 characters before the checksum');
    return base62(crc32(m[1]!), CHECKSUM_LEN);
  },
};

/**
 * npm's 2021 token format: `npm_` + 30 base62 characters + a 6-character base62 CRC32.
 * https://github.blog/changelog/2021-09-23-npm-has-a-new-access-token-format/
 * Public descriptions disagree on whether the `npm_` prefix is inside the checksum, so both
 * readings count as valid; a random string still passes only about twice in 2^32.
 */
export const npmChecksum: Validator = {
  name: 'npm-checksum',
  description: 'CRC32 base62-encoded in the last 6 characters (npm 2021 token format)',
  check(secret) {
    const m = /^(npm_)([A-Za-z0-9]{30})([A-Za-z0-9]{6})$/.exec(secret);
    if (!m) return 'unknown';
    const sum = m[3]!;
    const ok = base62(crc32(m[2]!), CHECKSUM_LEN) === sum || base62(crc32(m[1]! + m[2]!), CHECKSUM_LEN) === sum;
    return ok ? 'valid' : 'invalid';
  },
  complete(preceding) {
    const m = /npm_([A-Za-z0-9]{30})$/.exec(preceding);
    if (!m) throw new Error('npm-checksum: the template must end in npm_ and 30 base62 characters before the checksum');
    return base62(crc32(m[1]!), CHECKSUM_LEN);
  },
};
