import type { Finding, Fragment, Notice, Provenance } from '../core/types.js';
import type { Detector } from '../detector/detector.js';
import { decodeBytes, readFragments, type ReadOptions } from '../sources/read-file.js';

/** One unit of work: a file on disk, text already in memory (stdin), or raw content in memory (a git blob). */
export interface FileTask {
  provenance: Provenance;
  absPath?: string;
  text?: string;
  /** Undecoded content, decoded where it is scanned (a worker, for blobs: the main thread only reads them). */
  bytes?: Uint8Array;
  size: number;
  /** Only findings touching these 1-based lines are reported; the others are counted as `untouched`. */
  changedLines?: ReadonlySet<number>;
}

export interface FileResult {
  findings: Finding[];
  notices: Notice[];
  /** Bytes actually scanned (0 when skipped). */
  bytes: number;
  /** Findings left out because they lie outside `changedLines`. */
  untouched?: number;
}

/** Reads one file and runs the detector over its fragments; findings in chunk overlaps are kept once. */
export async function scanFile(task: FileTask, detector: Detector, read: ReadOptions): Promise<FileResult> {
  const notices: Notice[] = [];
  if (detector.skipsPath(task.provenance.path)) return { findings: [], notices, bytes: 0 };
  const seen = new Set<string>();
  const findings: Finding[] = [];
  let scanned = false;
  const text = task.bytes !== undefined ? decodeBytes(Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength), task.provenance.path, notices) : task.text;
  const fragments: AsyncIterable<Fragment> | Fragment[] =
    task.text !== undefined || task.bytes !== undefined
      ? text
        ? [{ text, provenance: task.provenance, lineBase: 0, offsetBase: 0, columnBase: 0 }]
        : []
      : readFragments(task.absPath!, task.provenance, task.size, read, notices);
  for await (const fragment of fragments) {
    scanned = true;
    const out = detector.scan(fragment);
    notices.push(...out.notices);
    for (const f of out.findings) {
      const key = `${f.ruleId}\0${f.offset}\0${f.secret}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(f);
    }
  }
  findings.sort((a, b) => a.start.line - b.start.line || a.start.column - b.start.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  const changed = task.changedLines;
  const kept = changed ? findings.filter((f) => touches(f, changed)) : findings;
  return { findings: kept, notices: dedupeNotices(notices), bytes: scanned ? task.size : 0, untouched: findings.length - kept.length };
}

function touches(f: Finding, lines: ReadonlySet<number>): boolean {
  for (let l = f.start.line; l <= f.end.line; l++) if (lines.has(l)) return true;
  return false;
}

function dedupeNotices(notices: Notice[]): Notice[] {
  const seen = new Set<string>();
  return notices.filter((n) => {
    const key = `${n.kind}\0${n.path}\0${n.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
