// Hard negatives: text that looks like a credential and is not one. Value negatives are written
// through a format's `line` (so they sit in the same syntax as real secrets); file negatives are whole
// files (lockfiles, checksums, bundles, certificates). Literal prefixes are split as in tokens.js.
import { ALPHA } from '../rng.js';
import { pem, randomBytes } from './der.js';

const j = (...parts) => parts.join('');
const B64URL = ALPHA.base62 + '-_';
const sha = (rng, n = 40) => rng.chars(ALPHA.hex, n);
const uuid = (rng) => [8, 4, 4, 4, 12].map((n) => rng.chars(ALPHA.hex, n)).join('-');
const b64 = (rng, n) => randomBytes(rng, n).toString('base64');
const jwtOf = (rng, payload) =>
  [{ alg: 'HS256', typ: 'JWT' }, payload].map((o) => Buffer.from(JSON.stringify(o)).toString('base64url')).join('.') + '.' + randomBytes(rng, 32).toString('base64url');

/** Value negatives: [category, name, value(rng)]. */
export const VALUE_NEGATIVES = [
  ['placeholder', 'STRIPE_SECRET_KEY', () => j('sk', '_live_') + 'x'.repeat(24)],
  ['placeholder', 'GITHUB_TOKEN', () => j('gh', 'p_') + 'X'.repeat(36)],
  ['placeholder', 'API_KEY', () => '<your-api-key>'],
  ['placeholder', 'OPENAI_API_KEY', () => j('sk', '-proj-') + 'your-key-here'],
  ['placeholder', 'DB_PASSWORD', () => 'changeme'],
  ['placeholder', 'password', () => '********'],
  ['placeholder', 'SLACK_BOT_TOKEN', () => j('xox', 'b-') + 'your-bot-token'],
  ['placeholder', 'client_secret', () => 'YOUR_CLIENT_SECRET'],
  ['placeholder', 'API_TOKEN', () => '${API_TOKEN}'],
  ['placeholder', 'password', () => '{{ .Values.db.password }}'],
  ['placeholder', 'SECRET_KEY', () => 'replace-me-with-a-long-random-string'],
  ['placeholder', 'DATABASE_URL', () => 'postgres://user:password@localhost:5432/app'],
  ['placeholder', 'DATABASE_URL', () => 'postgres://postgres:${POSTGRES_PASSWORD}@db:5432/app'],
  ['placeholder', 'REDIS_URL', () => 'redis://:<password>@localhost:6379/0'],
  ['documented-example', 'AWS_ACCESS_KEY_ID', () => j('AKIA', 'IOSFODNN7', 'EXAMPLE')],
  ['documented-example', 'AWS_SECRET_ACCESS_KEY', () => j('wJalrXUtnFEMI', '/K7MDENG/', 'bPxRfiCY', 'EXAMPLEKEY')],
  ['documented-example', 'TWILIO_AUTH_TOKEN', () => 'your_auth_token'],
  ['publishable', 'STRIPE_PUBLISHABLE_KEY', (rng) => j('pk', '_live_') + rng.chars(ALPHA.base62, 99)],
  ['publishable', 'NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY', (rng) => j('pk', '_live_') + rng.chars(ALPHA.base62, 24)],
  ['publishable', 'NEXT_PUBLIC_POSTHOG_KEY', (rng) => j('ph', 'c_') + rng.chars(ALPHA.base62, 43)],
  ['publishable', 'RECAPTCHA_SITE_KEY', (rng) => '6L' + rng.chars(B64URL, 38)],
  ['publishable', 'NEXT_PUBLIC_SUPABASE_ANON_KEY', (rng) => jwtOf(rng, { iss: 'supabase', ref: rng.chars(ALPHA.lower, 20), role: 'anon', iat: 1700000000, exp: 2000000000 })],
  ['publishable', 'NEXT_PUBLIC_FIREBASE_API_KEY', (rng) => j('AI', 'za') + rng.chars(B64URL, 35)],
  ['publishable', 'VITE_SENTRY_DSN', (rng) => `https://${sha(rng, 32)}@o${rng.int(999999)}.ingest.sentry.io/${rng.int(9999999)}`],
  ['identifier', 'client_id', (rng) => uuid(rng)],
  ['identifier', 'TENANT_ID', (rng) => uuid(rng)],
  ['identifier', 'GIT_SHA', (rng) => sha(rng)],
  ['identifier', 'commit', (rng) => sha(rng)],
  ['identifier', 'checksum', (rng) => sha(rng, 64)],
  ['identifier', 'etag', (rng) => `W/"${sha(rng, 32)}"`],
  ['identifier', 'TWILIO_ACCOUNT_SID', (rng) => 'AC' + sha(rng, 32)],
  ['identifier', 'request_id', (rng) => rng.chars(ALPHA.base62, 26)],
  ['not-a-secret', 'password_min_length', () => '12'],
  ['not-a-secret', 'token_url', () => 'https://oauth2.googleapis.com/token'],
  ['not-a-secret', 'password_reset_path', () => '/users/password/reset'],
  ['not-a-secret', 'secret_name', () => 'prod/billing/db-password'],
  ['not-a-secret', 'api_key_header', () => 'X-Api-Key'],
  ['not-a-secret', 'AUTH_TOKEN_TTL', () => '3600'],
  ['not-a-secret', 'secret_arn', (rng) => `arn:aws:secretsmanager:eu-west-1:${rng.chars(ALPHA.digit, 12)}:secret:prod/api-${rng.chars(ALPHA.base62, 6)}`],
  ['not-a-secret', 'PASSWORD_HASH_ALGORITHM', () => 'argon2id'],
  ['not-a-secret', 'secret_key_field', () => 'secretKey'],
  ['test-fixture', 'TEST_PASSWORD', () => 'test-password'],
  ['test-fixture', 'FAKE_API_KEY', () => 'fake-api-key-for-tests'],
  ['test-fixture', 'dummy_secret', () => 'dummy'],
];

/** Lines that reference a secret held elsewhere, one list per format. */
export const REFERENCES = {
  js: ['const stripeKey = process.env.STRIPE_SECRET_KEY;', 'const token = process.env.GITHUB_TOKEN ?? "";', 'headers: { Authorization: `Bearer ${apiToken}` },'],
  ts: ['const password: string = config.get<string>("db.password");', 'const apiKey = requireEnv("OPENAI_API_KEY");'],
  py: ['password = os.environ["DB_PASSWORD"]', 'SECRET_KEY = env("DJANGO_SECRET_KEY")', 'api_key = settings.STRIPE_SECRET_KEY'],
  go: ['\tpassword := os.Getenv("DB_PASSWORD")', '\ttoken, err := secrets.Get(ctx, "github-token")'],
  java: ['        String password = System.getenv("DB_PASSWORD");'],
  rb: ["  config.secret_key_base = ENV.fetch('SECRET_KEY_BASE')", "  password: Rails.application.credentials.dig(:db, :password)"],
  php: ["'password' => env('DB_PASSWORD'),", "$secret = getenv('APP_SECRET');"],
  cs: ['    var password = Environment.GetEnvironmentVariable("DB_PASSWORD");'],
  sh: ['export DB_PASSWORD="$(cat /run/secrets/db_password)"', 'curl -H "Authorization: Bearer ${GITHUB_TOKEN}" https://api.github.com/user'],
  dockerfile: ['ARG NPM_TOKEN', 'RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci'],
  gha: ['      GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}', '      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}'],
  gitlab: ['  DB_PASSWORD: $CI_DB_PASSWORD'],
  k8s: ['  DB_PASSWORD_FILE: /var/run/secrets/db/password'],
  tf: ['  password = var.db_password', '  client_secret = data.vault_generic_secret.app.data["client_secret"]'],
  env: ['DATABASE_URL=postgres://${DB_USER}:${DB_PASSWORD}@${DB_HOST}:5432/app', 'API_KEY='],
  json: ['  "password": "${DB_PASSWORD}",'],
  toml: ['password = "${DB_PASSWORD}"'],
  ini: ['password = %(DB_PASSWORD)s'],
  properties: ['spring.datasource.password=${DB_PASSWORD}'],
  xml: ['    <add key="ApiKey" value="#{ApiKey}#" />'],
  md: ['Set `STRIPE_SECRET_KEY` to the key from the dashboard (it starts with `sk' + '_live_`).', 'Keys look like `sk' + '_live_…4xQz`; never paste one here.', 'A token is shown once: `gh' + 'p_...`'],
  log: ['2024-06-03T10:00:00.000Z INFO  [auth] token refreshed for user 4211 (expires in 3600s)'],
};

const integrity = (rng) => `sha512-${b64(rng, 64)}`;
const pkgName = (rng) => rng.pick(['lodash', 'chalk', 'debug', 'semver', 'yargs', 'react', 'ms', 'glob', 'uuid', 'tslib']) + (rng.chance(0.5) ? '' : `-${rng.pick(['core', 'utils', 'parser', 'plugin'])}`);

/** Whole files of non-secrets: [category, path, lines(rng)]. */
export const FILE_NEGATIVES = [
  ['lockfile', 'package-lock.json', (rng) => {
    const out = ['{', '  "name": "web",', '  "lockfileVersion": 3,', '  "packages": {'];
    for (let i = 0; i < 40; i++) {
      const p = pkgName(rng);
      out.push(`    "node_modules/${p}": {`, `      "version": "${rng.int(9)}.${rng.int(20)}.${rng.int(9)}",`, `      "resolved": "https://registry.npmjs.org/${p}/-/${p}-1.0.${i}.tgz",`, `      "integrity": "${integrity(rng)}"`, '    },');
    }
    return [...out, '    "": {}', '  }', '}'];
  }],
  ['lockfile', 'yarn.lock', (rng) => Array.from({ length: 30 }, () => { const p = pkgName(rng); return [`${p}@^1.0.0:`, '  version "1.0.4"', `  resolved "https://registry.yarnpkg.com/${p}/-/${p}-1.0.4.tgz#${sha(rng)}"`, `  integrity ${integrity(rng)}`, '']; }).flat()],
  ['lockfile', 'go.sum', (rng) => Array.from({ length: 30 }, () => `github.com/${pkgName(rng)}/${pkgName(rng)} v1.${rng.int(9)}.0 h1:${b64(rng, 32)}`)],
  ['lockfile', 'Cargo.lock', (rng) => Array.from({ length: 20 }, () => ['[[package]]', `name = "${pkgName(rng)}"`, 'version = "0.4.1"', 'source = "registry+https://github.com/rust-lang/crates.io-index"', `checksum = "${sha(rng, 64)}"`, '']).flat()],
  ['checksums', 'dist/SHA256SUMS', (rng) => Array.from({ length: 12 }, (_, i) => `${sha(rng, 64)}  leakhound-${i}.tgz`)],
  ['sri', 'public/index.html', (rng) => ['<!doctype html>', '<html><head>', `<script src="https://cdn.example.net/app.${sha(rng, 8)}.js" integrity="sha384-${b64(rng, 48)}" crossorigin="anonymous"></script>`, `<link rel="stylesheet" href="/main.${sha(rng, 20)}.css" integrity="sha256-${b64(rng, 32)}">`, `<meta name="csrf-token" content="${b64(rng, 32)}">`, `<script nonce="${b64(rng, 16)}">window.__BUILD__="${sha(rng)}"</script>`, '</head><body><div id="root"></div></body></html>']],
  ['inline-asset', 'web/src/styles/theme.css', (rng) => [`.css-${rng.chars(ALPHA.lower + ALPHA.digit, 7)} { color: #${sha(rng, 6)}; }`, `._${rng.chars(ALPHA.base62, 9)} { display: flex; }`, `.logo { background-image: url("data:image/png;base64,${b64(rng, 600)}"); }`, `@font-face { font-family: "Inter"; src: url(data:font/woff2;base64,${b64(rng, 900)}) format("woff2"); }`]],
  ['content-hash', 'web/dist/asset-manifest.json', (rng) => ['{', '  "files": {', ...Array.from({ length: 12 }, (_, i) => `    "chunk-${i}.js": "/static/js/${i}.${sha(rng, 8)}.chunk.js",`), `    "main.css": "/static/css/main.${sha(rng, 20)}.css"`, '  },', `  "buildHash": "${sha(rng, 20)}"`, '}']],
  ['bundle', 'web/dist/vendor.min.js', (rng) => [Array.from({ length: 25 }, () => `function ${rng.chars(ALPHA.lower, 2)}(e,t){return e["${rng.chars(ALPHA.base62, 12)}"]||t.${rng.chars(ALPHA.lower, 3)}("${b64(rng, 24)}")}`).join(';'), `//# sourceMappingURL=data:application/json;base64,${b64(rng, 1200)}`]],
  ['public-key', 'keys/signing.pub.pem', (rng) => pem('PUBLIC KEY', randomBytes(rng, 294)).split('\n')],
  ['public-key', 'certs/ca.crt', (rng) => pem('CERTIFICATE', randomBytes(rng, 900)).split('\n')],
  ['public-key', 'deploy/authorized_keys', (rng) => Array.from({ length: 4 }, (_, i) => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${b64(rng, 32).slice(0, 43)} dev${i}@laptop`)],
  ['publishable', 'web/src/firebase.js', (rng) => {
    const project = `${pkgName(rng)}-${rng.int(9999)}`;
    // Firebase web config is public by design: https://firebase.google.com/docs/projects/api-keys
    return ['import { initializeApp } from "firebase/app";', 'const firebaseConfig = {', `  apiKey: "${j('AI', 'za')}${rng.chars(B64URL, 35)}",`, `  authDomain: "${project}.firebaseapp.com",`, `  projectId: "${project}",`, `  storageBucket: "${project}.appspot.com",`, `  messagingSenderId: "${rng.chars(ALPHA.digit, 12)}",`, `  appId: "1:${rng.chars(ALPHA.digit, 12)}:web:${sha(rng, 22)}",`, '};', 'export const app = initializeApp(firebaseConfig);'];
  }],
  ['i18n', 'web/src/locales/en.json', () => ['{', '  "login.password": "Password",', '  "login.passwordHint": "Use at least 12 characters, with a number and a symbol.",', '  "settings.apiKey": "API key",', '  "settings.apiKeyHelp": "Create a key in the dashboard, then paste it here.",', '  "settings.secretRotated": "Your secret was rotated.",', '  "token.expired": "Your session token has expired. Sign in again."', '}']],
  ['notebook-output', 'notebooks/plots.ipynb', (rng) => ['{', ' "cells": [{', '   "cell_type": "code", "source": ["plt.show()\\n"],', '   "outputs": [{ "data": {', `     "image/png": "${b64(rng, 3000)}"`, '   }, "output_type": "display_data" }]', ' }], "nbformat": 4, "nbformat_minor": 5', '}']],
  ['identifier', 'logs/tracing.log', (rng) => Array.from({ length: 20 }, () => `2024-06-03T10:00:0${rng.int(10)}Z INFO trace_id=${sha(rng, 32)} span_id=${sha(rng, 16)} request_id=${uuid(rng)} commit=${sha(rng)} status=200`)],
  ['test-fixture', 'test/fixtures/users.json', (rng) => ['[', ...Array.from({ length: 5 }, (_, i) => `  { "email": "user${i}@example.com", "password": "password${i}", "apiKey": "test-key-${i}" },`), '  { "email": "last@example.com", "password": "secret" }', ']']],
  ['docs', 'docs/api-keys.md', () => ['# API keys', '', 'Live keys start with `sk' + '_live_` and test keys with `sk' + '_test_`, for example `sk' + '_live_...abc`.', 'GitHub tokens look like `gh' + 'p_<36 characters>`.', '', '```bash', 'export STRIPE_SECRET_KEY=sk' + '_live_YOUR_KEY', 'curl -u "$STRIPE_SECRET_KEY:" https://api.stripe.com/v1/charges', '```']],
];
