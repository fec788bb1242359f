import {
  dropOutbox,
  listOutbox,
  retryOutbox,
  type OutboxQuery,
  type OutboxSelection,
} from '@simpul/bus/operator';
import pg from 'pg';

const USAGE = [
  'usage: simpul outbox list [--failed | --pending] [--limit <n>] [--json] [--database-url <url>]',
  '       simpul outbox retry <row id>... | --all-failed [--database-url <url>]',
  '       simpul outbox drop <row id>... | --all-failed [--database-url <url>]',
  '  --database-url  default: $DATABASE_URL (one service database: police, ministry or immigration)',
].join('\n');

/**
 * `simpul outbox list|retry|drop`: the outbox's dead-letter path. The relay sets a row aside as
 * `failed` when it could not publish it after its attempt limit (a subject no stream takes, a
 * revoked permission); `list` shows rows with their attempts and last error (ids, types,
 * subjects: never bodies), `retry` puts failed rows back in line once the cause is fixed, `drop`
 * deletes them for good. Exit 0; 1 when retry/drop matched no failed row or the database failed;
 * 2 on bad usage.
 */
export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const parsed = parseArgs(sub, rest);
  if (typeof parsed === 'string') {
    console.error(`simpul outbox: ${parsed}\n${USAGE}`);
    return 2;
  }
  const url = parsed.databaseUrl ?? process.env.DATABASE_URL;
  if (!url) {
    console.error(`simpul outbox: no database: pass --database-url or set DATABASE_URL\n${USAGE}`);
    return 2;
  }
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    // The URL may carry a password: name the failure only.
    console.error(`simpul outbox: cannot connect to the database (${codeOf(error)})`);
    return 1;
  }
  const query: OutboxQuery = async (sql, params) => (await client.query(sql, params)).rows;
  try {
    if (parsed.command === 'list') {
      const rows = await listOutbox(query, { status: parsed.status, limit: parsed.limit });
      if (parsed.json) {
        for (const r of rows) console.log(JSON.stringify(r));
      } else if (rows.length === 0) {
        console.log('outbox empty');
      } else {
        console.log(['ID', 'STATUS', 'ATTEMPTS', 'TYPE', 'EVENT ID', 'SUBJECT', 'CREATED'].join('\t'));
        for (const r of rows) {
          console.log([r.id, r.status, r.attempts, r.type, r.eventId, r.subject, r.createdAt].join('\t'));
          if (r.lastError) console.log(`\t${r.lastError}`);
        }
      }
      return 0;
    }
    const act = parsed.command === 'retry' ? retryOutbox : dropOutbox;
    const changed = await act(query, parsed.selection);
    for (const id of changed) console.log(`${parsed.command === 'retry' ? 'retried' : 'dropped'}\trow ${id}`);
    if (changed.length === 0) {
      console.error(`simpul outbox ${parsed.command}: no failed row matches`);
      return 1;
    }
    return 0;
  } catch (error) {
    console.error(`simpul outbox: database error (${codeOf(error)})`);
    return 1;
  } finally {
    await client.end();
  }
}

type Parsed =
  | { command: 'list'; status?: 'pending' | 'failed'; limit?: number; json: boolean; databaseUrl?: string }
  | { command: 'retry' | 'drop'; selection: OutboxSelection; databaseUrl?: string };

/** The parsed command, or a sentence naming the argument and the rule it breaks. */
function parseArgs(sub: string | undefined, args: string[]): Parsed | string {
  if (sub !== 'list' && sub !== 'retry' && sub !== 'drop') return 'expected list, retry or drop';
  let databaseUrl: string | undefined;
  let status: 'pending' | 'failed' | undefined;
  let limit: number | undefined;
  let json = false;
  let allFailed = false;
  const ids: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--database-url') {
      databaseUrl = args[++i];
      if (!databaseUrl) return '--database-url needs a value';
    } else if (sub === 'list' && (arg === '--failed' || arg === '--pending')) {
      if (status) return 'give at most one of --failed and --pending';
      status = arg === '--failed' ? 'failed' : 'pending';
    } else if (sub === 'list' && arg === '--limit') {
      const value = args[++i];
      if (!value || !/^[1-9]\d{0,5}$/.test(value)) return '--limit must be a whole number from 1 to 999999';
      limit = Number(value);
    } else if (sub === 'list' && arg === '--json') {
      json = true;
    } else if (sub !== 'list' && arg === '--all-failed') {
      allFailed = true;
    } else if (sub !== 'list' && /^[1-9]\d{0,18}$/.test(arg)) {
      ids.push(arg);
    } else if (sub !== 'list' && !arg.startsWith('--')) {
      return 'a row id must be a positive whole number (the ID column of simpul outbox list)';
    } else {
      return `unknown option for ${sub}`;
    }
  }
  if (sub === 'list') return { command: 'list', status, limit, json, databaseUrl };
  if (allFailed === ids.length > 0) return `${sub} needs row ids or --all-failed (not both)`;
  return { command: sub, selection: allFailed ? { allFailed: true } : { ids }, databaseUrl };
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'error';
}
