import { describeError } from '@simpul/bus';
import { connectOperator, formatTailEntry, resolveKeyRegistry, tailSubject } from '@simpul/bus/operator';

const USAGE = 'usage: simpul tail <subject> [--count <n>] [--json]';

/**
 * `simpul tail <subject>`: prints live events on a subject (wildcards allowed), pretty-printed,
 * with their signature status against the key registry (`SIMPUL_KEY_REGISTRY` or
 * `.simpul/keys/registry.json`). Runs until Ctrl-C, or until `--count` messages. Shows event
 * bodies, which hold personal data: an operator's terminal, never a log file.
 */
export async function run(args: string[]): Promise<number> {
  const subject = args[0];
  let max: number | undefined;
  let json = false;
  for (let i = 1; i < args.length; i++) {
    if (args[i] === '--count' && /^\d+$/.test(args[i + 1] ?? '')) max = Number(args[++i]);
    else if (args[i] === '--json') json = true;
    else return subjectInvalid();
  }
  if (!subject || subject.startsWith('-') || /\s/.test(subject)) return subjectInvalid();

  let connection;
  try {
    connection = await connectOperator(process.env, { name: 'simpul-cli-tail' });
  } catch (error) {
    console.error(`simpul: ${describeError(error).message}`);
    return 1;
  }
  const keys = resolveKeyRegistry(process.env);
  if (!keys) console.error('simpul: no key registry found: signatures are not checked');
  const abort = new AbortController();
  const stop = (): void => abort.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    if (!json) console.error(`tailing ${subject} on ${connection.nc.getServer()} (Ctrl-C to stop)`);
    await tailSubject(connection.nc, subject, {
      keys,
      max,
      signal: abort.signal,
      onEntry: (entry) =>
        console.log(
          json
            ? JSON.stringify({
                subject: entry.subject,
                signature: entry.signature,
                keyId: entry.keyId,
                event: entry.event,
              })
            : formatTailEntry(entry) + '\n',
        ),
    });
    return 0;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await connection.drain();
  }
}

function subjectInvalid(): number {
  console.error(USAGE);
  return 2;
}
