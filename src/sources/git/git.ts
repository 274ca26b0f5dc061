import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * The git CLI as a source of content: one-shot commands and a long-lived `cat-file --batch`
 * reader. Both the history and the staged sources read objects through here, so blob content
 * never goes through a shell, a temp file or the work tree.
 */
export class GitError extends Error {
  constructor(
    message: string,
    readonly stderr = '',
  ) {
    super(message);
  }
}

/** Whether a `git` binary can be run (when it cannot, sources fall back to isomorphic-git). */
export function hasGitBinary(): boolean {
  const r = spawnSync('git', ['--version'], { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

/** Runs a git command to completion and returns its stdout (a Buffer, as paths may not be UTF-8). */
export function gitSync(cwd: string, args: string[], input?: string | Buffer): Buffer {
  return gitStatus(cwd, args, input, [0]).stdout;
}

/** Like gitSync, for commands whose exit status is an answer: any status in `answers` is returned, not thrown. */
export function gitStatus(cwd: string, args: string[], input: string | Buffer | undefined, answers: number[]): { status: number; stdout: Buffer } {
  const r = spawnSync('git', args, { cwd, input, maxBuffer: 1 << 30, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } });
  if (r.error) throw new GitError(`cannot run git: ${(r.error as NodeJS.ErrnoException).code ?? r.error.message}`);
  if (r.status === null || !answers.includes(r.status)) {
    const stderr = r.stderr.toString('utf8').trim();
    throw new GitError(`git ${args[0]} failed: ${stderr.split('\n')[0] ?? `exit ${r.status}`}`, stderr);
  }
  return { status: r.status, stdout: r.stdout };
}

/**
 * A `cat-file --batch` object as read: `missing` when the repository does not have it. A reader in
 * `check` mode (`--batch-check`) gives the type and size with empty `data`.
 */
export type BatchObject = { sha: string; type: string; size: number; data: Buffer } | { sha: string; missing: true };

/**
 * Reads objects through one `git cat-file --batch` process. Requests are answered in the order
 * they were made; many can be outstanding, so the pipe never idles between objects.
 */
export class ObjectReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: { resolve: (o: BatchObject) => void; reject: (e: Error) => void }[] = [];
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  /** Header of the object being received, once its line has arrived. */
  private current: { sha: string; type: string; size: number } | undefined;
  private failure: Error | undefined;

  /** `check`: headers only (`--batch-check`), to learn sizes without inflating content. */
  constructor(
    cwd: string,
    private readonly check = false,
  ) {
    this.child = spawn('git', ['cat-file', check ? '--batch-check' : '--batch'], { cwd, env: { ...process.env, LC_ALL: 'C' } });
    let stderr = '';
    this.child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d.slice(0, 4096)));
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    const fail = (e: Error): void => {
      this.failure ??= e;
      for (const w of this.waiting.splice(0)) w.reject(this.failure);
    };
    this.child.on('error', (e) => fail(new GitError(`cannot run git cat-file: ${(e as NodeJS.ErrnoException).code ?? e.message}`)));
    this.child.on('close', (code) => fail(new GitError(`git cat-file exited (${code ?? 'signal'})${stderr ? `: ${stderr.trim().split('\n')[0]}` : ''}`, stderr)));
    this.child.stdin.on('error', () => undefined);
  }

  /** The object named by `rev` (a sha or any revision cat-file accepts). */
  read(rev: string): Promise<BatchObject> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(`${rev}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
  }

  private receive(chunk: Buffer): void {
    this.buffered.push(chunk);
    this.bufferedBytes += chunk.length;
    for (;;) {
      if (!this.current) {
        const all = this.take(this.bufferedBytes);
        const nl = all.indexOf(10);
        if (nl < 0) return this.keep(all);
        const header = all.subarray(0, nl).toString('latin1');
        this.keep(all.subarray(nl + 1));
        const [sha = '', type = '', size] = header.split(' ');
        if (type === 'missing' || type === 'ambiguous' || size === undefined) {
          this.waiting.shift()?.resolve({ sha, missing: true });
          continue;
        }
        this.current = { sha, type, size: Number(size) };
        if (this.check) {
          this.current = undefined;
          this.waiting.shift()?.resolve({ sha, type, size: Number(size), data: Buffer.alloc(0) });
          continue;
        }
      }
      // The object's content and its trailing newline.
      if (this.bufferedBytes < this.current.size + 1) return;
      const all = this.take(this.bufferedBytes);
      const data = Buffer.from(all.subarray(0, this.current.size));
      this.keep(all.subarray(this.current.size + 1));
      const { sha, type, size } = this.current;
      this.current = undefined;
      this.waiting.shift()?.resolve({ sha, type, size, data });
    }
  }

  private take(n: number): Buffer {
    const all = this.buffered.length === 1 ? this.buffered[0]! : Buffer.concat(this.buffered, this.bufferedBytes);
    this.buffered = [];
    this.bufferedBytes = 0;
    return n === all.length ? all : all.subarray(0, n);
  }

  private keep(rest: Buffer): void {
    if (rest.length === 0) return;
    this.buffered = [rest];
    this.bufferedBytes = rest.length;
  }
}

/** The directory git runs hooks from for the repository around `cwd`, honouring core.hooksPath. */
export function hooksDir(cwd: string): string {
  return resolve(cwd, gitSync(cwd, ['rev-parse', '--git-path', 'hooks']).toString('utf8').replace(/\n$/, ''));
}
