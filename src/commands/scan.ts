import type { ReportedFinding, ScanStats } from '../core/types.js';
import { ScanRun, type ScanOptions } from '../engine/scan.js';
import { render, renderNotices, type Format, type ReportContext } from '../reporters/index.js';
import { formatBytes } from '../sources/read-file.js';

/** Where a command writes; the CLI passes the process streams, tests can pass buffers. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stderrIsTty: boolean;
  /** Writes a report file (atomically, in the CLI). */
  writeFile: (path: string, content: string) => void;
}

/** How a finished run is reported: shared by every command that scans. */
export interface ReportOptions {
  format: Format;
  output?: string;
  color: boolean;
  stderrColor: boolean;
  quiet: boolean;
  verbose: boolean;
  explain?: boolean;
  exitCode: number;
  tool: ReportContext['tool'];
}

export interface ScanCommandOptions extends ScanOptions, ReportOptions {}

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** `leakhound scan`: runs the scan, renders the report, returns the exit code. */
export async function scanCommand(options: ScanCommandOptions, io: Io): Promise<number> {
  const progress = progressLine(io, options.quiet, (s) => `scanning: ${s.files} files, ${formatBytes(s.bytes)}, ${s.findings} findings`);
  return reportRun(new ScanRun({ ...options, ...progress.options }), options, io, progress.clear);
}

/** A progress line on a terminal's stderr, redrawn at most every 100 ms; nothing when stderr is not a TTY. */
export function progressLine(io: Io, quiet: boolean, describe: (s: Readonly<ScanStats>) => string): { options: Pick<ScanOptions, 'onProgress'>; clear: () => void } {
  if (!io.stderrIsTty || quiet) return { options: {}, clear: () => undefined };
  let lastDraw = 0;
  return {
    options: {
      onProgress: (s) => {
        const now = Date.now();
        if (now - lastDraw < 100) return;
        lastDraw = now;
        io.stderr(`\r\u001b[2K${describe(s)}`);
      },
    },
    clear: () => io.stderr('\r\u001b[2K'),
  };
}

/** Runs any scan (files, history...) to the end, renders its report and returns the exit code. */
export async function reportRun(run: ScanRun, options: ReportOptions, io: Io, clearProgress: () => void = () => undefined): Promise<number> {
  const findings = await collect(run);
  clearProgress();
  return report(run, findings, options, io);
}

export async function collect(run: ScanRun): Promise<ReportedFinding[]> {
  const findings: ReportedFinding[] = [];
  for await (const f of run) findings.push(f);
  return findings;
}

/** Prints a finished run's notices and report; returns the exit code. */
export function report(run: ScanRun, findings: ReportedFinding[], options: ReportOptions, io: Io): number {
  const ctx: ReportContext = { tool: options.tool, root: run.base, rules: run.rules, notices: run.notices, stats: run.stats, color: options.color && options.output === undefined, verbose: options.verbose, explain: options.explain === true };
  if (!options.quiet) io.stderr(renderNotices(run.notices, { color: options.stderrColor, verbose: options.verbose }));

  const nothingScanned = run.stats.files === 0 && run.notices.some((n) => n.kind === 'not-found');
  const rendered = render(options.format, findings, ctx);
  if (options.output !== undefined) {
    io.writeFile(options.output, rendered);
    if (!options.quiet) io.stderr(`report written to ${options.output} (${findings.length} findings)\n`);
  } else if (!(options.quiet && findings.length === 0 && options.format === 'text')) {
    io.stdout(rendered);
  }
  if (nothingScanned) {
    io.stderr('error: nothing could be scanned\n');
    return EXIT_ERROR;
  }
  return findings.length > 0 ? options.exitCode : EXIT_CLEAN;
}
