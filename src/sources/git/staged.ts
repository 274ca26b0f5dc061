import type { Notice, Provenance } from '../../core/types.js';
import { decodeBytes, formatBytes } from '../read-file.js';
import { GitError } from './git.js';
import { CliIndexReader, type IndexChange, type IndexReader } from './index-reader.js';
import { addedLines } from './line-diff.js';
import { pairRenames } from './renames.js';

/** A staged file's content as the next commit will hold it. */
export interface StagedText {
  provenance: Provenance;
  text: string;
  size: number;
  /** 1-based lines this commit adds or changes; absent when every line is new (or --all-lines). */
  changedLines?: ReadonlySet<number>;
}

export interface StagedOptions {
  /** Report findings on every line of the staged files, not only on the lines this commit changes. */
  allLines?: boolean;
  maxFileSize: number;
}

const REGULAR = new Set(['100644', '100755']);
const SUBMODULE = '160000';
const SYMLINK = '120000';
/** How gitSync reports a git binary that is not there. */
const NO_GIT = /^cannot run git: ENOENT/;

/**
 * Opens the repository around `cwd` with the git CLI, or with isomorphic-git when there is no git
 * binary (found by trying: probing with `git --version` first would cost a process on every commit).
 */
export async function openIndex(cwd: string, backend = process.env['LEAKHOUND_GIT_BACKEND']): Promise<IndexReader> {
  if (backend !== 'isomorphic') {
    try {
      return new CliIndexReader(cwd);
    } catch (e) {
      if (backend === 'cli' || !(e instanceof GitError) || !NO_GIT.test(e.message)) throw e;
    }
  }
  // Loaded only when needed: it costs start-up time the common case never pays.
  const { IsomorphicIndexReader } = await import('./index-isomorphic.js');
  return IsomorphicIndexReader.open(cwd);
}

/**
 * Exactly what the next commit will contain: the staged (index) version of every added, modified
 * or renamed file, never the work tree. Deleted files have nothing to scan; submodules and
 * symbolic links are noted, not followed.
 */
export async function* stagedTexts(index: IndexReader, options: StagedOptions, notices: Notice[]): AsyncGenerator<StagedText> {
  const all = await index.changes();
  for (const c of all) {
    if (c.status === 'U') notices.push({ kind: 'unmerged', path: c.path, level: 'warning', message: 'unresolved merge conflict: resolve it and stage the file, then run again' });
    else if (c.newMode === SUBMODULE) notices.push({ kind: 'submodule', path: c.path, level: 'info', message: 'submodule not scanned (run leakhound staged inside it)' });
    else if (c.newMode === SYMLINK) notices.push({ kind: 'symlink', path: c.path, level: 'info', message: 'symbolic link: its target is not scanned' });
  }
  const files = all.filter((c) => c.status !== 'U' && (REGULAR.has(c.newMode) || REGULAR.has(c.oldMode)));
  const load = (oid: string): Promise<Buffer> => index.read(oid);
  const renamedFrom = await pairRenames(
    files.filter((c) => c.status === 'D' || (c.status === 'T' && !REGULAR.has(c.newMode))),
    files.filter((c) => REGULAR.has(c.newMode) && !REGULAR.has(c.oldMode)),
    load,
  );
  const scanned = files.filter((c) => REGULAR.has(c.newMode));
  const sizes = await index.sizes(scanned.map((c) => c.newOid));
  for (const c of scanned) {
    const size = sizes.get(c.newOid);
    if (size !== undefined && size > options.maxFileSize) {
      notices.push({ kind: 'too-large', path: c.path, level: 'warning', message: `skipped: ${formatBytes(size)} is over --max-file-size ${formatBytes(options.maxFileSize)}` });
      continue;
    }
    const bytes = await load(c.newOid);
    if (bytes.length > options.maxFileSize) {
      notices.push({ kind: 'too-large', path: c.path, level: 'warning', message: `skipped: ${formatBytes(bytes.length)} is over --max-file-size ${formatBytes(options.maxFileSize)}` });
      continue;
    }
    const text = decodeBytes(bytes, c.path, notices);
    if (text === undefined) continue;
    const staged: StagedText = { provenance: { kind: 'git-blob', path: c.path }, text, size: bytes.length };
    const before = REGULAR.has(c.oldMode) ? c.oldOid : renamedFrom.get(c)?.oldOid;
    if (!options.allLines && before !== undefined) {
      const old = before === c.newOid ? text : decodeBytes(await load(before), c.path, []);
      if (old !== undefined) staged.changedLines = addedLines(old, text);
    }
    yield staged;
  }
}

export type { IndexChange, IndexReader };
