// Matches scanner findings to planted credentials by path, line span and secret, and computes recall
// and precision overall and per family. Secrets are compared in memory only; reports carry redacted forms.
import { FAMILIES } from './tokens.js';

/**
 * A credential's redacted form, as leakhound redacts: its public prefix (`sk_live_`, `ghp_`) and two
 * more characters when it has 16 or more, then the length; passwords and unprefixed keys show nothing.
 */
export function redact(value) {
  const prefix = /^[a-z]{2,6}[_-](?:[a-z]{2,5}[_-])?/.exec(value)?.[0];
  const show = prefix && value.length >= 16 ? value.slice(0, prefix.length + 2) : '';
  return `${show}**** (${value.length} chars)`;
}

/** The secret as found and as it reads once JSON escapes, percent-encoding or base64 are peeled off. */
function forms(secret) {
  const out = new Set([secret, secret.replace(/\\\//g, '/').replace(/\\n/g, '\n')]);
  try {
    out.add(decodeURIComponent(secret));
  } catch {
    // not percent-encoded
  }
  if (/^[A-Za-z0-9+/_-]{16,}={0,2}$/.test(secret)) out.add(Buffer.from(secret, 'base64').toString('utf8'));
  return [...out];
}

const overlaps = (a, b) => a.length >= 6 && b.length >= 6 && (a.includes(b) || b.includes(a));
const inSpan = (f, x) => x.path === f.path && f.start.line <= x.endLine && f.end.line >= x.line;

/** The family a rule reports for, from its tags, for findings that match nothing. */
function ruleFamily(f) {
  const tags = f.tags ?? [];
  if (f.ruleId === 'browser-exposed-secret') return 'exposure';
  if (tags.includes('generic')) return 'generic';
  if (/jwt/.test(f.ruleId)) return 'jwt';
  if (/url|basic-auth/.test(f.ruleId) && tags.includes('structural')) return 'basic-auth';
  if (/private-key|pgp|ssh|putty/.test(f.ruleId)) return 'keys';
  const t = tags[0];
  if (t === 'platform' || t === 'infra') return 'platforms';
  if (t === 'database') return 'databases';
  return FAMILIES.includes(t) ? t : 'other';
}

/**
 * Scores `findings` (the CLI's JSON findings, with `secret`) against the corpus. Returns totals,
 * per-family rows, misses and false positives (redacted).
 */
export function score(findings, { plants, negatives }) {
  const hit = new Set();
  const fps = [];
  const tpByFamily = new Map();
  // A paired credential is one finding with both locations: its other half counts as found too.
  // (An identifier half, such as a Twilio account SID, is no credential: it is neither hit nor noise.)
  const halves = findings.flatMap((f) => (f.pair?.value ? [f, { ...f, ruleId: f.pair.ruleId ?? f.ruleId, start: f.pair.start, end: f.pair.end, secret: f.pair.value, pair: undefined, half: true }] : [f]));
  for (const f of halves) {
    const fs = forms(f.secret ?? '');
    const near = plants.filter((p) => inSpan(f, p));
    const exposed = f.ruleId === 'browser-exposed-secret' || !!f.exposure;
    const match = near.find((p) => p.secrets.some((s) => fs.some((x) => overlaps(x, s))));
    if (match) {
      if (!match.exposure || exposed) hit.add(match.id);
      tpByFamily.set(match.family, (tpByFamily.get(match.family) ?? 0) + 1);
      continue;
    }
    if (f.half || near.some((p) => p.related.some((s) => fs.some((x) => overlaps(x, s))))) continue;
    const neg = negatives.find((n) => inSpan(f, n));
    fps.push({ path: f.path, line: f.start.line, ruleId: f.ruleId, confidence: f.confidence, family: ruleFamily(f), category: neg?.category ?? (near.length ? 'planted-context' : 'filler'), redacted: f.redacted });
  }
  const misses = plants.filter((p) => !hit.has(p.id)).map((p) => ({ path: p.path, line: p.line, family: p.family, kind: p.kind, format: p.format, redacted: redact(p.secrets[0]) }));
  const rows = FAMILIES.map((family) => {
    const planted = plants.filter((p) => p.family === family).length;
    const found = plants.filter((p) => p.family === family && hit.has(p.id)).length;
    const tp = tpByFamily.get(family) ?? 0;
    const fp = fps.filter((x) => x.family === family).length;
    return { family, planted, found, recall: planted ? found / planted : 1, tp, fp, precision: tp + fp ? tp / (tp + fp) : 1 };
  });
  const other = fps.filter((x) => !FAMILIES.includes(x.family)).length;
  if (other) rows.push({ family: 'other', planted: 0, found: 0, recall: 1, tp: 0, fp: other, precision: 0 });
  const tp = [...tpByFamily.values()].reduce((a, b) => a + b, 0);
  const total = { planted: plants.length, found: hit.size, recall: hit.size / plants.length, tp, fp: fps.length, precision: tp + fps.length ? tp / (tp + fps.length) : 1, negatives: negatives.length };
  return { total, rows, misses, falsePositives: fps };
}

const pct = (x) => x.toFixed(3);

/** The per-family table in markdown. */
export function table({ total, rows }) {
  const out = ['| family | planted | found | recall | true findings | false positives | precision |', '|---|---:|---:|---:|---:|---:|---:|'];
  for (const r of rows) out.push(`| ${r.family} | ${r.planted} | ${r.found} | ${pct(r.recall)} | ${r.tp} | ${r.fp} | ${pct(r.precision)} |`);
  out.push(`| **all** | **${total.planted}** | **${total.found}** | **${pct(total.recall)}** | **${total.tp}** | **${total.fp}** | **${pct(total.precision)}** |`);
  return out.join('\n');
}
