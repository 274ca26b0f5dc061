/** The vocabulary every layer shares. This module imports nothing. */

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

export type Confidence = 'high' | 'medium' | 'low';
export const CONFIDENCES: readonly Confidence[] = ['high', 'medium', 'low'];

/** Outcome of a rule's offline validator (checksum or structure). */
export type Validation = 'valid' | 'invalid' | 'unknown';

/** Literal exclusions a rule (or the user's config) applies to its candidates. */
export interface Allowlist {
  /** A candidate secret matching any of these regexes is not reported. */
  regexes: string[];
  /** A candidate secret containing any of these words (case-insensitive) is not reported. */
  stopwords: string[];
  /** Files whose path matches one of these globs are not scanned by this rule. */
  paths: string[];
  /** A candidate is not reported when one of these regexes matches within 10 lines of it (a Firebase web config around a Google API key). */
  nearby?: string[];
}

/** A detection rule exactly as the schema defines it (built-in and user rules alike). */
export interface Rule {
  /** Stable kebab-case identifier; never reused for a different credential. */
  id: string;
  title: string;
  description: string;
  provider: string;
  severity: Severity;
  /** Literals that must occur near a match; fed to the prefilter, case-insensitive. */
  keywords: string[];
  /** Regex source; the secret is the named group `secret`, else the whole match. */
  regex: string;
  /** Minimum Shannon entropy, in bits per character, of the secret. */
  entropy?: number;
  /** Name of a code-level validator from the validator registry. */
  validate?: string;
  /** Names of code-level false-positive filters (placeholders, UUIDs, hashes, ...) applied to the secret. */
  filters: string[];
  /**
   * Globs (picomatch, relative paths) of the only files this rule runs on; empty means every file.
   * For formats that are only credentials by virtue of the file they are in (Rails' master.key).
   */
  paths: string[];
  /** Whether matches can span lines (widens the window scanned around each keyword). */
  multiline: boolean;
  /** The credential is designed to ship to browsers (publishable keys); never a browser-exposure finding. */
  browserSafe: boolean;
  /** Confidence of a match before validation and context adjust it. */
  confidence: Confidence;
  allow: Allowlist;
  /** The provider's page on revoking or rotating this credential. */
  references: string[];
  tags: string[];
  /** This credential is one half of a pair (a secret key and its key id): how to find the other half. */
  pair?: PairSpec;
  /** Templates that must produce exactly one finding of this rule. */
  examples: string[];
  /** Templates that must produce no finding of this rule. */
  counterexamples: string[];
}

/** The other half of a paired credential, searched for near each match of the rule that declares it. */
export interface PairSpec {
  /** What the other half is called in messages ("access key id"). */
  name: string;
  /** Regex source for the other half; its value is the named group `value`, else the whole match. */
  regex: string;
  /** How many lines above and below the match are searched. */
  lines: number;
}

/** Where a piece of content came from. Sources fill it; the detector never reads it beyond `path`. */
export interface Provenance {
  kind: 'file' | 'stdin' | 'git-blob';
  /** Path relative to the scan root, with forward slashes. */
  path: string;
  /** git: the commit that introduced this blob at this path (the oldest one seen, or the one whose diff added the lines). */
  commit?: string;
  /** git: the blob's object id. */
  blob?: string;
  /** git: author of `commit`; `date` is ISO 8601 with the author's offset. */
  author?: { name: string; email: string; date: string };
  /** git: first line of `commit`'s message. */
  subject?: string;
  /** git: other (commit, path) pairs where the same blob appears (later commits, other branches, renames). */
  seenElsewhere?: number;
  /** git: HEAD's tree still holds this blob (at `headPath`), so the secret is still checked out. */
  inHead?: boolean;
  /** git: where HEAD holds the blob, when inHead; differs from `path` after a rename. */
  headPath?: string;
  /** git: refs (full names) whose tip tree holds the same blob, at any path. */
  refs?: string[];
}

/** A span of content handed to the detector. */
export interface Fragment {
  text: string;
  provenance: Provenance;
  /** 0-based line number of the first character of `text` within the whole file. */
  lineBase: number;
  /** Character offset of `text` within the whole file. */
  offsetBase: number;
  /** Characters of the first line that precede `text` (non-zero when a huge line was cut into chunks). */
  columnBase: number;
}

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units (SARIF's default column kind). */
  column: number;
}

/** A detected secret, as the detector produces it. Holds the secret: never hand it to a reporter. */
export interface Finding {
  ruleId: string;
  title: string;
  provider: string;
  severity: Severity;
  confidence: Confidence;
  validation: Validation;
  /** Why the confidence is what it is, for `--explain`. */
  reasons: string[];
  message: string;
  path: string;
  provenance: Provenance;
  start: Position;
  end: Position;
  /** Character offset of the secret within the whole file. */
  offset: number;
  secret: string;
  /** Characters of the secret that may be shown (known literal prefix). */
  revealPrefix: number;
  /** Encodings peeled off to reach the secret, outermost first. */
  decodedFrom: string[];
  /** The variable or key the secret is assigned to, when the rule captures it. */
  variable?: string;
  /** The other half of a paired credential, found near the secret (its value stays in memory, like the secret). */
  pair?: PairPart & { value: string };
  /** Set when the secret sits in a variable that bundlers ship to browsers. */
  exposure?: { variable: string; prefix: string };
  tags: string[];
  /** The source line holding the secret, for code frames; masked before reporting. */
  lineText: string;
}

/** Where the other half of a paired credential was found. */
export interface PairPart {
  name: string;
  /** The rule that also matched the other half on its own, if any (its finding is merged into this one). */
  ruleId?: string;
  start: Position;
  end: Position;
}

/** A finding as reporters see it: redacted unless the user opted in to seeing secrets. */
export interface ReportedFinding extends Omit<Finding, 'secret' | 'revealPrefix' | 'lineText' | 'pair'> {
  pair?: PairPart & { redacted: string; value?: string };
  /** Present only with --show-secrets. */
  secret?: string;
  redacted: string;
  /** Content-stable id: hash of rule id and secret, independent of location. */
  fingerprint: string;
  /** The source line with the secret masked (or shown, with --show-secrets); cut to a readable width. */
  snippet: string;
}

export type NoticeKind =
  | 'binary'
  | 'too-large'
  | 'unreadable'
  | 'not-found'
  | 'ignored-root'
  | 'special-file'
  | 'symlink'
  | 'invalid-utf8'
  | 'timeout'
  | 'rule'
  | 'decode-limit'
  | 'unmerged'
  | 'submodule'
  | 'preexisting'
  | 'git'
  | 'lfs-pointer';

/** Something the scan wants the user to know about: nothing is skipped silently. */
export interface Notice {
  kind: NoticeKind;
  path?: string;
  message: string;
  /** 'warning' notices are shown by default; 'info' ones with --verbose and in the summary counts. */
  level: 'warning' | 'info';
}

export interface ScanStats {
  files: number;
  bytes: number;
  skipped: number;
  findings: number;
  durationMs: number;
}
