import { Inject, Injectable } from '@nestjs/common';
import { appendAudit } from '@simpul/audit';
import { OutboxService } from '@simpul/bus';
import { buildEvent, checkpointSource, uuidv7, type Person, type StatedPurpose } from '@simpul/contracts';
import type { MatchEffect, ReasonCode } from '@simpul/screening';
import { IdempotentWriteService, type IdempotencyContext } from '@simpul/http';
import type { EntityManager } from 'typeorm';
import { DelaysService, type DelayElsewhere } from '../../delays/delays.service.js';
import { Clock } from '../../deployment/clock.js';
import { WatchlistReplicaService } from '../../watchlist/watchlist-replica.service.js';
import {
  screeningDecision,
  type Decision,
  type EntryAction,
  type LegalType,
} from '../../watchlist/watchlist-entry.rules.js';
import { IMMIGRATION_PURPOSE } from '../../audit/audit-step.js';

export interface ScreeningRequest {
  checkpoint: string;
  traveler: Person;
  travel?: { destinationCountry?: string; statedPurpose?: StatedPurpose };
}

export interface ScreeningMatchView {
  entryId: string;
  entryVersion: number;
  legalType: LegalType;
  action: EntryAction;
  /** Calibrated probability (0..1) that traveller and entry are the same person. */
  score: number;
  /** What this match does: `deny`, `refer`, or `monitor` (listed, never changes a `clear`). */
  effect: MatchEffect;
  reasons: ReasonCode[];
}

export interface ScreeningResult {
  screeningId: string;
  decision: Decision;
  matches: ScreeningMatchView[];
  /** Reasons beyond the matches, e.g. `departure_delayed_elsewhere`. */
  reasons: string[];
  delaysElsewhere: DelayElsewhere[];
  watchlist: { sequence: number; asOf: string | null };
}

/**
 * Screens a departing traveller against the local replica with @simpul/screening (never waits for
 * NATS), stores the screening and appends `immigration.screening.matched.v1` per `deny` or `refer`
 * match to the outbox in the same transaction (`monitor` matches are stored, not published).
 */
@Injectable()
export class ScreenTravelerService {
  constructor(
    @Inject(IdempotentWriteService) private readonly idempotent: IdempotentWriteService,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(WatchlistReplicaService) private readonly replica: WatchlistReplicaService,
    @Inject(DelaysService) private readonly delays: DelaysService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * `idempotency.key` (Idempotency-Key): a repeat of the same request returns the first screening
   * and stores and publishes nothing (a retry after a lost answer must not screen the traveller
   * twice, nor report the match twice); `body` is the request as received.
   */
  screen(
    request: ScreeningRequest,
    idempotency: IdempotencyContext & { body: unknown },
  ): Promise<ScreeningResult> {
    return this.idempotent.run(
      { ...idempotency, operation: 'POST /v1/screenings', statusCode: 201 },
      (manager) => this.screenIn(manager, request),
    );
  }

  private async screenIn(manager: EntityManager, request: ScreeningRequest): Promise<ScreeningResult> {
    const now = this.clock.now();
    const screeningId = uuidv7();
    const found = this.replica.matcher.match(request.traveler, now);
    const delaysElsewhere = await this.delays.delaysElsewhere(request.traveler, request.checkpoint, now);
    const decision = screeningDecision(found.decision, delaysElsewhere.length > 0);
    const views: ScreeningMatchView[] = found.matches.map((match) => ({
      entryId: match.entry.entryId,
      entryVersion: match.entry.version,
      legalType: match.entry.legalType!,
      action: match.entry.action!,
      score: match.score,
      effect: match.effect,
      reasons: match.reasons,
    }));
    const reasons = delaysElsewhere.length > 0 ? ['departure_delayed_elsewhere'] : [];
    const watchlist = this.replica.status();
    // `monitor` matches are listed for the record but never published as a match.
    const published = found.matches.flatMap((match) =>
      match.effect === 'deny' || match.effect === 'refer' ? [{ match, entryDecision: match.effect }] : [],
    );
    // A match names the traveller by what a checkpoint screens; the phone numbers stay with the
    // screening here. So a site upgraded first (docs/rollout.md) never sends the ministry or a
    // Polda of the previous release a property it refuses, nor more than a match needs.
    const { phoneNumbers: _phones, ...matchedTraveler } = request.traveler;
    const events = published.map(({ match, entryDecision }) =>
      buildEvent(
        'immigration.screening.matched.v1',
        {
          screeningId,
          checkpoint: request.checkpoint,
          occurredAt: now.toISOString(),
          entryId: match.entry.entryId,
          entryVersion: match.entry.version,
          score: match.score,
          decision: entryDecision,
          traveler: matchedTraveler,
          ...(match.entry.origin ? { origin: match.entry.origin } : {}),
        },
        { source: checkpointSource(request.checkpoint), time: now },
      ),
    );
    await manager.query(
      `INSERT INTO screenings (screening_id, checkpoint, screened_at, decision, traveler, travel, matches,
                               reasons, watchlist_sequence)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        screeningId,
        request.checkpoint,
        now,
        decision,
        JSON.stringify(request.traveler),
        request.travel ? JSON.stringify(request.travel) : null,
        JSON.stringify(views),
        JSON.stringify({ reasons, delaysElsewhere }),
        watchlist.sequence,
      ],
    );
    if (events.length > 0) await this.outbox.appendMany(manager, events);
    // Last in the transaction: the audit lock is then held for the commit only.
    await appendAudit(manager, {
      unit: `checkpoint:${request.checkpoint}`,
      purpose: IMMIGRATION_PURPOSE,
      action: 'screening.performed',
      recordType: 'screening',
      recordId: screeningId,
    });
    return {
      screeningId,
      decision,
      matches: views,
      reasons,
      delaysElsewhere,
      watchlist: { sequence: watchlist.sequence, asOf: watchlist.asOf?.toISOString() ?? null },
    };
  }
}
