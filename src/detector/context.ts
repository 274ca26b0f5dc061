import type { Finding, Severity } from '../core/types.js';
import { SEVERITIES } from '../core/types.js';
import { shannonEntropy } from './entropy.js';
import { adjustConfidence } from './confidence.js';
import type { Validator } from './validators/index.js';

/**
 * Context scoring: where a match sits says as much as what it looks like. Test fixtures,
 * documentation and example files are full of fake keys; .env files, CI and deployment config are
 * where real ones live. Each adjustment is one confidence step and leaves a reason for --explain.
 */
export type FileKind = 'example' | 'test' | 'docs' | 'ci' | 'env' | 'deploy' | 'other';

/** First match wins: `.env.example` is an example before it is an env file. */
const KINDS: readonly [FileKind, RegExp][] = [
  ['example', /(?:^|\/)(?:examples?|samples?|demos?)\/|\.(?:example|sample|template|tmpl|dist|defaults)(?:\.[\w]+)?$/i],
  [
    'test',
    /(?:^|\/)(?:tests?|__tests__|specs?|__mocks__|mocks?|fixtures?|__fixtures__|testdata|test[-_]data|e2e|cypress)\/|(?:^|\/)(?:test_[^/]*\.py|[^/]*_test\.(?:go|py|rb|exs?)|[^/]*\.(?:test|spec)\.[cm]?[jt]sx?|[^/]*_spec\.rb|[^/]*Tests?\.(?:java|kt|cs|swift|php)|conftest\.py)$/,
  ],
  ['docs', /(?:^|\/)docs?\/|\.(?:md|mdx|markdown|rst|adoc)$/i],
  [
    'ci',
    /(?:^|\/)(?:\.github\/workflows\/[^/]+|\.gitlab-ci\.ya?ml|\.circleci\/config\.ya?ml|Jenkinsfile|\.travis\.ya?ml|azure-pipelines\.ya?ml|bitbucket-pipelines\.ya?ml|\.buildkite\/[^/]+|\.drone\.ya?ml|cloudbuild\.ya?ml|buildspec\.ya?ml)$/,
  ],
  ['env', /(?:^|\/)\.env(?:\.[\w.-]+)?$|\.(?:env|tfvars)$|(?:^|\/)\.(?:npmrc|pypirc|netrc|git-credentials|dockercfg)$|(?:^|\/)(?:credentials|secrets?)(?:\.\w+)?$/i],
  [
    'deploy',
    /(?:^|\/)(?:docker-compose[^/]*\.ya?ml|compose\.ya?ml|Dockerfile[^/]*|[^/]*\.tf|[^/]*\.tfstate|values[^/]*\.ya?ml|kustomization\.ya?ml|\.kube\/config|application(?:-\w+)?\.(?:properties|ya?ml)|appsettings(?:\.\w+)?\.json|wp-config\.php|settings\.py)$|(?:^|\/)(?:ansible|k8s|kubernetes|helm|deploy(?:ments?)?)\//i,
  ],
];

export function fileKind(path: string): FileKind {
  for (const [kind, re] of KINDS) if (re.test(path)) return kind;
  return 'other';
}

const LOWERING: Partial<Record<FileKind, string>> = {
  example: 'an example or template file',
  test: 'a test or fixture file',
  docs: 'documentation',
};
const RAISING: Partial<Record<FileKind, string>> = {
  env: 'an environment or credentials file',
  ci: 'CI configuration',
  deploy: 'deployment configuration',
};

/** Words that mark a line as showing a made-up value, outside the value itself. */
const FAKE_CONTEXT = /(?<![a-z.@/])(?:example|sample|dummy|fake|mock(?:ed)?|placeholder|fixture|redacted)s?(?![a-z.])/i;
/** Splits snake_case, kebab-case and camelCase into words so FAKE_CONTEXT sees `fakeToken`. */
const words = (s: string): string => s.replace(/[_-]/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2');
/**
 * A generic value this long and this random is almost never anything but a key. Random base62 text
 * of n characters scores about log2(n) - 0.5 bits per character (95 % above log2(n) - 0.8, measured
 * for n = 24 to 40); identifiers and passphrases made of words score log2(n) - 1 or less.
 */
const RANDOM_LENGTH = 24;
const randomLooking = (s: string): boolean => s.length >= RANDOM_LENGTH && shannonEntropy(s) >= Math.min(Math.log2(s.length) - 0.75, 4.9);

function lowerSeverity(s: Severity): Severity {
  return SEVERITIES[Math.min(SEVERITIES.length - 1, SEVERITIES.indexOf(s) + 1)]!;
}

/**
 * Adjusts a finding's confidence (and, for expired tokens, severity) from its surroundings.
 * A checksum-valid token keeps its confidence: a real key committed in a test is still a leak.
 */
export function scoreContext(f: Finding, validator: Validator | undefined, now: number): Finding {
  const kind = fileKind(f.path);
  const proven = f.validation === 'valid';
  const disproven = f.validation === 'invalid';
  let delta = 0;
  const lowering = LOWERING[kind];
  if (lowering && !proven) {
    delta--;
    f.reasons.push(`in ${lowering}: lower confidence`);
  }
  const raising = RAISING[kind];
  if (raising && !disproven) {
    delta++;
    f.reasons.push(`in ${raising}: higher confidence`);
  }
  const around = f.lineText.split(f.secret).join(' ');
  if (!proven && FAKE_CONTEXT.test(words(around))) {
    delta--;
    f.reasons.push('the line or name says the value is an example or a fake: lower confidence');
  }
  if (f.tags.includes('generic') && !disproven && randomLooking(f.secret)) {
    delta++;
    f.reasons.push(`random-looking value (${shannonEntropy(f.secret).toFixed(2)} bits/char over ${f.secret.length} chars): higher confidence`);
  }
  if (f.variable !== undefined) f.reasons.push(`assigned to ${f.variable}`);
  if (delta !== 0) adjustConfidence(f, Math.sign(delta) * Math.min(Math.abs(delta), 2));
  const expires = validator?.expiresAt?.(f.secret);
  if (expires !== undefined && expires < now) {
    f.severity = lowerSeverity(f.severity);
    f.reasons.push(`expired on ${new Date(expires).toISOString().slice(0, 10)}: lower severity (it may still reveal claims, and a signing key that made it is still live)`);
  }
  return f;
}
