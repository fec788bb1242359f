import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';

export interface TestNatsServer {
  url: string;
  port: number;
  /** The JetStream store directory (kept across restarts, removed by stop()). */
  storeDir: string;
  /** Stops the server (SIGTERM, then SIGKILL) and removes its store. */
  stop(): Promise<void>;
  /** Sends a signal and waits until the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and store (after kill()). */
  restart(): Promise<void>;
  isRunning(): boolean;
  /** Freezes the process (SIGSTOP): connections stay open but nothing answers, like a hung server. */
  pause(): void;
  /** Thaws it (SIGCONT). */
  resume(): void;
}

export interface StartNatsServerOptions {
  jetstream?: boolean;
  /** Binary; default $NATS_SERVER_BIN, `nats-server` on PATH, else /usr/sbin/nats-server. */
  binary?: string;
  /** Extra command-line arguments. */
  args?: string[];
}

function natsBinary(explicit?: string): string {
  if (explicit) return explicit;
  if (process.env.NATS_SERVER_BIN) return process.env.NATS_SERVER_BIN;
  return existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server';
}

/**
 * A private nats-server for one test file: a free port on 127.0.0.1, its own JetStream store in
 * a temp dir. Streams overlap across Simpul's topology only once per server, so every test file
 * that provisions needs its own. Never touches the shared server on 4222.
 */
export async function startNatsServer(options: StartNatsServerOptions = {}): Promise<TestNatsServer> {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'simpul-nats-'));
  const binary = natsBinary(options.binary);
  const args = [
    '-a',
    '127.0.0.1',
    '-p',
    String(port),
    ...(options.jetstream !== false ? ['-js', '-sd', storeDir] : []),
    ...(options.args ?? []),
  ];
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const launch = async (): Promise<void> => {
    const proc = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child = proc;
    exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    const deadline = Date.now() + 10_000;
    while (!(await acceptsConnections(port))) {
      if (proc.exitCode !== null || Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error(`nats-server did not start on port ${port}: ${stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    // JetStream is ready once the server logged it; the INFO line alone comes earlier.
    const jsDeadline = Date.now() + 10_000;
    while (options.jetstream !== false && !/Server is ready|Listening for client connections/.test(stderr)) {
      if (Date.now() > jsDeadline) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  const kill = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill(signal);
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };

  await launch();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    kill,
    restart: async () => {
      await kill('SIGTERM');
      await launch();
    },
    stop: async () => {
      child?.kill('SIGCONT');
      await kill('SIGTERM');
      rmSync(storeDir, { recursive: true, force: true });
    },
    isRunning: () => !!child && child.exitCode === null && child.signalCode === null,
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
  };
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = netConnect({ host: '127.0.0.1', port });
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('INFO'));
    });
    socket.once('error', () => resolve(false));
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}
