import { gitStatus, gitSync, ObjectReader } from './git.js';

/** One index entry that differs from HEAD, as `git diff-index --cached --raw` describes it. */
export interface IndexChange {
  /** A added, M modified, D deleted, T type changed, U unmerged (a conflict still being resolved). */
  status: 'A' | 'M' | 'D' | 'T' | 'U';
  /** Path from the repository root, forward slashes. */
  path: string;
  /** Octal git modes ('000000' when absent): 100644/100755 files, 120000 symlinks, 160000 submodules. */
  oldMode: string;
  newMode: string;
  oldOid: string;
  newOid: string;
}

/** What the staged source needs from a git implementation: the CLI or isomorphic-git. */
export interface IndexReader {
  /** Absolute path of the work tree's top directory. */
  readonly root: string;
  /** Index entries that differ from HEAD (from the empty tree before the first commit). */
  changes(): Promise<IndexChange[]>;
  /** Object sizes known without loading the objects, so oversized blobs are never read (may be empty). */
  sizes(oids: string[]): Promise<Map<string, number>>;
  read(oid: string): Promise<Buffer>;
  close(): void;
}

const STATUSES = new Set(['A', 'M', 'D', 'T', 'U']);

/** Parses `--raw -z` output without rename detection: `:mode mode oid oid S\0path\0`. */
export function parseRawZ(out: Buffer): IndexChange[] {
  const fields = out.toString('utf8').split('\0');
  const changes: IndexChange[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [oldMode = '', newMode = '', oldOid = '', newOid = '', status = ''] = fields[i]!.slice(1).split(' ');
    if (!STATUSES.has(status)) throw new Error(`unexpected git diff-index status ${JSON.stringify(status)}`);
    changes.push({ status: status as IndexChange['status'], path: fields[i + 1]!, oldMode, newMode, oldOid, newOid });
  }
  return changes;
}

/** The git CLI: a few one-shot plumbing commands and one `cat-file --batch` for the blobs. */
export class CliIndexReader implements IndexReader {
  readonly root: string;
  private reader: ObjectReader | undefined;

  /** HEAD's commit id; undefined before the first commit. */
  private readonly head: string | undefined;

  constructor(cwd: string) {
    // One process for both answers (a pre-commit hook pays for every spawn): the top directory,
    // then HEAD's commit, which is missing (exit 1) before the first commit. rev-parse answers from
    // any subdirectory and linked worktree; only newlines are output syntax (a directory name may
    // end in spaces).
    const { status, stdout } = gitStatus(cwd, ['rev-parse', '--show-toplevel', '--verify', '-q', 'HEAD^{commit}'], undefined, [0, 1]);
    const lines = stdout.toString('utf8').replace(/\n$/, '').split('\n');
    this.head = status === 0 ? lines.pop() : undefined;
    this.root = lines.join('\n');
  }

  async changes(): Promise<IndexChange[]> {
    // Before the first commit everything staged is new: compare with the empty tree of this
    // repository's hash (SHA-1 or SHA-256).
    const base = this.head ?? gitSync(this.root, ['hash-object', '-t', 'tree', '--stdin'], '').toString('latin1').trim();
    // Plumbing, not `git diff`: no pager, colour, external diff or rename config can change it.
    return parseRawZ(gitSync(this.root, ['diff-index', '--cached', '-z', '--no-abbrev', '--ignore-submodules=none', base, '--']));
  }

  async sizes(oids: string[]): Promise<Map<string, number>> {
    const sizes = new Map<string, number>();
    if (oids.length === 0) return sizes;
    const out = gitSync(this.root, ['cat-file', '--batch-check=%(objectname) %(objectsize)'], `${oids.join('\n')}\n`).toString('latin1');
    for (const line of out.split('\n')) {
      const [oid, size] = line.split(' ');
      if (oid && size && /^\d+$/.test(size)) sizes.set(oid, Number(size));
    }
    return sizes;
  }

  async read(oid: string): Promise<Buffer> {
    this.reader ??= new ObjectReader(this.root);
    const o = await this.reader.read(oid);
    if ('missing' in o) throw new Error(`object ${oid} is missing from the repository`);
    return o.data;
  }

  close(): void {
    this.reader?.close();
  }
}
