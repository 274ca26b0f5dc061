import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Detector } from '../dist/detector/detector.js';
import { fileKind } from '../dist/detector/context.js';
import { FILTERS } from '../dist/detector/filters.js';
import { toReported } from '../dist/core/redact.js';
import { loadRuleSet } from '../dist/rules/load.js';
import type { Finding } from '../dist/core/types.js';
import { githubPat, runCli, tempDir, token, writeTree } from './helpers.js';

const { rules } = loadRuleSet();
const NOW = Date.parse('2026-06-01T00:00:00Z');
const detector = new Detector(rules, { now: NOW });

function detect(text: string, path = 'src/app.js'): Finding[] {
  return detector.scan({ text, provenance: { kind: 'file', path }, lineBase: 0, offsetBase: 0, columnBase: 0 }).findings;
}

const keyId = token('AK' + 'IA{upper_digit:16}', 'pair-id');
const secretKey = token('{base64:40}', 'pair-secret');

describe('paired credentials', () => {
  it('reports a secret key and its key id as one finding with both locations', () => {
    const text = `[default]\naws_access_key_id = ${keyId}\nregion = eu-west-1\naws_secret_access_key = ${secretKey}\n`;
    const found = detect(text, 'config/credentials.ini');
    assert.deepEqual(found.map((f) => f.ruleId), ['aws-secret-access-key'], 'the key id finding is merged into the pair');
    const [f] = found;
    assert.equal(f!.confidence, 'high');
    assert.deepEqual(f!.pair && { name: f!.pair.name, ruleId: f!.pair.ruleId, start: f!.pair.start }, { name: 'access key id', ruleId: 'aws-access-key-id', start: { line: 2, column: 21 } });
    assert.match(f!.reasons.join('\n'), /paired with the access key id at line 2/);
    const reported = toReported(f!, false);
    assert.ok(!JSON.stringify(reported).includes(keyId), 'the other half is redacted too');
    assert.ok(!JSON.stringify(reported).includes(secretKey));
    assert.equal(toReported(f!, true).pair?.value, keyId, '--show-secrets shows both halves');
  });

  it('reports a lone half one step lower, and says why', () => {
    const [f] = detect(`aws_secret_access_key = ${secretKey}\n`, 'config/settings.ini');
    assert.equal(f!.ruleId, 'aws-secret-access-key');
    assert.equal(f!.confidence, 'medium');
    assert.equal(f!.pair, undefined);
    assert.match(f!.reasons.join('\n'), /no access key id within 10 lines: a lone half/);
  });

  it('does not pair halves further apart than the rule allows', () => {
    const filler = Array.from({ length: 30 }, (_, i) => `# line ${i}`).join('\n');
    const found = detect(`aws_access_key_id = ${keyId}\n${filler}\naws_secret_access_key = ${secretKey}\n`, 'config/settings.ini');
    assert.deepEqual(found.map((f) => f.ruleId).sort(), ['aws-access-key-id', 'aws-secret-access-key']);
    assert.equal(found.find((f) => f.ruleId === 'aws-secret-access-key')!.confidence, 'medium');
  });

  it('pairs a Twilio auth token with its account SID', () => {
    const sid = token('AC{hex:32}', 'sid');
    const [f, ...rest] = detect(`TWILIO_ACCOUNT_SID=${sid}\nTWILIO_AUTH_TOKEN=${token('{hex:32}', 'tw')}\n`, 'deploy/app.conf');
    assert.equal(rest.length, 0);
    assert.equal(f!.pair?.name, 'account SID');
    assert.equal(f!.pair?.start.line, 1);
  });
});

describe('context scoring', () => {
  const value = token('{alnum:32}', 'ctx');
  const line = `api_secret = "${value}"\n`;
  const confidenceIn = (path: string, text = line): string | undefined => detect(text, path).find((f) => f.ruleId === 'generic-secret')?.confidence;

  it('classifies paths by what they hold', () => {
    const table: [string, string][] = [
      ['.env', 'env'], ['config/.env.production', 'env'], ['.env.example', 'example'], ['examples/app/config.js', 'example'],
      ['test/unit/auth.test.ts', 'test'], ['src/auth.spec.js', 'test'], ['pkg/auth_test.go', 'test'], ['tests/fixtures/a.json', 'test'],
      ['docs/setup.md', 'docs'], ['README.md', 'docs'], ['.github/workflows/ci.yml', 'ci'], ['.gitlab-ci.yml', 'ci'],
      ['docker-compose.prod.yml', 'deploy'], ['infra/main.tf', 'deploy'], ['k8s/deployment.yaml', 'deploy'], ['src/app.js', 'other'],
    ];
    for (const [path, kind] of table) assert.equal(fileKind(path), kind, path);
  });

  it('raises generic findings in env, CI and deployment files and lowers them in tests, docs and examples', () => {
    assert.equal(confidenceIn('src/app.py'), 'high', 'random-looking 32-char value');
    assert.equal(confidenceIn('.env', `API_SECRET=${token('{alnum:16}', 'short')}\n`), 'high');
    assert.equal(confidenceIn('src/app.py', `api_secret = "${token('{alnum:16}', 'short')}"\n`), 'medium');
    assert.equal(confidenceIn('tests/test_app.py', `api_secret = "${token('{alnum:16}', 'short')}"\n`), 'low');
    assert.equal(confidenceIn('docs/config.md', `api_secret = "${token('{alnum:16}', 'short')}"\n`), 'low');
  });

  it('lowers a value the line or its name calls fake, unless a checksum proves it real', () => {
    assert.equal(confidenceIn('src/app.py', `fake_api_secret = "${token('{alnum:16}', 'short')}"\n`), 'low');
    assert.equal(confidenceIn('src/app.py', `api_secret = "${token('{alnum:16}', 'short')}"  # example value\n`), 'low');
    const gh = githubPat(7);
    const [f] = detect(`const mockToken = "${gh}";\n`, 'test/fixtures/auth.test.js');
    assert.equal(f!.validation, 'valid');
    assert.equal(f!.confidence, 'high', 'checksum-valid tokens keep their confidence in tests');
  });

  it('never hides a provider-format match by context alone, and does not read example.net hosts as fake wording', () => {
    const square = token('EAAA{alnum_dash:60}', 'sq');
    const inDocs = detect(`export SQUARE_ACCESS_TOKEN=${square}\n`, 'docs/deploy.md').find((f) => f.ruleId === 'square-access-token');
    assert.equal(inDocs?.confidence, 'medium');
    assert.match(inDocs!.reasons.join('\n'), /in documentation/);
    const uri = detect(`db = "mysql://app:${token('{alnum:20}', 'pw')}@db-main.corp.example.net:3306/app"\n`, 'src/db.py').find((f) => f.ruleId === 'mysql-uri-password');
    assert.ok(uri && !uri.reasons.some((r) => r.includes('fake')), uri?.reasons.join('; '));
  });

  it('keeps every reason for --explain', () => {
    const [f] = detect(`DB_TOKEN_SECRET=${token('{alnum:16}', 'short')}\n`, 'tests/fixtures/.env');
    assert.ok(f!.reasons.some((r) => r.startsWith('in a test or fixture file')), f!.reasons.join('; '));
  });
});

describe('JWT expiry', () => {
  const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const jwt = (exp: number): string => `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: '1234567', exp })}.${token('{base64url:43}', exp)}`;

  it('reports an expired token at a lower severity, with the date', () => {
    const [live] = detect(`token: ${jwt(NOW / 1000 + 3600)}\n`, 'config/app.yml');
    const [dead] = detect(`token: ${jwt(Date.parse('2024-01-02T00:00:00Z') / 1000)}\n`, 'config/app.yml');
    assert.equal(live!.ruleId, 'jwt');
    assert.equal(dead!.ruleId, 'jwt');
    assert.equal(live!.severity, rules.find((r) => r.id === 'jwt')!.severity);
    assert.notEqual(dead!.severity, live!.severity);
    assert.match(dead!.reasons.join('\n'), /expired on 2024-01-02/);
  });
});

describe('filters for values that are not secrets', () => {
  const placeholder = FILTERS.get('placeholder')!;
  const identifier = FILTERS.get('identifier')!;
  const weak = FILTERS.get('weak-password')!;
  const ctx = { line: '', quoted: true, path: 'a.env' };
  const dropped: [string, (s: string, c: typeof ctx) => string | undefined][] = [
    ['aaaaaaaaaaaaaaaa', placeholder], ['abcdefghijklmn12', placeholder], ['qwertyuiop123456', placeholder], ['1qaz2wsx3edc4rfv', placeholder],
    ['0123456789012345', placeholder], ['zxcvbnmasdfghjkl', placeholder], ['your_api_key_here', placeholder], ['changeme', placeholder],
    ['ababababababab', placeholder], ['AuthenticationTokenProvider', identifier], ['customer_session_manager', identifier],
    ['password123', weak], ['Welcome1!', weak], ['letmein', weak], ['**/*.htpasswd', FILTERS.get('path')!], ['#{DbPassword}#', placeholder],
  ];
  it('drops repeated, sequential and keyboard runs, stopwords, dictionary words and default passwords', () => {
    for (const [value, filter] of dropped) assert.ok(filter(value, ctx), value);
  });
  it('keeps random values', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const v = token('{alnum:20}', seed);
      assert.equal(placeholder(v, ctx), undefined, v);
      assert.equal(identifier(v, ctx), undefined, v);
    }
  });
});

describe('--explain', () => {
  it('lists the reasons for each finding in text output, and only when asked', async () => {
    const dir = tempDir();
    writeTree(dir, { 'tests/fixtures/settings.py': `API_SECRET = "${token('{alnum:16}', 'explain')}"\n` });
    const hidden = await runCli(['scan', dir, '--no-color']);
    assert.equal(hidden.code, 0, 'a low-confidence finding in a fixture is hidden by default');
    assert.match(hidden.stdout, /1 low-confidence hidden/);
    const shown = await runCli(['scan', dir, '--no-color', '--min-confidence', 'low', '--explain']);
    assert.equal(shown.code, 1);
    assert.match(shown.stdout, /why: in a test or fixture file: lower confidence/);
    assert.doesNotMatch((await runCli(['scan', dir, '--no-color', '--min-confidence', 'low'])).stdout, /why:/);
  });
});

describe('allow.nearby', () => {
  it('drops a Google API key inside a Firebase web config, keeps the same key elsewhere, and honours a global nearby allowlist', () => {
    const key = token('AIza{alnum_dash:35}', 'fb');
    const firebase = `const firebaseConfig = {\n  apiKey: "${key}",\n  authDomain: "shop-prod.firebaseapp.com",\n  projectId: "shop-prod",\n};\n`;
    assert.deepEqual(detect(firebase, 'web/src/firebase.js').map((f) => f.ruleId), []);
    assert.deepEqual(detect(`const mapsKey = "${key}";\n`, 'web/src/maps.js').map((f) => f.ruleId), ['google-api-key']);
    const far = `const mapsKey = "${key}";\n${'//\n'.repeat(20)}authDomain: "x.firebaseapp.com"\n`;
    assert.deepEqual(detect(far, 'web/src/maps.js').map((f) => f.ruleId), ['google-api-key'], 'only within 10 lines');
    const gh = githubPat(9);
    const global = new Detector(rules, { now: NOW, allow: { regexes: [], stopwords: [], paths: [], nearby: ['LEAKHOUND_TEST_FIXTURE'] } });
    const scan = (text: string): string[] => global.scan({ text, provenance: { kind: 'file', path: 'a.js' }, lineBase: 0, offsetBase: 0, columnBase: 0 }).findings.map((f) => f.ruleId);
    assert.deepEqual(scan(`// LEAKHOUND_TEST_FIXTURE\nconst t = "${gh}";\n`), []);
    assert.deepEqual(scan(`const t = "${gh}";\n`), ['github-classic-pat']);
  });
});

describe('entropy floor for hexadecimal values', () => {
  it('keeps a random 32-character hex key whose entropy happens to fall under the rule minimum', async () => {
    const { shannonEntropy } = await import('../dist/detector/entropy.js');
    // Random hex drawn from 10 of its 16 digits: as uneven as 1 random key in 60 is.
    const value = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => token('{set:abcdef2579:32}', `hex-${seed}`)).find((v) => {
      const e = shannonEntropy(v);
      return e >= 3.0 && e < 3.3;
    })!;
    assert.ok(value, 'a value between 3.0 and 3.3 bits per character');
    assert.ok(rules.find((r) => r.id === 'generic-secret')!.entropy! > shannonEntropy(value));
    assert.deepEqual(detect(`os.environ.setdefault("DD_API_KEY", "${value}")\n`, 'app/settings.py').map((f) => f.ruleId), ['generic-secret']);
    assert.deepEqual(detect(`api_secret = "${'ab'.repeat(16)}"\n`, 'app/settings.py'), [], 'a repetitive one still is not');
  });
});
