import { describeError, formatReconcileReport, KeyRing, Reconciler, type LedgerSession } from '@simpul/bus';
import { connectOperator } from '@simpul/bus/operator';
import pg from 'pg';

const USAGE = [
  'usage: simpul reconcile [--since <ISO 8601 instant | duration: 30m, 6h, 2d>] [--json]',
  '                        [--database-url <url>] [--keys <dir>]',
  "  --since         start of the window (default: the ledger's retention, BUS_LEDGER_RETENTION_HOURS or 24 h)",
  '  --database-url  default: $DATABASE_URL (one service database: police, ministry or immigration)',
  "  --keys          the service's signing keys (registry.json + private/); default: $SIMPUL_KEYS_DIR",
  '  NATS as for the other commands: NATS_URL, NATS_CREDS_FILE (the service unit or the admin), NATS_CA_FILE',
].join('\n');

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * `simpul reconcile`: one reconciler run by hand (docs/contract.md §11), e.g. after a NATS server
 * lost acknowledged events in a power cut. Reads every ledger row of the service database in the
 * window back from its stream by sequence and republishes what is missing or different, signed
 * with the service's keys; prints one report line (counts; the run's log names event ids, never
 * bodies). Waits for nothing: when a service instance is reconciling the same database right now,
 * it says so and exits 1. Exit 0; 1 when a row could not be checked or republished, or on a
 * database or NATS failure; 2 on bad usage.
 */
export async function run(args: string[]): Promise<number> {
  const parsed = parseArgs(args, Date.now());
  if (typeof parsed === 'string') {
    console.error(`simpul reconcile: ${parsed}\n${USAGE}`);
    return 2;
  }
  const url = parsed.databaseUrl ?? process.env.DATABASE_URL;
  const keysDir = parsed.keysDir ?? process.env.SIMPUL_KEYS_DIR;
  const retentionHours = process.env.BUS_LEDGER_RETENTION_HOURS;
  if (!url) return usageError('no database: pass --database-url or set DATABASE_URL');
  if (!keysDir) return usageError('no signing keys: pass --keys or set SIMPUL_KEYS_DIR');
  if (
    retentionHours !== undefined &&
    (!/^[1-9]\d{0,2}$/.test(retentionHours) || Number(retentionHours) > 720)
  ) {
    return usageError('BUS_LEDGER_RETENTION_HOURS must be a whole number of hours from 1 to 720');
  }
  let signer: KeyRing;
  try {
    signer = KeyRing.fromDirectory(keysDir);
  } catch (error) {
    console.error(`simpul reconcile: ${describeError(error).message}`);
    return 1;
  }
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    // The URL may carry a password: name the failure only.
    console.error(`simpul reconcile: cannot connect to the database (${codeOf(error)})`);
    return 1;
  }
  let connection;
  try {
    connection = await connectOperator(process.env, { name: 'simpul-cli-reconcile' });
  } catch (error) {
    await client.end();
    console.error(`simpul reconcile: ${describeError(error).message}`);
    return 1;
  }
  // The command's one client is the run's session; it is closed below, not per run.
  const session: LedgerSession = {
    query: async (sql, params) => (await client.query(sql, params)).rows as Record<string, unknown>[],
    release: async () => undefined,
  };
  const reconciler = new Reconciler({
    session: async () => session,
    connection,
    signer,
    retentionMs: retentionHours ? Number(retentionHours) * 3_600_000 : undefined,
    // The report line is the command's output; the per-event lines go to stderr.
    logger: { log: () => undefined, warn: (m) => console.error(m), error: (m) => console.error(m) },
  });
  try {
    const report = await reconciler.reconcileOnce({ since: parsed.since });
    console.log(parsed.json ? JSON.stringify(report) : formatReconcileReport(report));
    return report.skipped || report.failed > 0 ? 1 : 0;
  } catch (error) {
    const d = describeError(error);
    console.error(`simpul reconcile: ${d.code}: ${d.message}`);
    return 1;
  } finally {
    await connection.drain().catch(() => undefined);
    await client.end();
  }
}

function usageError(message: string): number {
  console.error(`simpul reconcile: ${message}\n${USAGE}`);
  return 2;
}

interface Parsed {
  since?: Date;
  json: boolean;
  databaseUrl?: string;
  keysDir?: string;
}

/** The parsed command, or a sentence naming the argument and the rule it breaks. */
export function parseArgs(args: string[], nowMs: number): Parsed | string {
  const parsed: Parsed = { json: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') {
      parsed.json = true;
    } else if (arg === '--since' || arg === '--database-url' || arg === '--keys') {
      const value = args[++i];
      if (!value) return `${arg} needs a value`;
      if (arg === '--database-url') parsed.databaseUrl = value;
      else if (arg === '--keys') parsed.keysDir = value;
      else {
        const since = parseSince(value, nowMs);
        if (!since)
          return '--since must be an ISO 8601 instant with a zone or a duration such as 30m, 6h, 2d';
        parsed.since = since;
      }
    } else {
      return `unknown argument ${arg.startsWith('--') ? arg : '(reconcile takes options only)'}`;
    }
  }
  return parsed;
}

/** `2026-12-01T06:00:00Z` (a zone is required), or a duration back from now: `90s`, `30m`, `6h`, `2d`. */
export function parseSince(value: string, nowMs: number): Date | undefined {
  const duration = /^([1-9]\d{0,6})([smhd])$/.exec(value);
  if (duration) return new Date(nowMs - Number(duration[1]) * UNIT_MS[duration[2]!]!);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return undefined;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'error';
}
