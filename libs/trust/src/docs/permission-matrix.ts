import { simpulStreams } from '@simpul/bus';
import { natsPermissionsFor, readBackSubjects } from '../nats/permissions.js';
import { topologyForRegistry } from '../nats/topology.js';
import {
  publishableSubjects,
  servedUnits,
  type AgencyRegistry,
  type UnitEntry,
} from '../registry/unit-entry.js';

/**
 * `docs/permissions.md`: who may publish what and read which consumers, one row per unit, generated
 * from the registry (`simpul agency matrix`). A test regenerates it and fails when the committed
 * file differs, so the document cannot drift from what the server enforces.
 */
export function renderPermissionMatrix(registry: AgencyRegistry): string {
  const { consumers } = topologyForRegistry(registry);
  const code = (s: string) => `\`${s}\``;
  const row = (unit: UnitEntry): string => {
    if (unit.revoked)
      return `| ${code(unit.id)} | ${unit.name} | revoked ${unit.revoked.slice(0, 10)} | none | none | none |`;
    if (unit.admin)
      return `| ${code(unit.id)} | ${unit.name} | admin | everything (${code('>')}) | every stream and consumer | — |`;
    if (!unit.nats) return `| ${code(unit.id)} | ${unit.name} | HTTP only | nothing | nothing | — |`;
    const permissions = natsPermissionsFor(registry, unit, consumers);
    const events = publishableSubjects(registry, unit);
    const readBack = readBackSubjects(events, simpulStreams()).map((s) => s.split('.').at(-1)!);
    const jetstream = permissions.publish.length - events.length - readBack.length;
    const consumersRead =
      unit.consumers.map(code).join(', ') +
      (jetstream > 0 ? ` (${jetstream} JetStream API/ack subjects)` : '');
    const served = servedUnits(registry, unit).map((u) => u.id);
    return (
      [
        `| ${code(unit.id)}`,
        unit.name,
        'nkey',
        events.length > 4
          ? `${events.length} event subjects of the units it serves`
          : events.map(code).join(', ') || 'nothing',
        [consumersRead, readBack.length > 0 ? `by sequence: ${readBack.map(code).join(', ')}` : '']
          .filter((part) => part !== '')
          .join('; ') || 'nothing',
        served.length === 0
          ? '—'
          : served.length > 4
            ? `${served.length} units (${unit.serves.map(code).join(', ')})`
            : served.map(code).join(', '),
      ].join(' | ') + ' |'
    );
  };
  return [
    '# Permission matrix',
    '',
    'Generated from `deploy/agencies.yaml` by `npx simpul agency matrix > docs/permissions.md`; a test fails',
    'when this file differs from the registry. What the NATS server enforces is generated from the same',
    'registry (`.simpul/nats/authorization.conf` in a local run).',
    '',
    'Rules for every user but the admin: publish only the listed event subjects; read only through the',
    'listed durable consumers (JetStream `CONSUMER.INFO` / `CONSUMER.MSG.NEXT` of that consumer, its',
    '`$JS.ACK` subjects and its `deadletter.<durable>` subject); subscribe only to its own inbox',
    '(`_INBOX_<unit>.>`). A unit that publishes events may also read back, by sequence',
    '(`$JS.API.STREAM.MSG.GET.<stream>`), the streams its event subjects are stored in: its reconciler',
    'republishes what a stream lost (docs/contract.md §11, docs/adr/0010-reconciler-reads-its-streams.md).',
    'Nobody but the admin may create streams or consumers, read any other stream directly or subscribe',
    'to event subjects. Signing keys and API tokens exist only for active agency units.',
    '',
    '| Unit | Name | NATS user | May publish | May read (durable consumers; own streams by sequence) | Serves |',
    '| --- | --- | --- | --- | --- | --- |',
    ...registry.units.map(row),
    '',
  ].join('\n');
}
