import { join } from 'node:path';
import { isAlive, startManaged, type ManagedProcess } from '../managed-process.js';
import { waitForPort } from '../ports.js';

/**
 * One nats-server of the national shape (a hub node or a site's leaf), started from a generated
 * config file, that can be killed and started again on the same ports and store (`simpul hub
 * restart <node>`, the fault suite).
 */
export class NatsNode {
  private process: ManagedProcess | undefined;

  constructor(
    readonly name: string,
    private readonly binary: string,
    private readonly configFile: string,
    private readonly dir: string,
    readonly clientPort: number,
    readonly monitorPort: number,
  ) {}

  get pid(): number {
    return this.process?.pid ?? 0;
  }

  get monitorUrl(): string {
    return `http://127.0.0.1:${this.monitorPort}`;
  }

  isRunning(): boolean {
    return this.process !== undefined && isAlive(this.process.pid);
  }

  /** Starts the process and waits until its client port accepts connections. */
  async start(): Promise<void> {
    if (this.isRunning()) return;
    this.process = startManaged(this.name, this.binary, ['-c', this.configFile], {
      logFile: join(this.dir, `${this.name}.log`),
      pidFile: join(this.dir, `${this.name}.pid`),
    });
    await waitForPort(this.clientPort);
  }

  /** Sends `signal` (SIGKILL: a crash) and waits until the process is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const pid = this.process?.pid;
    if (pid === undefined) return;
    if (isAlive(pid)) process.kill(pid, signal);
    await this.process!.stop(signal === 'SIGKILL' ? 0 : 3000);
  }

  /** Freezes (SIGSTOP) or thaws (SIGCONT) the process: connections stay open, nothing answers. */
  pause(): void {
    if (this.isRunning()) process.kill(this.pid, 'SIGSTOP');
  }

  resume(): void {
    if (this.isRunning()) process.kill(this.pid, 'SIGCONT');
  }

  async stop(graceMs = 3000): Promise<void> {
    this.resume();
    await this.process?.stop(graceMs);
  }

  /** The JetStream health of this server (`/healthz?js-enabled-only=true` answers 200). */
  async jetStreamHealthy(): Promise<boolean> {
    try {
      const response = await fetch(`${this.monitorUrl}/healthz?js-enabled-only=true`, {
        signal: AbortSignal.timeout(1000),
      });
      return response.status === 200;
    } catch {
      return false;
    }
  }

  /** The meta leader this server knows of (`/jsz` meta_cluster.leader), or undefined. */
  async metaLeader(): Promise<string | undefined> {
    try {
      const response = await fetch(`${this.monitorUrl}/jsz`, { signal: AbortSignal.timeout(1000) });
      const body = (await response.json()) as { meta_cluster?: { leader?: string } };
      return body.meta_cluster?.leader || undefined;
    } catch {
      return undefined;
    }
  }
}

/** Waits until every node in `nodes` is JetStream-healthy and they agree on a meta leader. */
export async function waitForCluster(nodes: NatsNode[], timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const running = nodes.filter((n) => n.isRunning());
    const leaders = await Promise.all(running.map((n) => n.metaLeader()));
    const healthy = await Promise.all(running.map((n) => n.jetStreamHealthy()));
    const leader = leaders[0];
    if (leader && leaders.every((l) => l === leader) && healthy.every(Boolean)) return leader;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the hub has no JetStream meta leader after ${timeoutMs / 1000} s`);
}

/** Waits until a single server (a leaf) answers JetStream health checks. */
export async function waitForJetStream(node: NatsNode, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await node.jetStreamHealthy()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${node.name} has no JetStream after ${timeoutMs / 1000} s`);
}

/** Waits until a leaf's link to the hub is up (`/leafz` counts one leaf-node connection). */
export async function waitForLeafLink(node: NatsNode, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${node.monitorUrl}/leafz`, { signal: AbortSignal.timeout(1000) });
      if (((await response.json()) as { leafnodes?: number }).leafnodes === 1) return;
    } catch {
      // not answering yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${node.name} has no link to the hub after ${timeoutMs / 1000} s`);
}
