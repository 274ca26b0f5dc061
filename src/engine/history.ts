import type { ReportedFinding } from '../core/types.js';
import { HistorySource } from '../sources/git/history.js';
import { ScanRun, type ScanOptions } from './scan.js';
import type { FileTask } from './scan-file.js';

/** Scan options that mean something for history (files come from git, not from a walk). */
export type HistoryScanOptions = Omit<ScanOptions, 'paths' | 'stdin' | 'ignoreFiles' | 'followSymlinks' | 'exclude' | 'maxFileSize'>;

/**
 * A history scan: the scan engine fed with blobs instead of files. Findings are held until the
 * history is read, because whether HEAD or a ref still holds a blob is known only then.
 */
export class HistoryRun extends ScanRun {
  constructor(
    private readonly source: HistorySource,
    options: HistoryScanOptions,
  ) {
    super({ ...options, paths: [] });
  }

  get backend(): string {
    return this.source.backendName;
  }

  override async *[Symbol.asyncIterator](): AsyncIterator<ReportedFinding> {
    const found: ReportedFinding[] = [];
    const scan = super[Symbol.asyncIterator]();
    try {
      for (let r = await scan.next(); !r.done; r = await scan.next()) found.push(r.value);
      await this.source.annotate(found.map((f) => f.provenance));
    } finally {
      this.notices.push(...this.source.notices);
      this.source.close();
    }
    yield* found;
  }

  protected override async *tasks(): AsyncGenerator<FileTask> {
    yield* this.source.tasks();
  }
}
