import { readFileSync } from 'node:fs';
import type { Json } from '../demo/api-calls.js';

/** Where the workload sends its requests: the public HTTP APIs only. */
export interface WorkloadTargets {
  police: string;
  ministry: string;
  /** Immigration URL of each site. */
  immigration: Record<string, string>;
  /** Site of each checkpoint the workload screens at. */
  siteOf: Record<string, string>;
  tokensFile: string;
}

/** An event a service answered 201 for: it is in that service's ledger, or the service lost it. */
export interface CommittedEvent {
  /** The producing process: police, ministry, immigration-<site>. */
  producer: string;
  eventId: string;
  type: string;
}

/** What the workload did and what it therefore expects the system to hold. */
export interface WorkloadRecord {
  events: CommittedEvent[];
  /** Sum of candidateCount over the interceptions recorded. */
  candidatesPrevented: number;
  /** Outcomes recorded as departure_delayed (each one prevented departure). */
  delays: number;
  screenings: { clear: number; refer: number; deny: number };
  requests: number;
  /** Attempts beyond the first (network errors, 5xx, timeouts). */
  retries: number;
  /** Requests that got no definitive answer within the bound, or an answer the workload did not expect. */
  failures: string[];
}

interface Person {
  fullName: string;
  nik: string;
  dateOfBirth: string;
  sex: 'M' | 'F';
  passportNumber?: string;
}

const POLDAS = ['riau', 'kepri', 'kalbar', 'jatim'] as const;
const EXIT: Record<string, string> = {
  riau: 'dumai',
  kepri: 'batam-center',
  kalbar: 'entikong',
  jatim: 'juanda',
};
const GIVEN = ['Agus', 'Siti', 'Budi', 'Dewi', 'Hendra', 'Rina', 'Wahyu', 'Putri', 'Fajar', 'Ayu'];
const FAMILY = ['Saputra', 'Siregar', 'Nasution', 'Lubis', 'Harahap', 'Pratama', 'Wijaya', 'Hasibuan'];
/** Screenings wait at most this long for a definitive answer before the workload gives up on one. */
const GIVE_UP_MS = 240_000;
const ATTEMPT_TIMEOUT_MS = 8_000;

/** A small deterministic PRNG (mulberry32): the same seed, the same workload. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Definitive extends Error {
  constructor(
    readonly status: number,
    readonly body: Json,
  ) {
    super(`HTTP ${status} ${String(body.code ?? '')}`);
  }
}

/**
 * The fault suite's workload over the public HTTP APIs: arrests and interceptions with candidates
 * from several Polda, screenings at checkpoints of every site (travellers on the watchlist among
 * them), their outcomes, and desk watchlist entries. Every request is retried with the same
 * `Idempotency-Key` and the same body until it gets a definitive answer (2xx or 4xx); each 201's
 * event id is recorded as committed by its producer. Invented people only.
 */
export class Workload {
  readonly record: WorkloadRecord = {
    events: [],
    candidatesPrevented: 0,
    delays: 0,
    screenings: { clear: 0, refer: 0, deny: 0 },
    requests: 0,
    retries: 0,
    failures: [],
  };
  private readonly tokens: Record<string, string>;
  private readonly random: () => number;
  /** People the workload put on the watchlist (via police reports or the desk). */
  private readonly watchlisted: Person[] = [];
  private serial = 0;
  private keys = 0;
  /** Called right after each 201 with an event id, before anything else (the fault suite kills the producer there). */
  onCommitted: ((producer: string) => void) | undefined;

  constructor(
    private readonly targets: WorkloadTargets,
    private readonly runId: string,
    seed = 1,
  ) {
    this.tokens = JSON.parse(readFileSync(targets.tokensFile, 'utf8')) as Record<string, string>;
    this.random = prng(seed);
  }

  get checkpoints(): string[] {
    return Object.keys(this.targets.siteOf);
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  /** A new invented person with a structurally valid NIK agreeing with the birth date and sex. */
  private person(withPassport = false): Person {
    const n = ++this.serial;
    const sex = n % 2 === 0 ? 'F' : 'M';
    const year = 1970 + (n % 30);
    const month = String((n % 12) + 1).padStart(2, '0');
    const day = (n % 28) + 1;
    const dd = String(day + (sex === 'F' ? 40 : 0)).padStart(2, '0');
    const nik = `147201${dd}${month}${String(year).slice(2)}${String((n % 9999) + 1).padStart(4, '0')}`;
    return {
      fullName: `${this.pick(GIVEN)} ${this.pick(FAMILY)} Chaos${this.runId}x${n}`,
      nik,
      dateOfBirth: `${year}-${month}-${String(day).padStart(2, '0')}`,
      sex,
      ...(withPassport ? { passportNumber: `C${String(1_000_000 + n).slice(-7)}` } : {}),
    };
  }

  /**
   * POSTs (or GETs) until a definitive answer: 2xx returns the body; 4xx throws Definitive; network
   * errors, timeouts and 5xx are retried with the same key and body, with backoff, up to GIVE_UP_MS.
   */
  async send(
    base: string,
    unit: string,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<Json> {
    const key = method === 'POST' ? `chaos-${this.runId}-${++this.keys}` : undefined;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const deadline = Date.now() + GIVE_UP_MS;
    this.record.requests += 1;
    let delay = 200;
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) this.record.retries += 1;
      let lastProblem: string;
      try {
        const res = await fetch(`${base}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${this.tokens[unit]}`,
            'content-type': 'application/json',
            'simpul-official': 'chaos workload',
            'simpul-purpose': 'case_handling',
            ...(key ? { 'idempotency-key': key } : {}),
          },
          body: payload,
          signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        });
        const json = (await res.json().catch(() => ({}))) as Json;
        if (res.status < 400) return json;
        if (res.status < 500 && res.status !== 408 && res.status !== 429)
          throw new Definitive(res.status, json);
        lastProblem = `HTTP ${res.status}`;
      } catch (error) {
        if (error instanceof Definitive) throw error;
        lastProblem = error instanceof Error ? error.name : 'error';
      }
      if (Date.now() > deadline)
        throw new Error(`${method} ${path} as ${unit}: no definitive answer (${lastProblem})`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 2000);
    }
  }

  private committed(producer: string, answer: Json, type: string): void {
    this.onCommitted?.(producer);
    if (typeof answer.eventId === 'string')
      this.record.events.push({ producer, eventId: answer.eventId, type });
    else this.record.failures.push(`${type}: the 201 carried no event id`);
  }

  /** Runs one operation, recording a failure instead of throwing. */
  private async guarded(what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.record.failures.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** An arrest of 2-3 suspects (one at large: a dpo entry) reported by `polda`. */
  arrest(polda: string = this.pick(POLDAS)): Promise<void> {
    return this.guarded('arrest', async () => {
      const suspects = Array.from({ length: 2 + Math.floor(this.random() * 2) }, (_, i) => ({
        person: this.person(i === 0),
        status: i === 0 ? 'at_large' : 'detained',
        role: i === 0 ? 'broker' : 'transporter',
      }));
      const n = ++this.serial;
      const answer = await this.send(this.targets.police, `polda:${polda}`, 'POST', '/v1/arrests', {
        reportNumber: `LP/B/${this.runId}-${n}/XII/2026/SPKT/POLDA ${polda.toUpperCase()}`,
        polda,
        occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        location: { name: 'Pelabuhan', regency: 'Kota', province: 'Provinsi' },
        suspects,
        legalBasis: ['UU 21/2007 Pasal 4'],
      });
      this.committed('police', answer, 'police.arrest.recorded.v1');
      this.watchlisted.push(...suspects.map((s) => s.person));
    });
  }

  /** A foiled departure of 2-4 candidates through the Polda's usual exit. */
  interception(polda: string = this.pick(POLDAS)): Promise<void> {
    return this.guarded('interception', async () => {
      const count = 2 + Math.floor(this.random() * 3);
      const candidates = Array.from({ length: count }, () => ({ person: this.person() }));
      const answer = await this.send(this.targets.police, `polda:${polda}`, 'POST', '/v1/interceptions', {
        polda,
        occurredAt: new Date(Date.now() - 7_200_000).toISOString(),
        location: { name: 'Pelabuhan tikus', regency: 'Kota', province: 'Provinsi' },
        route: { exitPoint: EXIT[polda], destinationCountry: 'MYS' },
        candidates,
        candidateCount: count,
      });
      this.committed('police', answer, 'police.departure.foiled.v1');
      this.record.candidatesPrevented += count;
      this.watchlisted.push(...candidates.map((c) => c.person));
    });
  }

  /** A desk cegah entry on a new person. */
  deskEntry(): Promise<void> {
    return this.guarded('watchlist entry', async () => {
      const person = this.person(true);
      const n = ++this.serial;
      const answer = await this.send(this.targets.ministry, 'ministry:desk', 'POST', '/v1/watchlist', {
        legalType: 'cegah',
        action: 'deny_departure',
        person,
        reason: 'Cegah on request of the investigators.',
        issuedBy: 'Direktur Jenderal Imigrasi',
        decisionNumber: `KEP-CGH-${this.runId}-${n}/2026`,
        validFrom: new Date(Date.now() - 60_000).toISOString(),
        validUntil: new Date(Date.now() + 120 * 86_400_000).toISOString(),
      });
      this.committed('ministry', answer, 'ministry.watchlist.entry.issued.v1');
      this.watchlisted.push(person);
    });
  }

  /**
   * Screens a traveller at `checkpoint` (someone the workload put on the watchlist, or a new person),
   * then records an outcome: a match is mostly delayed, a clear traveller mostly cleared.
   */
  screening(
    checkpoint: string = this.pick(this.checkpoints),
    watchlisted = this.random() < 0.6,
  ): Promise<void> {
    return this.guarded(`screening at ${checkpoint}`, async () => {
      const site = this.targets.siteOf[checkpoint]!;
      const base = this.targets.immigration[site]!;
      const unit = `checkpoint:${checkpoint}`;
      const traveler =
        watchlisted && this.watchlisted.length > 0 ? this.pick(this.watchlisted) : this.person();
      const screening = await this.send(base, unit, 'POST', '/v1/screenings', {
        checkpoint,
        traveler,
        travel: { destinationCountry: 'MYS', statedPurpose: 'tourism' },
      });
      const decision = String(screening.decision) as keyof WorkloadRecord['screenings'];
      if (decision in this.record.screenings) this.record.screenings[decision] += 1;
      const delay = decision === 'clear' ? this.random() < 0.2 : this.random() < 0.7;
      // A retry after a lost 201 gets the first result (Idempotency-Key), never OUTCOME_ALREADY_RECORDED.
      const outcome = await this.send(base, unit, 'POST', `/v1/screenings/${screening.screeningId}/outcome`, {
        outcome: delay ? 'departure_delayed' : 'cleared',
        officer: 'NIP-198001012005011001',
      });
      if (delay) {
        this.record.delays += 1;
        this.committed(`immigration-${site}`, outcome, 'immigration.departure.delayed.v1');
      }
    });
  }

  /** One operation of the mix: mostly screenings, then police reports, then desk entries. */
  async step(): Promise<void> {
    const r = this.random();
    if (r < 0.5) await this.screening();
    else if (r < 0.7) await this.interception();
    else if (r < 0.88) await this.arrest();
    else await this.deskEntry();
  }

  /** Runs `workers` loops of steps, `pauseMs` apart, until `stop()` is true. */
  async runUntil(stop: () => boolean, workers = 2, pauseMs = 150): Promise<void> {
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (!stop()) {
          await this.step();
          await new Promise((resolve) => setTimeout(resolve, pauseMs));
        }
      }),
    );
  }

  /** The ministry's prevented-departure figure: the sum and the event ids over every month. */
  async preventedFigure(): Promise<{ prevented: number; eventIds: string[] }> {
    const stats = await this.send(
      this.targets.ministry,
      'ministry:desk',
      'GET',
      '/v1/stats/prevented-departures?groupBy=month',
    );
    const groups = (stats.groups ?? []) as Json[];
    return {
      prevented: groups.reduce((sum, g) => sum + Number(g.prevented), 0),
      eventIds: groups.flatMap((g) => g.eventIds as string[]),
    };
  }
}
