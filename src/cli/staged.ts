import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EXIT_ERROR, type Io } from '../commands/scan.js';
import { stagedCommand } from '../commands/staged.js';
import { loadRuleSet } from '../rules/load.js';
import { defaultConfig, reportOptions, sizeOption, STAGED_OPTIONS, type ReportArgs } from './options.js';

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

type Spec = { alias?: string; type?: string; default?: unknown; choices?: readonly string[] };
const camel = (name: string): string => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * `leakhound staged ...` parsed with node's own parser from the same option table yargs uses.
 * Undefined when the arguments are anything but plain, valid staged options (--help, a typo, a bad
 * choice): the full yargs command tree then handles them, messages included.
 */
export async function fastStaged(argv: string[], io: Io): Promise<number | undefined> {
  if (argv[0] !== 'staged') return undefined;
  const specs = STAGED_OPTIONS as Record<string, Spec>;
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = { type: spec.type === 'boolean' ? 'boolean' : 'string', ...(spec.alias?.length === 1 ? { short: spec.alias } : {}) };
  }
  // Node 20's parseArgs has no --no-flag negation; yargs accepts it for booleans.
  const negated = new Set<string>();
  const rest = argv.slice(1).filter((a) => {
    const name = a.startsWith('--no-') ? a.slice(5) : undefined;
    if (name === undefined || specs[name]?.type !== 'boolean') return true;
    negated.add(name);
    return false;
  });
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    values = parseArgs({ args: rest, options, strict: true, allowPositionals: false }).values;
  } catch {
    return undefined;
  }
  const args: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    let v: unknown = negated.has(name) ? false : (values[name] ?? spec.default);
    if (Array.isArray(v)) return undefined;
    if (spec.choices && v !== undefined && !spec.choices.includes(v as string)) return undefined;
    if (spec.type === 'number' && v !== undefined) {
      v = Number(v);
      if (Number.isNaN(v)) return undefined;
    }
    args[camel(name)] = v;
  }
  const r = await runStaged(args as unknown as StagedArgs, io);
  if (typeof r === 'number') return r;
  io.stderr(`leakhound: ${r}\n`);
  return EXIT_ERROR;
}
