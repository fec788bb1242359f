import { Inject, Injectable } from '@nestjs/common';
import { appendAuditAtCommit } from '@simpul/audit';
import type { BusEvent } from '@simpul/bus';
import { unitFromSource } from '@simpul/contracts';
import type { EntityManager } from 'typeorm';
import { PersonVault } from '../identities/person-vault.js';

/** Why the ministry processes personal data: protecting migrant workers (UU 18/2017, TPPO). */
export const MINISTRY_PURPOSE = 'migrant_worker_protection';

/** The identifiers of a person the trail is searchable by. */
export interface Identified {
  nik?: string;
  passportNumber?: string;
}

/** One processing step: what was done to which record, about whom. */
export interface MinistryAuditStep {
  action: string;
  recordType: string;
  recordId: string;
  /** The persons concerned: only their blind indexes reach the audit row. */
  persons?: ReadonlyArray<Identified | undefined>;
  /** Blind indexes already at hand (a stored entry's nik_index, passport_index). */
  subjectRefs?: ReadonlyArray<string | null>;
}

/**
 * Records the ministry's processing steps in the audit chain (UU PDP art. 31), with the persons'
 * NIK and passport blind indexes as subject references so a data subject's trail can be found
 * (GET /v1/audit/subject). Appended just before the caller's transaction commits: with it or not at
 * all, and the audit lock is held for the commit only (a consumer batch takes it once).
 */
@Injectable()
export class MinistryAudit {
  constructor(@Inject(PersonVault) private readonly vault: PersonVault) {}

  /** A bus event applied by a consumer: the unit is the event's publisher. */
  eventStep(manager: EntityManager, event: BusEvent, step: MinistryAuditStep): void {
    this.append(manager, unitFromSource(event.source) ?? event.source, step, event.id);
  }

  /** A desk write over HTTP, by the calling unit. */
  deskStep(manager: EntityManager, unitId: string, step: MinistryAuditStep): void {
    this.append(manager, unitId, step);
  }

  /** Blind indexes of every NIK and passport number of `persons`. */
  subjectRefs(persons: ReadonlyArray<Identified | undefined>): string[] {
    return persons.flatMap((person) => [
      ...(person?.nik ? [this.vault.index.of('nik', person.nik)] : []),
      ...(person?.passportNumber ? [this.vault.index.of('passport', person.passportNumber)] : []),
    ]);
  }

  private append(manager: EntityManager, unit: string, step: MinistryAuditStep, eventId?: string): void {
    appendAuditAtCommit(manager, {
      unit,
      purpose: MINISTRY_PURPOSE,
      action: step.action,
      recordType: step.recordType,
      recordId: step.recordId,
      subjectRefs: [
        ...this.subjectRefs(step.persons ?? []),
        ...(step.subjectRefs ?? []).filter((ref): ref is string => ref !== null),
      ],
      ...(eventId ? { eventId } : {}),
    });
  }
}
