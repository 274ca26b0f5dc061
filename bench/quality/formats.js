// File formats of the quality corpus: where files live, what surrounds a value, and how each format
// writes `name = value` (quoted or not) and multi-line values (PEM blocks).

const WORDS = 'user order invoice payment cart product session account report cache queue job task event message channel route handler client server record batch tenant project team role audit metric'.split(' ');

/** Words of a variable name, whatever its case: `DB_PASSWORD`, `dbPassword`, `db.password`. */
function words(name) {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[\s._-]+/).filter(Boolean).map((w) => w.toLowerCase());
}
const cap = (w) => w[0].toUpperCase() + w.slice(1);
export const nameAs = {
  upper: (n) => words(n).join('_').toUpperCase(),
  snake: (n) => words(n).join('_'),
  camel: (n) => words(n).map((w, i) => (i ? cap(w) : w)).join(''),
  pascal: (n) => words(n).map(cap).join(''),
  dotted: (n) => words(n).join('.'),
  kebab: (n) => words(n).join('-'),
};

const id = (rng) => rng.pick(WORDS) + cap(rng.pick(WORDS));
const num = (rng) => String(rng.int(5000));
const jsonStr = (s) => JSON.stringify(s);
const indent = (lines, pad) => lines.map((l) => pad + l);

/**
 * Each format: `path(rng, i)`, `head`/`tail` lines, `filler(rng)` lines, `line(name, value, rng)` for a
 * one-line value and `block(name, value, rng)` for a multi-line one (null: cannot hold one).
 */
export const FORMATS = {
  js: {
    path: (rng, i) => `web/src/${rng.pick(WORDS)}/${id(rng)}-${i}.js`,
    filler: (rng) => [`export function ${id(rng)}(${rng.pick(WORDS)}) {`, `  return ${rng.pick(WORDS)}.${id(rng)}(${num(rng)});`, `}`],
    line: (n, v, rng) => rng.pick([[`const ${nameAs.camel(n)} = '${v}';`], [`  ${nameAs.camel(n)}: "${v}",`], [`export const ${nameAs.upper(n)} = \`${v}\`;`]]),
    block: (n, v) => [`const ${nameAs.camel(n)} = \`${v}\`;`],
  },
  ts: {
    path: (rng, i) => `services/api/src/${id(rng)}.${i}.ts`,
    filler: (rng) => [`export interface ${cap(id(rng))} {`, `  ${rng.pick(WORDS)}: string;`, `  ${rng.pick(WORDS)}Count: number;`, `}`],
    line: (n, v, rng) => rng.pick([[`const ${nameAs.camel(n)}: string = "${v}";`], [`  ${nameAs.camel(n)}: '${v}',`], [`config.set('${nameAs.dotted(n)}', "${v}");`]]),
    block: (n, v) => [`export const ${nameAs.camel(n)} = \`${v}\`;`],
  },
  py: {
    path: (rng, i) => `backend/${rng.pick(WORDS)}/${rng.pick(['settings', 'config', 'client', 'tasks'])}_${i}.py`,
    filler: (rng) => [`def ${nameAs.snake(id(rng))}(${rng.pick(WORDS)}):`, `    return ${rng.pick(WORDS)}.get("${rng.pick(WORDS)}", ${num(rng)})`, ''],
    line: (n, v, rng) => rng.pick([[`${nameAs.upper(n)} = "${v}"`], [`${nameAs.snake(n)} = '${v}'`], [`os.environ.setdefault("${nameAs.upper(n)}", "${v}")`]]),
    block: (n, v) => [`${nameAs.upper(n)} = """${v}"""`],
  },
  go: {
    path: (rng, i) => `internal/${rng.pick(WORDS)}/${rng.pick(WORDS)}_${i}.go`,
    head: () => ['package main', ''],
    filler: (rng) => [`func ${cap(id(rng))}(ctx context.Context) error {`, `\treturn ${rng.pick(WORDS)}.Run(ctx, ${num(rng)})`, `}`],
    line: (n, v, rng) => rng.pick([[`\t${nameAs.camel(n)} := "${v}"`], [`const ${nameAs.camel(n)} = "${v}"`], [`\tos.Setenv("${nameAs.upper(n)}", "${v}")`]]),
    block: (n, v) => [`var ${nameAs.camel(n)} = \`${v}\``],
  },
  java: {
    path: (rng, i) => `src/main/java/com/acme/${rng.pick(WORDS)}/${cap(id(rng))}${i}.java`,
    head: (rng) => [`package com.acme.${rng.pick(WORDS)};`, '', `public class ${cap(id(rng))} {`],
    tail: () => ['}'],
    filler: (rng) => [`    public int ${id(rng)}(int ${rng.pick(WORDS)}) {`, `        return ${rng.pick(WORDS)} * ${num(rng)};`, `    }`],
    line: (n, v, rng) => rng.pick([[`    private static final String ${nameAs.upper(n)} = "${v}";`], [`        props.setProperty("${nameAs.dotted(n)}", "${v}");`]]),
    block: null,
  },
  rb: {
    path: (rng, i) => `app/${rng.pick(['models', 'services', 'jobs'])}/${nameAs.snake(id(rng))}_${i}.rb`,
    filler: (rng) => [`def ${nameAs.snake(id(rng))}`, `  @${rng.pick(WORDS)} ||= ${cap(rng.pick(WORDS))}.find(${num(rng)})`, `end`],
    line: (n, v, rng) => rng.pick([[`  ${nameAs.upper(n)} = '${v}'`], [`ENV['${nameAs.upper(n)}'] ||= "${v}"`], [`  config.${nameAs.snake(n)} = "${v}"`]]),
    block: (n, v) => [`${nameAs.upper(n)} = <<~KEY`, ...indent(v.split('\n'), '  '), 'KEY'],
  },
  php: {
    path: (rng, i) => `config/${rng.pick(WORDS)}_${i}.php`,
    head: () => ['<?php', ''],
    filler: (rng) => [`function ${id(rng)}($${rng.pick(WORDS)}) {`, `    return $${rng.pick(WORDS)}['${rng.pick(WORDS)}'] ?? ${num(rng)};`, `}`],
    line: (n, v, rng) => rng.pick([[`define('${nameAs.upper(n)}', '${v}');`], [`    '${nameAs.snake(n)}' => '${v}',`], [`$${nameAs.camel(n)} = "${v}";`]]),
    block: null,
  },
  cs: {
    path: (rng, i) => `src/Acme.${cap(rng.pick(WORDS))}/${cap(id(rng))}${i}.cs`,
    head: (rng) => ['namespace Acme;', '', `public static class ${cap(id(rng))}`, '{'],
    tail: () => ['}'],
    filler: (rng) => [`    public static int ${cap(id(rng))}(int ${rng.pick(WORDS)}) => ${rng.pick(WORDS)} + ${num(rng)};`],
    line: (n, v, rng) => rng.pick([[`    private const string ${nameAs.pascal(n)} = "${v}";`], [`    public static string ${nameAs.pascal(n)} {get;} = "${v}";`]]),
    block: null,
  },
  sh: {
    path: (rng, i) => `scripts/${rng.pick(['deploy', 'bootstrap', 'release', 'backup'])}-${i}.sh`,
    head: () => ['#!/usr/bin/env bash', 'set -euo pipefail'],
    filler: (rng) => [`echo "${rng.pick(WORDS)} ${rng.pick(WORDS)} step ${num(rng)}"`, `${rng.pick(['kubectl', 'docker', 'aws'])} ${rng.pick(['apply', 'push', 'sync'])} ${rng.pick(WORDS)}`],
    line: (n, v, rng) => rng.pick([[`export ${nameAs.upper(n)}="${v}"`], [`${nameAs.upper(n)}=${v}`], [`export ${nameAs.upper(n)}='${v}'`]]),
    block: (n, v) => [`cat > ~/.ssh/${nameAs.snake(n)} <<'EOF'`, ...v.split('\n'), 'EOF'],
  },
  dockerfile: {
    path: (rng, i) => `docker/${rng.pick(WORDS)}-${i}/Dockerfile`,
    head: () => ['FROM node:20-alpine', 'WORKDIR /app'],
    filler: (rng) => [`RUN npm ci --omit=dev && npm run build:${rng.pick(WORDS)}`, `COPY ${rng.pick(WORDS)}/ ./${rng.pick(WORDS)}/`],
    line: (n, v, rng) => rng.pick([[`ENV ${nameAs.upper(n)}=${v}`], [`ARG ${nameAs.upper(n)}="${v}"`]]),
    block: null,
  },
  gha: {
    path: (rng, i) => `.github/workflows/${rng.pick(['ci', 'deploy', 'release', 'nightly'])}-${i}.yml`,
    head: (rng) => [`name: ${rng.pick(WORDS)}`, 'on: [push]', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    env:'],
    tail: () => ['    steps:', '      - uses: actions/checkout@v4', '      - run: npm test'],
    filler: (rng) => [`      ${nameAs.upper(id(rng))}: ${rng.pick(WORDS)}`],
    line: (n, v, rng) => rng.pick([[`      ${nameAs.upper(n)}: ${v}`], [`      ${nameAs.upper(n)}: "${v}"`]]),
    block: (n, v) => [`      ${nameAs.upper(n)}: |`, ...indent(v.split('\n'), '        ')],
  },
  gitlab: {
    path: (rng, i) => `ci/${rng.pick(WORDS)}-${i}/.gitlab-ci.yml`,
    head: () => ['stages: [test, deploy]', 'variables:'],
    tail: (rng) => ['test:', '  stage: test', `  script: [npm ci, npm run test:${rng.pick(WORDS)}]`],
    filler: (rng) => [`  ${nameAs.upper(id(rng))}: "${rng.pick(WORDS)}"`],
    line: (n, v, rng) => rng.pick([[`  ${nameAs.upper(n)}: "${v}"`], [`  ${nameAs.upper(n)}: ${v}`]]),
    block: (n, v) => [`  ${nameAs.upper(n)}: |`, ...indent(v.split('\n'), '    ')],
  },
  k8s: {
    path: (rng, i) => `deploy/k8s/${rng.pick(WORDS)}-${i}.yaml`,
    head: (rng) => ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${rng.pick(WORDS)}-config`, 'data:'],
    filler: (rng) => [`  ${nameAs.kebab(id(rng))}: "${rng.pick(WORDS)}"`],
    line: (n, v, rng) => rng.pick([[`  ${nameAs.upper(n)}: "${v}"`], [`  ${nameAs.snake(n)}: ${v}`]]),
    block: (n, v) => [`  ${nameAs.kebab(n)}.pem: |`, ...indent(v.split('\n'), '    ')],
  },
  /** A Kubernetes Secret: values are base64 in `data`. */
  k8sSecret: {
    path: (rng, i) => `deploy/k8s/secrets/${rng.pick(WORDS)}-${i}.yaml`,
    head: (rng) => ['apiVersion: v1', 'kind: Secret', 'metadata:', `  name: ${rng.pick(WORDS)}-secrets`, 'type: Opaque', 'data:'],
    filler: (rng) => [`  ${nameAs.kebab(id(rng))}: ${Buffer.from(rng.pick(WORDS)).toString('base64')}`],
    encode: (v) => Buffer.from(v).toString('base64'),
    line: (n, v) => [`  ${nameAs.kebab(n)}: ${Buffer.from(v).toString('base64')}`],
    block: (n, v) => [`  ${nameAs.kebab(n)}: ${Buffer.from(v).toString('base64')}`],
  },
  tf: {
    path: (rng, i) => `infra/${rng.pick(WORDS)}/${rng.pick(['main', 'variables', 'providers'])}-${i}.tf`,
    filler: (rng) => [`resource "aws_s3_bucket" "${rng.pick(WORDS)}" {`, `  bucket = "acme-${rng.pick(WORDS)}-${num(rng)}"`, `}`],
    line: (n, v, rng) => rng.pick([[`  ${nameAs.snake(n)} = "${v}"`], [`variable "${nameAs.snake(n)}" { default = "${v}" }`]]),
    block: (n, v) => [`  ${nameAs.snake(n)} = <<EOT`, ...v.split('\n'), 'EOT'],
  },
  env: {
    path: (rng, i) => `${rng.pick(['apps', 'services', 'packages'])}/${rng.pick(WORDS)}-${i}/.env${rng.pick(['', '.production', '.local'])}`,
    filler: (rng) => [`${nameAs.upper(id(rng))}=${rng.pick(WORDS)}`, `PORT=${3000 + rng.int(100)}`],
    line: (n, v, rng) => rng.pick([[`${nameAs.upper(n)}=${v}`], [`${nameAs.upper(n)}="${v}"`], [`${nameAs.upper(n)}='${v}'`]]),
    block: (n, v) => [`${nameAs.upper(n)}="${v.replace(/\n/g, '\\n')}"`],
  },
  json: {
    path: (rng, i) => `config/${rng.pick(WORDS)}.${rng.pick(['production', 'staging', 'default'])}.${i}.json`,
    head: () => ['{'],
    tail: () => ['  "version": 1', '}'],
    filler: (rng) => [`  "${id(rng)}": ${rng.chance(0.5) ? num(rng) : jsonStr(rng.pick(WORDS))},`],
    // Half the values escape `/` as PHP's json_encode does.
    line: (n, v, rng) => [`  "${nameAs.camel(n)}": ${rng.chance(0.5) ? jsonStr(v).replace(/\//g, '\\/') : jsonStr(v)},`],
    block: (n, v) => [`  "${nameAs.snake(n)}": ${jsonStr(v + '\n')},`],
  },
  toml: {
    path: (rng, i) => `config/${rng.pick(WORDS)}-${i}.toml`,
    head: (rng) => [`[${rng.pick(WORDS)}]`],
    filler: (rng) => [`${nameAs.snake(id(rng))} = ${rng.chance(0.5) ? num(rng) : jsonStr(rng.pick(WORDS))}`],
    line: (n, v, rng) => rng.pick([[`${nameAs.snake(n)} = "${v}"`], [`${nameAs.snake(n)} = '${v}'`]]),
    block: (n, v) => [`${nameAs.snake(n)} = """`, ...v.split('\n'), '"""'],
  },
  ini: {
    path: (rng, i) => `etc/${rng.pick(WORDS)}-${i}.${rng.pick(['ini', 'cfg', 'conf'])}`,
    head: (rng) => [`[${rng.pick(WORDS)}]`],
    filler: (rng) => [`${nameAs.snake(id(rng))} = ${rng.pick(WORDS)}`],
    line: (n, v, rng) => rng.pick([[`${nameAs.snake(n)} = ${v}`], [`${nameAs.snake(n)}=${v}`]]),
    block: null,
  },
  properties: {
    path: (rng, i) => `src/main/resources/application-${rng.pick(['prod', 'dev', 'qa'])}${i}.properties`,
    filler: (rng) => [`${nameAs.dotted(id(rng))}=${rng.pick(WORDS)}`],
    line: (n, v) => [`${nameAs.dotted(n)}=${v}`],
    block: null,
  },
  xml: {
    path: (rng, i) => `src/${cap(rng.pick(WORDS))}${i}.Web/${rng.pick(['Web.config', 'App.config', 'settings.xml'])}`,
    head: () => ['<?xml version="1.0" encoding="utf-8"?>', '<configuration>', '  <appSettings>'],
    tail: () => ['  </appSettings>', '</configuration>'],
    filler: (rng) => [`    <add key="${cap(id(rng))}" value="${rng.pick(WORDS)}" />`],
    line: (n, v, rng) => rng.pick([[`    <add key="${nameAs.pascal(n)}" value="${v.replace(/&/g, '&amp;')}" />`], [`    <${nameAs.camel(n)}>${v.replace(/&/g, '&amp;')}</${nameAs.camel(n)}>`]]),
    block: null,
  },
  md: {
    path: (rng, i) => `docs/${rng.pick(['setup', 'deploy', 'runbook', 'onboarding'])}-${i}.md`,
    head: (rng) => [`# ${cap(rng.pick(WORDS))} setup`, ''],
    filler: (rng) => [`The ${rng.pick(WORDS)} service reads its ${rng.pick(WORDS)} from the environment.`, ''],
    line: (n, v) => ['```bash', `export ${nameAs.upper(n)}=${v}`, '```'],
    block: (n, v) => ['```', ...v.split('\n'), '```'],
  },
  ipynb: {
    path: (rng, i) => `notebooks/${rng.pick(WORDS)}-analysis-${i}.ipynb`,
    head: () => ['{', ' "cells": [', '  {', '   "cell_type": "code",', '   "metadata": {},', '   "source": ['],
    tail: () => ['    "print(\\"done\\")\\n"', '   ]', '  }', ' ],', ' "nbformat": 4,', ' "nbformat_minor": 5', '}'],
    filler: (rng) => [`    ${jsonStr(`df = pd.read_csv("${rng.pick(WORDS)}.csv")\n`)},`],
    line: (n, v) => [`    ${jsonStr(`${nameAs.upper(n)} = "${v}"\n`)},`],
    block: (n, v) => [`    ${jsonStr(`${nameAs.upper(n)} = """${v}"""\n`)},`],
  },
  log: {
    path: (rng, i) => `logs/${rng.pick(WORDS)}-${i}.log`,
    filler: (rng) => [`2024-06-0${1 + rng.int(9)}T1${rng.int(10)}:0${rng.int(10)}:11.${100 + rng.int(900)}Z INFO  [${rng.pick(WORDS)}] handled ${rng.pick(WORDS)} in ${rng.int(900)}ms`],
    line: (n, v, rng) => rng.pick([
      [`2024-06-03T10:1${rng.int(10)}:22.${100 + rng.int(900)}Z DEBUG [config] loaded ${nameAs.upper(n)}=${v} from environment`],
      [`2024-06-03T10:2${rng.int(10)}:05.${100 + rng.int(900)}Z WARN  [http] retrying GET /v1/sync?${nameAs.snake(n)}=${encodeURIComponent(v)} (attempt 2)`],
    ]),
    block: null,
  },
  min: {
    path: (rng, i) => `web/dist/assets/${rng.pick(WORDS)}.${i}.min.js`,
    filler: (rng) => [`!function(e){var t={};function n(r){if(t[r])return t[r].exports;var o=t[r]={i:r,l:!1,exports:{}};return e[r].call(o.exports,o,o.exports,n),o.l=!0,o.exports}n.m=e,n.c=t,n.p="/${rng.pick(WORDS)}/"}([]);`],
    line: (n, v, rng) => [`var ${rng.pick(['a', 'r', 'o'])}={${nameAs.camel(n)}:"${v}",timeout:${num(rng)}},${rng.pick(['i', 'u'])}=function(e){return e.${rng.pick(WORDS)}};`],
    block: null,
  },
  pem: {
    path: (rng, i) => `${rng.pick(['certs', 'keys', 'config/ssl', '.ssh'])}/${rng.pick(WORDS)}-${i}.${rng.pick(['pem', 'key'])}`,
    filler: () => [],
    line: null,
    block: (n, v) => v.split('\n'),
  },
};

/** Formats that accept one-line values, by rough frequency in real repositories. */
export const LINE_FORMATS = ['js', 'js', 'ts', 'ts', 'py', 'py', 'go', 'java', 'rb', 'php', 'cs', 'sh', 'dockerfile', 'gha', 'gitlab', 'k8s', 'k8sSecret', 'tf', 'env', 'env', 'env', 'json', 'toml', 'ini', 'properties', 'xml', 'md', 'ipynb', 'log', 'min'];
export const BLOCK_FORMATS = Object.keys(FORMATS).filter((f) => FORMATS[f].block);
