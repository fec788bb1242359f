import { rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { credsFileOf } from '../credentials/nkey-credentials.js';
import {
  inboxPrefixOf,
  natsUsers,
  publishableSubjects,
  unitFileName,
  type AgencyRegistry,
  type UnitEntry,
} from '../registry/unit-entry.js';
import { writeIfChanged } from './files.js';

/**
 * What a unit's operators need besides the secret files to use its NATS user, written next to its
 * credentials (`<unit>.handover.json`, no secrets). The inbox prefix is the part a client cannot
 * guess: the user may subscribe only under `_INBOX_<unit>.>` (ADR 0005), so a client left at the
 * default `_INBOX.` prefix has its first request/reply (a JetStream publish acknowledgement, a
 * consumer lookup) refused with a permissions violation.
 */
export interface NatsHandover {
  unit: string;
  /** The credentials file this note goes with (its name: the file travels with the note). */
  credsFile: string;
  /** The client's inbox prefix (nats.js `inboxPrefix`; `NATS_INBOX_PREFIX` of a Simpul service). */
  inboxPrefix: string;
  /** Event subjects the user may publish on (its own and its served units'). */
  publish: string[];
  /** Durable consumers it may look up, fetch from and acknowledge. */
  consumers: string[];
}

export function natsHandoverOf(registry: AgencyRegistry, unit: UnitEntry, credsDir: string): NatsHandover {
  return {
    unit: unit.id,
    credsFile: basename(credsFileOf(credsDir, unit.id)),
    inboxPrefix: inboxPrefixOf(unit.id),
    publish: unit.admin ? ['>'] : publishableSubjects(registry, unit),
    consumers: unit.consumers,
  };
}

/** `<credsDir>/<unit, colon as dash>.handover.json`. */
export function handoverFileOf(credsDir: string, unitId: string): string {
  return join(credsDir, `${unitFileName(unitId)}.handover.json`);
}

/** Writes the handover note of every NATS user next to its credentials (unchanged notes are left alone). */
export function writeNatsHandovers(registry: AgencyRegistry, credsDir: string): void {
  for (const unit of natsUsers(registry)) {
    const handover = natsHandoverOf(registry, unit, credsDir);
    writeIfChanged(handoverFileOf(credsDir, unit.id), `${JSON.stringify(handover, null, 2)}\n`);
  }
}

/** Withdraws a revoked unit's handover note with its credentials. */
export function removeNatsHandover(credsDir: string, unitId: string): void {
  rmSync(handoverFileOf(credsDir, unitId), { force: true });
}
