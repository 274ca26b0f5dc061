import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { hooksDir } from '../sources/git/git.js';

export const HOOK_KINDS = ['husky', 'pre-commit', 'git-hook'] as const;
export type HookKind = (typeof HOOK_KINDS)[number];

/**
 * husky 9 runs `.husky/pre-commit` with node_modules/.bin first on PATH, so the package's own bin
 * is found without npx (which would add its own start-up to every commit).
 */
export const HUSKY_LINE = 'leakhound staged';
/** pre-commit's `language: system` hooks get no node_modules/.bin on PATH; `npx --no` finds the local install and never downloads. */
export const PRE_COMMIT_ENTRY = 'npx --no leakhound staged';
/** A plain git hook: the project's local install if there is one, else a global `leakhound`. */
const GIT_HOOK_LINES = ['leakhound=node_modules/.bin/leakhound', '[ -x "$leakhound" ] || leakhound=leakhound', '"$leakhound" staged || exit $?'];

/** Whether a script already runs `leakhound staged` on a line that is not a comment. */
function runsLeakhound(script: string): boolean {
  return /^[^#\n]*\bleakhound\b[^#\n]*\bstaged\b/m.test(script);
}

function appendLines(content: string, lines: string[]): string {
  const sep = content === '' || content.endsWith('\n') ? '' : '\n';
  return `${content}${sep}${lines.join('\n')}\n`;
}

/** `.husky/pre-commit` with the leakhound line appended (unchanged when it is already there). */
export function withHuskyLine(content: string): string {
  return runsLeakhound(content) ? content : appendLines(content, [HUSKY_LINE]);
}

/** A pre-commit hook script that runs leakhound after whatever it already does. */
export function withGitHookLines(content: string): string {
  if (runsLeakhound(content)) return content;
  return appendLines(content === '' ? '#!/bin/sh\n# Blocks commits that add secrets (leakhound init git-hook).' : content, GIT_HOOK_LINES);
}

const PRE_COMMIT_HOOK = ['- repo: local', '  hooks:', '    - id: leakhound', '      name: leakhound (secrets in staged changes)', `      entry: ${PRE_COMMIT_ENTRY}`, '      language: system', '      pass_filenames: false', '      stages: [pre-commit]'];

/**
 * `.pre-commit-config.yaml` with a leakhound entry in `repos:`, by text editing so comments and
 * layout survive (a YAML library would rewrite the file). Throws on a layout it cannot edit safely.
 */
export function withPreCommitEntry(content: string): string {
  if (/^\s*(-\s+)?id:\s*['"]?leakhound['"]?\s*(#.*)?$/m.test(content)) return content;
  const lines = content.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const at = lines.findIndex((l) => /^repos:/.test(l));
  if (at < 0) return appendLines(content, ['repos:', ...PRE_COMMIT_HOOK.map((l) => `  ${l}`)]);
  const rest = lines[at]!.slice('repos:'.length).replace(/#.*$/, '').trim();
  if (rest === '[]') {
    lines.splice(at, 1, 'repos:', ...PRE_COMMIT_HOOK.map((l) => `  ${l}`));
    return `${lines.join('\n')}\n`;
  }
  if (rest !== '') throw new Error('.pre-commit-config.yaml: `repos:` is not a block list; add the leakhound hook by hand (see README)');
  // The list runs until the next line that starts at column 0 and is not a list item or comment.
  let end = at + 1;
  let last = at;
  let indent: string | undefined;
  for (; end < lines.length; end++) {
    const l = lines[end]!;
    if (l.trim() === '' || l.trimStart().startsWith('#')) continue;
    if (/^\S/.test(l) && !l.startsWith('-')) break;
    indent ??= /^(\s*)-/.exec(l)?.[1];
    last = end;
  }
  lines.splice(last + 1, 0, ...PRE_COMMIT_HOOK.map((l) => `${indent ?? '  '}${l}`));
  return `${lines.join('\n')}\n`;
}

/** Applies `edit` to a file (created when missing); returns whether it changed. */
function editFile(path: string, edit: (content: string) => string, mode?: number): boolean {
  const before = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const after = edit(before);
  const changed = after !== before || !existsSync(path);
  if (changed) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, after);
  }
  if (mode !== undefined) chmodSync(path, mode);
  return changed;
}

/** `leakhound init <kind>`: installs the pre-commit hook; running it again changes nothing. */
export function initCommand(kind: HookKind, cwd: string, write: (line: string) => void): number {
  const target = kind === 'husky' ? join(cwd, '.husky', 'pre-commit') : kind === 'pre-commit' ? join(cwd, '.pre-commit-config.yaml') : join(hooksDir(cwd), 'pre-commit');
  const edit = kind === 'husky' ? withHuskyLine : kind === 'pre-commit' ? withPreCommitEntry : withGitHookLines;
  const changed = editFile(target, edit, kind === 'pre-commit' ? undefined : 0o755);
  const shown = relative(cwd, target) || target;
  write(changed ? `leakhound: added \`leakhound staged\` to ${shown}` : `leakhound: ${shown} already runs leakhound; nothing changed`);
  if (kind === 'pre-commit' && changed) write('Run `pre-commit install` once to activate it.');
  if (kind === 'husky' && !existsSync(join(cwd, '.husky', '_'))) write('husky is not set up here yet: run `npx husky` once (it points core.hooksPath at .husky/_).');
  return 0;
}
