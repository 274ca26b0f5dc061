// Assembles the quality corpus: planted credentials and hard negatives spread over files of many
// formats, with the exact line span of each, so that findings can be matched back to them.
import { Rng } from '../rng.js';
import { BLOCK_FORMATS, FORMATS, LINE_FORMATS } from './formats.js';
import { FILE_NEGATIVES, REFERENCES, VALUE_NEGATIVES } from './negatives.js';
import { EXPOSED, KINDS } from './tokens.js';

const EXPOSURE_FORMATS = ['env', 'env', 'js', 'ts', 'dockerfile', 'gha'];
const BROWSER_NAME = /^(?:NEXT_PUBLIC|VITE|REACT_APP|EXPO_PUBLIC)_/;

function shuffle(rng, arr) {
  for (let i = arr.length - 1; i > 0; i--) {
    const k = rng.int(i + 1);
    [arr[i], arr[k]] = [arr[k], arr[i]];
  }
  return arr;
}

/** The items to place: planted credentials (with `kind`) and value negatives (with `category`). */
function items(rng, size) {
  const out = [];
  for (const [kind, spec] of Object.entries(KINDS)) {
    for (let i = 0; i < size; i++) {
      const made = spec.make(rng);
      const name = rng.pick(spec.names);
      if (spec.json) out.push({ plant: true, family: spec.family, kind, name, ...made, format: rng.chance(0.5) ? 'saFile' : 'env', oneLine: true });
      else out.push({ plant: true, family: spec.family, kind, name, ...made, format: rng.pick(spec.multiline ? BLOCK_FORMATS : LINE_FORMATS), multiline: !!spec.multiline });
    }
  }
  for (const { kind, name } of EXPOSED) {
    for (let i = 0; i < Math.max(1, Math.ceil(size / 2)); i++) {
      out.push({ plant: true, family: 'exposure', kind: `exposed-${kind}`, name, ...KINDS[kind].make(rng), format: rng.pick(EXPOSURE_FORMATS), exposure: true });
    }
  }
  const reps = Math.max(1, Math.ceil(size / 2));
  for (const [category, name, make] of VALUE_NEGATIVES) {
    // A browser variable exists only under its own name, in the files bundlers read.
    const browser = BROWSER_NAME.test(name);
    for (let i = 0; i < reps; i++) out.push({ category, name, value: make(rng), format: rng.pick(browser ? EXPOSURE_FORMATS : LINE_FORMATS.filter((f) => f !== 'k8sSecret')), exposure: browser });
  }
  for (const [format, lines] of Object.entries(REFERENCES)) {
    for (let i = 0; i < reps; i++) for (const line of lines) out.push({ category: 'reference', raw: [line], format });
  }
  return out;
}

/** The lines an item occupies in its format. */
function render(item, rng) {
  if (item.raw) return item.raw;
  const f = FORMATS[item.format];
  if (item.oneLine) return [`${item.name}='${JSON.stringify(JSON.parse(item.value))}'`];
  // Bundlers inline browser variables by their exact name: next.config.js `env`, vite `define`.
  if (item.exposure && (item.format === 'js' || item.format === 'ts')) return [`    ${item.name}: "${item.value}",`];
  const text = item.multiline ? f.block(item.name, item.value, rng) : f.line(item.name, item.value, rng);
  return text.flatMap((l) => l.split('\n'));
}

/**
 * Builds the corpus for a seed and size (credentials planted per kind). Returns the files
 * (relative path -> text), the planted credentials and the negatives, each with its line span.
 */
export function generate({ seed = 1, size = 4 } = {}) {
  const rng = new Rng(`quality:${seed}`);
  const files = new Map();
  const plants = [];
  const negatives = [];
  const record = (item, path, line, endLine) => {
    if (item.plant) {
      const { value, secrets = [value], related = [], family, kind, format, exposure = false } = item;
      plants.push({ id: plants.length + 1, family, kind, path, line, endLine, format, exposure, value, secrets, related });
    } else negatives.push({ category: item.category, path, line, endLine });
  };

  const byFormat = new Map();
  for (const item of shuffle(rng, items(rng, size))) {
    if (item.format === 'saFile') {
      const path = `secrets/gcp/${item.kind}-${plants.length}.json`;
      files.set(path, item.value + '\n');
      record(item, path, 1, item.value.split('\n').length);
      continue;
    }
    if (!byFormat.has(item.format)) byFormat.set(item.format, []);
    byFormat.get(item.format).push(item);
  }

  let n = 0;
  for (const [format, list] of byFormat) {
    const f = FORMATS[format];
    // PEM files hold one key each; other files hold one to four items among filler.
    for (let i = 0; i < list.length; ) {
      const chunk = list.slice(i, i + (format === 'pem' ? 1 : 1 + rng.int(4)));
      i += chunk.length;
      const path = f.path(rng, n++);
      const lines = [...(f.head?.(rng) ?? [])];
      for (const item of chunk) {
        for (let k = rng.int(3); k > 0; k--) lines.push(...f.filler(rng));
        const body = render(item, rng);
        record(item, path, lines.length + 1, lines.length + body.length);
        lines.push(...body);
      }
      for (let k = rng.int(3); k > 0; k--) lines.push(...f.filler(rng));
      lines.push(...(f.tail?.(rng) ?? []));
      files.set(path, lines.join('\n') + '\n');
    }
  }

  for (const [category, path, make] of FILE_NEGATIVES) {
    const lines = make(rng);
    files.set(path, lines.join('\n') + '\n');
    negatives.push({ category, path, line: 1, endLine: lines.length });
  }
  return { files, plants, negatives };
}
