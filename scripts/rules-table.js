#!/usr/bin/env node
// Writes docs/rules.md from the built-in rules (run after `npm run build`).
// test/project.test.ts fails when the committed table is out of date.
import { writeFileSync } from 'node:fs';
import { renderRulesTable } from '../dist/commands/rules-list.js';
import { loadRuleSet } from '../dist/rules/load.js';

const out = new URL('../docs/rules.md', import.meta.url);
writeFileSync(out, renderRulesTable(loadRuleSet().rules));
console.log(`wrote ${out.pathname}`);
