import { createServer, connect, type Server, type Socket } from 'node:net';

export type LinkState = 'up' | 'down';

/**
 * The network between one site's leaf node and the hub, on one machine: a TCP relay per hub node
 * that the operator can cut (`simpul site link <site> down|up`). The leaf dials the relay's ports,
 * never the hub's leaf ports, so cutting the relay is a real outage for that site alone: open
 * connections are destroyed and new ones are closed as soon as they arrive, as a dead link would
 * drop them. (The hub must not advertise an address the leaf could use instead: see national-stack.)
 */
export class SiteLink {
  private state: LinkState = 'up';
  private readonly sockets = new Set<Socket>();

  private constructor(
    readonly site: string,
    private readonly servers: Server[],
    /** The relay's listening port for each hub node, in the order of the targets. */
    readonly ports: number[],
  ) {}

  /** Opens one relay port per target (`host:port` of each hub node's leaf-node listener). */
  static async open(site: string, targets: Array<{ host: string; port: number }>): Promise<SiteLink> {
    const servers: Server[] = [];
    const ports: number[] = [];
    const link = new SiteLink(site, servers, ports);
    for (const target of targets) {
      const server = createServer((client) => link.relay(client, target));
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('relay has no TCP address');
      servers.push(server);
      ports.push(address.port);
    }
    return link;
  }

  get link(): LinkState {
    return this.state;
  }

  /** Cuts the link: every open connection is destroyed, new ones are dropped until up(). */
  down(): void {
    this.state = 'down';
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  up(): void {
    this.state = 'up';
  }

  /** Stops listening and drops every connection. */
  async close(): Promise<void> {
    this.down();
    await Promise.all(this.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }

  private relay(client: Socket, target: { host: string; port: number }): void {
    if (this.state === 'down') {
      client.destroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.setNoDelay(true);
      // Either side ending or failing ends both, like a broken link; errors are the link's own business.
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
