import type { Io } from '../commands/scan.js';
import { writeAtomic } from './output.js';
import { fastCommand } from './fast.js';

export { colorEnabled } from './options.js';

/**
 * Runs the CLI; returns the process exit code. `leakhound staged` (every pre-commit hook) and
 * `leakhound scan` are parsed without loading yargs and the other commands (about 70 ms of a
 * 250 ms pre-commit run); anything they cannot parse on their own (--help, a typo) goes through the
 * full command tree.
 */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const fast = await fastCommand(argv, io);
  if (fast !== undefined) return fast;
  return (await import('./commands.js')).runCommands(argv, io);
}

function processIo(): Io {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    stderrIsTty: process.stderr.isTTY === true,
    writeFile: writeAtomic,
  };
}
