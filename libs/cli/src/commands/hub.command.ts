import { describeError } from '@simpul/bus';
import { readLocalTopology } from '@simpul/bus/operator';
import { callControl } from './topology-control.js';

const USAGE =
  'usage: simpul hub restart <node>   start a killed hub node again (local national run: hub-1..hub-3)';

/**
 * `simpul hub restart <node>`: asks the launcher of the local national run to start the hub node
 * again (SIGTERM first if it still runs) with its config and store, and waits until it has rejoined
 * the cluster. Exit 0; 1 when refused; 2 on bad usage.
 */
export async function run(args: string[]): Promise<number> {
  const [sub, node, ...rest] = args;
  if (sub !== 'restart' || !node || rest.length > 0) {
    console.error(USAGE);
    return 2;
  }
  try {
    const { topology } = readLocalTopology();
    const refused = await callControl(topology, `/hub/${encodeURIComponent(node)}/restart`);
    if (refused) {
      console.error(`simpul: ${refused}`);
      return 1;
    }
    console.log(`${node}: running and back in the cluster`);
    return 0;
  } catch (error) {
    console.error(`simpul: ${describeError(error).message}`);
    return 1;
  }
}
