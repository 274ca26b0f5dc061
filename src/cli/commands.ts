import yargs from 'yargs';
import { historyCommand } from '../commands/history.js';
import { HOOK_KINDS, initCommand } from '../commands/init.js';
import { rulesList } from '../commands/rules-list.js';
import { rulesTest } from '../commands/rules-test.js';
import { EXIT_ERROR, type Io } from '../commands/scan.js';
import { loadRuleSet } from '../rules/load.js';
import { commonOptions, defaultConfig, EPILOGUE, POOL_OPTIONS, REPORT_OPTIONS, SCAN_OPTIONS, sizeOption, STAGED_OPTIONS } from './options.js';
import { runScan } from './scan.js';
import { runStaged } from './staged.js';
import { VERSION } from './version.js';

/** yargs drops a bare `-`; this stand-in survives parsing and can never be a file name (NUL). */
const STDIN_ARG = '\u0000stdin';

/** Seconds since the epoch; a bare date as --until means the end of that day. Null when unparseable. */
function parseDate(text: string, endOfDay = false): number | null {
  const bare = /^\d{4}-\d{2}-\d{2}$/.test(text.trim());
  const ms = Date.parse(bare ? `${text.trim()}T${endOfDay ? '23:59:59' : '00:00:00'}Z` : text);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

/** The full command tree (yargs): every command, --help and --version. Returns the exit code. */
export async function runCommands(argv: string[], io: Io): Promise<number> {
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
    .usage('$0 <command> [options]\n\nFind leaked secrets before bots do.')
    .command(
      ['scan [paths..]', '$0'],
      'Scan files and directories (- reads standard input)',
      (y) =>
        y.options(SCAN_OPTIONS)
          .positional('paths', { type: 'string', array: true, describe: 'files or directories to scan; - for standard input' })
          .example('$0 scan .', 'scan the current directory')
          .example('$0 scan src config/.env --format sarif -o leakhound.sarif', 'write SARIF for GitHub code scanning')
          .example('cat deploy.log | $0 scan -', 'scan standard input')
          .example('$0 scan . --format json --min-confidence low', 'everything, as JSON')
          .example('$0 scan . --min-confidence low --explain', 'every candidate, with the reasons for its confidence')
          .epilogue(EPILOGUE),
      async (args) => {
        // yargs may still call the handler after reporting a parse failure.
        if (failed) return;
        const paths = (args.paths ?? []).map((p) => (p === STDIN_ARG ? '-' : p));
        const r = await runScan({ ...args, paths }, io);
        if (typeof r === 'string') fail(r);
        else code = r;
      },
    )
    .command(
      'history [repo]',
      'Scan every blob in a git history once, or a commit range for CI',
      (y) =>
        y.options(REPORT_OPTIONS).options(POOL_OPTIONS)
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
        const blobSize = sizeOption('--max-blob-size', args.maxBlobSize);
        if ('error' in blobSize) return fail(blobSize.error);
        const maxBlobSize = blobSize.bytes;
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
      'Scan what the next commit adds (the git index): the pre-commit check',
      (y) =>
        y
          .options(STAGED_OPTIONS)
          .example('$0 staged', 'in .husky/pre-commit or .git/hooks/pre-commit')
          .example('$0 staged --all-lines', 'also report secrets the staged files already held')
          .epilogue(EPILOGUE),
      async (args) => {
        if (failed) return;
        const r = await runStaged(args, io);
        if (typeof r === 'string') fail(r);
        else code = r;
      },
    )
    .command(
      'init <hook>',
      'Install the pre-commit hook: husky, pre-commit or a plain git hook',
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

