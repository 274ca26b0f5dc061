/** JS has no inline flags before Node 23; a leading `(?i)` (as in Go and PCRE) becomes the `i` flag. */
export function splitFlags(source: string): { source: string; flags: string } {
  return source.startsWith('(?i)') ? { source: source.slice(4), flags: 'i' } : { source, flags: '' };
}

/** Compiles a rule or allowlist regex; the error names the field so a rule author can find it. */
export function compileRegex(source: string, field: string, extraFlags = ''): RegExp {
  const { source: body, flags } = splitFlags(source);
  try {
    return new RegExp(body, flags + extraFlags);
  } catch (e) {
    throw new Error(`\`${field}\` is not a valid JavaScript regex: ${(e as Error).message}`);
  }
}
