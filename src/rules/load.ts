import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Allowlist, Rule } from '../core/types.js';
import { parseRuleFile, RuleError, type RuleFile } from './schema.js';

/** Built-in rule files ship in the package beside dist/. */
export const BUILTIN_RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

export interface RuleSet {
  rules: Rule[];
  allow: Allowlist;
  /** Problems found while loading; a bad user rule is reported and left out, never fatal on its own. */
  errors: RuleError[];
  /** How many rules come from the user's config rather than the built-ins. */
  custom: number;
}

/** The built-in rules parsed at build time (scripts/compile-rules.js). */
export const BUILTIN_JSON = fileURLToPath(new URL('./builtin.json', import.meta.url));

const tomlFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.toml')).sort();

export function parseBuiltinFiles(dir: string): RuleFile[] {
  return tomlFiles(dir).map((f) => parseRuleFile(`rules/${f}`, readFileSync(`${dir}/${f}`, 'utf8'), { checkEmptyMatch: false }));
}

/**
 * The built-in rule files: from the build's JSON when it is newer than every .toml (TOML parsing
 * is a sixth of a pre-commit run's start-up), else parsed from the TOML, so an edited rule file is
 * never shadowed by a stale build.
 */
export function loadBuiltinFiles(dir = BUILTIN_RULES_DIR): RuleFile[] {
  if (dir === BUILTIN_RULES_DIR) {
    const built = statSync(BUILTIN_JSON, { throwIfNoEntry: false });
    if (built && tomlFiles(dir).every((f) => statSync(`${dir}/${f}`).mtimeMs <= built.mtimeMs)) {
      return (JSON.parse(readFileSync(BUILTIN_JSON, 'utf8')) as Omit<RuleFile, 'errors'>[]).map((f) => ({ ...f, errors: [] }));
    }
  }
  return parseBuiltinFiles(dir);
}

/**
 * The effective rule set: built-ins (unless the config says `builtin = false`), minus the ones it
 * disables, plus its own rules; a user rule with a built-in's id replaces that rule.
 */
export function loadRuleSet(configPath?: string, builtinDir = BUILTIN_RULES_DIR): RuleSet {
  let config: RuleFile | undefined;
  if (configPath !== undefined) {
    let content: string;
    try {
      content = readFileSync(configPath, 'utf8');
    } catch (e) {
      throw new RuleError(configPath, undefined, `cannot read config: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    config = parseRuleFile(configPath, content);
  }
  const builtins = config?.builtin === false ? [] : loadBuiltinFiles(builtinDir);
  const errors = [...builtins.flatMap((f) => f.errors), ...(config?.errors ?? [])];
  const disabled = new Set(config?.disable ?? []);
  const byId = new Map<string, Rule>();
  for (const rule of builtins.flatMap((f) => f.rules)) {
    if (byId.has(rule.id)) errors.push(new RuleError('rules/', rule.id, 'id is defined by two built-in files'));
    byId.set(rule.id, rule);
  }
  for (const id of disabled) {
    if (!byId.has(id)) errors.push(new RuleError(configPath ?? '', undefined, `\`disable\` names unknown rule ${JSON.stringify(id)}`));
    byId.delete(id);
  }
  for (const rule of config?.rules ?? []) byId.set(rule.id, rule);
  return { rules: [...byId.values()], allow: config?.allow ?? { regexes: [], stopwords: [], paths: [] }, errors, custom: config?.rules.length ?? 0 };
}
