import { describeError, simpulConsumers, simpulStreams } from '@simpul/bus';
import { connectOperator, provisionTopology } from '@simpul/bus/operator';

const USAGE = 'usage: simpul streams provision [--site <site id>]... [--replicas <n>] [--json]';

/**
 * `simpul streams provision`: creates or updates the streams and durable consumers of docs/contract.md §3
 * on the NATS of `NATS_URL` / `.simpul/nats.json`. Idempotent. `--site` adds an immigration
 * deployment's per-site consumers (default `local`). Exit 0, 1 on failure, 2 on bad usage.
 */
export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'provision') {
    console.error(USAGE);
    return 2;
  }
  const sites: string[] = [];
  let replicas = 1;
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--site' && rest[i + 1]) sites.push(rest[++i]!);
    else if (arg === '--replicas' && /^[1-5]$/.test(rest[i + 1] ?? '')) replicas = Number(rest[++i]);
    else if (arg === '--json') json = true;
    else {
      console.error(USAGE);
      return 2;
    }
  }
  let connection;
  try {
    connection = await connectOperator(process.env, { name: 'simpul-cli-streams' });
  } catch (error) {
    console.error(`simpul: ${describeError(error).message}`);
    return 1;
  }
  try {
    const topology = { replicas };
    const report = await provisionTopology(connection.jsm, connection.serverVersion(), {
      streams: simpulStreams(topology),
      consumers: simpulConsumers(sites.length > 0 ? sites : ['local'], topology),
    });
    if (json) {
      console.log(JSON.stringify(report));
    } else {
      console.log(`nats-server ${report.serverVersion ?? '?'}`);
      for (const s of report.streams) console.log(`stream    ${s.name.padEnd(40)} ${s.action}`);
      for (const c of report.consumers)
        console.log(`consumer  ${`${c.stream}/${c.durable}`.padEnd(40)} ${c.action}`);
    }
    return 0;
  } catch (error) {
    const d = describeError(error);
    console.error(`simpul: provisioning failed: ${d.code}: ${d.message}`);
    return 1;
  } finally {
    await connection.drain();
  }
}
