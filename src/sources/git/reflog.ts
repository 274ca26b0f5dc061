import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Commits named by reflog entries (`logs/HEAD`, `logs/refs/...`), what `git log --reflog` starts
 * from. Each line is `<old> <new> <ident>\t<message>`; the new id is where the ref moved to.
 */
export function reflogTargets(...gitDirs: string[]): string[] {
  const out = new Set<string>();
  const read = (path: string): void => {
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      const sha = line.split(' ')[1];
      if (sha && /^[0-9a-f]{40}$/.test(sha) && !/^0+$/.test(sha)) out.add(sha);
    }
  };
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.isFile()) read(join(dir, e.name));
    }
  };
  for (const dir of new Set(gitDirs)) {
    const logs = join(dir, 'logs');
    if (existsSync(logs)) walk(logs);
  }
  return [...out];
}
