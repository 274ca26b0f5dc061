import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Detector } from '../dist/detector/detector.js';
import { Prefilter } from '../dist/detector/prefilter.js';
import { base64Runs } from '../dist/detector/decode.js';
import { shannonEntropy } from '../dist/detector/entropy.js';
import { loadRuleSet } from '../dist/rules/load.js';
import { readFragments } from '../dist/sources/read-file.js';
import { fingerprint, redact } from '../dist/core/redact.js';
import type { Finding, Fragment, Notice } from '../dist/core/types.js';
import { githubPat, stripeKey, tempDir, token } from './helpers.js';

const { rules } = loadRuleSet();
const detector = new Detector(rules);

function detect(text: string, path = 'src/app.js'): Finding[] {
  return detector.scan({ text, provenance: { kind: 'file', path }, lineBase: 0, offsetBase: 0, columnBase: 0 }).findings;
}
const ids = (text: string, path?: string): string[] => detect(text, path).filter((f) => f.confidence !== 'low').map((f) => f.ruleId);

describe('detector', () => {
  const gh = githubPat(41);

  it('reports position, line text and a checksum-valid token at high confidence', () => {
    const [f] = detect(`line one\n  const t = "${gh}";\n`);
    assert.equal(f!.ruleId, 'github-classic-pat');
    assert.deepEqual([f!.start, f!.end], [{ line: 2, column: 14 }, { line: 2, column: 54 }]);
    assert.equal(f!.validation, 'valid');
    assert.equal(f!.confidence, 'high');
    assert.equal(f!.secret, gh);
  });

  it('keeps a checksum-invalid token, at low confidence, with its validation', () => {
    const broken = gh.slice(0, -6) + 'AAAAAA';
    const [f] = detect(`t = "${broken}"`);
    assert.equal(f!.validation, 'invalid');
    assert.equal(f!.confidence, 'low');
  });

  it('finds secrets inside base64, percent-encoded and JSON-escaped strings, at the encoded span', () => {
    const b64 = Buffer.from(`export GITHUB_TOKEN=${gh}\n`).toString('base64');
    const [f] = detect(`data: ${b64}\n`);
    assert.equal(f!.ruleId, 'github-classic-pat');
    assert.deepEqual(f!.decodedFrom, ['base64']);
    assert.deepEqual(f!.start, { line: 1, column: 7 });
    const random = token('{alnum:28}{digit:4}', 2);
    const pct = encodeURIComponent(`client_secret=${random}&x=1`);
    assert.deepEqual(detect(`GET /cb?state=${pct} HTTP/1.1`, 'access.log').map((x) => [x.ruleId, x.decodedFrom.join()]), [['generic-secret', 'percent']]);
    const escaped = `{"cfg": "{\\"api_key\\": \\"${random.slice(0, 10)}\\u002F${random.slice(10)}\\"}"}`;
    const j = detect(escaped).filter((x) => x.decodedFrom.includes('json-escape'));
    assert.equal(j.length, 1);
    assert.equal(j[0]!.secret, `${random.slice(0, 10)}/${random.slice(10)}`);
  });

  it('reads an encoded value with the name it is assigned to: Kubernetes Secret data, JSON with escaped slashes', () => {
    const awsSecret = token('{alnum:18}/{alnum:10}+{alnum:10}', 'k8s');
    const manifest = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ndata:\n  AWS_SECRET_ACCESS_KEY: ${Buffer.from(awsSecret).toString('base64')}\n`;
    const [k] = detect(manifest, 'deploy/app-secret.yaml').filter((x) => x.ruleId === 'aws-secret-access-key');
    assert.ok(k, 'found in the decoded value, with its key as the name');
    assert.equal(k.secret, awsSecret);
    assert.deepEqual(k.decodedFrom, ['base64']);
    assert.deepEqual(k.start, { line: 6, column: 26 });
    const json = `{"awsSecretAccessKey": "${awsSecret.replace(/\//g, '\\/')}"}`;
    assert.deepEqual(detect(json, 'config/app.json').filter((x) => x.ruleId === 'aws-secret-access-key').map((x) => x.secret), [awsSecret]);
    const unnamed = `data:\n  - ${Buffer.from(awsSecret).toString('base64')}\n`;
    assert.deepEqual(detect(unnamed, 'deploy/list.yaml').filter((x) => x.ruleId === 'aws-secret-access-key'), [], 'no name, no name-anchored finding');
  });

  it('turns a secret in a browser-exposed variable into its own critical finding', () => {
    const [f] = detect(`NEXT_PUBLIC_GITHUB_TOKEN=${gh}\n`, '.env.production');
    assert.equal(f!.ruleId, 'browser-exposed-secret');
    assert.equal(f!.severity, 'critical');
    assert.match(f!.message, /Next\.js inlines every NEXT_PUBLIC_\* variable/);
    assert.ok(f!.tags.includes('detected-by:github-classic-pat'));
    assert.deepEqual(f!.exposure, { variable: 'NEXT_PUBLIC_GITHUB_TOKEN', prefix: 'NEXT_PUBLIC_' });
    const v = detect(`VITE_ADMIN_SECRET="${token('{alnum:30}', 3)}"`);
    assert.deepEqual(v.map((x) => [x.ruleId, x.exposure?.prefix]), [['browser-exposed-secret', 'VITE_']]);
  });

  it('does not report publishable keys where they belong', () => {
    assert.deepEqual(ids(`NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk_live_${token('{alnum:24}', 4)}`), []);
    assert.deepEqual(ids(`NEXT_PUBLIC_SUPABASE_ANON_KEY=${token('{gen:jwt-anon}', 5)}`), []);
    assert.deepEqual(ids(`const supabase = createClient(url, "${token('{gen:jwt-anon}', 6)}")`), []);
  });

  it('honours an inline leakhound:allow marker', () => {
    assert.deepEqual(ids(`const t = "${gh}"; // leakhound:allow test fixture`), []);
  });

  const negatives: [string, string][] = [
    ['placeholder', 'API_KEY=your_api_key_here'],
    ['angle placeholder', 'client_secret: <CLIENT_SECRET>'],
    ['template variable', 'password: "${DB_PASSWORD}"'],
    ['mustache', 'token: "{{ .Values.token }}"'],
    ['env reference', 'const apiKey = process.env.OPENAI_API_KEY;'],
    ['python getenv', 'SECRET_KEY = os.getenv("DJANGO_SECRET_KEY")'],
    ['changeme', 'password=changeme'],
    ['repeated', 'secret = "aaaaaaaaaaaaaaaaaaaaaaaa"'],
    ['sequential', 'api_key = "abcdef1234567890"'],
    ['keyboard', 'password = "qwertyuiop123"'],
    ['uuid', `api_key = "${token('{gen:uuid}', 1)}"`],
    ['git sha', `commit_sha_token: ${token('{hex:40}', 2)}`],
    ['sri', `"integrity": "sha512-${token('{base64:86}', 3)}=="`],
    ['file path', 'secret_file = "/run/secrets/db_password"'],
    ['url without credentials', 'token_endpoint: https://login.example.com/oauth2/v2.0/token'],
    ['base64 image', `icon_token = "data:image/png;base64,${token('{base64:120}', 4)}"`],
    ['public key', `public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5${token('{base64:44}', 5)}"`],
    ['constant name', 'TOKEN_HEADER_NAME = "X_AUTH_TOKEN_HEADER"'],
    ['camelCase identifier', 'tokenStore = "sessionTokenRepository"'],
    ['TypeScript type annotation', '    password: URLPatternComponentResult;'],
    ['comparison', `if (token === "${token('{alnum:24}', 6)}") {}`],
    ['csrf token', `<input name="csrf_token" value="${token('{hex:40}', 7)}">`],
    ['short value', 'token: abc123'],
    ['dictionary password', 'password: "password123"'],
    ['masked', 'api_key: "********************"'],
  ];
  for (const [name, text] of negatives) {
    it(`ignores a ${name}`, () => assert.deepEqual(ids(text, 'config/settings.yml'), []));
  }

  const positives: [string, string, string, string][] = [
    ['.env assignment', '.env', `API_SECRET=${token('{alnum:32}', 11)}`, 'generic-secret'],
    ['yaml', 'deploy/values.yaml', `  client_secret: "${token('{alnum:20}{digit:4}', 12)}"`, 'generic-secret'],
    ['json', 'config.json', `{"auth_token": "${token('{base64url:40}', 13)}"}`, 'generic-secret'],
    ['properties password', 'application.properties', `mail.smtp.password=${token('{alnum:12}{digit:3}', 14)}`, 'generic-password'],
    ['go', 'main.go', `const apiKey := "${token('{hex:16}{alnum:12}', 15)}"`, 'generic-secret'],
    ['php array', 'config.php', `'secret_key' => '${token('{alnum:30}', 16)}',`, 'generic-secret'],
    ['xml', 'web.config', `<password>${token('{alnum:10}{digit:4}', 17)}</password>`, 'generic-password'],
    ['cli flag', 'deploy.sh', `mysqladmin --password=${token('{alnum:14}{digit:2}', 18)} status`, 'generic-cli-secret-flag'],
    ['bearer header', 'README.md', `curl -H "Authorization: Bearer ${token('{alnum:40}', 19)}" https://api.internal`, 'http-authorization-header'],
  ];
  for (const [name, path, text, want] of positives) {
    it(`finds a generic secret in ${name}`, () => assert.deepEqual(ids(text, path), [want]));
  }

  it('reads an unquoted right-hand side in source code as an expression, in config as a value', () => {
    const line = `API_TOKEN = ${token('{alnum:16}{digit:6}', 20)}`;
    assert.deepEqual(ids(line, 'settings.py'), []);
    assert.deepEqual(ids(line, 'settings.ini'), ['generic-secret']);
    assert.deepEqual(ids('const tokenStart = allowPositionInLeadingTrivia ? a : b;', 'astnav.js'), []);
  });

  it('gives the same findings whether a file is scanned whole or in small overlapping chunks', async () => {
    const dir = tempDir();
    const lines: string[] = [];
    for (let i = 0; i < 400; i++) {
      lines.push(i % 37 === 0 ? `token_${i} = "${githubPat(i)}"` : i % 53 === 0 ? `stripe: ${stripeKey(i)}` : `let v${i} = compute(${i}) // filler text ${'x'.repeat(i % 17)}`);
    }
    const text = lines.join('\n');
    const file = join(dir, 'f.js');
    writeFileSync(file, text);
    const whole = detect(text, 'f.js').map((f) => `${f.ruleId}@${f.start.line}:${f.start.column}`);
    const notices: Notice[] = [];
    const chunked: string[] = [];
    const seen = new Set<string>();
    for await (const frag of readFragments(file, { kind: 'file', path: 'f.js' }, Buffer.byteLength(text), { maxFileSize: 1e9, chunkSize: 2048, overlap: 512 }, notices)) {
      for (const f of detector.scan(frag as Fragment).findings) {
        const key = `${f.ruleId}@${f.start.line}:${f.start.column}`;
        if (!seen.has(key)) chunked.push(key);
        seen.add(key);
      }
    }
    assert.ok(whole.length >= 10);
    assert.deepEqual(chunked, whole);
  });
});

describe('prefilter', () => {
  const naive = (keywords: string[], text: string): string[] => {
    const want: string[] = [];
    const lower = text.toLowerCase();
    for (let end = 1; end <= text.length; end++) keywords.forEach((k, i) => lower.slice(0, end).endsWith(k) && want.push(`${i}@${end}`));
    return want;
  };

  it('finds exactly the keyword occurrences a naive search finds, case-insensitively, in order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-c_]{1,4}$/), { minLength: 1, maxLength: 6 }), fc.stringMatching(/^[a-cA-C_ é\n]{0,60}$/), (keywords, text) => {
        const got: string[] = [];
        const hits = new Prefilter(keywords).scan(text);
        for (let i = 0; i < hits.length; i += 2) got.push(`${hits[i]}@${hits[i + 1]}`);
        const want = naive(keywords, text);
        // In increasing end offset; several keywords ending at one offset may come in any order.
        assert.deepEqual(
          got.map((h) => Number(h.split('@')[1])),
          want.map((h) => Number(h.split('@')[1])),
        );
        assert.deepEqual(got.sort(), want.sort());
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('gives the same hits whatever the segment size, the stream boundaries and the hit-area size', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-c_]{1,7}$/), { minLength: 1, maxLength: 8 }),
        // size 'max': long texts, so slices, segments and full hit areas all come up.
        fc.array(fc.constantFrom('a', 'b', 'c', 'A', 'C', '_', ' ', 'é', '\n'), { maxLength: 400, size: 'max' }).map((cs) => cs.join('')),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 4 }),
        (keywords, text, segment, hitsPerStream) => {
          const got: string[] = [];
          const hits = new Prefilter(keywords, { segment, hitsPerStream }).scan(text);
          for (let i = 0; i < hits.length; i += 2) got.push(`${hits[i]}@${hits[i + 1]}`);
          assert.deepEqual(got.sort(), naive(keywords, text).sort());
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  it('does not take a wide character for the ASCII letter its low byte spells', () => {
    // U+0161 and U+0174 end in 0x61 ("a") and 0x74 ("t"): a Latin-1 copy of the text would read "at".
    assert.deepEqual(new Prefilter(['at', 'key']).scan('\u0161\u0174 KEY at'), [1, 6, 0, 9]);
  });
});

describe('redaction and fingerprints', () => {
  it('never shows more than the literal prefix and two characters', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }), fc.integer({ min: 0, max: 10 }), (secret, prefix) => {
        const r = redact(secret, prefix);
        const shown = r.slice(0, r.indexOf('****'));
        assert.ok(shown.length <= Math.min(prefix, secret.length) + 2);
        assert.ok(secret.startsWith(shown));
      }),
      { seed: 3 },
    );
    assert.equal(redact('hunter22'), '**** (8 chars)');
  });

  it('fingerprints depend on rule and secret only', () => {
    assert.equal(fingerprint('r', 's'), fingerprint('r', 's'));
    assert.notEqual(fingerprint('r', 's'), fingerprint('r2', 's'));
    const a = detect(`x\n\nt = "${githubPat(5)}"`, 'a.js')[0]!;
    const b = detect(`t="${githubPat(5)}"`, 'other/b.py')[0]!;
    assert.equal(fingerprint(a.ruleId, a.secret), fingerprint(b.ruleId, b.secret));
  });
});

describe('base64 runs', () => {
  /** The definition, as a regex: maximal alphabet runs of 24+, padding, and the identifier, padding and letters-only filters. */
  function reference(text: string): [number, number][] {
    const out: [number, number][] = [];
    for (const m of text.matchAll(/[A-Za-z0-9+/]{24,}/g)) {
      const start = m.index;
      const runEnd = start + m[0].length;
      const end = runEnd + /^={0,2}/.exec(text.slice(runEnd))![0].length;
      if (/[-_]/.test(text[start - 1] ?? '') || /[-_]/.test(text[end] ?? '')) continue;
      if (end === runEnd && m[0].length % 4 !== 0) continue;
      if (!/[0-9+/]/.test(m[0])) continue;
      out.push([start, end]);
    }
    return out;
  }

  it('finds the runs the definition gives, wide characters included (their low byte may spell a letter)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'B', '7', '+', '/', '=', '-', '_', ' ', '\n', 'é', '\u0161', '\u4e41'), { maxLength: 300, size: 'max' }), (cs) => {
        const text = cs.join('');
        assert.deepEqual([...base64Runs(text, 1e6)], reference(text));
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it('finds runs that straddle the pieces the kernel reads, start one, or end the text; longer ones may go', () => {
    const run = 'QUJDRDEyMzQ1Njc4OTBhYmNkZWZnaGlqa2xt';
    const piece = 1 << 20;
    const long = 'QUJD1234'.repeat(9000);
    const text = `${'.'.repeat(piece - 12)}${run} ${'.'.repeat(piece - 26)} ${run}${'.'.repeat(piece - 40)}${long}${'.'.repeat(40)}${run}`;
    const maxLength = 65536;
    const got = [...base64Runs(text, maxLength)];
    const want = reference(text);
    assert.equal(want.length, 4);
    assert.deepEqual(got, want.filter(([a, b]) => b - a <= maxLength));
    assert.equal(got.length, 3);
  });
});

describe('entropy', () => {
  it('is the Shannon entropy of the code units, wide ones included, call after call', () => {
    const definition = (t: string): number => {
      const counts = new Map<number, number>();
      for (let i = 0; i < t.length; i++) counts.set(t.charCodeAt(i), (counts.get(t.charCodeAt(i)) ?? 0) + 1);
      return [...counts.values()].reduce((bits, k) => bits - (k / t.length) * Math.log2(k / t.length), 0);
    };
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'Z', '9', 'é', '\u4e41', '\u{1F511}'), maxLength: 40 }), (t) => {
        assert.ok(Math.abs(shannonEntropy(t) - definition(t)) < 1e-9);
      }),
      { numRuns: 500, seed: 9 },
    );
  });
});
