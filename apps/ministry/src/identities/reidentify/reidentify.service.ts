import { Inject, Injectable } from '@nestjs/common';
import type { Person } from '@simpul/contracts';
import { DataSource } from 'typeorm';
import { isUuid } from '../../common/uuid.js';
import { entryNotFound } from '../../watchlist/lock-entry.js';
import { WatchlistEntryEntity } from '../../watchlist/watchlist-entry.entity.js';
import { appendAudit } from '../audit-port.js';
import { PersonVault } from '../person-vault.js';
import { readReidentifyRequest, type ReidentifyPurpose } from './reidentify.rules.js';
import { validationFailed } from '@simpul/http';

export interface Reidentified {
  entryId: string;
  /** The person with its identifiers decrypted: the only answer of the ministry that holds them. */
  person: Person;
  purpose: ReidentifyPurpose;
}

/**
 * The desk sees a watchlist entry's person in full only with a stated purpose, and every time it
 * does an audit record (unit, official, purpose, entry, the person's blind indexes) commits first:
 * the identifiers are answered only after the record is written, never without it. No
 * Idempotency-Key replay here: a stored response would be plaintext identifiers at rest.
 */
@Injectable()
export class ReidentifyService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PersonVault) private readonly vault: PersonVault,
  ) {}

  async reidentify(entryId: string, body: unknown, unit: string): Promise<Reidentified> {
    // Validated first, so a bad request is 400 whatever the entry, and writes nothing.
    const read = readReidentifyRequest(body);
    if (!('request' in read)) throw validationFailed(read.problems);
    const { official, purpose } = read.request;
    if (!isUuid(entryId)) throw entryNotFound();
    return this.dataSource.transaction(async (manager) => {
      const entry = await manager.getRepository(WatchlistEntryEntity).findOneBy({ id: entryId });
      if (!entry) throw entryNotFound();
      const person = this.vault.openEntryPerson(entry, entry.id);
      await appendAudit(manager, {
        unit,
        official,
        purpose,
        action: 'watchlist_entry.reidentified',
        recordType: 'watchlist_entry',
        recordId: entry.id,
        subjectRefs: [entry.nikIndex, entry.passportIndex].filter((r): r is string => r !== null),
      });
      return { entryId: entry.id, person, purpose };
    });
  }
}
