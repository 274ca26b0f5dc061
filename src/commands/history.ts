import { HistoryRun, type HistoryScanOptions } from '../engine/history.js';
import { HistoryError, HistorySource, type HistoryOptions } from '../sources/git/history.js';
import { formatBytes } from '../sources/read-file.js';
import { EXIT_ERROR, progressLine, reportRun, type Io, type ReportOptions } from './scan.js';

export interface HistoryCommandOptions extends ReportOptions, Omit<HistoryScanOptions, 'onProgress'> {
  history: HistoryOptions;
}

/** `leakhound history`: scans every blob the selected history holds, renders the report, returns the exit code. */
export async function historyCommand(options: HistoryCommandOptions, io: Io): Promise<number> {
  let source: HistorySource;
  try {
    source = await HistorySource.open(options.history);
  } catch (e) {
    if (!(e instanceof HistoryError)) throw e;
    io.stderr(`leakhound: ${e.message}\n`);
    return EXIT_ERROR;
  }
  const progress = progressLine(io, options.quiet, (s) => `history: ${s.files} objects, ${formatBytes(s.bytes)}, ${s.findings} findings`);
  return reportRun(new HistoryRun(source, { ...options, ...progress.options, base: source.root }), options, io, progress.clear);
}
