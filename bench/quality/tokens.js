// Planted credentials, one generator per kind, each written from the provider's own description of
// the format (linked in `doc`). Where the provider documents only a prefix, `note` says which part is
// an assumption. Literal prefixes are split so that no line of this file has a credential's shape.
import { ALPHA } from '../rng.js';
import { base62, crc32 } from '../planted.js';
import { ecSec1, opensshEd25519, pem, pgpArmor, pgpSecretKeyPacket, pkcs8, randomBytes, rsaPkcs1 } from './der.js';

const j = (...parts) => parts.join('');
const B64URL = ALPHA.base62 + '-_';
const LOWER_DIGIT = ALPHA.lower + ALPHA.digit;
const b64url = (buf) => buf.toString('base64url');

/** GitHub's 2021 format (also npm's): 30 base62 characters, then their CRC32 in 6 base62 characters. */
export function checksummed(prefix, rng) {
  const body = rng.chars(ALPHA.base62, 30);
  return prefix + body + base62(crc32(body), 6);
}

/** A password as people choose them for services: letters, digits, a few symbols. */
export function password(rng, symbols = '!#%*-_.') {
  let p = rng.chars(ALPHA.base62, rng.range(14, 22));
  const i = rng.int(p.length);
  return p.slice(0, i) + rng.pick(symbols.split('')) + p.slice(i) + rng.chars(ALPHA.digit, 2);
}

const word = (rng) => rng.pick(['orders', 'billing', 'inventory', 'reports', 'auth', 'search', 'ledger', 'catalog', 'users', 'events']);
const host = (rng) => `${word(rng)}-${rng.pick(['db', 'primary', 'prod', 'main'])}.${rng.pick(['internal', 'svc.cluster.local', 'corp.example.net'])}`;

const jwt = (rng, payload) => {
  const header = b64url(Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })));
  return `${header}.${b64url(Buffer.from(JSON.stringify(payload)))}.${b64url(randomBytes(rng, 32))}`;
};

/**
 * Each kind: `family`, `names` (variables it is usually assigned to), `make(rng)` returning the value
 * and optionally `secrets` (what a finding must overlap; default the value) and `related` (parts a
 * finding may point at without being wrong, such as an account id next to its token). `multiline`
 * kinds are PEM blocks; `doc` is the provider's description of the format.
 */
export const KINDS = {
  // --- cloud ---
  'aws-access-key-id': {
    family: 'cloud', names: ['AWS_ACCESS_KEY_ID'],
    doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids',
    make: (rng) => ({ value: j('AK', 'IA') + rng.chars(ALPHA.upper + '234567', 16) }),
  },
  'aws-secret-access-key': {
    family: 'cloud', names: ['AWS_SECRET_ACCESS_KEY', 'aws_secret_access_key'],
    doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    make: (rng) => ({ value: rng.chars(ALPHA.base62 + '+/', 40) }),
  },
  'azure-storage-connection-string': {
    family: 'cloud', names: ['AZURE_STORAGE_CONNECTION_STRING'],
    doc: 'https://learn.microsoft.com/azure/storage/common/storage-configure-connection-string',
    make: (rng) => {
      const key = randomBytes(rng, 64).toString('base64');
      const account = `${word(rng)}${rng.chars(LOWER_DIGIT, 6)}`;
      return { value: `DefaultEndpointsProtocol=https;AccountName=${account};AccountKey=${key};EndpointSuffix=core.windows.net`, secrets: [key] };
    },
  },
  'azure-client-secret': {
    family: 'cloud', names: ['AZURE_CLIENT_SECRET'],
    doc: 'https://learn.microsoft.com/entra/identity-platform/howto-create-service-principal-portal',
    note: 'Microsoft documents no format; 40 characters with "Q~" after a 3-character id is what the portal issues.',
    make: (rng) => ({ value: rng.chars(ALPHA.base62, 3) + 'Q~' + rng.chars(ALPHA.base62 + '_-.~', 35) }),
  },
  'gcp-service-account': {
    family: 'cloud', names: ['GOOGLE_APPLICATION_CREDENTIALS_JSON'], json: true,
    doc: 'https://cloud.google.com/iam/docs/keys-create-delete',
    make: (rng) => {
      const project = `${word(rng)}-${rng.range(100000, 999999)}`;
      const key = pem('PRIVATE KEY', pkcs8(rng));
      const sa = {
        type: 'service_account', project_id: project, private_key_id: rng.chars(ALPHA.hex, 40), private_key: key + '\n',
        client_email: `deployer@${project}.iam.gserviceaccount.com`, client_id: rng.chars(ALPHA.digit, 21),
        auth_uri: 'https://accounts.google.com/o/oauth2/auth', token_uri: 'https://oauth2.googleapis.com/token',
      };
      return { value: JSON.stringify(sa, null, 2), secrets: [key.split('\n')[1]], related: [sa.private_key_id] };
    },
  },
  // --- vcs ---
  'github-classic-pat': { family: 'vcs', names: ['GITHUB_TOKEN', 'GH_TOKEN'], doc: 'https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/', make: (rng) => ({ value: checksummed(j('gh', 'p_'), rng) }) },
  'github-oauth-token': { family: 'vcs', names: ['GITHUB_OAUTH_TOKEN'], doc: 'https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/', make: (rng) => ({ value: checksummed(j('gh', 'o_'), rng) }) },
  'github-app-token': { family: 'vcs', names: ['GITHUB_APP_TOKEN', 'INSTALLATION_TOKEN'], doc: 'https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/', make: (rng) => ({ value: checksummed(j('gh', rng.pick(['s', 'u']), '_'), rng) }) },
  'github-fine-grained-pat': {
    family: 'vcs', names: ['GITHUB_PAT'],
    doc: 'https://docs.github.com/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens',
    note: 'GitHub documents the github_pat_ prefix only; the 22+59 character split is what GitHub issues.',
    make: (rng) => ({ value: j('github', '_pat_') + rng.chars(ALPHA.base62, 22) + '_' + rng.chars(ALPHA.base62, 59) }),
  },
  'gitlab-pat': {
    family: 'vcs', names: ['GITLAB_TOKEN', 'CI_JOB_PAT'], doc: 'https://docs.gitlab.com/security/tokens/#token-prefixes',
    make: (rng) => ({ value: j('gl', 'pat-') + rng.chars(B64URL, 20) }),
  },
  // --- payments ---
  'stripe-secret-key': { family: 'payments', names: ['STRIPE_SECRET_KEY'], doc: 'https://docs.stripe.com/keys', make: (rng) => ({ value: j('sk', '_live_') + rng.chars(ALPHA.base62, rng.pick([24, 99])) }) },
  'stripe-restricted-key': { family: 'payments', names: ['STRIPE_RESTRICTED_KEY'], doc: 'https://docs.stripe.com/keys#create-restricted-api-secret-key', make: (rng) => ({ value: j('rk', '_live_') + rng.chars(ALPHA.base62, rng.pick([24, 99])) }) },
  'stripe-webhook-secret': { family: 'payments', names: ['STRIPE_WEBHOOK_SECRET'], doc: 'https://docs.stripe.com/webhooks#verify-events', make: (rng) => ({ value: j('wh', 'sec_') + rng.chars(ALPHA.base62, 32) }) },
  'square-access-token': {
    family: 'payments', names: ['SQUARE_ACCESS_TOKEN'], doc: 'https://developer.squareup.com/docs/build-basics/access-tokens',
    note: 'Square documents 64-character OAuth tokens; the EAAA start is what production tokens carry.',
    make: (rng) => ({ value: j('EA', 'AA') + rng.chars(B64URL, 60) }),
  },
  'square-application-secret': { family: 'payments', names: ['SQUARE_APPLICATION_SECRET'], doc: 'https://developer.squareup.com/docs/oauth-api/overview', make: (rng) => ({ value: j('sq0', 'csp-') + rng.chars(B64URL, 43) }) },
  'braintree-access-token': {
    family: 'payments', names: ['BRAINTREE_ACCESS_TOKEN'], doc: 'https://developer.paypal.com/braintree/docs/guides/ec-braintree-sdk/server-side',
    note: 'PayPal shows the token only as an opaque value; access_token$production$<id>$<hex> is the issued shape.',
    make: (rng) => ({ value: j('access_', 'token$production$') + rng.chars(LOWER_DIGIT, 16) + '$' + rng.chars(ALPHA.hex, 32) }),
  },
  'paypal-client-secret': {
    family: 'payments', names: ['PAYPAL_CLIENT_SECRET'], doc: 'https://developer.paypal.com/api/rest/#link-getclientidandclientsecret',
    note: 'PayPal documents no format: 80 characters of [A-Za-z0-9_-].',
    make: (rng) => ({ value: rng.chars(ALPHA.upper, 2) + rng.chars(B64URL, 78) }),
  },
  // --- messaging ---
  'slack-bot-token': { family: 'messaging', names: ['SLACK_BOT_TOKEN'], doc: 'https://docs.slack.dev/authentication/tokens', make: (rng) => ({ value: j('xox', 'b-') + rng.chars(ALPHA.digit, 12) + '-' + rng.chars(ALPHA.digit, 13) + '-' + rng.chars(ALPHA.base62, 24) }) },
  'slack-user-token': { family: 'messaging', names: ['SLACK_USER_TOKEN'], doc: 'https://docs.slack.dev/authentication/tokens', make: (rng) => ({ value: j('xox', 'p-') + rng.chars(ALPHA.digit, 12) + '-' + rng.chars(ALPHA.digit, 13) + '-' + rng.chars(ALPHA.digit, 13) + '-' + rng.chars(ALPHA.hex, 32) }) },
  'slack-webhook': {
    family: 'messaging', names: ['SLACK_WEBHOOK_URL'], doc: 'https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks',
    make: (rng) => {
      const secret = rng.chars(ALPHA.base62, 24);
      return { value: `https://hooks.${'slack'}.com/services/T${rng.chars(ALPHA.upperDigit, 10)}/B${rng.chars(ALPHA.upperDigit, 10)}/${secret}`, secrets: [secret] };
    },
  },
  'twilio-auth-token': {
    family: 'messaging', names: ['TWILIO_AUTH_TOKEN'], doc: 'https://www.twilio.com/docs/iam/api/authtoken',
    make: (rng) => ({ value: rng.chars(ALPHA.hex, 32) }),
  },
  'twilio-api-key-secret': {
    family: 'messaging', names: ['TWILIO_API_SECRET'], doc: 'https://www.twilio.com/docs/iam/api-keys',
    make: (rng) => ({ value: rng.chars(ALPHA.base62, 32) }),
  },
  'sendgrid-api-key': { family: 'messaging', names: ['SENDGRID_API_KEY'], doc: 'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys', make: (rng) => ({ value: j('S', 'G.') + rng.chars(B64URL, 22) + '.' + rng.chars(B64URL, 43) }) },
  'discord-bot-token': {
    family: 'messaging', names: ['DISCORD_BOT_TOKEN', 'DISCORD_TOKEN'], doc: 'https://discord.com/developers/docs/reference#authentication',
    note: 'Discord documents no structure: base64 of the bot id, a 6-character timestamp, a 27-38 character HMAC.',
    make: (rng) => ({ value: `${Buffer.from(String(rng.range(100000000, 999999999)) + rng.chars(ALPHA.digit, 9)).toString('base64').replace(/=+$/, '')}.${rng.chars(B64URL, 6)}.${rng.chars(B64URL, 38)}` }),
  },
  'discord-webhook': {
    family: 'messaging', names: ['DISCORD_WEBHOOK_URL'], doc: 'https://discord.com/developers/docs/resources/webhook#execute-webhook',
    make: (rng) => {
      const secret = rng.chars(B64URL, 68);
      return { value: `https://discord.com/api/webhooks/${rng.chars(ALPHA.digit, 19)}/${secret}`, secrets: [secret] };
    },
  },
  'telegram-bot-token': { family: 'messaging', names: ['TELEGRAM_BOT_TOKEN'], doc: 'https://core.telegram.org/bots/api#authorizing-your-bot', make: (rng) => ({ value: `${rng.range(100000000, 9999999999)}:AA${rng.chars(B64URL, 33)}` }) },
  // --- ai ---
  'openai-project-key': {
    family: 'ai', names: ['OPENAI_API_KEY'], doc: 'https://platform.openai.com/docs/api-reference/authentication',
    note: 'OpenAI documents the sk-proj- prefix; length and the T3BlbkFJ marker are what keys carry.',
    make: (rng) => ({ value: j('sk', '-proj-') + rng.chars(B64URL, 74) + 'T3Blbk' + 'FJ' + rng.chars(B64URL, 74) }),
  },
  'anthropic-api-key': {
    family: 'ai', names: ['ANTHROPIC_API_KEY'], doc: 'https://docs.anthropic.com/en/api/overview#authentication',
    note: 'Anthropic documents the header, not the format; sk-ant-api03- with 95 characters ending in AA is what the console issues.',
    make: (rng) => ({ value: j('sk', '-ant-', 'api03-') + rng.chars(B64URL, 93) + 'AA' }),
  },
  'huggingface-token': { family: 'ai', names: ['HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN'], doc: 'https://huggingface.co/docs/hub/security-tokens', make: (rng) => ({ value: j('h', 'f_') + rng.chars(ALPHA.upper + ALPHA.lower, 34) }) },
  // --- platforms ---
  'npm-token': { family: 'platforms', names: ['NPM_TOKEN'], doc: 'https://github.blog/changelog/2021-09-23-npm-has-a-new-access-token-format/', make: (rng) => ({ value: checksummed(j('np', 'm_'), rng) }) },
  'pypi-token': {
    family: 'platforms', names: ['PYPI_API_TOKEN', 'TWINE_PASSWORD'], doc: 'https://pypi.org/help/#apitoken',
    make: (rng) => {
      // A macaroon (PyPI's token type) in the libmacaroons v2 binary form, location pypi.org.
      const id = Buffer.from(JSON.stringify({ nonce: rng.chars(ALPHA.hex, 32), version: 1 }));
      const parts = [Buffer.from([2, 1, 8]), Buffer.from('pypi.org'), Buffer.from([2, id.length]), id, Buffer.from([0, 0, 6, 32]), randomBytes(rng, 32)];
      return { value: j('py', 'pi-') + b64url(Buffer.concat(parts)) };
    },
  },
  'dockerhub-pat': { family: 'platforms', names: ['DOCKERHUB_TOKEN', 'DOCKER_PASSWORD'], doc: 'https://docs.docker.com/security/for-developers/access-tokens/', make: (rng) => ({ value: j('dckr', '_pat_') + rng.chars(B64URL, 27) }) },
  'vercel-token': {
    family: 'platforms', names: ['VERCEL_TOKEN'], doc: 'https://vercel.com/changelog/new-token-formats-and-secret-scanning',
    note: 'Vercel documents the vcp_ prefix only; the body length is an assumption.',
    make: (rng) => ({ value: j('vc', 'p_') + rng.chars(ALPHA.base62, 56) }),
  },
  'shopify-access-token': { family: 'platforms', names: ['SHOPIFY_ACCESS_TOKEN'], doc: 'https://shopify.dev/changelog/length-of-the-shopify-access-token-is-increasing', make: (rng) => ({ value: j('shp', rng.pick(['at', 'ca', 'pa']), '_') + rng.chars(ALPHA.hex, 32) }) },
  'shopify-app-secret': { family: 'platforms', names: ['SHOPIFY_API_SECRET'], doc: 'https://shopify.dev/changelog/app-secret-key-length-has-increased', make: (rng) => ({ value: j('shp', 'ss_') + rng.chars(ALPHA.hex, 32) }) },
  'datadog-api-key': { family: 'platforms', names: ['DD_API_KEY', 'DATADOG_API_KEY'], doc: 'https://docs.datadoghq.com/account_management/api-app-keys/', make: (rng) => ({ value: rng.chars(ALPHA.hex, 32) }) },
  'datadog-app-key': { family: 'platforms', names: ['DD_APP_KEY', 'DATADOG_APP_KEY'], doc: 'https://docs.datadoghq.com/account_management/api-app-keys/', make: (rng) => ({ value: rng.chars(ALPHA.hex, 40) }) },
  // --- databases ---
  'postgres-uri': {
    family: 'databases', names: ['DATABASE_URL'], doc: 'https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS',
    make: (rng) => { const p = password(rng); return { value: `postgres${rng.pick(['', 'ql'])}://${word(rng)}_app:${encodeURIComponent(p)}@${host(rng)}:5432/${word(rng)}?sslmode=require`, secrets: [p, encodeURIComponent(p)] }; },
  },
  'mysql-uri': {
    family: 'databases', names: ['MYSQL_URL', 'DATABASE_URL'], doc: 'https://dev.mysql.com/doc/refman/8.0/en/connecting-using-uri-or-key-value-pairs.html',
    make: (rng) => { const p = password(rng, '@#%!'); return { value: `mysql://root:${encodeURIComponent(p)}@${host(rng)}:3306/${word(rng)}`, secrets: [p, encodeURIComponent(p)] }; },
  },
  'mongodb-srv-uri': {
    family: 'databases', names: ['MONGODB_URI', 'MONGO_URL'], doc: 'https://www.mongodb.com/docs/manual/reference/connection-string/',
    make: (rng) => { const p = password(rng); return { value: `mongodb+srv://${word(rng)}-svc:${encodeURIComponent(p)}@cluster0.${rng.chars(LOWER_DIGIT, 5)}.mongodb.net/${word(rng)}?retryWrites=true&w=majority`, secrets: [p, encodeURIComponent(p)] }; },
  },
  'redis-uri': {
    family: 'databases', names: ['REDIS_URL'], doc: 'https://www.iana.org/assignments/uri-schemes/prov/redis',
    make: (rng) => { const p = password(rng); return { value: `redis${rng.pick(['', 's'])}://${rng.pick(['', 'default'])}:${encodeURIComponent(p)}@${host(rng)}:6379/0`, secrets: [p, encodeURIComponent(p)] }; },
  },
  'jdbc-url': {
    family: 'databases', names: ['spring.datasource.url', 'JDBC_URL'], doc: 'https://jdbc.postgresql.org/documentation/use/#connection-parameters',
    make: (rng) => {
      const p = password(rng, '!*-_.');
      return rng.chance(0.5)
        ? { value: `jdbc:postgresql://${host(rng)}:5432/${word(rng)}?user=app&password=${p}&ssl=true`, secrets: [p] }
        : { value: `jdbc:sqlserver://${host(rng)}:1433;databaseName=${word(rng)};user=sa;password=${p};encrypt=true`, secrets: [p] };
    },
  },
  'odbc-connection-string': {
    family: 'databases', names: ['SQL_CONNECTION_STRING', 'ConnectionStrings__Default'], doc: 'https://learn.microsoft.com/sql/connect/odbc/dsn-connection-string-attribute',
    make: (rng) => { const p = password(rng, '!*-_.'); return { value: `Driver={ODBC Driver 18 for SQL Server};Server=tcp:${word(rng)}.database.windows.net,1433;Database=${word(rng)};Uid=app;Pwd=${p};Encrypt=yes;`, secrets: [p] }; },
  },
  // --- keys ---
  'rsa-private-key': { family: 'keys', names: ['RSA_PRIVATE_KEY'], multiline: true, doc: 'https://www.rfc-editor.org/rfc/rfc8017#appendix-A.1.2', make: (rng) => pemKind(pem('RSA PRIVATE KEY', rsaPkcs1(rng))) },
  'ec-private-key': { family: 'keys', names: ['EC_PRIVATE_KEY'], multiline: true, doc: 'https://www.rfc-editor.org/rfc/rfc5915', make: (rng) => pemKind(pem('EC PRIVATE KEY', ecSec1(rng))) },
  'pkcs8-private-key': { family: 'keys', names: ['PRIVATE_KEY', 'JWT_SIGNING_KEY'], multiline: true, doc: 'https://www.rfc-editor.org/rfc/rfc5208', make: (rng) => pemKind(pem('PRIVATE KEY', pkcs8(rng))) },
  'openssh-private-key': { family: 'keys', names: ['SSH_PRIVATE_KEY', 'DEPLOY_KEY'], multiline: true, doc: 'https://github.com/openssh/openssh-portable/blob/master/PROTOCOL.key', make: (rng) => pemKind(pem('OPENSSH PRIVATE KEY', opensshEd25519(rng, `deploy@${word(rng)}`), 70)) },
  'pgp-private-key': { family: 'keys', names: ['GPG_PRIVATE_KEY'], multiline: true, doc: 'https://www.rfc-editor.org/rfc/rfc4880#section-6.2', make: (rng) => pemKind(pgpArmor(pgpSecretKeyPacket(rng))) },
  // --- jwt and passwords in URLs ---
  'jwt': {
    family: 'jwt', names: ['SUPABASE_SERVICE_ROLE_KEY', 'API_JWT', 'AUTH_TOKEN'], doc: 'https://www.rfc-editor.org/rfc/rfc7519',
    make: (rng) => ({ value: jwt(rng, { iss: 'supabase', ref: rng.chars(ALPHA.lower, 20), role: 'service_role', iat: 1_700_000_000 + rng.int(1e7), exp: 2_000_000_000 + rng.int(1e8) }) }),
  },
  'basic-auth-url': {
    family: 'basic-auth', names: ['REGISTRY_URL', 'PROXY_URL', 'GIT_REMOTE'], doc: 'https://www.rfc-editor.org/rfc/rfc3986#section-3.2.1',
    make: (rng) => { const p = password(rng, '-_.'); return { value: `https://${rng.pick(['deploy', 'ci-bot', 'admin'])}:${p}@${rng.pick(['registry', 'proxy', 'git', 'artifacts'])}.${rng.pick(['corp.example.net', 'internal.example.org'])}/${word(rng)}`, secrets: [p] }; },
  },
  // --- generic ---
  'generic-password': { family: 'generic', names: ['DB_PASSWORD', 'password', 'ADMIN_PASSWORD', 'SMTP_PASSWORD', 'db.password'], doc: '-', make: (rng) => ({ value: password(rng) }) },
  'generic-secret': { family: 'generic', names: ['client_secret', 'APP_SECRET', 'SECRET_KEY', 'api_secret', 'JWT_SECRET', 'SESSION_SECRET'], doc: '-', make: (rng) => ({ value: rng.chars(ALPHA.base62, rng.range(32, 48)) }) },
  'generic-api-key': { family: 'generic', names: ['API_KEY', 'apiKey', 'X_API_KEY', 'MAPS_SERVER_KEY'], doc: '-', make: (rng) => ({ value: rng.chars(ALPHA.base62 + '-_', rng.range(32, 40)) }) },
};

function pemKind(block) {
  const lines = block.split('\n');
  return { value: block, secrets: [lines.find((l, i) => i > 0 && l.length >= 40)] };
}

/** Browser-exposed variables holding server keys: `NEXT_PUBLIC_…` and friends (the kind's value, a public name). */
export const EXPOSED = [
  { kind: 'stripe-secret-key', name: 'NEXT_PUBLIC_STRIPE_SECRET_KEY' },
  { kind: 'openai-project-key', name: 'VITE_OPENAI_API_KEY' },
  { kind: 'generic-secret', name: 'NEXT_PUBLIC_JWT_SECRET' },
  { kind: 'jwt', name: 'NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY' },
  { kind: 'anthropic-api-key', name: 'REACT_APP_ANTHROPIC_API_KEY' },
  { kind: 'sendgrid-api-key', name: 'EXPO_PUBLIC_SENDGRID_API_KEY' },
];

export const FAMILIES = ['cloud', 'vcs', 'payments', 'messaging', 'ai', 'platforms', 'databases', 'keys', 'jwt', 'basic-auth', 'generic', 'exposure'];
