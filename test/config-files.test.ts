import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BIP39_ENGLISH } from '../dist/detector/validators/bip39-english.js';
import { parseRuleFile } from '../dist/rules/schema.js';
import { testRules } from '../dist/rules/tester.js';
import { runCli, tempDir, token, writeTree } from './helpers.js';

interface JsonFinding {
  path: string;
  ruleId: string;
  confidence: string;
  validation: string;
}

async function scan(cwd: string, ...args: string[]): Promise<JsonFinding[]> {
  const r = await runCli(['scan', ...args, '--format', 'json', '--min-confidence', 'low'], { cwd });
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
}

const found = (findings: JsonFinding[]): string[] => findings.map((f) => `${f.path} ${f.ruleId}`).sort();

describe('rules limited to files by `paths`', () => {
  it('run on the files their globs name and nowhere else, through the CLI', async () => {
    const dir = tempDir();
    const key = token('{hex:32}', 'master');
    const hash = token('$2y$10${set:./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789:53}', 'bcrypt');
    const pypiPassword = token('{alnum:14}{digit:2}', 'pypirc');
    writeTree(dir, {
      'config/master.key': `${key}\n`,
      'config/credentials/production.key': key,
      'notes/master.key': key,
      'config/master.key.md': key,
      'deploy/.htpasswd': `admin:${hash}\r\n`,
      'db/seeds.csv': `admin:${hash}\n`,
      '.pypirc': `[private]\nusername = ci\npassword = ${pypiPassword}\n`,
    });
    assert.deepEqual(found(await scan(dir, '.')), [
      '.pypirc pypirc-password',
      'config/credentials/production.key rails-master-key',
      'config/master.key rails-master-key',
      'deploy/.htpasswd htpasswd-hash',
    ]);
  });

  it('match a file named outside the scan root by its path below the .. steps', async () => {
    const dir = tempDir();
    writeTree(dir, { 'home/config/master.key': token('{hex:32}', 'outside'), 'work/README.md': 'x' });
    const findings = await scan(join(dir, 'work'), '../home/config/master.key');
    assert.deepEqual(findings.map((f) => f.ruleId), ['rails-master-key']);
  });

  it('are validated by the schema and exercised by {file:PATH} examples', () => {
    const bad = parseRuleFile('t.toml', `[[rules]]\nid = "a"\ntitle = "a"\nregex = 'a'\npaths = "*.key"\n`);
    assert.match(bad.errors[0]!.message, /`paths` must be an array of strings/);
    const { rules, errors } = parseRuleFile(
      't.toml',
      `[[rules]]
id = "demo-key-file"
title = "Demo key file"
regex = '''^(?<secret>[0-9a-f]{16})$'''
paths = ["**/demo.key"]
examples = ['{file:demo.key}{hex:16}', '{hex:16}']
counterexamples = ['{file:a/b/demo.key}{hex:16}', '{file:demo.txt}{hex:16}']
`,
    );
    assert.deepEqual(errors, []);
    const problems = testRules(rules).failures.map((f) => f.problem);
    // The example without {file:} is scanned as example.txt, which the rule does not cover; the
    // counterexample at a/b/demo.key is covered, so it matches.
    assert.ok(problems.some((p) => p.includes('example "{hex:16}" gave 0 findings')), problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('counterexample "{file:a/b/demo.key}{hex:16}" gave 1')), problems.join('\n'));
    assert.equal(problems.length, 6, problems.join('\n'));
  });
});

describe('configuration-file and wallet rules on real files', () => {
  it('find each credential once, in the formats people commit', async () => {
    const dir = tempDir();
    const netrc = token('{alnum:20}{digit:4}', 'netrc');
    writeTree(dir, {
      '.netrc': `# work\r\nmachine git.corp.example\r\n  login ci\r\n  password ${netrc}\r\n`,
      'k8s/secret.yaml': `apiVersion: v1\ndata:\n  db-password: ${token('{base64:24}', 'k8s')}\nkind: Secret\nmetadata:\n  name: db\n`,
      'k8s/configmap.yaml': `apiVersion: v1\nkind: ConfigMap\ndata:\n  log-level: debug\n`,
      'wp-config.php': `<?php\ndefine( 'DB_PASSWORD', '${token('{alnum:12}{digit:3}', 'wp')}' );\ndefine( 'AUTH_KEY', 'put your unique phrase here' );\n`,
      '.env': `APP_KEY=base64:${token('{base64:43}', 'laravel')}=\n`,
      'hardhat.config.js': `module.exports = { networks: { main: { accounts: { mnemonic: "${token('{gen:bip39-12}', 'seed')}" } } } };\n`,
      'id.json': token('{gen:solana-keypair-json}', 'sol'),
    });
    assert.deepEqual(found(await scan(dir, '.')), [
      '.env laravel-app-key',
      '.netrc netrc-password',
      'hardhat.config.js bip39-mnemonic',
      'id.json solana-keypair-file',
      'k8s/secret.yaml kubernetes-secret-manifest',
      'wp-config.php wordpress-db-password',
    ]);
  });

  it('lower a seed phrase with a bad checksum and a corrupted key to low confidence', async () => {
    const dir = tempDir();
    // Every word stays on the list; the last one's checksum bits change.
    const words = token('{gen:bip39-12}', 'bad').split(' ');
    const last = BIP39_ENGLISH.indexOf(words[11]!);
    words[11] = BIP39_ENGLISH[last % 16 === 15 ? last - 1 : last + 1]!;
    const wif = token('{gen:wif-compressed}', 'wif');
    const broken = wif.slice(0, 10) + (wif[10] === 'z' ? 'y' : 'z') + wif.slice(11);
    writeTree(dir, { 'wallet.env': `MNEMONIC="${words.join(' ')}"\nBTC_KEY=${broken}\nBTC_KEY_OK=${wif}\n` });
    const findings = await scan(dir, '.');
    const summary = findings.map((f) => `${f.ruleId} ${f.validation} ${f.confidence}`).sort();
    assert.deepEqual(summary, ['bip39-mnemonic invalid low', 'bitcoin-wif-private-key invalid low', 'bitcoin-wif-private-key valid high']);
  });
});
