import { Inject, Injectable } from '@nestjs/common';
import { OutboxService } from '@simpul/bus';
import { buildEvent, MINISTRY_SOURCE, MINISTRY_WATCHLIST_ENTRY_ISSUED_V1, uuidv7 } from '@simpul/contracts';
import { DataSource } from 'typeorm';
import { buildOrReject, objectBody } from '../../shared/http-body.js';
import { insertIssuedEntry } from '../store-issued-entry.js';

/** Fields the service sets; the desk sends everything else of ministry.watchlist.entry.issued.v1's data. */
export const GENERATED_ENTRY_FIELDS = ['entryId', 'version', 'origin'];

/** A desk decision (e.g. a cegah with its decision number on a police request): validated by the contract rules. */
@Injectable()
export class IssueEntryService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(OutboxService) private readonly outbox: OutboxService,
  ) {}

  async issue(body: unknown): Promise<{ id: string; version: number; eventId: string }> {
    const fields = objectBody(body);
    const extra = GENERATED_ENTRY_FIELDS.filter((f) => f in fields).map((f) => ({
      path: f,
      rule: 'unknownProperty',
      message: `${f}: is set by the ministry, not by the request [unknownProperty]`,
    }));
    const entryId = uuidv7();
    const event = buildOrReject(
      () =>
        buildEvent(
          MINISTRY_WATCHLIST_ENTRY_ISSUED_V1,
          { ...(fields as object), entryId, version: 1 } as never,
          { source: MINISTRY_SOURCE },
        ),
      extra,
    );
    await this.dataSource.transaction(async (manager) => {
      await insertIssuedEntry(manager, event);
      await this.outbox.append(manager, event);
    });
    return { id: entryId, version: 1, eventId: event.id };
  }
}
