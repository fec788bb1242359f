import { createServer } from 'node:net';

/**
 * Ports this process has already handed out. The OS may give a just-closed port again before its
 * first taker has bound it (a stack picks twenty ports before it starts anything), so two callers
 * could be told the same port; one of them would then answer on the other's behalf.
 */
const handedOut = new Set<number>();

function portTheOsPicks(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it), never one this process was given before. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await portTheOsPicks();
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    return port;
  }
}
