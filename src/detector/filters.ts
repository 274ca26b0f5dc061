import { shannonEntropy } from './entropy.js';
import { isBip39Wordlist } from './validators/index.js';

/** What a filter may look at besides the candidate secret. */
export interface FilterContext {
  /** The line holding the candidate. */
  line: string;
  /** The regex's `name` group: the variable the value is assigned to, when the rule captures it. */
  name?: string;
  /** Whether the regex's `quote` group matched: the value is a quoted string literal. */
  quoted: boolean;
  path: string;
}

/**
 * Code-level false-positive filters that rules name in their `filters` field. Each returns the
 * reason a candidate is not a secret, or undefined to keep it.
 */
export type Filter = (secret: string, ctx: FilterContext) => string | undefined;

const PLACEHOLDER_WORDS =
  /(?:x{4,}|\*{3,}|\.{3,}|#{3,}|example|placeholder|changeme|change[_-]?me|your[_-]?|my[_-]?(?:api|secret|token|key|pass)|dummy|sample|redacted|replace[_-]?me|insert[_-]?|enter[_-]?your|fixme|todo|foobar|lorem|notasecret|not[_-]?a[_-]?real|fake|<[^>]*>|\$\{[^}]*\}|#\{[^}]*\}|\{\{[^}]*\}\}|%\([^)]*\)s|%s\b|\$\([^)]*\)|^\$[A-Za-z_]\w*$|^%[A-Za-z_]\w*%$)/i;
const CODE_REFERENCE =
  /^(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|getenv|env\(|ENV\[|System\.getenv|Environment\.GetEnvironmentVariable|config\.|settings\.|secrets\.|vars\.|this\.|self\.|props\.|params\.|args\.|req\.|request\.|options\.|opts\.)/;
const LITERALS = new Set(['true', 'false', 'null', 'none', 'nil', 'undefined', 'empty', 'string', 'password', 'secret', 'token', 'required', 'optional']);
const SEQUENCES = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1qaz2wsx', 'qazwsx'];

function sequentialRun(secret: string): boolean {
  const lower = secret.toLowerCase();
  return SEQUENCES.some((seq) => {
    for (let i = 0; i + 6 <= seq.length; i++) if (lower.includes(seq.slice(i, i + 6))) return true;
    return false;
  });
}

function longestRun(secret: string): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < secret.length; i++) {
    run = i > 0 && secret[i] === secret[i - 1] ? run + 1 : 1;
    if (run > best) best = run;
  }
  return best;
}

const placeholder: Filter = (secret) => {
  if (PLACEHOLDER_WORDS.test(secret)) return 'looks like a placeholder';
  if (LITERALS.has(secret.toLowerCase())) return 'a literal keyword, not a value';
  if (longestRun(secret) >= Math.max(5, secret.length / 3)) return 'repeated characters';
  if (sequentialRun(secret)) return 'sequential or keyboard pattern';
  if (new Set(secret).size <= 3) return 'too few distinct characters';
  if (/^eyJ[A-Za-z0-9_-]*={0,2}$/.test(secret)) return 'a lone JWT header, without payload or signature';
  return undefined;
};

const uuid: Filter = (secret) =>
  /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i.test(secret) ? 'a UUID' : undefined;

const HASH_CONTEXT = /sha|hash|digest|checksum|commit|integrity|etag|md5|revision|\brev\b|fingerprint|version|nonce|crc|build[_-]?id/i;
const hash: Filter = (secret, { line }) =>
  /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128})$/i.test(secret) && HASH_CONTEXT.test(line) ? 'a hash or commit id' : undefined;

const integrity: Filter = (secret) =>
  /^(?:sha(?:1|256|384|512)|md5)[-:][A-Za-z0-9+/=]{20,}$/i.test(secret) ? 'a subresource or lockfile integrity hash' : undefined;

/** An AWS ARN: its resource part (`…:secret:prod/api-x1`) reads like `secret: prod/api-x1`. */
const AWS_ARN = /\barn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{12}:/;

const path: Filter = (secret, { line, name }) => {
  if (name !== undefined && AWS_ARN.test(line) && line.includes(`:${name}:${secret}`)) return 'the resource part of an AWS ARN';
  if (/^(?:~|\.{1,2})?\/[\w.@~-]+(?:\/[\w.@~-]*)*$/.test(secret) || /^[A-Za-z]:\\/.test(secret)) return 'a file path';
  if (/^[\w.-]+\/[\w./-]+\.[a-z]{1,5}$/i.test(secret)) return 'a file path';
  if (/^(?:\*\*\/)+[\w.*{},\/-]*$/.test(secret)) return 'a glob pattern';
  return undefined;
};

const url: Filter = (secret) => {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(secret)) return undefined;
  return /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:[^/\s@]+@/i.test(secret) ? undefined : 'a URL without credentials';
};

const dataUri: Filter = (secret, { line }) =>
  /^data:/i.test(secret) || /data:(?:image|font|application\/(?:font|x-font))[^;,]*;base64,/i.test(line) ? 'an inline image or font' : undefined;

const publicKey: Filter = (secret, { line }) =>
  /^(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-)/.test(secret) || /(?:BEGIN (?:[A-Z0-9]+ )?PUBLIC KEY|BEGIN CERTIFICATE|ssh-(?:rsa|ed25519) AAAA|public[_-]?key|publishable|pub[_-]?key)/i.test(line)
    ? 'a public key or certificate'
    : undefined;

/**
 * camelCase, PascalCase (acronyms included: URLPatternResult) or snake/kebab identifiers: split on
 * case changes and separators, every piece is a word of 3+ letters or an acronym. Random strings
 * split into one- and two-letter fragments instead.
 */
function madeOfWords(secret: string): boolean {
  if (!/^[A-Za-z]+(?:[_-][A-Za-z]+)*$/.test(secret)) return false;
  const pieces = secret.match(/[A-Z]{2,}(?=[A-Z][a-z]|[_-]|$)|[A-Z]?[a-z]+|[A-Z]/g) ?? [];
  const letters = pieces.reduce((n, p) => n + p.length, 0);
  // Short words (No, In, Of) are fine; random text has one-letter pieces and a low average.
  return pieces.length >= 2 && pieces.every((p) => p.length >= 2) && letters / pieces.length >= 4;
}

/**
 * One segment of a property access: lower or snake case, a capitalised word, a constant or camelCase
 * words. A password with a dot in it (`HbL.hTNgPyEBnUlWkL48`) has segments that are none of these.
 */
function namePiece(piece: string): boolean {
  return /^[a-z_$][a-z0-9_$]*$|^[A-Z][a-z0-9]+$|^[A-Z_][A-Z0-9_]*$/.test(piece) || madeOfWords(piece);
}

/** Values that are code, not data: references to variables, calls, constants and camelCase names. */
const identifier: Filter = (secret) => {
  if (CODE_REFERENCE.test(secret)) return 'a reference to another variable';
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+(?:\(\))?$/.test(secret) && secret.replace(/\(\)$/, '').split('.').every(namePiece)) return 'a property access';
  if (/^[A-Za-z_$][\w$.]*\(.*\)?$/.test(secret)) return 'a function call';
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(secret)) return 'a constant or environment variable name';
  if (madeOfWords(secret)) return 'an identifier made of words';
  // A random token of 12+ characters is almost never letters of one case with no digit.
  if (/^[A-Z]?[a-z]+$|^[A-Z]?[a-z]+(?:[_-][A-Za-z][a-z]+)+$/.test(secret)) return 'a word';
  return undefined;
};

/**
 * Names that contain a secret-like word but hold something else: anti-forgery tokens, pagination
 * cursors, URLs, paths, lengths, flags. Judged on the assignment's name, not the value.
 */
const NOT_SECRET_NAME =
  /(?:^|[_.-]|(?<=[a-z]))(?:csrf|xsrf|anti[_-]?forgery|page|next[_-]?page|continuation|cursor|sync|device|push|registration|fcm|apns|tokeni[sz]er|token[_-]?type)|(?:url|uri|endpoint|host|path|file|dir|name|id|type|length|len|field|count|expir\w*|ttl|prefix|header|param|policy|mode|format|version|regex|pattern|min|max|size|label|hint|enabled|required|hash|ref|arn|env|var|key[_-]?id|salt[_-]?rounds|description|desc|comment|title|message|text|help|doc|docs|example|algorithm|algo)$/i;
const secretName: Filter = (_secret, { name }) =>
  name !== undefined && NOT_SECRET_NAME.test(name) ? `the name ${name} does not hold a credential` : undefined;

/** Passwords that are common words or defaults: local-development noise, not leaks worth a commit block. */
const WEAK = /^(?:pass(?:word|wd)?|secret|admin(?:istrator)?|root|test(?:ing)?|guest|user(?:name)?|default|letmein|welcome|qwerty|postgres|mysql|redis|example|demo|sample|none|empty|hunter2)\d{0,4}[!@#.]?$/i;
const weakPassword: Filter = (secret) => (WEAK.test(secret) ? 'a default or dictionary password' : undefined);

/** Source files: there, an unquoted right-hand side is an expression, and a literal secret is quoted. */
const CODE_FILE = /\.(?:[cm]?[jt]sx?|py|rb|go|java|kts?|scala|cs|php|rs|swift|c|cc|cpp|h|hpp|m|mm|dart|lua|pl|pm|r|jl|ex|exs|erl|hs|clj|groovy|vue|svelte)$/i;
const unquotedInCode: Filter = (_secret, { quoted, path }) =>
  !quoted && CODE_FILE.test(path) ? 'an unquoted expression in source code, not a literal' : undefined;

/** A value too regular to be random: low entropy for its length. */
const lowEntropy: Filter = (secret) => {
  const bits = shannonEntropy(secret);
  return bits < Math.min(3, Math.log2(secret.length)) ? `low entropy (${bits.toFixed(2)} bits/char)` : undefined;
};

/** Lowercase words in a row are prose unless every one is on the BIP-39 list (a seed phrase). */
const notMnemonic: Filter = (secret) => (isBip39Wordlist(secret) ? undefined : 'a word not on the BIP-39 list: prose, not a seed phrase');

export const FILTERS: ReadonlyMap<string, Filter> = new Map([
  ['placeholder', placeholder],
  ['uuid', uuid],
  ['hash', hash],
  ['integrity', integrity],
  ['path', path],
  ['url', url],
  ['data-uri', dataUri],
  ['public-key', publicKey],
  ['identifier', identifier],
  ['low-entropy', lowEntropy],
  ['secret-name', secretName],
  ['weak-password', weakPassword],
  ['unquoted-in-code', unquotedInCode],
  ['not-mnemonic', notMnemonic],
]);

const ARMORED = /^-{5}BEGIN [A-Z0-9 ]+-{5}/;

/** Applied to every rule's secret: documentation keys and masked values are never findings. */
export function obviouslyFake(secret: string): string | undefined {
  if (/EXAMPLE|x{6,}|X{6,}|\*{4,}|<[A-Za-z_ -]+>|\$\{|\{\{/.test(secret)) return 'documentation placeholder';
  // Binary key material has runs of zero bytes (every openssh-key-v1 blob encodes `AAAAAAAAAAAB`):
  // armored blocks are judged by their validators instead.
  if (!ARMORED.test(secret) && longestRun(secret) >= 8) return 'repeated characters';
  return undefined;
}
