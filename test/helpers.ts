import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after } from 'node:test';
import { expandTemplate, Random } from '../dist/rules/template.js';

export const REPO = fileURLToPath(new URL('..', import.meta.url));
export const CLI = join(REPO, 'bin', 'leakhound.js');

/** A temp directory removed after the test file finishes. */
export function tempDir(prefix = 'leakhound-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes files (path -> content) under `root`, creating directories. */
export function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  input?: string;
  env?: Record<string, string | undefined>;
  uid?: number;
  gid?: number;
  /** A command the CLI runs under (e.g. setpriv dropping capabilities). */
  prefix?: string[];
  timeoutMs?: number;
}

/** Runs the real CLI in a child process, with colour and config discovery neutralised. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
    for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
    const [command, ...pre] = [...(options.prefix ?? []), process.execPath];
    const child = spawn(command!, [...pre, CLI, ...args], {
      cwd: options.cwd ?? REPO,
      env: env as NodeJS.ProcessEnv,
      ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Expands a template with a seeded generator: the suite's only source of credential-shaped text. */
export function token(template: string, seed: string | number = template): string {
  return expandTemplate(template, new Random(seed)).text;
}

/** A checksum-valid GitHub classic PAT, built at run time. */
export const githubPat = (seed: string | number = 1): string => token('gh' + 'p_{alnum:30}{checksum:github-checksum}', seed);
/** A Stripe live secret key shape, built at run time. */
export const stripeKey = (seed: string | number = 1): string => token('sk' + '_live_{alnum:24}', seed);

export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

export const isRoot = process.getuid?.() === 0;
