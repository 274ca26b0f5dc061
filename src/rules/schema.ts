import { parse } from 'smol-toml';
import { CONFIDENCES, SEVERITIES, type Allowlist, type Confidence, type PairSpec, type Rule, type Severity } from '../core/types.js';
import { FILTERS } from '../detector/filters.js';
import { compileRegex } from '../detector/regex.js';
import { VALIDATORS } from '../detector/validators/index.js';

/** A problem in a rule file, located well enough to fix it. */
export class RuleError extends Error {
  constructor(
    readonly source: string,
    readonly ruleId: string | undefined,
    message: string,
  ) {
    super(`${source}${ruleId ? ` rule ${ruleId}` : ''}: ${message}`);
  }
}

export interface RuleFile {
  rules: Rule[];
  /** Ids of built-in rules the file turns off. */
  disable: string[];
  /** Whether the built-in rules stay on (default true). */
  builtin: boolean;
  allow: Allowlist;
  errors: RuleError[];
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const KNOWN_RULE_KEYS = new Set([
  'id', 'title', 'description', 'provider', 'severity', 'confidence', 'keywords', 'regex', 'entropy', 'validate', 'filters',
  'paths', 'multiline', 'browser_safe', 'allow', 'pair', 'references', 'tags', 'examples', 'counterexamples',
]);
const PAIR_LINES_DEFAULT = 10;
const PAIR_LINES_MAX = 100;

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

function strings(value: unknown, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new Error(`\`${field}\` must be an array of strings`);
  return value as string[];
}

function text(t: Table, field: string, required: boolean): string {
  const v = t[field];
  if (v === undefined && !required) return '';
  if (typeof v !== 'string' || (required && v.trim() === '')) throw new Error(`\`${field}\` must be a non-empty string`);
  return v;
}

function parsePair(value: unknown): PairSpec | undefined {
  if (value === undefined) return undefined;
  if (!isTable(value)) throw new Error('`pair` must be a table');
  for (const key of Object.keys(value)) {
    if (!['name', 'regex', 'lines'].includes(key)) throw new Error(`\`pair.${key}\` is not a known key (name, regex, lines)`);
  }
  const lines = value['lines'] ?? PAIR_LINES_DEFAULT;
  if (typeof lines !== 'number' || !Number.isInteger(lines) || lines < 0 || lines > PAIR_LINES_MAX) throw new Error(`\`pair.lines\` must be an integer from 0 to ${PAIR_LINES_MAX}`);
  const regex = text(value, 'regex', true);
  if (compileRegex(regex, 'pair.regex').test('')) throw new Error('`pair.regex` matches the empty string');
  return { name: text(value, 'name', true), regex, lines };
}

export function parseAllowlist(value: unknown, field = 'allow'): Allowlist {
  if (value === undefined) return { regexes: [], stopwords: [], paths: [] };
  if (!isTable(value)) throw new Error(`\`${field}\` must be a table`);
  for (const key of Object.keys(value)) {
    if (!['regexes', 'stopwords', 'paths', 'nearby'].includes(key)) throw new Error(`\`${field}.${key}\` is not a known key (regexes, stopwords, paths, nearby)`);
  }
  const allow = {
    regexes: strings(value['regexes'], `${field}.regexes`),
    stopwords: strings(value['stopwords'], `${field}.stopwords`).map((w) => w.toLowerCase()),
    paths: strings(value['paths'], `${field}.paths`),
    ...(value['nearby'] !== undefined ? { nearby: strings(value['nearby'], `${field}.nearby`) } : {}),
  };
  for (const re of allow.regexes) compileRegex(re, `${field}.regexes`);
  for (const re of allow.nearby ?? []) compileRegex(re, `${field}.nearby`);
  return allow;
}

/** How much checking a rule file gets beyond its schema. */
export interface ParseOptions {
  /**
   * Run each regex once to reject one that matches the empty string. Running it is what makes V8
   * compile it, which costs tens of milliseconds over the built-ins on every start (a pre-commit
   * hook's whole budget); the test suite checks the built-ins instead (default true).
   */
  checkEmptyMatch?: boolean;
}

/** Validates one `[[rules]]` table into a Rule; throws an Error naming the bad field. */
export function parseRule(t: Table, options: ParseOptions = {}): Rule {
  for (const key of Object.keys(t)) if (!KNOWN_RULE_KEYS.has(key)) throw new Error(`\`${key}\` is not a known rule key`);
  const id = text(t, 'id', true);
  if (!ID.test(id)) throw new Error(`\`id\` ${JSON.stringify(id)} must be kebab-case (a-z, 0-9, single dashes)`);
  const severity = (t['severity'] ?? 'high') as Severity;
  if (!SEVERITIES.includes(severity)) throw new Error(`\`severity\` must be one of ${SEVERITIES.join(', ')}`);
  const confidence = (t['confidence'] ?? 'medium') as Confidence;
  if (!CONFIDENCES.includes(confidence)) throw new Error(`\`confidence\` must be one of ${CONFIDENCES.join(', ')}`);
  const regex = text(t, 'regex', true);
  const compiled = compileRegex(regex, 'regex');
  const keywords = strings(t['keywords'], 'keywords');
  for (const k of keywords) {
    // The prefilter folds ASCII case only; a keyword it cannot see would silently disable the rule.
    if (k.length === 0 || !/^[\x20-\x7e]+$/.test(k)) throw new Error(`keyword ${JSON.stringify(k)} must be non-empty printable ASCII`);
  }
  const entropy = t['entropy'];
  if (entropy !== undefined && (typeof entropy !== 'number' || entropy < 0 || entropy > 8)) throw new Error('`entropy` must be a number of bits per character, 0 to 8');
  const validate = t['validate'];
  if (validate !== undefined && (typeof validate !== 'string' || !VALIDATORS.has(validate))) {
    throw new Error(`\`validate\` must name a validator: ${[...VALIDATORS.keys()].join(', ')}`);
  }
  const filters = strings(t['filters'], 'filters');
  for (const f of filters) if (!FILTERS.has(f)) throw new Error(`filter ${JSON.stringify(f)} is unknown; known: ${[...FILTERS.keys()].join(', ')}`);
  for (const flag of ['multiline', 'browser_safe']) {
    if (t[flag] !== undefined && typeof t[flag] !== 'boolean') throw new Error(`\`${flag}\` must be true or false`);
  }
  // An empty match would make a finding of nothing and spin the scanner.
  if (options.checkEmptyMatch !== false && compiled.test('')) throw new Error('`regex` matches the empty string');
  return {
    id,
    title: text(t, 'title', true),
    description: text(t, 'description', false),
    provider: text(t, 'provider', false) || 'Generic',
    severity,
    confidence,
    keywords,
    regex,
    ...(entropy !== undefined ? { entropy: entropy as number } : {}),
    ...(validate !== undefined ? { validate: validate as string } : {}),
    filters,
    paths: strings(t['paths'], 'paths'),
    multiline: t['multiline'] === true,
    browserSafe: t['browser_safe'] === true,
    allow: parseAllowlist(t['allow']),
    ...(t['pair'] !== undefined ? { pair: parsePair(t['pair'])! } : {}),
    references: strings(t['references'], 'references'),
    tags: strings(t['tags'], 'tags'),
    examples: strings(t['examples'], 'examples'),
    counterexamples: strings(t['counterexamples'], 'counterexamples'),
  };
}

/** Parses a rule file (built-in family or user config). Bad rules are reported, good ones kept. */
export function parseRuleFile(source: string, content: string, options: ParseOptions = {}): RuleFile {
  const out: RuleFile = { rules: [], disable: [], builtin: true, allow: { regexes: [], stopwords: [], paths: [] }, errors: [] };
  let doc: Table;
  try {
    doc = parse(content) as Table;
  } catch (e) {
    out.errors.push(new RuleError(source, undefined, `not valid TOML: ${(e as Error).message.split('\n')[0]}`));
    return out;
  }
  for (const key of Object.keys(doc)) {
    if (!['rules', 'disable', 'builtin', 'allow'].includes(key)) out.errors.push(new RuleError(source, undefined, `\`${key}\` is not a known top-level key (rules, disable, builtin, allow)`));
  }
  try {
    out.disable = strings(doc['disable'], 'disable');
    if (doc['builtin'] !== undefined && typeof doc['builtin'] !== 'boolean') throw new Error('`builtin` must be true or false');
    out.builtin = doc['builtin'] !== false;
    out.allow = parseAllowlist(doc['allow']);
  } catch (e) {
    out.errors.push(new RuleError(source, undefined, (e as Error).message));
  }
  const tables = doc['rules'] ?? [];
  if (!Array.isArray(tables)) {
    out.errors.push(new RuleError(source, undefined, '`rules` must be an array of tables ([[rules]])'));
    return out;
  }
  const seen = new Set<string>();
  tables.forEach((t: unknown, i) => {
    const label = isTable(t) && typeof t['id'] === 'string' ? t['id'] : `#${i + 1}`;
    try {
      if (!isTable(t)) throw new Error('must be a table');
      const rule = parseRule(t, options);
      if (seen.has(rule.id)) throw new Error('`id` is used twice in this file');
      seen.add(rule.id);
      out.rules.push(rule);
    } catch (e) {
      out.errors.push(new RuleError(source, label, (e as Error).message));
    }
  });
  return out;
}
