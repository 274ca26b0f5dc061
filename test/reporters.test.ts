import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { createRequire } from 'node:module';
import { scan } from '../dist/engine/scan.js';
import { FORMATS, render, type ReportContext } from '../dist/reporters/index.js';
import type { ReportedFinding } from '../dist/core/types.js';
import { githubPat, REPO, runCli, stripeKey, tempDir, token, writeTree } from './helpers.js';

const sarifSchema = JSON.parse(readFileSync(join(REPO, 'test/schemas/sarif-2.1.0.json'), 'utf8'));
const reportSchema = JSON.parse(readFileSync(join(REPO, 'schemas/report.schema.json'), 'utf8'));
// ajv-draft-04 is CommonJS; the SARIF 2.1.0 schema is draft-04.
const AjvDraft04 = createRequire(import.meta.url)('ajv-draft-04') as typeof Ajv;
type Json = Record<string, any>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
// The schema's `language` pattern is not valid in unicode mode, which Ajv uses by default.
const sarifAjv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(sarifAjv);
const validateSarif = sarifAjv.compile<Json>(sarifSchema);
const validateReport = new Ajv({ allErrors: true, strict: false }).compile<Json>(reportSchema);

/** A tree with several kinds of findings, built from run-time tokens. */
function fixture(): { dir: string; secrets: string[] } {
  const dir = tempDir();
  const secrets = [githubPat(3), stripeKey(4), token('{alnum:30}{digit:2}', 5), token('AK' + 'IA{upper_digit:16}', 6), token('{base64:40}', 7)];
  writeTree(dir, {
    'app/config.js': `const gh = "${secrets[0]}";\nmodule.exports = { stripe: '${secrets[1]}' };\n`,
    'deploy/prod.env': `API_SECRET=${secrets[2]}\nNEXT_PUBLIC_STRIPE_KEY=${secrets[1]}\n`,
    'dir with space/ünï.txt': `token: ${secrets[0]}\n`,
    'aws/credentials': `[default]\naws_access_key_id = ${secrets[3]}\naws_secret_access_key = ${secrets[4]}\n`,
  });
  return { dir, secrets };
}

describe('reporters', () => {
  const { dir, secrets } = fixture();

  it('SARIF validates against the SARIF 2.1.0 schema and carries what GitHub needs', async () => {
    const r = await runCli(['scan', dir, '--format', 'sarif']);
    assert.equal(r.code, 1, r.stderr);
    const log = JSON.parse(r.stdout);
    assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 3)));
    const run = log.runs[0];
    assert.ok(run.results.length >= 4);
    for (const rule of run.tool.driver.rules) {
      for (const key of ['id', 'name', 'shortDescription', 'fullDescription', 'help', 'helpUri']) assert.ok(rule[key], `${rule.id} lacks ${key}`);
      assert.equal(typeof rule.properties['security-severity'], 'string');
      assert.ok(Array.isArray(rule.properties.tags));
      assert.match(rule.help.markdown, /Revoke/);
    }
    for (const res of run.results) {
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.ok(!loc.artifactLocation.uri.startsWith('/'), 'uri must be relative');
      assert.ok(res.partialFingerprints.primaryLocationLineHash);
      assert.match(res.partialFingerprints['leakhound/v1'], /^[0-9a-f]{32}$/);
      assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
    }
    const spaced = run.results.find((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri.startsWith('dir%20with'));
    assert.ok(spaced, 'paths with spaces and unicode are percent-encoded');
    assert.equal(decodeURIComponent(spaced.locations[0].physicalLocation.artifactLocation.uri), 'dir with space/ünï.txt');
    const paired = run.results.find((x: { ruleId: string }) => x.ruleId === 'aws-secret-access-key');
    assert.equal(paired.relatedLocations[0].physicalLocation.region.startLine, 2, 'the key id is a related location');
  });

  it('JSON validates against schemas/report.schema.json; JSONL has finding, notice and summary lines', async () => {
    const r = await runCli(['scan', dir, '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    assert.ok(validateReport(doc), JSON.stringify(validateReport.errors?.slice(0, 3)));
    assert.equal(doc.version, 1);
    const exposed = doc.findings.find((f: { ruleId: string }) => f.ruleId === 'browser-exposed-secret');
    assert.ok(exposed, 'the Stripe key in NEXT_PUBLIC_ is a browser-exposure finding');
    assert.equal(exposed.severity, 'critical');
    assert.match(exposed.message, /Next\.js inlines/);
    const paired = doc.findings.filter((f: { path: string }) => f.path === 'aws/credentials');
    assert.deepEqual(paired.map((f: { ruleId: string }) => f.ruleId), ['aws-secret-access-key'], 'one finding for the pair');
    assert.equal(paired[0].pair.name, 'access key id');
    assert.deepEqual(paired[0].pair.start, { line: 2, column: 21 });
    const l = await runCli(['scan', dir, '--format', 'jsonl']);
    const lines = l.stdout.trim().split('\n').map((x) => JSON.parse(x));
    assert.equal(lines.filter((x) => x.type === 'finding').length, doc.findings.length);
    assert.equal(lines.at(-1).type, 'summary');
  });

  it('no format prints a secret unless --show-secrets, which prints it in every format', async () => {
    for (const format of FORMATS) {
      const hidden = await runCli(['scan', dir, '--format', format]);
      for (const s of secrets) assert.ok(!(hidden.stdout + hidden.stderr).includes(s), `${format} leaked ${s.slice(0, 4)}`);
      const shown = await runCli(['scan', dir, '--format', format, '--show-secrets']);
      for (const s of secrets) assert.ok(shown.stdout.includes(s), `${format} --show-secrets omits a secret`);
    }
  });

  it('fingerprints are content-stable: same secret elsewhere, same fingerprint', async () => {
    const r = JSON.parse((await runCli(['scan', dir, '--format', 'json'])).stdout);
    const gh = r.findings.filter((f: { ruleId: string }) => f.ruleId === 'github-classic-pat');
    assert.equal(gh.length, 2);
    assert.notEqual(gh[0].path, gh[1].path);
    assert.equal(gh[0].fingerprint, gh[1].fingerprint);
  });
});

describe('redaction property', () => {
  const shapes = [
    (s: number) => githubPat(s),
    (s: number) => stripeKey(s),
    (s: number) => token('{alnum:24}{digit:4}', s),
    (s: number) => token('xox' + 'b-{digit:12}-{digit:13}-{alnum:24}', s),
  ];
  const assignments = ['GITHUB_TOKEN=', 'const key = "', "api_key: '", 'client_secret = ', 'Authorization: Bearer ', 'NEXT_PUBLIC_SECRET_TOKEN=', 'x = '];

  it('for any surrounding text and position, no reporter output contains the secret', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: shapes.length - 1 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.constantFrom(...assignments),
        fc.string({ maxLength: 200 }),
        fc.string({ maxLength: 200 }),
        fc.constantFrom('', '"', "'", '\n', ' ;'),
        async (shape, seed, lhs, before, after, close) => {
          const secret = shapes[shape]!(seed);
          const text = `${before}\n${lhs}${secret}${close}${after}\n${lhs}${secret}`;
          const run = scan({ stdin: text, jobs: 1 });
          const findings: ReportedFinding[] = [];
          for await (const f of run) findings.push(f);
          const ctx: ReportContext = { tool: { name: 'leakhound', version: '0', informationUri: 'x' }, root: '/tmp', rules: run.rules, notices: run.notices, stats: run.stats, color: false, verbose: true };
          for (const format of FORMATS) {
            const out = render(format, findings, ctx);
            if (out.includes(secret)) throw new Error(`${format} output contains the secret`);
          }
          for (const f of findings) if (f.secret !== undefined) throw new Error('secret field present without showSecrets');
        },
      ),
      { numRuns: 150, seed: 42 },
    );
  });
});
