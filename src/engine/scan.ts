import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { toReported } from '../core/redact.js';
import { CONFIDENCES, type Confidence, type Notice, type ReportedFinding, type Rule, type ScanStats } from '../core/types.js';
import { Detector } from '../detector/detector.js';
import { loadRuleSet, type RuleSet } from '../rules/load.js';
import { DEFAULT_READ, type ReadOptions } from '../sources/read-file.js';
import { WorkerPool } from './pool.js';
import { scanFile, type FileResult, type FileTask } from './scan-file.js';

export interface ScanOptions {
  /** Files and directories to scan (default: the current directory). */
  paths?: string[];
  /** Text to scan as if it were a file named `<stdin>` (replaces `paths`). */
  stdin?: string;
  /** Content from another source (staged blobs), scanned instead of walking `paths`. */
  files?: AsyncIterable<FileTask>;
  /** Paths in findings are relative to this directory (default: the single directory scanned, else cwd). */
  base?: string;
  /** A config/rule file (TOML) adding rules, disabling built-ins, or allowlisting. */
  config?: string;
  /** A rule set already loaded (overrides `config`). */
  ruleSet?: RuleSet;
  /** Honour .gitignore, .git/info/exclude and .leakhoundignore (default true). */
  ignoreFiles?: boolean;
  followSymlinks?: boolean;
  exclude?: string[];
  maxFileSize?: number;
  /** Worker threads (default: number of cores). 1 scans in this thread. */
  jobs?: number;
  /** Per-file deadline in a worker, in milliseconds (default 60 s). */
  fileTimeoutMs?: number;
  /** Findings below this confidence are counted but not yielded (default: medium). */
  minConfidence?: Confidence;
  /** Yield secrets in clear (default false: redacted). */
  showSecrets?: boolean;
  onProgress?: (stats: Readonly<ScanStats>) => void;
}

/** Below this much content, starting worker threads costs more than it saves. */
const IN_PROCESS_BYTES = 2 * 1024 * 1024;
/** In-memory content queued for the scanners at most (one more task always goes, however big). */
const IN_MEMORY_AHEAD_BYTES = 64 * 1024 * 1024;

export interface ScanSummary extends ScanStats {
  /** Findings below --min-confidence: counted so nothing disappears silently. */
  hidden: number;
  /** Findings on lines a change does not touch (`FileTask.changedLines`), counted and not yielded. */
  untouched: number;
}

/**
 * A running scan: iterate it for findings (in deterministic order: walk order, then position),
 * then read `notices` and `stats`.
 */
export class ScanRun implements AsyncIterable<ReportedFinding> {
  readonly notices: Notice[] = [];
  readonly stats: ScanSummary = { files: 0, bytes: 0, skipped: 0, findings: 0, durationMs: 0, hidden: 0, untouched: 0 };
  readonly rules: Rule[];
  readonly base: string;
  protected readonly ruleSet: RuleSet;
  private started = false;

  constructor(protected readonly options: ScanOptions = {}) {
    this.ruleSet = options.ruleSet ?? loadRuleSet(options.config);
    this.rules = this.ruleSet.rules;
    for (const e of this.ruleSet.errors) this.notices.push({ kind: 'rule', level: 'warning', message: e.message });
    const paths = options.paths && options.paths.length > 0 ? options.paths : ['.'];
    const single = paths.length === 1 ? resolve(paths[0]!) : undefined;
    this.base = resolve(options.base ?? (single && statSync(single, { throwIfNoEntry: false })?.isDirectory() ? single : '.'));
  }

  async *[Symbol.asyncIterator](): AsyncIterator<ReportedFinding> {
    if (this.started) throw new Error('a ScanRun can be iterated once');
    this.started = true;
    const t0 = performance.now();
    const o = this.options;
    const read: ReadOptions = { ...DEFAULT_READ, maxFileSize: o.maxFileSize ?? DEFAULT_READ.maxFileSize };
    const minRank = CONFIDENCES.indexOf(o.minConfidence ?? 'medium');
    const jobs = Math.max(1, o.jobs ?? availableParallelism());
    // The walk feeds the scan as it goes. Read ahead just far enough to know whether the content is
    // worth worker threads: starting them costs more than scanning a commit's worth of files.
    const source = this.tasks();
    const head: FileTask[] = [];
    let headBytes = 0;
    let walked = false;
    while (headBytes <= IN_PROCESS_BYTES) {
      const r = await source.next();
      if (r.done) {
        walked = true;
        break;
      }
      head.push(r.value);
      headBytes += r.value.size;
    }
    // User rules may hold a catastrophic regex: only a worker can be stopped mid-match.
    const userRules = this.ruleSet.custom > 0;
    const usePool = userRules || (jobs > 1 && !walked);
    let run: (t: FileTask) => Promise<FileResult>;
    let pool: WorkerPool | undefined;
    if (usePool) {
      pool = new WorkerPool({ rules: this.ruleSet.rules, allow: this.ruleSet.allow, read }, walked ? Math.min(jobs, Math.max(1, head.length)) : jobs, o.fileTimeoutMs ?? 60_000);
      run = (t) => pool!.run(t);
    } else {
      const detector = new Detector(this.ruleSet.rules, { allow: this.ruleSet.allow });
      run = (t) => scanFile(t, detector, read);
    }
    const nextTask = async (): Promise<FileTask | undefined> => {
      if (head.length > 0) return head.shift();
      if (walked) return undefined;
      const r = await source.next();
      if (r.done) walked = true;
      return r.done ? undefined : r.value;
    };
    try {
      // Results are yielded in task order; a window of tasks runs ahead to keep every worker busy.
      const ahead = usePool ? jobs * 128 : 1;
      const inflight: { result: Promise<FileResult>; held: number }[] = [];
      // Content already in memory (blobs) counts against a byte budget too, so 256 big blobs never queue at once.
      let held = 0;
      for (;;) {
        while (inflight.length < ahead && held < IN_MEMORY_AHEAD_BYTES) {
          const task = await nextTask();
          if (!task) break;
          const bytes = task.bytes?.byteLength ?? 0;
          held += bytes;
          inflight.push({ result: run(task), held: bytes });
        }
        if (inflight.length === 0) break;
        const next = inflight.shift()!;
        const result = await next.result;
        held -= next.held;
        this.notices.push(...result.notices);
        if (result.bytes > 0 || result.findings.length > 0) this.stats.files++;
        else this.stats.skipped++;
        this.stats.bytes += result.bytes;
        this.stats.untouched += result.untouched ?? 0;
        const siblings = result.findings.map((f) => f.secret);
        for (const f of result.findings) {
          if (CONFIDENCES.indexOf(f.confidence) > minRank) {
            this.stats.hidden++;
            continue;
          }
          this.stats.findings++;
          yield toReported(f, o.showSecrets === true, siblings.filter((s) => s !== f.secret));
        }
        o.onProgress?.(this.stats);
      }
    } finally {
      await pool?.close();
      // Walk notices interleave with scan results by timing; sort so reports do not.
      const key = (n: Notice): string => `${n.path ?? ''}\0${n.kind}\0${n.message}`;
      this.notices.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
      this.stats.durationMs = Math.round(performance.now() - t0);
    }
  }

  /** The work, in walk order: standard input, or the files under the paths. Other sources override it. */
  protected async *tasks(): AsyncGenerator<FileTask> {
    const o = this.options;
    if (o.stdin !== undefined) {
      yield { provenance: { kind: 'stdin', path: '<stdin>' }, text: o.stdin, size: Buffer.byteLength(o.stdin) };
      return;
    }
    if (o.files) {
      yield* o.files;
      return;
    }
    const paths = o.paths && o.paths.length > 0 ? o.paths : ['.'];
    const walkOptions = { ignoreFiles: o.ignoreFiles !== false, followSymlinks: o.followSymlinks === true, exclude: o.exclude ?? [], base: this.base };
    // Loaded when a directory is walked: its ignore-file parsers are start-up cost a pre-commit run does not need.
    const { walk } = await import('../sources/walk.js');
    for await (const e of walk(paths, walkOptions, this.notices)) yield { provenance: { kind: 'file', path: e.path }, absPath: e.absPath, size: e.size };
  }
}

/** Scans files and directories for secrets. Iterate the result for findings (redacted by default). */
export function scan(options: ScanOptions = {}): ScanRun {
  return new ScanRun(options);
}
