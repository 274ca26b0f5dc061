/**
 * What the history source needs from a repository, implemented twice: over the git CLI
 * (`cli-backend.ts`, streams) and in-process over isomorphic-git (`iso-backend.ts`) for machines
 * with no git binary. Both yield the same sightings in the same order.
 */
export interface CommitInfo {
  sha: string;
  author: { name: string; email: string; date: string };
  subject: string;
}

/** A commit's diff put this blob at this path (added, modified, or the result of a merge that differs from every parent). */
export interface Sighting {
  commit: CommitInfo;
  path: string;
  blob: string;
}

/** Lines a commit added to one file (`--diff`): other lines are empty, so line numbers are the file's. */
export interface AddedLines {
  commit: CommitInfo;
  path: string;
  text: string;
}

export interface RepoInfo {
  /** Absolute git directory (for a linked worktree, its own; objects may live in the common one). */
  gitDir: string;
  /** The work tree's top directory, or the git directory of a bare repository: what report paths are relative to. */
  root: string;
  bare: boolean;
  shallow: boolean;
  /** The commit HEAD resolves to; undefined in a repository with no commits. */
  head: string | undefined;
}

/** Which commits to look at. */
export interface Selection {
  /** Tips to start from; empty means every ref (branches, tags, remote-tracking refs, stash) and HEAD. */
  revisions: string[];
  /** Commits reachable from these are left out (`--range A..B` gives A). */
  exclude: string[];
  /** Leave out commits on any remote-tracking ref (a zero `--range` base: a push that creates a branch). */
  excludeRemotes: boolean;
  /** Also start from every reflog entry. */
  reflog: boolean;
  /** Also start from commits no ref or reflog reaches (`git fsck --unreachable`). */
  unreachable: boolean;
  /** Committer dates, in seconds since the epoch, inclusive. */
  since?: number;
  until?: number;
}

export interface GitBackend {
  readonly name: 'cli' | 'isomorphic';
  readonly info: RepoInfo;
  /** How many blob sizes may be asked ahead: the CLI pipelines them, isomorphic-git reads one at a time. */
  readonly lookahead: number;
  /** Every (commit, path, blob) a selected commit introduced, oldest commit first. */
  sightings(selection: Selection): AsyncIterable<Sighting>;
  /** Blobs no commit reaches (with `--unreachable`). */
  unreachableBlobs(): Promise<string[]>;
  /** Only lines added by the selected commits; undefined when this backend cannot diff. */
  addedLines?(selection: Selection): AsyncIterable<AddedLines>;
  /** A blob's size, before reading it; undefined when it is missing (corrupt or absent). */
  blobSize(sha: string): Promise<number | undefined>;
  /** A blob's content; undefined when it cannot be read. */
  readBlob(sha: string): Promise<Buffer | undefined>;
  /** A raw object (for tree walks); undefined when it cannot be read. */
  readObject(sha: string): Promise<{ type: string; data: Buffer } | undefined>;
  /** Every ref with the object it points to, tags peeled to what they tag. */
  refs(): Promise<{ name: string; target: string }[]>;
  /** Problems met while streaming (a log that stopped early), for the caller to turn into notices. */
  readonly failures?: readonly string[];
  /** Resolves a user's revision (branch, tag, sha) to a commit id; undefined if it names none. */
  resolve(rev: string): Promise<string | undefined>;
  close(): void;
}
