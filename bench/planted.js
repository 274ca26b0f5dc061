// Fake credentials planted in the benchmark corpus. Every token is built at run time from the seeded
// PRNG; prefixes are split so that no string literal in bench/ has the shape of a credential.
import { ALPHA } from './rng.js';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(text) {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function base62(value, width) {
  let out = '';
  let v = value;
  do {
    out = ALPHA.base62[v % 62] + out;
    v = Math.floor(v / 62);
  } while (v > 0);
  return out.padStart(width, '0');
}

/**
 * Each kind: the rule leakhound should report it under, names for the variable it is assigned to,
 * and a token builder. GitHub's 2021 format carries a CRC32 checksum, computed here so that the
 * token validates (an invalid checksum is reported at low confidence, hidden by default).
 */
export const KINDS = {
  github: {
    ruleId: 'github-classic-pat',
    names: { upper: 'GITHUB_TOKEN', camel: 'githubToken', snake: 'github_token' },
    make(rng) {
      const body = rng.chars(ALPHA.base62, 30);
      return ['gh', 'p_'].join('') + body + base62(crc32(body), 6);
    },
  },
  aws: {
    ruleId: 'aws-access-key-id',
    names: { upper: 'AWS_ACCESS_KEY_ID', camel: 'awsAccessKeyId', snake: 'aws_access_key_id' },
    make(rng) {
      return ['AK', 'IA'].join('') + rng.chars(ALPHA.upperDigit, 16);
    },
  },
  stripe: {
    ruleId: 'stripe-secret-key',
    names: { upper: 'STRIPE_SECRET_KEY', camel: 'stripeSecretKey', snake: 'stripe_secret_key' },
    make(rng) {
      return ['sk', '_live_'].join('') + rng.chars(ALPHA.base62, 24);
    },
  },
  slack: {
    ruleId: 'slack-bot-token',
    names: { upper: 'SLACK_BOT_TOKEN', camel: 'slackBotToken', snake: 'slack_bot_token' },
    make(rng) {
      return ['xox', 'b-'].join('') + rng.chars(ALPHA.digit, 12) + '-' + rng.chars(ALPHA.digit, 13) + '-' + rng.chars(ALPHA.base62, 24);
    },
  },
};

/** The line (or, for minified code, the statement) that carries a token in a file of a given kind. */
export function plantedLine(fileKind, kind, token, rng) {
  const n = KINDS[kind].names;
  switch (fileKind) {
    case 'js':
    case 'ts':
      return `const ${n.camel} = "${token}";`;
    case 'py':
      return `${n.upper} = "${token}"`;
    case 'go':
      return `\t${n.camel} := "${token}"`;
    case 'java':
      return `    private static final String ${n.upper} = "${token}";`;
    case 'rb':
      return `  ${n.upper} = '${token}'`;
    case 'yaml':
      return `${n.snake}: ${token}`;
    case 'json':
      return `  "${n.camel}": "${token}",`;
    case 'md':
      return `export ${n.upper}=${token}`;
    case 'log':
      return `2024-06-0${rng.range(1, 9)}T0${rng.range(0, 9)}:1${rng.range(0, 9)}:22.${rng.range(100, 999)}Z DEBUG [config] loaded ${n.snake}=${token} from environment`;
    case 'min':
      return `var ${n.camel}="${token}";`;
    default:
      throw new Error(`no planted-line template for ${fileKind}`);
  }
}
