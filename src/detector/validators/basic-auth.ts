import type { Validator } from './validator.js';

/** user:password, both non-empty, printable: what HTTP Basic credentials encode (RFC 7617 section 2). */
const USER_PASS = /^[^\x00-\x1f\x7f:]+:[^\x00-\x1f\x7f]+$/u;

/**
 * Registry `auth` values (Docker config.json, containers auth.json) are base64 of user:password, as
 * docker login stores them: https://docs.docker.com/reference/cli/docker/login/#credential-stores.
 * Random base64 decodes to binary, which no one types as a user name and password.
 */
export const basicAuthBase64: Validator = {
  name: 'basic-auth-base64',
  description: 'decodes from base64 to printable user:password text (RFC 7617 credentials)',
  check(secret) {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(secret) || secret.replace(/=+$/, '').length % 4 === 1) return 'invalid';
    const text = Buffer.from(secret, 'base64').toString('utf8');
    return !text.includes('\ufffd') && USER_PASS.test(text) ? 'valid' : 'invalid';
  },
};
