// Seeded benchmark corpus: source in several languages, config, docs, lockfiles, minified bundles,
// logs, CSV and a few binary files, with a handful of planted fake credentials.
//
// Files are assembled from pools of pre-generated blocks (one pool per language), so 220 MB takes
// seconds rather than minutes. The corpus is deterministic for a given seed and size.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ALPHA, Rng } from './rng.js';
import { KINDS, plantedLine } from './planted.js';

/** Bump when generation changes, so that an old corpus is rebuilt. */
export const CORPUS_VERSION = 4;
export const MARKER = '.bench-corpus.json';
export const MB = 1_000_000;

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

const NOUNS = ('user order invoice payment cart product session account profile report cache queue job task event message channel ' +
  'config setting schedule metric route handler request response client server buffer stream file record entry batch shard node ' +
  'cluster tenant project team role permission policy audit trace span widget layout theme asset image upload download index ' +
  'search filter page cursor hash digest signature nonce password token key secret credential customer address shipment ' +
  'warehouse inventory price discount coupon subscription plan feature flag experiment variant segment notification email ' +
  'template webhook connection pool transaction ledger balance transfer refund dispute').split(' ');
const VERBS = ('get set load save fetch update delete create parse render validate normalize resolve build compute merge sync flush ' +
  'emit handle process retry schedule encode decode serialize format apply register dispatch find list count check ensure ' +
  'attach detach publish subscribe enqueue drain refresh rotate verify sign').split(' ');
const ADJS = ('active pending default remote local cached stale primary secondary internal public max min next prev current raw safe ' +
  'lazy async total last first new old valid dirty shared').split(' ');
const WORDS = ('the a an of to in for on with by from and or but not this that these those it is are was be been has have will ' +
  'can should must may when if then else each every all some any no more most less only also just than as at into over ' +
  'under after before between during without within across request response value field error retry timeout service ' +
  'client server cache queue worker handler config option default user account data file line record result status ' +
  'update returns creates removes checks reads writes keeps sends receives builds runs starts stops waits fails succeeds ' +
  'quickly safely eventually always never usually here there first second next last new old same different').split(' ');
const UNICODE = ['café', 'naïve', 'façade', 'Zürich', 'São Paulo', '東京', 'Київ', '— see below', '→', '✓', 'ß', 'Ελλάδα'];
const PKG_WORDS = ('react vue lodash express chalk debug ms semver glob minimatch yargs commander axios uuid rimraf mkdirp ' +
  'webpack babel eslint prettier jest mocha chai sinon typescript tslib rxjs zone core util utils parser loader plugin preset ' +
  'runtime cli config types node fs path stream buffer string array object promise async event emitter color ansi styles ' +
  'supports escape regex json yaml toml ini dotenv cross env spawn which shell exec kill signal tree walk fast deep equal ' +
  'merge clone is are has get set define property descriptor symbol iterator map set weak ref cache lru').split(' ');

const pascal = (...p) => p.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
const camel = (...p) => p[0] + pascal(...p.slice(1));
const snake = (...p) => p.join('_');
const upper = (...p) => p.join('_').toUpperCase();

/** A sentence; `uni` is the chance that it holds a non-ASCII word (most source, logs and data are pure ASCII). */
function sentence(rng, min = 6, max = 18, uni = 0) {
  const n = rng.range(min, max);
  const w = [];
  for (let i = 0; i < n; i++) w.push(rng.pick(WORDS));
  if (uni > 0 && rng.chance(uni)) w.splice(rng.int(w.length), 0, rng.pick(UNICODE));
  const s = w.join(' ');
  return s[0].toUpperCase() + s.slice(1) + '.';
}

function ident(rng) {
  const r = rng.int(4);
  if (r === 0) return camel(rng.pick(VERBS), rng.pick(NOUNS));
  if (r === 1) return camel(rng.pick(ADJS), rng.pick(NOUNS));
  if (r === 2) return rng.pick(NOUNS);
  return camel(rng.pick(NOUNS), rng.pick(NOUNS));
}

function literal(rng) {
  const r = rng.int(6);
  if (r === 0) return String(rng.int(10000));
  if (r === 1) return `'${rng.pick(NOUNS)}-${rng.pick(ADJS)}'`;
  if (r === 2) return rng.chance(0.5) ? 'true' : 'false';
  if (r === 3) return `'${sentence(rng, 2, 6)}'`;
  if (r === 4) return 'null';
  return `${rng.int(100)}.${rng.int(100)}`;
}

// ---------------------------------------------------------------------------------------------
// Block generators, one set per language. Each returns one or more lines (no trailing newline).
// ---------------------------------------------------------------------------------------------

const GEN = {
  js(rng, ts = false) {
    const t = (type) => (ts ? `: ${type}` : '');
    const name = ident(rng);
    const a = rng.pick(NOUNS);
    const b = rng.pick(NOUNS);
    switch (rng.int(10)) {
      case 0:
        return `import { ${camel(rng.pick(VERBS), a)}, ${camel(rng.pick(VERBS), b)} } from '${rng.chance(0.5) ? '../' + a + '/' + rng.pick(VERBS) : rng.pick(PKG_WORDS)}${ts || rng.chance(0.5) ? '' : '.js'}';`;
      case 1:
        return [
          `/**`,
          ` * ${sentence(rng)}`,
          ` * @param {${pascal(a)}} ${a} ${sentence(rng, 3, 8)}`,
          ` * @returns {Promise<${pascal(b)}>}`,
          ` */`,
          `export async function ${name}(${a}${t(pascal(a))}, options${t(`${pascal(name)}Options`)} = {})${t(`Promise<${pascal(b)}>`)} {`,
          `  const ${b} = await ${a}.${camel(rng.pick(VERBS), b)}(options.${rng.pick(ADJS)} ?? ${literal(rng)});`,
          `  if (!${b}) {`,
          `    throw new Error('${sentence(rng, 3, 9)}');`,
          `  }`,
          `  return ${b};`,
          `}`,
        ].join('\n');
      case 2:
        return [
          `export class ${pascal(a, b, rng.pick(['Service', 'Store', 'Manager', 'Client', 'Repository']))} {`,
          `  ${ts ? 'private ' : '#'}${b}${ts ? `: Map<string, ${pascal(b)}>` : ''} = new Map();`,
          ``,
          `  constructor(${ts ? 'private readonly ' : ''}${a}${t(pascal(a))}) {`,
          ts ? `  }` : `    this.${a} = ${a};\n  }`,
          ``,
          `  ${camel(rng.pick(VERBS), b)}(id${t('string')})${t(`${pascal(b)} | undefined`)} {`,
          `    // ${sentence(rng)}`,
          `    return this.${ts ? '' : '#'}${b}.get(id);`,
          `  }`,
          `}`,
        ].join('\n');
      case 3:
        return [
          `const ${upper(rng.pick(ADJS), a)} = {`,
          `  ${b}: ${literal(rng)},`,
          `  ${rng.pick(NOUNS)}: ${literal(rng)},`,
          `  ${rng.pick(ADJS)}: process.env.${upper(a, rng.pick(NOUNS))} ?? ${literal(rng)},`,
          `};`,
        ].join('\n');
      case 4:
        return `// ${sentence(rng)}`;
      case 5:
        return [
          `export const ${name} = (${a}${t('unknown')}) =>`,
          `  Array.isArray(${a}) ? ${a}.map((x) => x.${b}).filter(Boolean) : [];`,
        ].join('\n');
      case 6:
        return [
          `describe('${name}', () => {`,
          `  it('${sentence(rng, 4, 10).toLowerCase().slice(0, -1)}', async () => {`,
          `    const ${a} = await ${name}({ ${b}: ${literal(rng)} });`,
          `    expect(${a}.${rng.pick(NOUNS)}).toEqual(${literal(rng)});`,
          `  });`,
          `});`,
        ].join('\n');
      case 7:
        return [
          `switch (${a}.${rng.pick(['status', 'kind', 'type', 'state'])}) {`,
          `  case '${rng.pick(ADJS)}':`,
          `    return ${camel(rng.pick(VERBS), b)}(${a});`,
          `  case '${rng.pick(ADJS)}':`,
          `    logger.warn('${sentence(rng, 3, 8)}', { ${a} });`,
          `    break;`,
          `  default:`,
          `    return undefined;`,
          `}`,
        ].join('\n');
      case 8:
        return ts
          ? [`export interface ${pascal(a, b)} {`, `  id: string;`, `  ${b}: ${pascal(b)}[];`, `  ${rng.pick(ADJS)}?: number;`, `  ${rng.pick(NOUNS)}: ${rng.pick(['string', 'boolean', 'Date', 'Record<string, unknown>'])};`, `}`].join('\n')
          : `module.exports.${name} = ${name};`;
      default:
        return [
          `const ${camel(a, 'password')} = process.env.${upper(a, 'password')};`,
          `const ${camel(b, 'token')} = await ${camel('get', b, 'token')}(${a}.id);`,
        ].join('\n');
    }
  },
  ts(rng) {
    return GEN.js(rng, true);
  },
  py(rng) {
    const a = rng.pick(NOUNS);
    const b = rng.pick(NOUNS);
    const fn = snake(rng.pick(VERBS), a);
    switch (rng.int(7)) {
      case 0:
        return rng.chance(0.5) ? `import ${rng.pick(['os', 'sys', 'json', 'logging', 'typing', 're', 'time', 'pathlib'])}` : `from .${a} import ${pascal(a, b)}, ${snake(rng.pick(VERBS), b)}`;
      case 1:
        return [
          `def ${fn}(${a}, ${b}=None, *, timeout=${rng.range(1, 60)}):`,
          `    """${sentence(rng)}`,
          ``,
          `    ${sentence(rng)}`,
          `    """`,
          `    if ${b} is None:`,
          `        ${b} = ${a}.${snake(rng.pick(VERBS), b)}()`,
          `    logger.info("${sentence(rng, 3, 7)} %s", ${a}.id)`,
          `    return [x for x in ${b} if x.${rng.pick(ADJS)}]`,
          ``,
        ].join('\n');
      case 2:
        return [
          `class ${pascal(a, b)}(${rng.pick(['object', 'Base', 'Model', 'Exception'])}):`,
          `    ${snake(rng.pick(ADJS), b)} = ${literal(rng).replace(/^'|'$/g, '"').replace('true', 'True').replace('false', 'False').replace('null', 'None')}`,
          ``,
          `    def __init__(self, ${a}):`,
          `        self.${a} = ${a}`,
          `        self._${b} = {}`,
          ``,
          `    def ${snake(rng.pick(VERBS), b)}(self, key):`,
          `        # ${sentence(rng)}`,
          `        return self._${b}.get(key)`,
          ``,
        ].join('\n');
      case 3:
        return `${upper(rng.pick(ADJS), a)} = os.environ.get("${upper(a, rng.pick(['password', 'url', 'host', 'port', 'user']))}", "${rng.pick(NOUNS)}")`;
      case 4:
        return `# ${sentence(rng)}`;
      case 5:
        return [`${snake(a, 'settings')} = {`, `    "${b}": ${rng.int(1000)},`, `    "${rng.pick(NOUNS)}": "${rng.pick(ADJS)}",`, `    "${rng.pick(ADJS)}": [${rng.int(9)}, ${rng.int(9)}, ${rng.int(9)}],`, `}`].join('\n');
      default:
        return [`    try:`, `        result = await client.${fn}(${a}_id)`, `    except ${pascal(a)}Error as exc:`, `        raise RuntimeError("${sentence(rng, 3, 8)}") from exc`].join('\n');
    }
  },
  go(rng) {
    const a = rng.pick(NOUNS);
    const b = rng.pick(NOUNS);
    switch (rng.int(6)) {
      case 0:
        return `import (\n\t"context"\n\t"fmt"\n\t"${rng.pick(['net/http', 'encoding/json', 'time', 'errors', 'strings', 'sync'])}"\n)`;
      case 1:
        return [
          `// ${pascal(rng.pick(VERBS), a)} ${sentence(rng).toLowerCase()}`,
          `func (s *${pascal(a)}Service) ${pascal(rng.pick(VERBS), a)}(ctx context.Context, id string) (*${pascal(b)}, error) {`,
          `\t${b}, err := s.store.${pascal(rng.pick(VERBS), b)}(ctx, id)`,
          `\tif err != nil {`,
          `\t\treturn nil, fmt.Errorf("${rng.pick(VERBS)} ${a} %s: %w", id, err)`,
          `\t}`,
          `\treturn ${b}, nil`,
          `}`,
        ].join('\n');
      case 2:
        return [`type ${pascal(a, b)} struct {`, `\tID        string \`json:"id"\``, `\t${pascal(b)}     []${pascal(b)} \`json:"${b}"\``, `\t${pascal(rng.pick(ADJS))} int \`json:"${rng.pick(ADJS)},omitempty"\``, `}`].join('\n');
      case 3:
        return `const ${camel(rng.pick(ADJS), a)} = ${rng.chance(0.5) ? rng.int(5000) : `"${rng.pick(NOUNS)}"`}`;
      case 4:
        return `// ${sentence(rng)}`;
      default:
        return [`\tfor _, ${a} := range ${b}s {`, `\t\tif ${a}.${pascal(rng.pick(ADJS))} {`, `\t\t\tcontinue`, `\t\t}`, `\t\ttotal += len(${a}.${pascal(rng.pick(NOUNS))})`, `\t}`].join('\n');
    }
  },
  java(rng) {
    const a = rng.pick(NOUNS);
    const b = rng.pick(NOUNS);
    switch (rng.int(5)) {
      case 0:
        return `import ${rng.pick(['java.util', 'java.time', 'org.springframework.stereotype', 'com.fasterxml.jackson.annotation'])}.${pascal(rng.pick(NOUNS))};`;
      case 1:
        return [
          `    /**`,
          `     * ${sentence(rng)}`,
          `     */`,
          `    @${rng.pick(['Override', 'Transactional', 'GetMapping("/' + a + 's/{id}")', 'Nullable'])}`,
          `    public ${pascal(b)} ${camel(rng.pick(VERBS), b)}(${pascal(a)} ${a}, String id) {`,
          `        ${pascal(b)} result = ${a}Repository.findById(id).orElseThrow(() -> new NotFoundException("${a} " + id));`,
          `        log.debug("${sentence(rng, 3, 7)} {}", id);`,
          `        return result;`,
          `    }`,
        ].join('\n');
      case 2:
        return `    private ${rng.pick(['final ', ''])}${rng.pick(['String', 'int', 'long', 'List<' + pascal(b) + '>', 'Map<String, Object>'])} ${camel(rng.pick(ADJS), a)};`;
      case 3:
        return `    // ${sentence(rng)}`;
      default:
        return [`    public void set${pascal(a)}(${pascal(a)} ${a}) {`, `        this.${a} = Objects.requireNonNull(${a}, "${a}");`, `    }`].join('\n');
    }
  },
  rb(rng) {
    const a = rng.pick(NOUNS);
    const b = rng.pick(NOUNS);
    switch (rng.int(5)) {
      case 0:
        return `require '${rng.pick(['json', 'net/http', 'logger', 'securerandom', a + '/' + b])}'`;
      case 1:
        return [`  def ${snake(rng.pick(VERBS), a)}(${b}, opts = {})`, `    # ${sentence(rng)}`, `    @${a} ||= ${pascal(a)}.find_by(${b}_id: ${b}.id)`, `    raise ArgumentError, "${sentence(rng, 3, 7)}" if @${a}.nil?`, `    @${a}.${snake(rng.pick(VERBS), b)}(**opts)`, `  end`].join('\n');
      case 2:
        return `  attr_reader :${a}, :${b}`;
      case 3:
        return `  validates :${a}, presence: true, length: { maximum: ${rng.range(10, 255)} }`;
      default:
        return `# ${sentence(rng)}`;
    }
  },
  yaml(rng) {
    const a = rng.pick(NOUNS);
    switch (rng.int(5)) {
      case 0:
        return [`  ${a}-${rng.pick(VERBS)}:`, `    runs-on: ubuntu-latest`, `    steps:`, `      - uses: actions/checkout@v4`, `      - run: npm ci && npm run ${rng.pick(VERBS)}`, `        env:`, `          ${upper(a, rng.pick(['token', 'password', 'key']))}: \${{ secrets.${upper(a, 'secret')} }}`].join('\n');
      case 1:
        return [`      containers:`, `        - name: ${a}-${rng.pick(NOUNS)}`, `          image: registry.example.com/${a}:${rng.range(1, 9)}.${rng.int(20)}.${rng.int(30)}`, `          ports:`, `            - containerPort: ${rng.range(3000, 9000)}`, `          env:`, `            - name: ${upper(a, 'password')}`, `              valueFrom:`, `                secretKeyRef: { name: ${a}-secrets, key: password }`].join('\n');
      case 2:
        return `${a}_${rng.pick(NOUNS)}: ${rng.chance(0.5) ? rng.int(1000) : rng.pick(ADJS)}`;
      case 3:
        return `# ${sentence(rng)}`;
      default:
        return [`${a}:`, `  ${rng.pick(NOUNS)}: ${rng.pick(ADJS)}`, `  ${rng.pick(ADJS)}_${rng.pick(NOUNS)}: ${rng.int(100)}`, `  enabled: ${rng.chance(0.5)}`].join('\n');
    }
  },
  json(rng) {
    const a = rng.pick(NOUNS);
    switch (rng.int(3)) {
      case 0:
        return `  "${camel(rng.pick(ADJS), a)}": ${rng.chance(0.5) ? rng.int(100000) : `"${rng.pick(NOUNS)}"`},`;
      case 1:
        return `  "${a}": { "enabled": ${rng.chance(0.5)}, "${rng.pick(NOUNS)}": "${rng.pick(ADJS)}", "limit": ${rng.int(500)} },`;
      default:
        return `  "${a}${rng.pick(['Url', 'Endpoint'])}": "https://${a}.internal.example/${rng.pick(NOUNS)}/v${rng.range(1, 3)}",`;
    }
  },
  md(rng) {
    switch (rng.int(6)) {
      case 0:
        return `${'#'.repeat(rng.range(1, 3))} ${pascal(rng.pick(VERBS))} ${rng.pick(NOUNS)}s\n`;
      case 1:
      case 2: {
        const p = [];
        for (let i = rng.range(2, 6); i > 0; i--) p.push(sentence(rng, 6, 18, 0.1));
        return p.join(' ') + '\n';
      }
      case 3:
        return `- ${sentence(rng, 3, 10, 0.1)}\n- ${sentence(rng, 3, 10, 0.1)}\n- \`${ident(rng)}\`: ${sentence(rng, 3, 8, 0.1)}\n`;
      case 4:
        return '```js\n' + GEN.js(rng) + '\n```\n';
      default:
        return `| option | default | meaning |\n|---|---|---|\n| \`${ident(rng)}\` | ${literal(rng)} | ${sentence(rng, 4, 9, 0.1)} |\n| \`${ident(rng)}\` | ${literal(rng)} | ${sentence(rng, 4, 9, 0.1)} |\n`;
    }
  },
};

const HEADERS = {
  js: () => `'use strict';`,
  ts: () => `// Generated by the leakhound benchmark.`,
  py: () => `#!/usr/bin/env python3\n"""Benchmark module."""\nimport logging\n\nlogger = logging.getLogger(__name__)\n`,
  go: (rng) => `package ${rng.pick(NOUNS)}\n`,
  java: (rng) => `package com.example.${rng.pick(NOUNS)};\n\nimport java.util.Objects;\n\n@Service\npublic class ${pascal(rng.pick(NOUNS), 'Service')} {`,
  rb: (rng) => `# frozen_string_literal: true\n\nclass ${pascal(rng.pick(NOUNS))} < ApplicationRecord`,
  yaml: () => `# Benchmark configuration\nversion: "3"`,
  json: () => `{`,
  md: (rng) => `# ${pascal(rng.pick(NOUNS))} ${rng.pick(NOUNS)}s\n`,
};
const FOOTERS = { java: '}\n', rb: 'end\n', json: '  "version": 1\n}\n' };
/** Line comments, for the share of source files that carry one non-ASCII comment (an author's name, a place). */
const COMMENT = { js: '//', ts: '//', go: '//', java: '    //', py: '#', rb: '#', yaml: '#' };
const NON_ASCII_SOURCE = 0.15;

// ---------------------------------------------------------------------------------------------
// Pools
// ---------------------------------------------------------------------------------------------

function makePools(rng) {
  const pools = {};
  for (const lang of Object.keys(GEN)) {
    const r = rng.fork(lang);
    const pool = [];
    for (let i = 0; i < 2500; i++) pool.push(GEN[lang](r));
    pools[lang] = pool;
  }

  // npm packages for lockfiles: name, version, resolved URL, SRI integrity (random base64 of a 64-byte digest).
  const host = ['registry', 'npmjs', 'org'].join('.');
  const pr = rng.fork('packages');
  const pkgs = [];
  for (let i = 0; i < 6000; i++) {
    const base = pr.chance(0.7) ? pr.pick(PKG_WORDS) + '-' + pr.pick(PKG_WORDS) : pr.pick(PKG_WORDS) + pr.range(2, 9);
    const name = pr.chance(0.2) ? `@${pr.pick(PKG_WORDS)}/${base}` : base;
    const version = `${pr.int(12)}.${pr.int(30)}.${pr.int(40)}`;
    const tail = name.includes('/') ? name.split('/')[1] : name;
    const deps = [];
    for (let d = pr.int(4); d > 0; d--) deps.push(`        "${pr.pick(PKG_WORDS)}-${pr.pick(PKG_WORDS)}": "^${pr.int(9)}.${pr.int(20)}.0"`);
    pkgs.push(
      [
        `    "node_modules/${name}": {`,
        `      "version": "${version}",`,
        `      "resolved": "https://${host}/${name}/-/${tail}-${version}.tgz",`,
        `      "integrity": "sha512-${pr.chars(ALPHA.base64, 86)}==",`,
        ...(pr.chance(0.4) ? [`      "dev": true,`] : []),
        ...(pr.chance(0.1) ? [`      "license": "MIT",`, `      "engines": {`, `        "node": ">=${pr.range(8, 20)}"`, `      },`] : []),
        ...(deps.length ? [`      "dependencies": {`, deps.join(',\n'), `      }`] : [`      "license": "${pr.pick(['MIT', 'ISC', 'Apache-2.0', 'BSD-3-Clause'])}"`]),
        `    }`,
      ].join('\n'),
    );
  }
  pools.lock = pkgs;

  // Minified statements: short identifiers, no whitespace, long string literals now and then.
  const mr = rng.fork('minified');
  const id = () => mr.chars(ALPHA.lower, 1) + (mr.chance(0.5) ? mr.chars('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$0123456789', mr.range(1, 2)) : '');
  const mins = [];
  for (let i = 0; i < 4000; i++) {
    const a = id();
    const b = id();
    const c = id();
    switch (mr.int(8)) {
      case 0:
        mins.push(`function ${a}(${b},${c}){if(!${b})throw new Error("${sentence(mr, 2, 6)}");return ${b}.${ident(mr)}(${c})}`);
        break;
      case 1:
        mins.push(`var ${a}=${b}(${mr.int(900)}),${c}=${b}.n(${a});`);
        break;
      case 2:
        mins.push(`${a}.exports=function(${b}){return ${b}&&${b}.__esModule?${b}:{default:${b}}}`);
        break;
      case 3:
        mins.push(`const ${a}={${ident(mr)}:${mr.int(1000)},${ident(mr)}:"${mr.pick(NOUNS)}",${ident(mr)}:!${mr.int(2)}}`);
        break;
      case 4:
        mins.push(`${a}.prototype.${ident(mr)}=function(){var ${b}=this;return new Promise(function(${c}){${b}.${ident(mr)}(${c})})}`);
        break;
      case 5:
        mins.push(`for(var ${a}=0,${b}=${c}.length;${a}<${b};${a}++)${c}[${a}]=${c}[${a}]|${mr.int(256)}`);
        break;
      case 6:
        mins.push(`${a}("${mr.pick(NOUNS)}:${mr.pick(VERBS)}",function(${b}){return ${b}.${ident(mr)}!==${mr.int(50)}})`);
        break;
      default:
        mins.push(mr.chance(0.02) ? `${a}="data:image/png;base64,${mr.chars(ALPHA.base64, mr.range(200, 3000))}"` : `${a}=${b}?${c}:void 0`);
    }
  }
  pools.min = mins;

  // Log lines (timestamps are added per line) and CSV rows.
  const lr = rng.fork('logs');
  const logs = [];
  for (let i = 0; i < 3000; i++) {
    const lvl = lr.pick(['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN', 'ERROR']);
    const a = lr.pick(NOUNS);
    switch (lr.int(4)) {
      case 0:
        logs.push(`${lvl} [http-${lr.int(16)}] ${lr.pick(['GET', 'POST', 'PUT', 'DELETE'])} /api/v${lr.range(1, 2)}/${a}s/${lr.int(100000)} status=${lr.pick([200, 200, 201, 204, 301, 400, 404, 500])} duration_ms=${lr.int(900)} request_id=${lr.chars(ALPHA.hex, 16)}`);
        break;
      case 1:
        logs.push(`${lvl} [worker-${lr.int(8)}] ${sentence(lr, 4, 12)} ${a}_id=${lr.int(1e6)} attempt=${lr.range(1, 5)}`);
        break;
      case 2:
        logs.push(`${lvl} [db] query ${lr.pick(['SELECT', 'UPDATE', 'INSERT INTO'])} ${a}s ${lr.pick(['WHERE id = $1', 'SET status = $2 WHERE id = $1', 'VALUES ($1, $2, $3)'])} rows=${lr.int(500)} took=${lr.int(120)}ms`);
        break;
      default:
        logs.push(`${lvl} [auth] session ${lr.pick(['created', 'refreshed', 'expired'])} for user=${lr.pick(NOUNS)}${lr.int(9999)}@example.com ip=10.${lr.int(255)}.${lr.int(255)}.${lr.int(255)}`);
    }
  }
  pools.log = logs;

  const cr = rng.fork('csv');
  const rows = [];
  for (let i = 0; i < 3000; i++) {
    rows.push(`${cr.pick(NOUNS)} ${cr.pick(NOUNS)},${cr.pick(NOUNS)}.${cr.int(999)}@example.com,${cr.int(100000) / 100},${cr.pick(['US', 'DE', 'FR', 'JP', 'BR', 'IN', 'UA'])},${cr.pick(['paid', 'pending', 'refunded', 'failed'])},"${sentence(cr, 2, 8)}"`);
  }
  pools.csv = rows;

  // One block of random bytes, sliced into the binary files.
  const br = rng.fork('binary');
  const bin = Buffer.alloc(1 << 18);
  for (let i = 0; i < bin.length; i += 4) bin.writeUInt32LE(br.u32(), i);
  for (let i = 0; i < bin.length; i += br.range(16, 200)) bin[i] = 0; // plenty of NULs, as in real images
  pools.bin = bin;
  return pools;
}

// ---------------------------------------------------------------------------------------------
// Plan: which files, where, how big
// ---------------------------------------------------------------------------------------------

/** Share of the corpus bytes by category. */
const SHARES = { code: 0.5, lock: 0.13, min: 0.15, log: 0.14, csv: 0.06, bin: 0.02 };
/** Share of the code bytes by language. */
const LANGS = { js: 0.22, ts: 0.18, py: 0.15, go: 0.1, java: 0.1, rb: 0.06, yaml: 0.07, json: 0.05, md: 0.07 };

function codePath(rng, lang) {
  const a = rng.pick(NOUNS);
  const b = rng.pick(NOUNS);
  const v = rng.pick(VERBS);
  switch (lang) {
    case 'js':
      return rng.chance(0.3) ? `packages/${a}/src/${v}-${b}.js` : rng.chance(0.2) ? `test/${a}/${v}-${b}.test.js` : `src/${a}/${v}-${b}.js`;
    case 'ts':
      return rng.chance(0.3) ? `packages/${a}/src/${camel(v, b)}.ts` : rng.chance(0.1) ? `src/components/${pascal(a, b)}.tsx` : `src/${a}/${camel(v, b)}.ts`;
    case 'py':
      return `${rng.pick(['app', 'service', 'lib'])}/${a}/${snake(v, b)}.py`;
    case 'go':
      return `${rng.pick(['internal', 'pkg', 'cmd'])}/${a}/${snake(b, v)}.go`;
    case 'java':
      return `src/main/java/com/example/${a}/${pascal(b, v)}.java`;
    case 'rb':
      return `app/${rng.pick(['models', 'controllers', 'services', 'jobs'])}/${snake(a, b)}.rb`;
    case 'yaml':
      return rng.chance(0.3) ? `.github/workflows/${v}-${a}.yml` : `deploy/${rng.pick(['k8s', 'helm', 'compose'])}/${a}-${b}.yaml`;
    case 'json':
      return `config/${a}.${rng.pick(['development', 'production', 'test', 'staging'])}.json`;
    default:
      return rng.chance(0.2) ? `${a.toUpperCase()}.md` : `docs/${a}/${v}-${b}.md`;
  }
}

function makePlan(rng, totalBytes) {
  const repos = Math.max(2, Math.round(totalBytes / (20 * MB)));
  const repoName = (i) => `repo-${String(i).padStart(2, '0')}-${NOUNS[(i * 7) % NOUNS.length]}`;
  const files = [];
  const used = new Set();
  const add = (repo, rel, kind, size) => {
    let path = `${repoName(repo)}/${rel}`;
    for (let n = 2; used.has(path); n++) path = `${repoName(repo)}/${rel.replace(/(\.[^./]+)$/, `-${n}$1`)}`;
    used.add(path);
    files.push({ path, kind, size });
  };

  for (const [lang, share] of Object.entries(LANGS)) {
    let budget = totalBytes * SHARES.code * share;
    while (budget > 0) {
      const size = rng.chance(0.03) ? rng.logUniform(60_000, 400_000) : rng.logUniform(800, 40_000);
      add(rng.int(repos), codePath(rng, lang), lang, size);
      budget -= size;
    }
  }
  // One package-lock.json per repo, sized to share the lockfile budget.
  for (let r = 0; r < repos; r++) add(r, 'package-lock.json', 'lock', Math.round((totalBytes * SHARES.lock) / repos));
  let budget = totalBytes * SHARES.min;
  while (budget > 0) {
    const size = Math.min(rng.logUniform(1.5 * MB, 6 * MB), Math.max(budget, 200_000));
    add(rng.int(repos), `dist/assets/${rng.pick(['main', 'vendor', 'app', 'chunk'])}.${rng.chars(ALPHA.hex, 8)}.min.js`, 'min', size);
    budget -= size;
  }
  budget = totalBytes * SHARES.log;
  while (budget > 0) {
    const size = Math.min(rng.logUniform(300_000, 8 * MB), Math.max(budget, 50_000));
    add(rng.int(repos), `logs/${rng.pick(['app', 'worker', 'access', 'audit'])}-2024-${String(rng.range(1, 12)).padStart(2, '0')}-${String(rng.range(1, 28)).padStart(2, '0')}.log`, 'log', size);
    budget -= size;
  }
  budget = totalBytes * SHARES.csv;
  while (budget > 0) {
    const size = Math.min(rng.logUniform(100_000, 5 * MB), Math.max(budget, 20_000));
    add(rng.int(repos), `data/${rng.pick(NOUNS)}s-export.csv`, 'csv', size);
    budget -= size;
  }
  budget = totalBytes * SHARES.bin;
  while (budget > 0) {
    const size = Math.min(rng.logUniform(20_000, 1.5 * MB), Math.max(budget, 5_000));
    add(rng.int(repos), `assets/img/${rng.pick(NOUNS)}-${rng.pick(ADJS)}.${rng.pick(['png', 'png', 'jpg', 'woff2'])}`, 'bin', size);
    budget -= size;
  }
  return files;
}

// ---------------------------------------------------------------------------------------------
// Content
// ---------------------------------------------------------------------------------------------

function fill(parts, pool, rng, size, sep = '\n') {
  let len = parts.reduce((n, p) => n + p.length + sep.length, 0);
  while (len < size) {
    const p = pool[rng.int(pool.length)];
    parts.push(p);
    len += p.length + sep.length;
  }
  return parts;
}

function render(file, pools, rng) {
  const { kind, size } = file;
  if (GEN[kind]) {
    const head = [HEADERS[kind](rng)];
    if (COMMENT[kind] && rng.chance(NON_ASCII_SOURCE)) head.push(`${COMMENT[kind]} ${rng.pick(UNICODE)}: ${sentence(rng, 3, 8)}`);
    const parts = fill(head, pools[kind], rng, size - (FOOTERS[kind]?.length ?? 0));
    return parts.join('\n') + '\n' + (FOOTERS[kind] ?? '');
  }
  switch (kind) {
    case 'lock': {
      const name = file.path.split('/')[0];
      const head = `{\n  "name": "${name}",\n  "version": "1.0.0",\n  "lockfileVersion": 3,\n  "requires": true,\n  "packages": {\n    "": {\n      "name": "${name}",\n      "version": "1.0.0"\n    }`;
      return fill([head], pools.lock, rng, size - 10).join(',\n') + '\n  }\n}\n';
    }
    case 'min': {
      // A few very long lines: bundles are emitted as one line per chunk.
      const lines = [];
      const nLines = rng.range(1, 4);
      for (let i = 0; i < nLines; i++) lines.push(fill(['!function(){"use strict"'], pools.min, rng, size / nLines, ';').join(';') + '}();');
      // Some bundles carry translated strings, and so are not pure ASCII.
      if (rng.chance(0.3)) lines[0] += `;var i18n={title:"${rng.pick(UNICODE)}"};`;
      return lines.join('\n') + `\n//# sourceMappingURL=${file.path.split('/').pop()}.map\n`;
    }
    case 'log': {
      const out = [];
      let len = 0;
      let t = Date.UTC(2024, rng.int(12), rng.range(1, 28)) + rng.int(86_400_000);
      while (len < size) {
        t += rng.int(2000);
        const line = new Date(t).toISOString() + ' ' + pools.log[rng.int(pools.log.length)];
        out.push(line);
        len += line.length + 1;
      }
      return out.join('\n') + '\n';
    }
    case 'csv': {
      const out = ['id,name,email,amount,country,status,note'];
      let len = out[0].length;
      for (let id = 1; len < size; id++) {
        const row = `${id},${pools.csv[rng.int(pools.csv.length)]}`;
        out.push(row);
        len += row.length + 1;
      }
      return out.join('\n') + '\n';
    }
    case 'bin': {
      const chunks = [];
      const ext = file.path.split('.').pop();
      // Magic numbers: PNG signature + IHDR, JPEG SOI/APP0, WOFF2; all have NUL bytes within the first bytes.
      if (ext === 'png') chunks.push(Buffer.from('89504e470d0a1a0a0000000d49484452000002000000020008060000007a7af4', 'hex'));
      else if (ext === 'jpg') chunks.push(Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'));
      else chunks.push(Buffer.from('774f46320001000000', 'hex'));
      let len = chunks[0].length;
      while (len < size) {
        const start = rng.int(pools.bin.length - 4096);
        const n = Math.min(size - len, rng.range(4096, pools.bin.length - start));
        chunks.push(pools.bin.subarray(start, start + n));
        len += n;
      }
      return Buffer.concat(chunks);
    }
    default:
      throw new Error(`unknown file kind ${kind}`);
  }
}

/** Inserts `line` at a line boundary (or, for minified code, after a statement) near `frac` of the text. */
function plant(text, line, kind, frac) {
  let at;
  if (kind === 'min') {
    at = text.indexOf(';', Math.floor(text.length * frac));
    if (at < 0) at = text.indexOf(';');
    at += 1;
    text = text.slice(0, at) + line + text.slice(at);
  } else {
    at = text.indexOf('\n', Math.floor(text.length * frac));
    if (at < 0 || at === text.length - 1) at = text.indexOf('\n');
    at += 1;
    text = text.slice(0, at) + line + '\n' + text.slice(at);
  }
  let lineNo = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) lineNo++;
  return { text, line: lineNo };
}

// ---------------------------------------------------------------------------------------------
// Build / reuse
// ---------------------------------------------------------------------------------------------

function readMarker(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, MARKER), 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Ensures a corpus for `seed` and `sizeMB` exists in `dir`; reuses it when the marker matches.
 * `owned`: the directory is the benchmark's own and may be replaced without a marker.
 * Returns the marker: { version, seed, sizeMB, files, bytes, planted: [{ path, line, kind, ruleId }] }.
 * Planted tokens themselves are not recorded anywhere; the check matches findings by path and line.
 */
export function ensureCorpus({ dir, seed, sizeMB, owned = false, log = () => {} }) {
  const marker = readMarker(dir);
  if (marker && marker.version === CORPUS_VERSION && marker.seed === String(seed) && marker.sizeMB === sizeMB) {
    log(`corpus: reusing ${dir} (seed ${seed}, ${sizeMB} MB)`);
    return { ...marker, reused: true };
  }
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    // A directory given with --out is deleted only if it holds a marker; bench/.corpus is ours (an
    // interrupted generation leaves it without one).
    if (!owned && !existsSync(join(dir, MARKER))) throw new Error(`${dir} is not empty and holds no ${MARKER}: refusing to delete it; choose another --out`);
    log(`corpus: ${dir} was built with other settings; rebuilding`);
    rmSync(dir, { recursive: true, force: true });
  }
  const t0 = performance.now();
  const rng = new Rng(`leakhound-bench:${seed}`);
  const pools = makePools(rng.fork('pools'));
  const plan = makePlan(rng.fork('plan'), sizeMB * MB);

  // 20 planted tokens, 5 of each kind, spread over distinct text files of different kinds.
  const sr = rng.fork('secrets');
  const kinds = Object.keys(KINDS);
  const targetKinds = ['js', 'ts', 'py', 'go', 'java', 'rb', 'yaml', 'json', 'md', 'log', 'min'];
  const plants = new Map();
  for (let i = 0; i < 20; i++) {
    const fileKind = targetKinds[i % targetKinds.length];
    const candidates = plan.filter((f) => f.kind === fileKind && !plants.has(f.path));
    const file = candidates[sr.int(candidates.length)];
    const kind = kinds[i % kinds.length];
    plants.set(file.path, { kind, fileKind, frac: 0.05 + sr.float() * 0.9, token: KINDS[kind].make(sr) });
  }

  const cr = rng.fork('content');
  const made = new Set();
  const planted = [];
  let bytes = 0;
  for (const file of plan) {
    let content = render(file, pools, cr);
    const p = plants.get(file.path);
    if (p) {
      const r = plant(content, plantedLine(p.fileKind, p.kind, p.token, sr), p.fileKind, p.frac);
      content = r.text;
      planted.push({ path: file.path, line: r.line, kind: p.kind, ruleId: KINDS[p.kind].ruleId });
    }
    const full = join(dir, file.path);
    const parent = dirname(full);
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    writeFileSync(full, content);
    bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  }
  planted.sort((a, b) => (a.path < b.path ? -1 : 1));
  const out = { version: CORPUS_VERSION, seed: String(seed), sizeMB, files: plan.length, bytes, planted, generatedInSeconds: +((performance.now() - t0) / 1000).toFixed(1) };
  writeFileSync(join(dir, MARKER), JSON.stringify(out, null, 2) + '\n');
  log(`corpus: wrote ${plan.length} files, ${(bytes / MB).toFixed(1)} MB to ${dir} in ${out.generatedInSeconds}s`);
  return { ...out, reused: false };
}
