import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { githubPat, REPO, runCli, tempDir, writeTree } from './helpers.js';

describe('the project itself', () => {
  it('scans clean with its own tool', async () => {
    const r = await runCli(['scan', REPO, '--format', 'json']);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.findings.map((f: { path: string; ruleId: string; start: { line: number } }) => `${f.path}:${f.start.line} ${f.ruleId}`), []);
    assert.equal(r.code, 0);
  });

  it('has an up-to-date generated rules table in docs/rules.md (npm run docs:rules)', async () => {
    const { renderRulesTable } = await import('../dist/commands/rules-list.js');
    const { loadRuleSet } = await import('../dist/rules/load.js');
    assert.equal(readFileSync(join(REPO, 'docs/rules.md'), 'utf8'), renderRulesTable(loadRuleSet().rules));
  });

  it('ships the built-in rules pre-parsed by the build, identical to the TOML', async () => {
    const { BUILTIN_JSON, BUILTIN_RULES_DIR, loadBuiltinFiles, parseBuiltinFiles } = await import('../dist/rules/load.js');
    assert.ok(statSync(BUILTIN_JSON).size > 0, 'npm run build writes dist/rules/builtin.json');
    assert.deepEqual(loadBuiltinFiles(), parseBuiltinFiles(BUILTIN_RULES_DIR));
  });

  it('keeps layers: imports only go downward (cli > commands > engine > sources/rules/reporters > detector > core)', () => {
    const rank: Record<string, number> = { core: 0, detector: 1, rules: 2, sources: 2, reporters: 2, engine: 3, commands: 4, cli: 5 };
    const allowed: Record<string, string[]> = { rules: ['detector', 'core'], sources: ['core'], reporters: ['core', 'sources'], detector: ['core'] };
    const problems: string[] = [];
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
    for (const file of walk(join(REPO, 'src'))) {
      const layer = relative(join(REPO, 'src'), file).split('/')[0]!;
      if (!(layer in rank)) continue;
      for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
        const target = relative(join(REPO, 'src'), join(file, '..', m[1]!)).split('/')[0]!;
        if (target === layer || !(target in rank)) continue;
        const ok = allowed[layer] ? allowed[layer]!.includes(target) : rank[target]! < rank[layer]!;
        if (!ok) problems.push(`${relative(REPO, file)} imports ${target}`);
      }
      if (layer === 'detector' || layer === 'reporters') {
        const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
        if (/process\.(env|cwd|argv)|from 'node:(fs|child_process)'/.test(code)) problems.push(`${relative(REPO, file)} touches process or the filesystem`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('installs from the packed tarball and runs with no TypeScript toolchain', { timeout: 300_000 }, async () => {
    const dir = tempDir();
    // --ignore-scripts: `prepare` would rebuild dist/ while other test files run the CLI from it
    // (they then read half-written modules); `npm test` has just built it.
    const pack = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir, '--json'], { cwd: REPO, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });
    const tarball = join(dir, JSON.parse(pack)[0].filename);
    const files: string[] = JSON.parse(pack)[0].files.map((f: { path: string }) => f.path);
    assert.ok(files.includes('dist/index.d.ts'), 'type declarations ship');
    assert.ok(files.some((f) => f.startsWith('rules/')));
    assert.ok(!files.some((f) => f.startsWith('src/') || f.startsWith('test/')));
    const app = join(dir, 'app');
    writeTree(app, { 'package.json': '{"name":"app","version":"1.0.0","type":"module"}', 'leak.txt': `t=${githubPat(61)}\n` });
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: app, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });
    const bin = join(app, 'node_modules', '.bin', 'leakhound');
    assert.match(execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim(), /^\d+\.\d+\.\d+$/);
    let code = 0;
    try {
      execFileSync(bin, ['scan', join(app, 'leak.txt')], { encoding: 'utf8' });
    } catch (e) {
      code = (e as { status: number }).status;
    }
    assert.equal(code, 1);
    assert.ok(!readdirSync(join(app, 'node_modules')).includes('typescript'));
    writeTree(app, { 'use.js': "import { scan } from 'leakhound';\nconst run = scan({ paths: ['leak.txt'], jobs: 1 });\nfor await (const f of run) console.log(f.ruleId, f.redacted);\n" });
    assert.match(execFileSync(process.execPath, ['use.js'], { cwd: app, encoding: 'utf8' }), /^github-classic-pat ghp_\w\w\*{4} \(40 chars\)$/m);
  });

  it('exposes the library API the CLI is built on', async () => {
    const { scan, renderSarif, loadRuleSet } = await import('../dist/index.js');
    const run = scan({ stdin: `token ${githubPat(62)}`, jobs: 1 });
    const found = [];
    for await (const f of run) found.push(f);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.secret, undefined);
    assert.ok(loadRuleSet().rules.length > 0);
    const sarif = JSON.parse(renderSarif(found, { tool: { name: 'leakhound', version: '0', informationUri: 'x' }, root: '/r', rules: run.rules, notices: run.notices, stats: run.stats, color: false, verbose: false }));
    assert.equal(sarif.runs[0].results.length, 1);
    const shown = scan({ stdin: `token ${githubPat(62)}`, jobs: 1, showSecrets: true });
    for await (const f of shown) assert.equal(f.secret, githubPat(62));
  });

  it('gives the same findings, in the same order, with one thread or several', async () => {
    const dir = tempDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`d${i % 7}/f${i}.txt`] = `${'filler line\n'.repeat(40000)}k = "${githubPat(i)}"\n`;
    writeTree(dir, files);
    const one = await runCli(['scan', dir, '--format', 'jsonl', '--jobs', '1']);
    const many = await runCli(['scan', dir, '--format', 'jsonl', '--jobs', '2']);
    const findings = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l)).filter((x) => x.type === 'finding').map((x) => `${x.path}:${x.start.line}`);
    assert.equal(findings(one.stdout).length, 60);
    assert.deepEqual(findings(many.stdout), findings(one.stdout));
  });
});
