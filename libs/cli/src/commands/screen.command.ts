import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { WatchlistIndex, loadWatchlist, screenLines } from '@simpul/screening';

/**
 * `simpul screen --watchlist <entries.jsonl> --travelers <travelers.jsonl> [--now <ISO instant>]`:
 * offline batch screening (docs/contract.md §7, §10). Watchlist lines are `ministry.watchlist.entry.issued.v1`
 * data objects; traveller lines are `{ "travelerId", ...Person }`. Prints one JSON decision a line,
 * `{ "travelerId", "decision", "matches": [{ "entryId", "score", "reasons" }] }`, exactly one per
 * traveller line in input order (a line that cannot be screened gets `"decision": "refer"` and an
 * `error` naming fields, never values; see libs/screening batch/screen-batch.ts). Skipped watchlist
 * lines and a summary go to stderr. `--now` fixes the screening instant (default: now), for
 * reproducible runs. Exit 0 unless a file cannot be read (2) or the arguments are wrong (2).
 */
export async function run(args: string[]): Promise<number> {
  const options = parseArgs(args);
  if (typeof options === 'string') {
    console.error(
      `simpul screen: ${options}\nusage: simpul screen --watchlist <entries.jsonl> --travelers <travelers.jsonl> [--now <ISO instant>]`,
    );
    return 2;
  }
  const index = new WatchlistIndex();
  let screened = 0;
  let reading = options.watchlist;
  try {
    const load = await loadWatchlist(index, lines(options.watchlist));
    for (const s of load.skipped) {
      console.error(
        `simpul screen: watchlist line ${s.line} skipped: ${s.problems.map((p) => `${p.field} (${p.rule})`).join(', ')}`,
      );
    }
    reading = options.travelers;
    for await (const decision of screenLines(index, lines(options.travelers), options.now)) {
      if (!process.stdout.write(`${JSON.stringify(decision)}\n`)) await once(process.stdout, 'drain');
      screened++;
    }
    console.error(
      `simpul screen: ${screened} travellers screened against ${load.loaded} entries (${load.skipped.length} watchlist lines skipped)`,
    );
    return 0;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    console.error(`simpul screen: cannot read ${reading}: ${code}`);
    return 2;
  }
}

/** The lines of a file; a read error (missing file, directory) ends the iteration by throwing it. */
async function* lines(path: string): AsyncGenerator<string> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const reader = createInterface({ input, crlfDelay: Infinity });
  let failure: Error | undefined;
  // readline does not forward its input's errors: keep the error, stop reading, throw it after
  input.on('error', (error) => {
    failure = error;
    reader.close();
  });
  for await (const line of reader) yield line;
  if (failure) throw failure;
}

function parseArgs(args: string[]): { watchlist: string; travelers: string; now: Date } | string {
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i];
    if (!['--watchlist', '--travelers', '--now'].includes(flag)) return `unknown argument '${flag}'`;
    if (args[i + 1] === undefined) return `${flag} needs a value`;
    values[flag] = args[i + 1];
  }
  if (!values['--watchlist'] || !values['--travelers']) return '--watchlist and --travelers are required';
  const now = values['--now'] === undefined ? new Date() : new Date(values['--now']);
  if (Number.isNaN(now.getTime())) return '--now is not an ISO 8601 instant';
  return { watchlist: values['--watchlist'], travelers: values['--travelers'], now };
}
