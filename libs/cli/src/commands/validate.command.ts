import { readFile } from 'node:fs/promises';
import { parseEvent } from '@simpul/contracts';

/**
 * `simpul validate <event.json>`: exit 0 and `valid <type>`, or exit 1 and one line per problem
 * naming the field path and the rule (docs/contract.md §7). Exit 2 when the file cannot be read.
 */
export async function run(args: string[]): Promise<number> {
  if (args.length !== 1) {
    console.error('usage: simpul validate <event.json>');
    return 2;
  }
  let raw: Buffer;
  try {
    raw = await readFile(args[0]);
  } catch (error) {
    console.error(`simpul: cannot read ${args[0]}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    return 2;
  }
  const result = parseEvent(raw);
  if (result.ok) {
    console.log(`valid ${result.event.type}`);
    return 0;
  }
  // Each message already reads `<path>: <what is wrong> [<rule>]`.
  for (const problem of result.errors) console.log(problem.message);
  return 1;
}
