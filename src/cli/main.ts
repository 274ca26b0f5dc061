import { rulesTest } from '../commands/rules-test.js';

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'rules' && argv[1] === 'test') return rulesTest({ files: argv.slice(2), write: (l) => console.log(l) });
  return 2;
}
