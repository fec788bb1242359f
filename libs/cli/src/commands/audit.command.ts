import { describeProblem, verifyAuditChain, type AuditQuery } from '@simpul/audit';
import pg from 'pg';

const USAGE = [
  'usage: simpul audit verify [--database-url <postgres url>] [--anchor <position>:<hash>] [--json]',
  '  --database-url  default: $DATABASE_URL (one service database: police, ministry or immigration)',
  '  --anchor        a head recorded earlier, outside the database: it must still be in the chain',
].join('\n');

/**
 * `simpul audit verify`: walks a service's audit_log in position order (keyset pages) and prints
 * one line per break (`position 42: modified`), exit 1; or `audit chain intact: N records, head
 * <position>:<hash>`, exit 0. Record the printed head outside the database: the chain is a plain
 * SHA-256 chain, so only a head kept elsewhere exposes a rewritten or cut-off tail (`--anchor`).
 * Exit 2 on bad usage or when the database cannot be read. Never prints record contents.
 */
export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const options = parseOptions(rest);
  if (sub !== 'verify' || !options) {
    console.error(USAGE);
    return 2;
  }
  const url = options.databaseUrl ?? process.env.DATABASE_URL;
  if (!url) {
    console.error(`simpul audit verify: no database: pass --database-url or set DATABASE_URL\n${USAGE}`);
    return 2;
  }
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    // The URL may carry a password: name the failure only.
    console.error(`simpul audit verify: cannot connect to the database (${codeOf(error)})`);
    return 2;
  }
  try {
    const query: AuditQuery = async (sql, params) => (await client.query(sql, params)).rows;
    const result = await verifyAuditChain(query);
    const lines = result.problems.map(describeProblem);
    if (result.truncated)
      lines.push(`(more problems than shown: the first ${result.problems.length} are listed)`);
    if (options.anchor) {
      const rows = await query('SELECT hash FROM audit_log WHERE position = $1', [options.anchor.position]);
      if (rows[0]?.['hash'] !== options.anchor.hash)
        lines.push(
          `position ${options.anchor.position}: anchor mismatch (the recorded head is no longer in the chain)`,
        );
    }
    const head = result.head ? `${result.head.position}:${result.head.hash}` : 'none';
    if (options.json) {
      console.log(
        JSON.stringify({
          intact: lines.length === 0,
          records: result.records,
          head: result.head,
          problems: lines,
        }),
      );
    } else if (lines.length === 0) {
      console.log(`audit chain intact: ${result.records} records, head ${head}`);
    } else {
      for (const line of lines) console.log(line);
      console.error(`audit chain broken: ${lines.length} problem(s) in ${result.records} records`);
    }
    return lines.length === 0 ? 0 : 1;
  } catch (error) {
    console.error(`simpul audit verify: cannot read audit_log (${codeOf(error)})`);
    return 2;
  } finally {
    await client.end();
  }
}

interface Options {
  databaseUrl?: string;
  anchor?: { position: number; hash: string };
  json: boolean;
}

function parseOptions(args: string[]): Options | undefined {
  const options: Options = { json: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') options.json = true;
    else if (arg === '--database-url' && args[i + 1]) options.databaseUrl = args[++i];
    else if (arg === '--anchor' && args[i + 1]) {
      const match = /^(\d+):([0-9a-f]{64})$/.exec(args[++i]!);
      if (!match) return undefined;
      options.anchor = { position: Number(match[1]), hash: match[2]! };
    } else return undefined;
  }
  return options;
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'error';
}
