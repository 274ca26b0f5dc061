import { scanCommand, type Io } from '../commands/scan.js';
import { commonOptions, sizeOption, type PoolArgs, type ReportArgs } from './options.js';

export interface ScanArgs extends ReportArgs, PoolArgs {
  config?: string | undefined;
  /** Files and directories; `-` alone reads standard input. */
  paths: string[];
  ignore: boolean;
  followSymlinks: boolean;
  exclude: string[];
  maxFileSize: string;
}

async function readStdin(limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Error(`standard input is over --max-file-size (${limit} bytes)`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs `leakhound scan` from parsed arguments: the exit code, or the message of a usage error. */
export async function runScan(args: ScanArgs, io: Io): Promise<number | string> {
  const common = commonOptions(args, io);
  if ('error' in common) return common.error;
  const fileSize = sizeOption('--max-file-size', args.maxFileSize);
  if ('error' in fileSize) return fileSize.error;
  const maxFileSize = fileSize.bytes;
  let stdin: string | undefined;
  if (args.paths.includes('-')) {
    if (args.paths.length > 1) return '- (standard input) cannot be combined with other paths';
    try {
      stdin = await readStdin(maxFileSize);
    } catch (e) {
      return (e as Error).message;
    }
  }
  try {
    return await scanCommand(
      {
        ...common,
        paths: stdin === undefined ? args.paths : [],
        ...(stdin !== undefined ? { stdin } : {}),
        ignoreFiles: args.ignore,
        followSymlinks: args.followSymlinks,
        exclude: args.exclude,
        maxFileSize,
      },
      io,
    );
  } catch (e) {
    // A report that cannot be written, a scan that cannot start: an error (exit 2), not a crash.
    return (e as Error).message;
  }
}
