import { BusError, BusErrorCode, describeError } from '@simpul/bus';
import { join } from 'node:path';
import {
  ADMIN_CREDS_FILE,
  connectOperator,
  readLocalTopology,
  listDeadLetters,
  replayDeadLetters,
  resolveKeyRegistry,
  type DeadLetter,
} from '@simpul/bus/operator';

const USAGE = [
  'usage: simpul deadletters list [--consumer <durable>] [--site <site>] [--json]',
  '       simpul deadletters replay <event id | dead letter seq> [--site <site>] [--keep]',
  '       simpul deadletters replay --all [--consumer <durable>] [--site <site>] [--keep]',
  '  --site  a leaf site of the local national run: its own DEAD_LETTERS, at its leaf node',
].join('\n');

/**
 * `simpul deadletters list|replay`: shows what consumers gave up on (ids, codes, subjects: never
 * event bodies; CONSUMER is the durable whose `deadletter.<durable>` subject holds the letter), and
 * publishes dead letters again, unchanged, once the cause is fixed (docs/contract.md §7, §9).
 * Replay publishes only a body that parses, verifies against the key registry
 * (`SIMPUL_KEY_REGISTRY`, else `.simpul/keys/registry.json`) and goes to the event subject derived
 * from it; every other letter is reported as refused, with the reason, and kept. Replay is harmless
 * twice: JetStream de-duplicates the replay and the inbox skips what was applied. A leaf site's
 * dead letters stay at the site (docs/contract.md §11): `--site <id>` reaches them at its leaf node,
 * as the admin of the local national run. Exit 0; 1 on failure, nothing to replay, or any letter
 * refused; 2 on bad usage.
 */
export async function run(args: string[]): Promise<number> {
  const [sub, ...all] = args;
  const siteAt = all.indexOf('--site');
  const site = siteAt >= 0 ? all[siteAt + 1] : undefined;
  const rest = siteAt >= 0 ? all.filter((_, i) => i !== siteAt && i !== siteAt + 1) : all;
  const flags = new Set(rest.filter((a) => a.startsWith('--') && a !== '--consumer'));
  const consumerAt = rest.indexOf('--consumer');
  const consumer = consumerAt >= 0 ? rest[consumerAt + 1] : undefined;
  const positional = rest.filter((a, i) => !a.startsWith('--') && (consumerAt < 0 || i !== consumerAt + 1));
  const known = new Set(['--json', '--all', '--keep']);
  if ((siteAt >= 0 && !site) || (consumerAt >= 0 && !consumer) || [...flags].some((f) => !known.has(f))) {
    console.error(USAGE);
    return 2;
  }
  let env: Record<string, string | undefined> = process.env;
  if (site) {
    try {
      env = siteOperatorEnv(site);
    } catch (error) {
      console.error(`simpul: ${describeError(error).message}`);
      return 1;
    }
  }
  const withConnection = (work: Work) => withConnectionTo(env, work);
  if (sub === 'list' && positional.length === 0 && !flags.has('--all') && !flags.has('--keep')) {
    return withConnection(async (connection) => {
      const letters = await listDeadLetters(connection.jsm, { consumer });
      if (flags.has('--json')) {
        for (const l of letters) console.log(JSON.stringify(summary(l)));
      } else if (letters.length === 0) {
        console.log('no dead letters');
      } else {
        console.log(
          ['SEQ', 'TIME', 'CONSUMER', 'CODE', 'TYPE', 'EVENT ID', 'SUBJECT', 'DELIVERIES'].join('\t'),
        );
        for (const l of letters) {
          console.log(
            [
              l.seq,
              l.time,
              l.consumer,
              l.errorCode,
              l.type ?? '-',
              l.eventId ?? '-',
              l.subject,
              l.deliveries,
            ].join('\t'),
          );
          if (l.error) console.log(`\t${l.error}`);
        }
      }
      return 0;
    });
  }
  if (
    sub === 'replay' &&
    (flags.has('--all') ? positional.length === 0 : positional.length === 1) &&
    !flags.has('--json')
  ) {
    const target = flags.has('--all')
      ? 'all'
      : /^\d+$/.test(positional[0]!)
        ? Number(positional[0])
        : positional[0]!;
    const registry = resolveKeyRegistry(process.env);
    if (!registry) {
      console.error(
        'simpul deadletters replay: no key registry to verify dead letters with: set SIMPUL_KEY_REGISTRY',
      );
      return 1;
    }
    return withConnection(async (connection) => {
      const results = await replayDeadLetters(connection, target, {
        registry,
        keep: flags.has('--keep'),
        consumer,
      });
      for (const r of results) {
        if (r.outcome === 'refused') {
          console.log(
            `refused\tseq ${r.seq}\t${r.eventId ?? '-'}\t${r.refusal!.code}: ${r.refusal!.message} (kept)`,
          );
        } else {
          console.log(`${r.outcome}\tseq ${r.seq}\t${r.eventId ?? '-'}\t→ ${r.subject}`);
        }
      }
      return results.some((r) => r.outcome === 'refused') ? 1 : 0;
    });
  }
  console.error(USAGE);
  return 2;
}

function summary(l: DeadLetter): Record<string, unknown> {
  return {
    seq: l.seq,
    time: l.time,
    consumer: l.consumer,
    errorCode: l.errorCode,
    error: l.error,
    type: l.type,
    eventId: l.eventId,
    subject: l.subject,
    stream: l.stream,
    streamSequence: l.streamSequence,
    deliveries: l.deliveries,
  };
}

type Work = (connection: Awaited<ReturnType<typeof connectOperator>>) => Promise<number>;

/** The admin's connection environment for a leaf site of the local national run (topology.json). */
function siteOperatorEnv(site: string): Record<string, string | undefined> {
  const { topology, stateDir } = readLocalTopology();
  const entry = topology.sites.find((s) => s.site === site);
  if (!entry?.leaf) {
    const leaves = topology.sites.filter((s) => s.leaf).map((s) => s.site);
    throw new BusError(
      BusErrorCode.CONFIG_INVALID,
      `site '${site}' has no leaf node of its own (sites with one: ${leaves.join(', ')})`,
    );
  }
  return {
    ...process.env,
    NATS_URL: entry.leaf.url,
    NATS_CA_FILE: topology.ca,
    NATS_CREDS_FILE: join(stateDir, 'creds', ADMIN_CREDS_FILE),
  };
}

async function withConnectionTo(env: Record<string, string | undefined>, work: Work): Promise<number> {
  let connection;
  try {
    connection = await connectOperator(env, { name: 'simpul-cli-deadletters' });
  } catch (error) {
    console.error(`simpul: ${describeError(error).message}`);
    return 1;
  }
  try {
    return await work(connection);
  } catch (error) {
    const d = describeError(error);
    console.error(`simpul: ${d.code}: ${d.message}`);
    return 1;
  } finally {
    await connection.drain();
  }
}
