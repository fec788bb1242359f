import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface TopologyControls {
  setLink(site: string, state: 'up' | 'down'): Promise<void>;
  restartHubNode(node: string): Promise<void>;
}

/** A request the launcher refuses: unknown site or node, unknown action. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The launcher's control endpoint for a local national run, on 127.0.0.1 only, through which
 * `simpul site link <site> down|up` and `simpul hub restart <node>` act on processes the launcher
 * owns (so its SIGTERM still stops everything, restarted nodes included):
 *   POST /sites/<site>/link/down | /sites/<site>/link/up
 *   POST /hub/<node>/restart
 * Answers 204, or a JSON `{ error }` naming what was refused.
 */
export async function startControlServer(
  controls: TopologyControls,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    void handle(controls, request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('control server has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(
  controls: TopologyControls,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const reply = (status: number, body?: unknown) => {
    response.writeHead(status, body ? { 'content-type': 'application/json' } : {});
    response.end(body ? JSON.stringify(body) : undefined);
  };
  try {
    if (request.method !== 'POST') throw new ControlError(405, 'only POST is accepted');
    const path = (request.url ?? '').split('?')[0]!.split('/').filter(Boolean);
    if (
      path.length === 4 &&
      path[0] === 'sites' &&
      path[2] === 'link' &&
      (path[3] === 'up' || path[3] === 'down')
    ) {
      await controls.setLink(decodeURIComponent(path[1]!), path[3]);
    } else if (path.length === 3 && path[0] === 'hub' && path[2] === 'restart') {
      await controls.restartHubNode(decodeURIComponent(path[1]!));
    } else {
      throw new ControlError(404, 'unknown control: POST /sites/<site>/link/up|down or /hub/<node>/restart');
    }
    reply(204);
  } catch (error) {
    if (error instanceof ControlError) reply(error.status, { error: error.message });
    else reply(500, { error: error instanceof Error ? error.message : String(error) });
  }
}
