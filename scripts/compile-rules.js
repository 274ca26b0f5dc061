#!/usr/bin/env node
// Part of `npm run build`: parses rules/*.toml once and writes dist/rules/builtin.json, so a
// pre-commit run reads one JSON file instead of parsing TOML on every start. A built-in rule with
// an error fails the build. The loader ignores the file whenever a .toml is newer than it.
import { writeFileSync } from 'node:fs';
import { BUILTIN_JSON, BUILTIN_RULES_DIR, parseBuiltinFiles } from '../dist/rules/load.js';

const files = parseBuiltinFiles(BUILTIN_RULES_DIR);
const errors = files.flatMap((f) => f.errors);
if (errors.length > 0) {
  for (const e of errors) console.error(`error: ${e.message}`);
  process.exit(1);
}
writeFileSync(BUILTIN_JSON, JSON.stringify(files.map(({ errors: _, ...f }) => f)));
