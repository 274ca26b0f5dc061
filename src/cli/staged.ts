import type { Io } from '../commands/scan.js';
import { stagedCommand } from '../commands/staged.js';
import { loadRuleSet } from '../rules/load.js';
import { defaultConfig, reportOptions, sizeOption, type ReportArgs } from './options.js';

export interface StagedArgs extends ReportArgs {
  config?: string | undefined;
  allLines: boolean;
  maxFileSize: string;
}

/** Runs `leakhound staged` from parsed arguments: the exit code, or the message of a usage error. */
export async function runStaged(args: StagedArgs, io: Io): Promise<number | string> {
  const report = reportOptions(args, io);
  if ('error' in report) return report.error;
  const size = sizeOption('--max-file-size', args.maxFileSize);
  if ('error' in size) return size.error;
  const maxFileSize = size.bytes;
  try {
    return await stagedCommand({ ...report, cwd: process.cwd(), rules: (root) => loadRuleSet(args.config ?? defaultConfig(root)), allLines: args.allLines, maxFileSize }, io);
  } catch (e) {
    return (e as Error).message;
  }
}
