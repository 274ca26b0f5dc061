import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EXIT_ERROR, type Io } from '../commands/scan.js';
import { SCAN_OPTIONS, STAGED_OPTIONS } from './options.js';
import { runScan, type ScanArgs } from './scan.js';
import { runStaged, type StagedArgs } from './staged.js';

type Spec = { alias?: string; type?: string; default?: unknown; choices?: readonly string[]; array?: boolean };
const camel = (name: string): string => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Arguments parsed by node's own parser from the option table yargs uses, camel-cased like yargs's.
 * Undefined whenever yargs might read them differently, so that yargs handles them, messages
 * included: --help, a typo, a bad choice or number, an array option (yargs's take the words after
 * them), or a positional `true`/`false` (yargs gives it to the boolean flag before it).
 */
function parseWith(argv: string[], specs: Record<string, Spec>, positionals: boolean): { values: Record<string, unknown>; positionals: string[] } | undefined {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = { type: spec.type === 'boolean' ? 'boolean' : 'string', ...(spec.alias?.length === 1 ? { short: spec.alias } : {}) };
  }
  // Node 20's parseArgs has no --no-flag negation; yargs accepts it for booleans.
  const negated = new Set<string>();
  const rest = argv.filter((a) => {
    const name = a.startsWith('--no-') ? a.slice(5) : undefined;
    if (name === undefined || specs[name]?.type !== 'boolean') return true;
    negated.add(name);
    return false;
  });
  let parsed: { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: rest, options, strict: true, allowPositionals: positionals });
  } catch {
    return undefined;
  }
  if (parsed.positionals.some((p) => p === 'true' || p === 'false')) return undefined;
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const given = parsed.values[name];
    if (Array.isArray(given) || (spec.array && given !== undefined)) return undefined;
    let v: unknown = negated.has(name) ? false : (given ?? spec.default);
    if (spec.choices && v !== undefined && !spec.choices.includes(v as string)) return undefined;
    if (spec.type === 'number' && v !== undefined) {
      v = Number(v);
      if (Number.isNaN(v)) return undefined;
    }
    values[camel(name)] = v;
  }
  return { values, positionals: parsed.positionals };
}

/**
 * `leakhound staged ...` and `leakhound scan ...` without loading yargs and the other commands:
 * `staged` runs in every pre-commit hook, and for `scan` the time saved comes before its worker
 * threads can start. Undefined when yargs must handle the arguments (see `parseWith`).
 */
export async function fastCommand(argv: string[], io: Io): Promise<number | undefined> {
  let r: number | string;
  if (argv[0] === 'staged') {
    const p = parseWith(argv.slice(1), STAGED_OPTIONS as Record<string, Spec>, false);
    if (!p) return undefined;
    r = await runStaged(p.values as unknown as StagedArgs, io);
  } else if (argv[0] === 'scan') {
    const p = parseWith(argv.slice(1), SCAN_OPTIONS as Record<string, Spec>, true);
    if (!p) return undefined;
    r = await runScan({ ...p.values, paths: p.positionals } as unknown as ScanArgs, io);
  } else {
    return undefined;
  }
  if (typeof r === 'number') return r;
  io.stderr(`leakhound: ${r}\n`);
  return EXIT_ERROR;
}
