import type { AddedLines, CommitInfo } from './backend.js';

/**
 * Reads `git log -p -U0 --diff-merges=combined` output: for each commit and file, the lines the
 * commit added. A combined (merge) hunk has one marker column per parent; a line is added only when
 * every column says `+`, which is what a conflict resolution wrote itself.
 */
export async function* parsePatch(lines: AsyncIterable<Buffer>): AsyncGenerator<AddedLines> {
  let commit: CommitInfo | undefined;
  let path: string | undefined;
  let added: string[] = [];
  let inHunk = false;
  let parents = 1;
  let line = 0;
  const flush = (): AddedLines | undefined => {
    const out = commit && path !== undefined && added.length > 0 ? { commit, path, text: Array.from(added, (l) => l ?? '').join('\n') } : undefined;
    added = [];
    path = undefined;
    inHunk = false;
    return out;
  };
  for await (const bytes of lines) {
    const text = bytes.toString('utf8');
    const first = text.charCodeAt(0);
    if (first === 1 || text.startsWith('diff ')) {
      const done = flush();
      if (done) yield done;
      if (first === 1) {
        const [sha = '', name = '', email = '', date = '', subject = ''] = text.slice(1).split('\u0000');
        commit = { sha, author: { name, email, date }, subject };
      }
      continue;
    }
    if (text.startsWith('@@')) {
      const m = /^(@+) .*?\+(\d+)(?:,\d+)? @+/.exec(text);
      if (!m) continue;
      inHunk = true;
      parents = m[1]!.length - 1;
      line = Number(m[2]);
      continue;
    }
    if (!inHunk) {
      if (text.startsWith('+++ ')) path = headerPath(text.slice(4));
      continue;
    }
    const markers = text.slice(0, parents);
    if (markers.includes('-') || first === 92 /* "\ No newline at end of file" */) continue;
    if (/^\++$/.test(markers)) added[line - 1] = text.slice(parents);
    line++;
  }
  const done = flush();
  if (done) yield done;
}

/** `b/path`, C-quoted when it holds special characters, or /dev/null for a deleted file. */
function headerPath(raw: string): string | undefined {
  const name = raw.replace(/\t$/, '');
  if (name === '/dev/null') return undefined;
  const unquoted = name.startsWith('"') ? unquote(name) : name;
  return unquoted.startsWith('b/') ? unquoted.slice(2) : unquoted;
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** git's C-style quoting: backslash escapes and octal bytes of the UTF-8 encoding. */
function unquote(quoted: string): string {
  const body = quoted.slice(1, quoted.endsWith('"') ? -1 : undefined);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
