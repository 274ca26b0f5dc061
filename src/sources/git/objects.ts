import type { CommitInfo } from './backend.js';

/**
 * Raw git objects as both backends read them (`cat-file --batch` content, isomorphic-git's
 * `readObject` with format 'content'): parsed here once so the two agree byte for byte.
 */
export interface ParsedCommit {
  tree: string;
  parents: string[];
  info: CommitInfo;
  /** Committer time, in seconds since the epoch: what --since/--until compare, as git does. */
  committerTime: number;
}

/** `Name <email> 1700000000 +0100` as git writes author and committer lines. */
const IDENT = /^(.*) <([^>]*)> (\d+) ([+-])(\d\d)(\d\d)$/;

function isoDate(seconds: number, sign: string, hours: string, minutes: string): string {
  const offset = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
  const local = new Date((seconds + offset * 60) * 1000).toISOString().slice(0, 19);
  return `${local}${sign}${hours}:${minutes}`;
}

export function parseCommit(sha: string, data: Buffer): ParsedCommit {
  const text = data.toString('utf8');
  const end = text.indexOf('\n\n');
  const headers = (end < 0 ? text : text.slice(0, end)).split('\n');
  const message = end < 0 ? '' : text.slice(end + 2);
  let tree = '';
  const parents: string[] = [];
  let author = { name: '', email: '', date: '' };
  let committerTime = 0;
  for (const h of headers) {
    const space = h.indexOf(' ');
    const key = h.slice(0, space);
    const value = h.slice(space + 1);
    if (key === 'tree') tree = value;
    else if (key === 'parent') parents.push(value);
    else if (key === 'author' || key === 'committer') {
      const m = IDENT.exec(value);
      if (!m) continue;
      if (key === 'author') author = { name: m[1]!, email: m[2]!, date: isoDate(Number(m[3]), m[4]!, m[5]!, m[6]!) };
      else committerTime = Number(m[3]);
    }
  }
  return { tree, parents, info: { sha, author, subject: subjectOf(message) }, committerTime };
}

/** git's %s: the first paragraph of the message, its lines joined by spaces. */
function subjectOf(message: string): string {
  const para = message.replace(/^\n+/, '').split(/\n\s*\n/)[0] ?? '';
  return para.split('\n').map((l) => l.trim()).join(' ').trim();
}

export interface TreeEntry {
  mode: string;
  name: string;
  sha: string;
}

/** A tree object: `<mode> <name>\0<20-byte id>` repeated. */
export function parseTree(data: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  let i = 0;
  while (i < data.length) {
    const space = data.indexOf(32, i);
    const nul = data.indexOf(0, space);
    if (space < 0 || nul < 0 || nul + 21 > data.length) break;
    entries.push({ mode: data.toString('latin1', i, space), name: data.toString('utf8', space + 1, nul), sha: data.toString('hex', nul + 1, nul + 21) });
    i = nul + 21;
  }
  return entries;
}

/**
 * A tree's entries without their names: ids of subtrees and of everything else. For walks that
 * only ask which objects are below a tree, this skips decoding names and building entry objects.
 */
export function treeIds(data: Buffer): { trees: string[]; others: string[] } {
  const trees: string[] = [];
  const others: string[] = [];
  let i = 0;
  while (i < data.length) {
    const nul = data.indexOf(0, i);
    if (nul < 0 || nul + 21 > data.length) break;
    // Tree entries' modes are "40000": the only mode that starts with '4'.
    (data[i] === 0x34 ? trees : others).push(data.toString('hex', nul + 1, nul + 21));
    i = nul + 21;
  }
  return { trees, others };
}

export const isTreeMode = (mode: string): boolean => mode === '40000' || mode === '040000';
/** Submodule entries name a commit in another repository: nothing here to read. */
export const isGitlinkMode = (mode: string): boolean => mode === '160000';
