// Summarises V8 .cpuprofile files (node --cpu-prof): self time per function, largest first.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Self time by function over every profile in `dir` (main thread and workers). */
export function topSelfTime(dir, { limit = 10, root } = {}) {
  const totals = new Map();
  let totalUs = 0;
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  for (const f of files) {
    const prof = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    const byId = new Map(prof.nodes.map((n) => [n.id, n]));
    for (let i = 0; i < prof.samples.length; i++) {
      const node = byId.get(prof.samples[i]);
      const dt = prof.timeDeltas[i + 1] ?? 0; // the time until the next sample is spent where this one was taken
      const cf = node.callFrame;
      let where = cf.url || '';
      if (where.startsWith('file://')) where = fileURLToPath(where);
      if (root && where.startsWith(root)) where = relative(root, where);
      const key = `${cf.functionName || '(anonymous)'}\u0000${where}${where ? `:${cf.lineNumber + 1}` : ''}`;
      totals.set(key, (totals.get(key) ?? 0) + dt);
      totalUs += dt;
    }
  }
  const rows = [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([key, us]) => {
      const [fn, where] = key.split('\u0000');
      return { function: fn, location: where, selfMs: Math.round(us / 1000), percent: +((100 * us) / totalUs).toFixed(1) };
    });
  return { profiles: files.length, totalMs: Math.round(totalUs / 1000), top: rows };
}
