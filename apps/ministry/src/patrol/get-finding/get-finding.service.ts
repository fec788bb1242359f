import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUuid } from '../../common/uuid.js';
import { PersonVault } from '../../identities/person-vault.js';
import { FINDING_COLUMNS, findingView, type FindingRow, type FindingView } from '../finding.view.js';
import { PatrolFindingNotFound } from '../patrol.errors.js';

/** One finding with its personal fields decrypted and its links now (an audited read: see the controller). */
@Injectable()
export class GetFindingService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PersonVault) private readonly vault: PersonVault,
  ) {}

  async get(id: string): Promise<FindingView> {
    if (!isUuid(id)) throw new PatrolFindingNotFound();
    const rows: FindingRow[] = await this.dataSource.query(
      `SELECT ${FINDING_COLUMNS} FROM ministry_patrol_finding f WHERE f.id = $1`,
      [id],
    );
    if (!rows[0]) throw new PatrolFindingNotFound();
    return findingView(rows[0], this.vault);
  }
}
