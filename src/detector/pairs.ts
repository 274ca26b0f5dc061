import type { Finding, Fragment, PairSpec } from '../core/types.js';
import { adjustConfidence } from './confidence.js';
import type { LineIndex } from './positions.js';
import { compileRegex } from './regex.js';

/** Characters searched on each side of a match, whatever `lines` says: a minified line is not a window. */
const MAX_REACH = 16 * 1024;

export interface CompiledPair {
  spec: PairSpec;
  re: RegExp;
}

export function compilePair(spec: PairSpec): CompiledPair {
  return { spec, re: compileRegex(spec.regex, 'pair.regex', 'gd') };
}

/** The text `lines` lines above and below [start, end), bounded in characters. */
export function linesAround(text: string, start: number, end: number, lines: number): { from: number; to: number } {
  let from = start;
  for (let n = 0; n <= lines && from > 0 && start - from < MAX_REACH; n++) {
    const nl = text.lastIndexOf('\n', from - 2);
    from = nl === -1 ? 0 : nl + 1;
  }
  let to = end;
  for (let n = 0; n <= lines && to < text.length && to - end < MAX_REACH; n++) {
    const nl = text.indexOf('\n', n === 0 ? to : to + 1);
    to = nl === -1 ? text.length : nl;
  }
  return { from: Math.max(from, start - MAX_REACH), to: Math.min(to, end + MAX_REACH) };
}

/**
 * Paired credentials (a secret key and the key id it only works with) become one finding with
 * both locations: the other half is searched within the rule's window, a finding of another rule
 * on that span is merged into this one, and the confidence moves up (pair found) or down (lone half).
 */
export function pairFindings(findings: Finding[], pairs: ReadonlyMap<string, CompiledPair>, fragment: Fragment, lines: LineIndex): Finding[] {
  const merged = new Set<Finding>();
  const out: Finding[] = [];
  for (const f of findings) {
    const pair = pairs.get(f.ruleId);
    if (merged.has(f) || !pair || f.decodedFrom.length > 0) continue;
    const start = f.offset - fragment.offsetBase;
    const end = start + f.secret.length;
    const { from, to } = linesAround(fragment.text, start, end, pair.spec.lines);
    const window = fragment.text.slice(from, to);
    let best: { start: number; end: number; value: string } | undefined;
    pair.re.lastIndex = 0;
    for (let m = pair.re.exec(window); m; m = pair.re.exec(window)) {
      if (m[0].length === 0) {
        pair.re.lastIndex++;
        continue;
      }
      const span = m.indices?.groups?.['value'] ?? m.indices![0]!;
      const s = from + span[0];
      const e = from + span[1];
      if (s < end && start < e) continue;
      if (!best || Math.abs(s - start) < Math.abs(best.start - start)) best = { start: s, end: e, value: m.groups?.['value'] ?? m[0] };
    }
    if (!best) {
      adjustConfidence(f, -1);
      f.reasons.push(`no ${pair.spec.name} within ${pair.spec.lines} lines: a lone half of a pair`);
      continue;
    }
    const other = findings.find((g) => g !== f && !merged.has(g) && g.offset - fragment.offsetBase < best.end && best.start < g.offset - fragment.offsetBase + g.secret.length);
    if (other) merged.add(other);
    const at = lines.position(best.start, fragment.lineBase, fragment.columnBase);
    f.pair = { name: pair.spec.name, ...(other ? { ruleId: other.ruleId } : {}), start: at, end: lines.position(best.end, fragment.lineBase, fragment.columnBase), value: best.value };
    if (f.validation !== 'invalid') adjustConfidence(f, 1);
    f.reasons.push(`paired with the ${pair.spec.name} at line ${at.line}`);
    f.message = `${f.message.replace(/\.$/, '')}, with its ${pair.spec.name} (line ${at.line}).`;
  }
  for (const f of findings) if (!merged.has(f)) out.push(f);
  return out;
}
