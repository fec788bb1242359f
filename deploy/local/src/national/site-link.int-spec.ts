import { connect, createServer, type Server, type Socket } from 'node:net';
import { SiteLink } from './site-link.js';

/** An echo server standing in for a hub node's leaf port: real TCP on loopback. */
async function echoServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, port: (server.address() as { port: number }).port };
}

/** Connects through the link and resolves with the first data echoed back, or with 'closed'. */
function roundTrip(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1', () => socket.write(text));
    socket.once('data', (data) => {
      resolve(data.toString());
      socket.destroy();
    });
    socket.once('close', () => resolve('closed'));
    socket.once('error', () => undefined);
  });
}

describe('SiteLink (the cuttable link between a site and the hub)', () => {
  let echo: { server: Server; port: number };
  let link: SiteLink;

  beforeEach(async () => {
    echo = await echoServer();
    link = await SiteLink.open('batam', [{ host: '127.0.0.1', port: echo.port }]);
  });

  afterEach(async () => {
    await link.close();
    await new Promise((resolve) => echo.server.close(resolve));
  });

  it('relays bytes both ways while up', async () => {
    expect(link.link).toBe('up');
    expect(await roundTrip(link.ports[0]!, 'PING')).toBe('PING');
  });

  it('down destroys open connections and drops new ones; up lets them through again', async () => {
    const open = connect(link.ports[0]!, '127.0.0.1');
    await new Promise((resolve) => open.once('connect', resolve));
    const closed = new Promise((resolve) => open.once('close', resolve));
    open.on('error', () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the relay has paired it with the target

    link.down();
    await closed;
    expect(open.destroyed).toBe(true);
    expect(await roundTrip(link.ports[0]!, 'PING')).toBe('closed');

    link.up();
    expect(await roundTrip(link.ports[0]!, 'PONG')).toBe('PONG');
  });
});
