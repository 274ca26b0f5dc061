import { existsSync } from 'node:fs';
import { join } from 'node:path';
import yargs, { type Argv } from 'yargs';
import { CONFIDENCES, type Confidence } from '../core/types.js';
import { rulesList } from '../commands/rules-list.js';
import { rulesTest } from '../commands/rules-test.js';
import { historyCommand } from '../commands/history.js';
import { HOOK_KINDS, initCommand } from '../commands/init.js';
import { EXIT_ERROR, scanCommand, type Io, type ReportOptions } from '../commands/scan.js';
import { stagedCommand } from '../commands/staged.js';
import type { ScanOptions } from '../engine/scan.js';
import { FORMATS, type Format } from '../reporters/index.js';
import { loadRuleSet, type RuleSet } from '../rules/load.js';
import { RuleError } from '../rules/schema.js';
import { parseSize, writeAtomic } from './output.js';
import { TOOL, VERSION } from './version.js';

/** Config files picked up from the working directory when --config is not given. */
const DEFAULT_CONFIGS = ['.leakhound.toml', 'leakhound.toml'];

/** no-color.org and FORCE_COLOR conventions; an explicit flag wins. */
export function colorEnabled(flag: boolean | undefined, isTty: boolean, env: NodeJS.ProcessEnv): boolean {
  if (flag !== undefined) return flag;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined) return env['FORCE_COLOR'] !== '0' && env['FORCE_COLOR'] !== 'false';
  return isTty;
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

function defaultConfig(dir = '.'): string | undefined {
  return DEFAULT_CONFIGS.map((f) => join(dir, f)).find((f) => existsSync(f));
}

const EPILOGUE = `Exit codes: 0 no findings, 1 findings (see --exit-code), 2 error.
Secrets are redacted in every output unless --show-secrets is given.
Docs: README.md (rule schema, output formats, benchmarks).`;

/** yargs drops a bare `-`; this stand-in survives parsing and can never be a file name (NUL). */
const STDIN_ARG = '\u0000stdin';

/** Options every scanning command takes: report format and destination, rules, confidence, exit code. */
function withReportOptions<T>(y: Argv<T>) {
  return y
    .option('format', { alias: 'f', choices: FORMATS, default: 'text' as Format, describe: 'report format' })
    .option('output', { alias: 'o', type: 'string', describe: 'write the report to FILE (atomically) instead of stdout' })
    .option('show-secrets', { type: 'boolean', default: false, describe: 'print secrets in clear in every output (default: redacted)' })
    .option('color', { type: 'boolean', describe: 'colour text output (--no-color, NO_COLOR and FORCE_COLOR are honoured)' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress, notices or summary; print only findings' })
    .option('verbose', { type: 'boolean', default: false, describe: 'list every skipped file and other informational notices' })
    .option('config', { alias: 'c', type: 'string', describe: `rule/allowlist file (default: ${DEFAULT_CONFIGS.join(' or ')} if present)` })
    .option('min-confidence', { choices: CONFIDENCES, default: 'medium' as Confidence, describe: 'report findings at or above this confidence' })
    .option('explain', { type: 'boolean', default: false, describe: 'text output: list why each finding has its confidence (JSON and SARIF always carry the reasons)' })
    .option('exit-code', { type: 'number', default: 1, describe: 'exit code when secrets are found' });
}

/** Options of the commands that may scan a lot: worker threads and the per-file deadline. */
function withPoolOptions<T>(y: Argv<T>) {
  return y
    .option('jobs', { alias: 'j', type: 'number', describe: 'worker threads (default: number of cores)' })
    .option('file-timeout', { type: 'number', default: 60, describe: 'seconds one file may take before it is abandoned with a notice' });
}

interface ReportArgs {
  format: Format;
  output?: string | undefined;
  showSecrets: boolean;
  color?: boolean | undefined;
  quiet: boolean;
  verbose: boolean;
  minConfidence: Confidence;
  explain: boolean;
  exitCode: number;
}

interface PoolArgs {
  jobs?: number | undefined;
  fileTimeout: number;
}

type Resolved<T> = T | { error: string };

/** Checks and resolves the report options. */
function reportOptions(args: ReportArgs, io: Io): Resolved<ReportOptions & { minConfidence: Confidence; showSecrets: boolean }> {
  if (!Number.isInteger(args.exitCode) || args.exitCode < 0 || args.exitCode > 255) return { error: '--exit-code must be 0 to 255' };
  return {
    minConfidence: args.minConfidence,
    showSecrets: args.showSecrets,
    format: args.format,
    ...(args.output !== undefined ? { output: args.output } : {}),
    color: colorEnabled(args.color, process.stdout.isTTY === true, process.env),
    stderrColor: colorEnabled(args.color, io.stderrIsTty, process.env),
    quiet: args.quiet,
    verbose: args.verbose,
    explain: args.explain,
    exitCode: args.exitCode,
    tool: TOOL,
  };
}

function poolOptions(args: PoolArgs): Resolved<Pick<ScanOptions, 'jobs' | 'fileTimeoutMs'>> {
  const jobs = args.jobs;
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) return { error: '--jobs must be a whole number of at least 1' };
  if (!(args.fileTimeout > 0)) return { error: '--file-timeout must be a positive number of seconds' };
  return { ...(jobs !== undefined ? { jobs } : {}), fileTimeoutMs: args.fileTimeout * 1000 };
}

function rules(config: string | undefined): Resolved<RuleSet> {
  try {
    return loadRuleSet(config);
  } catch (e) {
    return { error: e instanceof RuleError ? e.message : `cannot load rules: ${(e as Error).message}` };
  }
}

/** The options `scan` and `history` share: report, pool and rules; or the first error. */
function commonOptions(args: ReportArgs & PoolArgs & { config?: string | undefined }, io: Io): Resolved<ReportOptions & Pick<ScanOptions, 'ruleSet' | 'jobs' | 'fileTimeoutMs' | 'minConfidence' | 'showSecrets'>> {
  const report = reportOptions(args, io);
  if ('error' in report) return report;
  const pool = poolOptions(args);
  if ('error' in pool) return pool;
  const ruleSet = rules(args.config ?? defaultConfig());
  if ('error' in ruleSet) return ruleSet;
  return { ...report, ...pool, ruleSet };
}

/** Seconds since the epoch; a bare date as --until means the end of that day. Null when unparseable. */
function parseDate(text: string, endOfDay = false): number | null {
  const bare = /^\d{4}-\d{2}-\d{2}$/.test(text.trim());
  const ms = Date.parse(bare ? `${text.trim()}T${endOfDay ? '23:59:59' : '00:00:00'}Z` : text);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

/** Runs the CLI; returns the process exit code. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let code = 0;
  let failed = false;
  const fail = (message: string): void => {
    io.stderr(`leakhound: ${message}\n`);
    code = EXIT_ERROR;
    failed = true;
  };
  const parser = yargs(argv.map((a) => (a === '-' ? STDIN_ARG : a)))
    .scriptName('leakhound')
    .version(VERSION)
    .alias('v', 'version')
    .help()
    .alias('h', 'help')
    .strict()
    .exitProcess(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .usage('$0 <command> [options]\n\nFind leaked secrets in files, directories and git history before bots do.')
    .command(
      ['scan [paths..]', '$0'],
      'Scan files and directories (default: the current directory; - reads standard input)',
      (y) =>
        withPoolOptions(withReportOptions(y))
          .positional('paths', { type: 'string', array: true, describe: 'files or directories to scan; - for standard input' })
          .option('ignore', { type: 'boolean', default: true, describe: 'honour .gitignore, .git/info/exclude and .leakhoundignore (--no-ignore scans everything)' })
          .option('follow-symlinks', { type: 'boolean', default: false, describe: 'follow symbolic links while walking (loops are detected)' })
          .option('exclude', { alias: 'x', type: 'string', array: true, default: [] as string[], describe: 'skip paths matching this glob (repeatable)' })
          .option('max-file-size', { type: 'string', default: '25MB', describe: 'skip (with a notice) files larger than this' })
          .example('$0 scan .', 'scan the current directory')
          .example('$0 scan src config/.env --format sarif -o leakhound.sarif', 'write SARIF for GitHub code scanning')
          .example('cat deploy.log | $0 scan -', 'scan standard input')
          .example('$0 scan . --format json --min-confidence low', 'everything, as JSON')
          .example('$0 scan . --min-confidence low --explain', 'every candidate, with the reasons for its confidence')
          .epilogue(EPILOGUE),
      async (args) => {
        // yargs may still call the handler after reporting a parse failure.
        if (failed) return;
        const common = commonOptions(args, io);
        if ('error' in common) return fail(common.error);
        let maxFileSize: number;
        try {
          maxFileSize = parseSize(args.maxFileSize);
        } catch (e) {
          return fail(`--max-file-size: ${(e as Error).message}`);
        }
        const paths = args.paths ?? [];
        let stdin: string | undefined;
        if (paths.includes(STDIN_ARG)) {
          if (paths.length > 1) return fail('- (standard input) cannot be combined with other paths');
          try {
            stdin = await readStdin(maxFileSize);
          } catch (e) {
            return fail((e as Error).message);
          }
        }
        code = await scanCommand(
          {
            ...common,
            paths: stdin === undefined ? paths : [],
            ...(stdin !== undefined ? { stdin } : {}),
            ignoreFiles: args.ignore,
            followSymlinks: args.followSymlinks,
            exclude: args.exclude,
            maxFileSize,
          },
          io,
        );
      },
    )
    .command(
      'history [repo]',
      'Scan every version of every file in a git repository (all refs, or a range for CI), each blob once, with the commit that introduced it',
      (y) =>
        withPoolOptions(withReportOptions(y))
          .positional('repo', { type: 'string', default: '.', describe: 'a work tree (or a directory in it), a bare repository or a linked worktree' })
          .option('branch', { alias: 'b', type: 'string', array: true, default: [] as string[], describe: 'only history reachable from this branch, tag or commit (repeatable; default: every ref)' })
          .option('range', { type: 'string', describe: 'A..B: only commits reachable from B and not from A; an all-zero A (a push creating a branch) means commits on no remote-tracking ref' })
          .option('diff', { type: 'boolean', default: false, describe: 'scan only the lines each selected commit added (use with --range in CI); needs the git binary' })
          .option('since', { type: 'string', describe: 'only commits committed at or after this date (ISO 8601, e.g. 2024-01-31)' })
          .option('until', { type: 'string', describe: 'only commits committed at or before this date' })
          .option('reflog', { type: 'boolean', default: false, describe: 'also scan commits reachable only from reflog entries (amended, reset, rebased away)' })
          .option('unreachable', { type: 'boolean', default: false, describe: 'also scan dangling commits and blobs (git fsck --unreachable); needs the git binary' })
          .option('exclude', { alias: 'x', type: 'string', array: true, default: [] as string[], describe: 'skip repository paths matching this glob (repeatable)' })
          .option('max-blob-size', { type: 'string', default: '25MB', describe: 'skip (with a notice, without reading it) any blob larger than this' })
          .option('git-backend', { choices: ['cli', 'isomorphic'] as const, hidden: true, describe: 'force a git backend (default: the git CLI when installed; also LEAKHOUND_GIT_BACKEND)' })
          .example('$0 history', 'audit the whole history of the repository here: every branch, tag, remote ref and stash')
          .example('$0 history --range origin/main..HEAD --diff', 'CI on a pull request: only lines the new commits added')
          .example('$0 history --range "$BEFORE..$AFTER" --format sarif -o history.sarif', 'CI on push (a zero $BEFORE scans commits not on any remote ref)')
          .example('$0 history ../mirror.git --reflog --unreachable --format json', 'a bare mirror, including commits amended or reset away')
          .epilogue(`${EPILOGUE}\nA finding names the commit that first introduced the blob at that path; "in HEAD" means HEAD still has that blob at that path.`),
      async (args) => {
        if (failed) return;
        const common = commonOptions(args, io);
        if ('error' in common) return fail(common.error);
        let maxBlobSize: number;
        try {
          maxBlobSize = parseSize(args.maxBlobSize);
        } catch (e) {
          return fail(`--max-blob-size: ${(e as Error).message}`);
        }
        const since = args.since === undefined ? undefined : parseDate(args.since);
        const until = args.until === undefined ? undefined : parseDate(args.until, true);
        if (since === null) return fail(`--since: not a date: ${args.since} (use ISO 8601, e.g. 2024-01-31)`);
        if (until === null) return fail(`--until: not a date: ${args.until} (use ISO 8601, e.g. 2024-01-31)`);
        const envBackend = process.env['LEAKHOUND_GIT_BACKEND'];
        const backend = args.gitBackend ?? (envBackend === 'cli' || envBackend === 'isomorphic' ? envBackend : undefined);
        code = await historyCommand(
          {
            ...common,
            history: {
              repo: args.repo,
              branches: args.branch,
              ...(args.range !== undefined ? { range: args.range } : {}),
              diff: args.diff,
              ...(since !== undefined ? { since } : {}),
              ...(until !== undefined ? { until } : {}),
              reflog: args.reflog,
              unreachable: args.unreachable,
              exclude: args.exclude,
              maxBlobSize,
              ...(backend !== undefined ? { backend } : {}),
            },
          },
          io,
        );
      },
    )
    .command(
      'staged',
      'Scan what the next commit will contain (the git index) for secrets it adds: for pre-commit hooks',
      (y) =>
        withReportOptions(y)
          .option('config', { alias: 'c', type: 'string', describe: `rule/allowlist file (default: ${DEFAULT_CONFIGS.join(' or ')} at the repository root if present)` })
          .option('all-lines', { type: 'boolean', default: false, describe: 'report secrets anywhere in the staged files, not only on the lines this commit adds or changes' })
          .option('max-file-size', { type: 'string', default: '25MB', describe: 'skip (with a notice) staged files larger than this' })
          .option('exit-code', { type: 'number', default: 1, describe: 'exit code when secrets are found (1 blocks the commit)' })
          .example('$0 staged', 'in .husky/pre-commit or .git/hooks/pre-commit')
          .example('$0 staged --all-lines', 'also report secrets the staged files already held')
          .epilogue(EPILOGUE),
      async (args) => {
        if (failed) return;
        const report = reportOptions(args, io);
        if ('error' in report) return fail(report.error);
        let maxFileSize: number;
        try {
          maxFileSize = parseSize(args.maxFileSize);
        } catch (e) {
          return fail(`--max-file-size: ${(e as Error).message}`);
        }
        try {
          code = await stagedCommand(
            {
              ...report,
              cwd: process.cwd(),
              rules: (root) => loadRuleSet(args.config ?? defaultConfig(root)),
              allLines: args.allLines,
              maxFileSize,
            },
            io,
          );
        } catch (e) {
          fail((e as Error).message);
        }
      },
    )
    .command(
      'init <hook>',
      'Run `leakhound staged` before every commit: husky, pre-commit (the framework) or a plain git hook',
      (y) =>
        y
          .positional('hook', { choices: HOOK_KINDS, demandOption: true, describe: 'where to install the hook' })
          .example('$0 init husky', 'append `leakhound staged` to .husky/pre-commit')
          .example('$0 init pre-commit', 'add a leakhound hook to .pre-commit-config.yaml')
          .example('$0 init git-hook', 'write the pre-commit hook git runs (honours core.hooksPath)'),
      (args) => {
        try {
          code = initCommand(args.hook, process.cwd(), (l) => io.stdout(`${l}\n`));
        } catch (e) {
          fail((e as Error).message);
        }
      },
    )
    .command('rules', 'List or test detection rules', (y) =>
      y
        .command(
          'list',
          'List the rules in effect (built-ins plus --config)',
          (yy) => yy.option('format', { choices: ['text', 'json'] as const, default: 'text' as const }).option('config', { alias: 'c', type: 'string' }),
          (args) => {
            try {
              const set = loadRuleSet(args.config ?? defaultConfig());
              for (const e of set.errors) io.stderr(`warning: ${e.message}\n`);
              io.stdout(rulesList(set.rules, args.format));
            } catch (e) {
              fail((e as Error).message);
            }
          },
        )
        .command(
          'test [files..]',
          "Check rules against their own examples and counterexamples (default: built-ins plus --config's rules)",
          (yy) =>
            yy
              .positional('files', { type: 'string', array: true, describe: 'rule files (TOML) to test on their own' })
              .option('config', { alias: 'c', type: 'string' })
              .example('$0 rules test --config .leakhound.toml', 'test your custom rules with the built-ins')
              .example('$0 rules test my-rules.toml', 'test only the rules in one file'),
          (args) => {
            try {
              const config = args.config ?? defaultConfig();
              code = rulesTest({ files: args.files ?? [], ...(config !== undefined ? { config } : {}), write: (l) => io.stdout(`${l}\n`) });
            } catch (e) {
              fail((e as Error).message);
            }
          },
        )
        .demandCommand(1, 'name a rules subcommand: list or test'),
    )
    .fail((msg, err) => {
      fail(`${msg ?? err?.message ?? 'invalid arguments'}\nRun 'leakhound --help' for usage.`);
    });
  try {
    await parser.parseAsync();
  } catch (e) {
    if (code === 0) fail((e as Error).message);
  }
  return code;
}

function processIo(): Io {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    stderrIsTty: process.stderr.isTTY === true,
    writeFile: writeAtomic,
  };
}
