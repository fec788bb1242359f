import { Worker } from 'node:worker_threads';

/** One signature to check: body bytes, base64url signature, base64url raw Ed25519 public key. */
export interface VerifyJob {
  data: Uint8Array;
  signature: string;
  publicKey: string;
}

// Plain JavaScript run with `eval: true`, so the worker needs no file of its own (works the same
// from the TypeScript sources under Jest and from dist/). Public keys are cached as KeyObjects.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
const keys = new Map();
function keyOf(x) {
  let k = keys.get(x);
  if (!k) { k = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' }); keys.set(x, k); }
  return k;
}
parentPort.on('message', ({ id, jobs }) => {
  const results = jobs.map((job) => {
    try {
      const sig = Buffer.from(job.signature, 'base64url');
      return sig.length === 64 && verify(null, job.data, keyOf(job.publicKey), sig);
    } catch { return false; }
  });
  parentPort.postMessage({ id, results });
});
`;

interface Pending {
  worker: Worker;
  resolve: (results: boolean[]) => void;
  reject: (error: Error) => void;
}

/**
 * Ed25519 verification on worker threads. Verifying costs ~70 µs of CPU per event, the largest
 * single cost of consuming; on a worker it overlaps with the database work of the event loop, and
 * a service's HTTP side stays responsive under a burst. Jobs go in batches (one message per
 * batch), round-robin over the workers. A worker that dies fails its pending batches (the runner
 * leaves those messages unacknowledged, so they are redelivered) and is replaced. Workers are
 * unref'ed: they never keep a process alive.
 */
export class VerifierPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  private seq = 0;
  private closed = false;

  constructor(size = 1) {
    for (let i = 0; i < Math.max(1, size); i++) this.workers.push(this.spawn());
  }

  /** True/false per job, in order. */
  verify(jobs: VerifyJob[]): Promise<boolean[]> {
    if (jobs.length === 0) return Promise.resolve([]);
    if (this.closed) return Promise.reject(new Error('verifier pool is closed'));
    const id = ++this.seq;
    const worker = this.workers[this.next++ % this.workers.length]!;
    return new Promise<boolean[]>((resolve, reject) => {
      this.pending.set(id, { worker, resolve, reject });
      worker.postMessage({ id, jobs });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const workers = this.workers.splice(0);
    this.fail(undefined, new Error('verifier pool closed'));
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    worker.on('message', ({ id, results }: { id: number; results: boolean[] }) => {
      const p = this.pending.get(id);
      this.pending.delete(id);
      p?.resolve(results);
    });
    worker.on('error', () => undefined); // 'exit' follows and handles it
    worker.on('exit', () => {
      this.fail(worker, new Error('signature verifier worker exited'));
      const index = this.workers.indexOf(worker);
      if (index >= 0 && !this.closed) this.workers[index] = this.spawn();
    });
    return worker;
  }

  /** Rejects the pending batches of one worker (or of all). */
  private fail(worker: Worker | undefined, error: Error): void {
    for (const [id, p] of this.pending) {
      if (worker && p.worker !== worker) continue;
      this.pending.delete(id);
      p.reject(error);
    }
  }
}
