import picomatch from 'picomatch';
import type { Allowlist, Finding, Fragment, Notice, Rule, Validation } from '../core/types.js';
import { findEncoded } from './decode.js';
import { shannonEntropy } from './entropy.js';
import { scoreContext } from './context.js';
import { browserExposure } from './exposure.js';
import { FILTERS, obviouslyFake, type Filter } from './filters.js';
import { LineIndex } from './positions.js';
import { shiftConfidence } from './confidence.js';
import { compilePair, linesAround, pairFindings, type CompiledPair } from './pairs.js';
import { Prefilter } from './prefilter.js';
import { VALIDATORS, type Validator } from './validators/index.js';
import { compileRegex } from './regex.js';
import { compileMatcher, type RuleMatcher } from './matcher.js';

/** Id of the rule whose metadata browser-exposed findings take on. */
export const EXPOSURE_RULE_ID = 'browser-exposed-secret';
/** An inline marker that silences findings on its line (for true false positives). */
export const ALLOW_MARKER = 'leakhound:allow';

/** Characters before a keyword a match may start at (assignments put the name first). */
const REACH_BEFORE = 512;
/** Characters after a keyword a single-line match may extend to. */
const REACH_AFTER = 1024;
/** Characters after a keyword a multi-line match (a PEM block) may extend to. */
const REACH_MULTILINE = 16384;
/** Lines above and below a candidate that `allow.nearby` regexes look at. */
const NEARBY_LINES = 10;
const DECODE_DEPTH = 2;
const DECODE_LIMITS = { maxLength: 64 * 1024, budget: 1024 * 1024 };

export interface DetectorOptions {
  /** Global allowlist from the user's config. */
  allow?: Allowlist;
  /** The time expiry is judged against (ms since the epoch; default: when the detector is made). */
  now?: number;
}

/**
 * Every field is always present (`undefined` when it does not apply): objects built with the same
 * fields in the same order share one hidden class, so V8 keeps the per-hit code monomorphic instead
 * of deoptimising it each time a rule of another shape comes by.
 */
interface CompiledRule {
  rule: Rule;
  match: RuleMatcher;
  allowRegexes: RegExp[];
  allowNearby: RegExp[];
  stopwords: string[];
  skipsPath: ((path: string) => boolean) | undefined;
  /** Set when the rule runs only on some files (its `paths`). */
  appliesTo: ((path: string) => boolean) | undefined;
  validator: Validator | undefined;
  filters: [string, Filter][];
  generic: boolean;
  /** 0 provider rules, 1 structural rules (JWT, URL passwords), 2 generic rules: a lower tier wins an overlap. */
  tier: number;
  /** Position in the rule set: among overlapping generic matches the earlier rule is reported. */
  order: number;
  /** Whether the rule is matched at its keyword hits (`match.around`); known once its matcher is built. */
  anchored: boolean | undefined;
  /** The rule's own fields that per-hit and per-candidate code reads (rules differ in which they hold). */
  multiline: boolean;
  entropy: number | undefined;
}

interface Candidate {
  rule: CompiledRule;
  start: number;
  end: number;
  secret: string;
  /** The regex's `name` group: the variable the secret is assigned to. */
  name: string | undefined;
  /** Whether the regex's `quote` group matched. */
  quoted: boolean;
}

function compile(rule: Rule, order: number): CompiledRule {
  return {
    rule,
    match: compileMatcher(rule.regex),
    allowRegexes: rule.allow.regexes.map((r) => compileRegex(r, 'allow.regexes')),
    allowNearby: (rule.allow.nearby ?? []).map((r) => compileRegex(r, 'allow.nearby')),
    stopwords: rule.allow.stopwords,
    skipsPath: rule.allow.paths.length > 0 ? picomatch(rule.allow.paths, { dot: true }) : undefined,
    appliesTo: rule.paths.length > 0 ? picomatch(rule.paths, { dot: true }) : undefined,
    validator: rule.validate ? VALIDATORS.get(rule.validate)! : undefined,
    filters: rule.filters.map((f) => [f, FILTERS.get(f)!] as [string, Filter]),
    generic: rule.tags.includes('generic'),
    tier: rule.tags.includes('generic') ? 2 : rule.tags.includes('structural') ? 1 : 0,
    order,
    anchored: undefined,
    multiline: rule.multiline === true,
    entropy: rule.entropy,
  };
}

/**
 * Pure: (fragment, rules) -> findings. Never touches the filesystem, git, argv or the environment;
 * sources hand it text and reporters take what it returns.
 */
export class Detector {
  private readonly compiled: CompiledRule[];
  private readonly prefilter: Prefilter;
  /** For each prefilter keyword, the rules it wakes. */
  private readonly keywordRules: number[][];
  private readonly alwaysOn: number[];
  private readonly globalAllow: RegExp[];
  private readonly globalStopwords: string[];
  private readonly globalNearby: RegExp[];
  private readonly globalSkipsPath?: (path: string) => boolean;
  private readonly exposureRule?: Rule;
  private readonly pairs = new Map<string, CompiledPair>();
  private readonly now: number;

  constructor(rules: readonly Rule[], options: DetectorOptions = {}) {
    this.compiled = rules.map((r, i) => compile(r, i));
    const keywordIndex = new Map<string, number>();
    this.keywordRules = [];
    this.alwaysOn = [];
    this.compiled.forEach((c, i) => {
      if (c.rule.keywords.length === 0) this.alwaysOn.push(i);
      for (const k of new Set(c.rule.keywords.map((x) => x.toLowerCase()))) {
        let idx = keywordIndex.get(k);
        if (idx === undefined) {
          idx = keywordIndex.size;
          keywordIndex.set(k, idx);
          this.keywordRules.push([]);
        }
        this.keywordRules[idx]!.push(i);
      }
    });
    this.prefilter = new Prefilter([...keywordIndex.keys()]);
    this.globalAllow = (options.allow?.regexes ?? []).map((r) => compileRegex(r, 'allow.regexes'));
    this.globalStopwords = (options.allow?.stopwords ?? []).map((w) => w.toLowerCase());
    this.globalNearby = (options.allow?.nearby ?? []).map((r) => compileRegex(r, 'allow.nearby'));
    if (options.allow && options.allow.paths.length > 0) this.globalSkipsPath = picomatch(options.allow.paths, { dot: true });
    this.exposureRule = rules.find((r) => r.id === EXPOSURE_RULE_ID);
    for (const r of rules) if (r.pair) this.pairs.set(r.id, compilePair(r.pair));
    this.now = options.now ?? Date.now();
  }

  get rules(): Rule[] {
    return this.compiled.map((c) => c.rule);
  }

  /** Whether the global allowlist excludes this path from scanning altogether. */
  skipsPath(path: string): boolean {
    return this.globalSkipsPath?.(path) ?? false;
  }

  scan(fragment: Fragment): { findings: Finding[]; notices: Notice[] } {
    const notices: Notice[] = [];
    const path = fragment.provenance.path;
    if (this.skipsPath(path)) return { findings: [], notices };
    const candidates = this.candidates(fragment.text, path);
    const lines = new LazyLines(fragment.text);
    const findings: Finding[] = [];
    for (const c of candidates) {
      const f = this.toFinding(c, fragment, lines, []);
      if (f) findings.push(f);
    }
    this.decodeAndScan(fragment, findings, notices);
    const paired = findings.some((f) => this.pairs.has(f.ruleId)) ? pairFindings(findings, this.pairs, fragment, lines.index) : findings;
    return { findings: paired, notices };
  }

  /** Scans decoded forms of encoded strings; findings point at the encoded span in the original. */
  private decodeAndScan(fragment: Fragment, findings: Finding[], notices: Notice[]): void {
    const path = fragment.provenance.path;
    const lines = new LazyLines(fragment.text);
    const seen = new Set(findings.map((f) => `${f.ruleId}\0${f.secret}`));
    const visit = (text: string, depth: number, span: { start: number; end: number } | undefined, chain: string[]): void => {
      const { decoded, exhausted } = findEncoded(text, DECODE_LIMITS);
      if (exhausted) notices.push({ kind: 'decode-limit', path, level: 'info', message: 'stopped decoding encoded strings: the per-file budget was reached' });
      for (const d of decoded) {
        const outer = span ?? { start: d.start, end: d.end };
        const nextChain = [...chain, d.encoding];
        // Rules anchored on a name (aws_secret_access_key = ...) need it beside the decoded value.
        const name = nameBefore(text, d.start);
        const quote = d.text.includes('"') ? '' : '"';
        const prefix = name === undefined ? '' : `${name}=${quote}`;
        const scanned = name === undefined ? d.text : `${prefix}${d.text}${quote}`;
        const from = prefix.length;
        for (const c of this.candidates(scanned, path)) {
          if (c.start < from) continue;
          const key = `${c.rule.rule.id}\0${c.secret}`;
          if (seen.has(key)) continue;
          // The same rule already matched the encoded text itself (e.g. a %XX password in a URI).
          const at = fragment.offsetBase + outer.start;
          const atEnd = fragment.offsetBase + outer.end;
          if (findings.some((f) => f.ruleId === c.rule.rule.id && f.decodedFrom.length === 0 && f.offset < atEnd && at < f.offset + f.secret.length)) continue;
          const f = this.toFinding({ ...c, start: outer.start, end: outer.end }, fragment, lines, nextChain, scanned, c.start);
          if (f) {
            seen.add(key);
            findings.push(f);
          }
        }
        if (depth + 1 < DECODE_DEPTH) visit(d.text, depth + 1, outer, nextChain);
      }
    };
    visit(fragment.text, 0, undefined, []);
  }

  /**
   * Per rule, in the order rules first had a hit: the windows its regex runs in, or, for rules
   * matched at their hits, the keyword spans. Arrays indexed by rule, and no closures: this runs
   * once per keyword hit, and V8 compiles a small loop fast (the warm-up every worker pays).
   */
  private plan(text: string, path: string): { perRule: (number[] | undefined)[]; touched: number[] } {
    const rules = this.compiled;
    const perRule: (number[] | undefined)[] = new Array(rules.length);
    const touched: number[] = [];
    // Whether each rule runs on this path (0: not asked yet, 1: yes, 2: no), asked at its first hit.
    const runs = new Uint8Array(rules.length);
    const n = text.length;
    // One forward cursor over the newlines: each is found once, however many hits share its line
    // (minified files are one line), so the line around a hit costs nothing per hit.
    let lineStart = 0;
    let lineEnd = -1;
    const hits = this.prefilter.scan(text);
    const lengths = this.prefilter.lengths;
    for (let h = 0; h < hits.length; h += 2) {
      const kw = hits[h]!;
      const end = hits[h + 1]!;
      while (lineEnd < end) {
        if (lineEnd >= 0) lineStart = lineEnd + 1;
        lineEnd = text.indexOf('\n', lineEnd + 1);
        if (lineEnd === -1) lineEnd = n;
      }
      const start = end - lengths[kw]!;
      let a = -1;
      for (const r of this.keywordRules[kw]!) {
        if (runs[r] === 0) runs[r] = this.appliesTo(rules[r]!, path) ? 1 : 2;
        if (runs[r] === 2) continue;
        const c = rules[r]!;
        let list = perRule[r];
        if (!list) {
          perRule[r] = list = [];
          touched.push(r);
        }
        if ((c.anchored ??= c.match.around !== undefined)) {
          list.push(start, end);
          continue;
        }
        if (a < 0) a = windowStart(text, lineStart, start);
        const b = c.multiline ? Math.min(n, end + REACH_MULTILINE) : Math.min(lineEnd, end + REACH_AFTER);
        // Windows of one rule come in order: one that starts inside the last extends it.
        if (list.length > 0 && a <= list[list.length - 1]!) list[list.length - 1] = Math.max(list[list.length - 1]!, b);
        else list.push(a, b);
      }
    }
    for (const r of this.alwaysOn) {
      if (!this.appliesTo(rules[r]!, path)) continue;
      perRule[r] = [0, n];
      touched.push(r);
    }
    return { perRule, touched };
  }

  private appliesTo(c: CompiledRule, path: string): boolean {
    return !c.skipsPath?.(path) && (!c.appliesTo || c.appliesTo(outsideRoot(path)));
  }

  /**
   * Regex matches in windows around keyword hits (or, for assignment-shaped rules, at the hits
   * themselves), with generic matches dropped where a specific rule matched the same span.
   */
  private candidates(text: string, path: string): Candidate[] {
    const { perRule, touched } = this.plan(text, path);
    const n = text.length;
    const out: Candidate[] = [];
    const collect = (c: CompiledRule, a: number) => (m: RegExpExecArray) => {
      const span = m.indices?.groups?.['secret'] ?? m.indices![0]!;
      const secret = m.groups?.['secret'] ?? m[0];
      if (secret.length === 0) return;
      const name = m.groups?.['name'];
      out.push({ rule: c, start: a + span[0], end: a + span[1], secret, name, quoted: m.groups?.['quote'] !== undefined });
    };
    for (const r of touched) {
      const c = this.compiled[r]!;
      const list = perRule[r]!;
      if (c.anchored) {
        c.match.around!(text, list, collect(c, 0));
        continue;
      }
      for (let i = 0; i < list.length; i += 2) {
        const a = list[i]!;
        c.match.all(a === 0 && list[i + 1] === n ? text : text.slice(a, list[i + 1]), collect(c, a));
      }
    }
    out.sort((x, y) => x.start - y.start || y.end - x.end);
    return out.filter((c) => !out.some((o) => o !== c && o.start < c.end && c.start < o.end && outranks(o, c)));
  }

  /** Applies filters, allowlists, validation and context; undefined when the candidate is not a finding. */
  private toFinding(c: Candidate, fragment: Fragment, lines: LazyLines, decodedFrom: string[], decodedText?: string, decodedAt?: number): Finding | undefined {
    const { rule } = c.rule;
    const secret = c.secret;
    // The checks on the secret alone come first: most candidates fail one, before any line is cut.
    if (obviouslyFake(secret)) return undefined;
    if (c.rule.entropy !== undefined && shannonEntropy(secret) < entropyFloor(c.rule.entropy, secret)) return undefined;
    const lineText = lineOf(fragment.text, c.start);
    // Filters read the line the secret is on: in decoded content that is the decoded line.
    const filterLine = decodedText !== undefined ? lineOf(decodedText, decodedAt!) : lineText;
    if (lineText.includes(ALLOW_MARKER)) return undefined;
    const filterContext = { line: filterLine, quoted: c.quoted, path: fragment.provenance.path, ...(c.name !== undefined ? { name: c.name } : {}) };
    for (const [, filter] of c.rule.filters) if (filter(secret, filterContext)) return undefined;
    const lowerSecret = secret.toLowerCase();
    if ([...c.rule.stopwords, ...this.globalStopwords].some((w) => lowerSecret.includes(w))) return undefined;
    if ([...c.rule.allowRegexes, ...this.globalAllow].some((re) => re.test(secret))) return undefined;
    if (c.rule.allowNearby.length + this.globalNearby.length > 0 && decodedText === undefined) {
      const { from, to } = linesAround(fragment.text, c.start, c.end, NEARBY_LINES);
      const near = fragment.text.slice(from, to);
      if ([...c.rule.allowNearby, ...this.globalNearby].some((re) => re.test(near))) return undefined;
    }
    if (c.rule.validator?.publishable?.(secret)) return undefined;
    const column = c.start - lineStartOf(fragment.text, c.start);
    const exposure = decodedFrom.length > 0 ? undefined : browserExposure(lineText, column);
    // Publishable keys are meant for browsers: in a browser variable they are exactly where they belong.
    if (rule.browserSafe && exposure) return undefined;

    const validation: Validation = c.rule.validator ? c.rule.validator.check(secret) : 'unknown';
    const reasons: string[] = [`rule ${rule.id} matched (base confidence ${rule.confidence})`];
    let confidence = rule.confidence;
    if (validation === 'valid') {
      confidence = 'high';
      reasons.push(`${c.rule.validator!.name}: valid`);
    } else if (validation === 'invalid') {
      confidence = 'low';
      reasons.push(`${c.rule.validator!.name}: invalid, so probably not a real credential`);
    }
    if (decodedFrom.length > 0 && confidence !== 'low') reasons.push(`found after decoding ${decodedFrom.join(' > ')}`);

    const start = lines.index.position(c.start, fragment.lineBase, fragment.columnBase);
    const end = lines.index.position(c.end, fragment.lineBase, fragment.columnBase);
    const base: Finding = {
      ruleId: rule.id,
      title: rule.title,
      provider: rule.provider,
      severity: rule.severity,
      confidence,
      validation,
      reasons,
      message: `${rule.title} found${decodedFrom.length > 0 ? ` inside a ${decodedFrom.join(' > ')} encoded string` : ''}.`,
      path: fragment.provenance.path,
      provenance: fragment.provenance,
      start,
      end,
      offset: fragment.offsetBase + c.start,
      secret,
      revealPrefix: literalPrefix(rule, secret),
      decodedFrom,
      tags: rule.tags,
      lineText,
      ...(c.name !== undefined ? { variable: c.name } : {}),
    };
    scoreContext(base, c.rule.validator, this.now);
    if (!exposure) return base;
    if (rule.id === EXPOSURE_RULE_ID) return withExposure(base, exposure, rule);
    return this.exposureRule ? withExposure(base, exposure, this.exposureRule) : base;
  }
}

/**
 * Which of two overlapping matches is reported: a provider rule beats a structural one (a JWT, a
 * password in a URL), which beats a generic one; a provider finding is converted to an exposure
 * finding later if need be. Among generic rules the browser-exposure rule wins, then the rule listed
 * first (generic.toml lists the most specific first). Two provider rules are both reported.
 */
function outranks(a: Candidate, b: Candidate): boolean {
  if (a.rule.tier !== b.rule.tier) return a.rule.tier < b.rule.tier;
  if (!a.rule.generic) return false;
  const aExposed = a.rule.rule.id === EXPOSURE_RULE_ID;
  if (aExposed !== (b.rule.rule.id === EXPOSURE_RULE_ID)) return aExposed;
  return a.rule.order < b.rule.order;
}

/** A file named outside the scan root (`../../home/me/.netrc`) is matched by its path below the `..` steps. */
function outsideRoot(path: string): string {
  return path.replace(/^(?:\.\.\/)+/, '');
}

/**
 * A rule's minimum entropy, eased for hexadecimal values: hex tops out at 4 bits per character, and
 * 1.6 % of random 32-character hex keys score under 3.3 (0.025 % under 3.0; measured over 20,000),
 * so for them the bar is 3.0.
 */
function entropyFloor(min: number, secret: string): number {
  return secret.length >= 32 && /^(?:[0-9a-f]+|[0-9A-F]+)$/.test(secret) ? Math.min(min, HEX_ENTROPY_FLOOR) : min;
}
const HEX_ENTROPY_FLOOR = 3.0;

/**
 * Where the window of a keyword starting at `start` begins: its line's start, or, on a long line,
 * a delimiter at most REACH_BEFORE characters back, so a match cannot begin inside a token.
 */
function windowStart(text: string, lineStart: number, start: number): number {
  if (start - lineStart <= REACH_BEFORE) return lineStart;
  for (let i = start - REACH_BEFORE; i < start; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 ? DELIMITER[c] === 1 : /\s/.test(text[i]!)) return i + 1;
  }
  return start;
}
const DELIMITER = (() => {
  const t = new Uint8Array(128);
  for (const c of ' \t\n\v\f\r"\'`,;=:(){}[]<>') t[c.charCodeAt(0)] = 1;
  return t;
})();

function lineStartOf(text: string, at: number): number {
  const from = Math.max(0, at - LINE_REACH);
  const before = text.slice(from, at).lastIndexOf('\n');
  return before === -1 ? from : from + before + 1;
}

/** `name: "` or `name = ` just before an encoded value, as in a Kubernetes Secret's `data:` or a JSON key. */
const NAME_BEFORE = /(?<![\w.-])([A-Za-z_][\w.-]{0,80})["'`]?[ \t]{0,4}(?::=|=>|=|:)[ \t]{0,4}["'`]?$/;

/** The name an encoded value at `at` is assigned to on its line, if any (looked for within 128 characters). */
function nameBefore(text: string, at: number): string | undefined {
  const from = Math.max(0, at - 128);
  const head = text.slice(from, at);
  const line = head.lastIndexOf('\n');
  return NAME_BEFORE.exec(line === -1 ? head : head.slice(line + 1))?.[1];
}

/** Longest line slice filters and snippets look at: a 50 MB minified line is cut around the match. */
const LINE_REACH = 4096;

/** The line around `at`, found by a bounded search (most candidates are dropped before positions matter). */
function lineOf(text: string, at: number): string {
  const from = Math.max(0, at - LINE_REACH);
  const before = text.slice(from, at).lastIndexOf('\n');
  const s = before === -1 ? from : from + before + 1;
  const to = Math.min(text.length, at + LINE_REACH);
  const after = text.slice(at, to).indexOf('\n');
  return text.slice(s, after === -1 ? to : at + after).replace(/\r$/, '');
}

/** A line index built on first use: only texts with a finding pay for it. */
class LazyLines {
  private built?: LineIndex;
  constructor(private readonly text: string) {}
  get index(): LineIndex {
    return (this.built ??= new LineIndex(this.text));
  }
}

/** How much of the secret is a fixed, public prefix (e.g. `ghp_`), safe to show in redacted output. */
function literalPrefix(rule: Rule, secret: string): number {
  let best = 0;
  const lowerSecret = secret.toLowerCase();
  for (const k of rule.keywords) if (k.length > best && k.length < secret.length - 8 && lowerSecret.startsWith(k.toLowerCase())) best = k.length;
  return best;
}

function withExposure(f: Finding, e: { variable: string; prefix: string; framework: string }, exposureRule: Rule): Finding {
  return {
    ...f,
    ruleId: exposureRule.id,
    title: `${f.title} exposed to browsers`,
    severity: 'critical',
    confidence: shiftConfidence(f.confidence, 1),
    reasons: [...f.reasons, `assigned to ${e.variable}: ${e.framework} inlines ${e.prefix}* variables into client bundles`],
    message:
      `${f.title} is assigned to ${e.variable}. ${e.framework} inlines every ${e.prefix}* variable into the JavaScript ` +
      `sent to browsers, so anyone who loads the site can read it. Revoke it, keep the new one in a server-only variable, ` +
      `and call the provider from server code.`,
    exposure: { variable: e.variable, prefix: e.prefix },
    tags: [...new Set([...f.tags, ...exposureRule.tags, `detected-by:${f.ruleId}`])],
  };
}
