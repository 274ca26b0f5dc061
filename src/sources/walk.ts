import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import type { Notice } from '../core/types.js';

/**
 * The filesystem walk. fast-glob cannot prune a directory on a nested .gitignore it has not read
 * yet, so it would descend into every ignored node_modules; this walker reads each directory's
 * ignore files as it enters it and never opens an ignored directory. It uses synchronous calls:
 * awaiting a thread-pool round trip per stat made the walk, not the scan, the bottleneck.
 */
export interface WalkOptions {
  /** Honour .gitignore (nested), .git/info/exclude and .leakhoundignore. */
  ignoreFiles: boolean;
  followSymlinks: boolean;
  /** Globs (relative paths) excluded from the walk; explicit paths are still scanned. */
  exclude: string[];
  /** Paths in results are relative to this directory, with forward slashes. */
  base: string;
}

export interface FileEntry {
  absPath: string;
  /** Path relative to `base`, forward slashes. */
  path: string;
  size: number;
}

interface IgnoreLevel {
  dir: string;
  matcher: Ignore;
}

const IGNORE_FILES = ['.gitignore', '.leakhoundignore'];

function readIgnore(dir: string, names: string[]): Ignore | undefined {
  let matcher: Ignore | undefined;
  for (const name of names) {
    let content: string;
    try {
      content = readFileSync(join(dir, name), 'utf8');
    } catch {
      continue;
    }
    matcher ??= ignore();
    matcher.add(content);
  }
  return matcher;
}

/** The git work tree containing `dir`, if any: its info/exclude and the .gitignore files above `dir` apply too. */
function repoRoot(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

function ancestorLevels(root: string): IgnoreLevel[] {
  const top = repoRoot(root);
  if (!top) return [];
  const levels: IgnoreLevel[] = [];
  const exclude = readIgnore(join(top, '.git', 'info'), ['exclude']);
  if (exclude) levels.push({ dir: top, matcher: exclude });
  const chain: string[] = [];
  for (let d = dirname(root); d.length >= top.length && d.startsWith(top); d = dirname(d)) {
    chain.unshift(d);
    if (d === top) break;
  }
  for (const d of chain) {
    const m = readIgnore(d, IGNORE_FILES);
    if (m) levels.push({ dir: d, matcher: m });
  }
  return levels;
}

/**
 * The ignore levels above an explicitly named directory. When that directory is itself ignored
 * (say `leakhound scan build/` with `build/` in .gitignore), the patterns above it would hide every
 * file in it; the user asked for it by name, so only its own ignore files apply, and a notice says so.
 */
function rootLevels(abs: string, given: string, notices: Notice[]): IgnoreLevel[] {
  const levels = ancestorLevels(abs);
  if (!isIgnored(levels, abs, true)) return levels;
  notices.push({ kind: 'ignored-root', path: given, level: 'info', message: 'ignored by a .gitignore above it; scanned because it was named explicitly' });
  return [];
}

/** Git semantics: the deepest level with an opinion (ignore or negation) wins. */
function isIgnored(levels: IgnoreLevel[], absPath: string, isDir: boolean): boolean {
  let ignored = false;
  for (const level of levels) {
    const rel = relative(level.dir, absPath).split(sep).join('/');
    if (rel === '' || rel.startsWith('..')) continue;
    const r = level.matcher.test(isDir ? `${rel}/` : rel);
    if (r.ignored) ignored = true;
    else if (r.unignored) ignored = false;
  }
  return ignored;
}

const toPosix = (p: string): string => p.split(sep).join('/');

function tryFs<T>(call: () => T): T | undefined {
  try {
    return call();
  } catch {
    return undefined;
  }
}

function statOrError(path: string, noFollow = false): Stats | NodeJS.ErrnoException {
  try {
    return noFollow ? lstatSync(path) : statSync(path);
  } catch (e) {
    return e as NodeJS.ErrnoException;
  }
}

/**
 * Yields files under `roots` in a deterministic order (roots as given, then sorted names).
 * Problems (missing roots, unreadable directories, special files, symlinks) become notices.
 */
export async function* walk(roots: string[], options: WalkOptions, notices: Notice[]): AsyncGenerator<FileEntry> {
  const excluded = options.exclude.length > 0 ? picomatch(options.exclude, { dot: true }) : () => false;
  const display = (abs: string): string => toPosix(relative(options.base, abs)) || '.';
  const visitedDirs = new Set<string>();

  /** `shown` is `display(abs)`: children's are built from it, `path.relative` per file being a tenth of the walk. */
  async function* dir(abs: string, levels: IgnoreLevel[], shown: string): AsyncGenerator<FileEntry> {
    if (options.followSymlinks) {
      // A symlink loop would otherwise walk forever: each real directory is entered once.
      const real = tryFs(() => realpathSync(abs)) ?? abs;
      if (visitedDirs.has(real)) {
        notices.push({ kind: 'symlink', path: shown, level: 'warning', message: 'directory already visited through another link (symlink loop?); skipped' });
        return;
      }
      visitedDirs.add(real);
    }
    const own = options.ignoreFiles ? readIgnore(abs, IGNORE_FILES) : undefined;
    const here = own ? [...levels, { dir: abs, matcher: own }] : levels;
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch (e) {
      notices.push({ kind: 'unreadable', path: shown, level: 'warning', message: `cannot read directory: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const child = abs.endsWith(sep) ? abs + e.name : abs + sep + e.name;
      if (e.name === '.git' && e.isDirectory()) continue;
      const rel = shown === '.' ? e.name : `${shown}/${e.name}`;
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        if (!options.followSymlinks) {
          notices.push({ kind: 'symlink', path: rel, level: 'info', message: 'symbolic link not followed (use --follow-symlinks)' });
          continue;
        }
        const target = tryFs(() => statSync(child));
        if (!target) {
          notices.push({ kind: 'symlink', path: rel, level: 'info', message: 'broken symbolic link' });
          continue;
        }
        isDir = target.isDirectory();
        isFile = target.isFile();
      }
      if (options.ignoreFiles && isIgnored(here, child, isDir)) continue;
      if (excluded(rel) || (isDir && excluded(`${rel}/`))) continue;
      if (isDir) yield* dir(child, here, rel);
      else if (isFile) {
        const st = statOrError(child);
        if (st instanceof Error) notices.push({ kind: 'unreadable', path: rel, level: 'warning', message: `cannot stat: ${st.code ?? st.message}` });
        else yield { absPath: child, path: rel, size: st.size };
      } else {
        notices.push({ kind: 'special-file', path: rel, level: 'warning', message: 'not a regular file (FIFO, socket or device); skipped' });
      }
    }
  }

  for (const root of roots) {
    const abs = resolve(root);
    const st = statOrError(abs, true);
    if (st instanceof Error) {
      const why = st.code === 'ENOENT' ? 'no such file or directory' : (st.code ?? st.message);
      notices.push({ kind: 'not-found', path: root, level: 'warning', message: `cannot scan: ${why}` });
      continue;
    }
    // Paths named on the command line are always scanned: followed if links, never ignored.
    const target = st.isSymbolicLink() ? tryFs(() => statSync(abs)) : st;
    if (!target) {
      notices.push({ kind: 'not-found', path: root, level: 'warning', message: 'cannot scan: broken symbolic link' });
    } else if (target.isDirectory()) {
      yield* dir(abs, options.ignoreFiles ? rootLevels(abs, root, notices) : [], display(abs));
    } else if (target.isFile()) {
      yield { absPath: abs, path: display(abs), size: target.size };
    } else {
      notices.push({ kind: 'special-file', path: root, level: 'warning', message: 'not a regular file (FIFO, socket or device); skipped' });
    }
  }
}
