import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { renderPermissionMatrix } from './docs/permission-matrix.js';
import { simpulStreams, streamForSubject } from '@simpul/bus';
import { natsPermissionsFor } from './nats/permissions.js';
import { renderAccounts } from './nats/server-config.js';
import { topologyForRegistry } from './nats/topology.js';
import { loadRegistry, parseRegistry, RegistryError } from './registry/agencies-file.js';
import { newUnitEntry } from './registry/new-unit.js';
import { natsUsers, publishableSubjects, type UnitEntry } from './registry/unit-entry.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const registry = loadRegistry(join(ROOT, 'deploy', 'agencies.yaml'));
const { consumers } = topologyForRegistry(registry);
const unit = (id: string): UnitEntry => registry.units.find((u) => u.id === id)!;

function registryText(units: string): string {
  return `version: 1\nunits:\n  - id: admin:operator\n    name: ops\n    admin: true\n${units}`;
}

describe('deploy/agencies.yaml', () => {
  it('knows every reference Polda and checkpoint, with the source and subjects the contracts give them', () => {
    const reference = JSON.parse(readFileSync(join(ROOT, 'deploy', 'reference', 'units.json'), 'utf8')) as {
      polda: Array<{ id: string; code: string }>;
      checkpoints: Array<{ id: string; code: string }>;
    };
    expect(reference.polda).toHaveLength(36);
    for (const polda of reference.polda) {
      const entry = unit(polda.id);
      expect(entry.publish).toEqual(newUnitEntry('polda', polda.code).publish);
      expect(entry.source).toBe(`/polri/polda/${polda.code}`);
    }
    for (const checkpoint of reference.checkpoints) {
      expect(unit(checkpoint.id).publish).toEqual(newUnitEntry('checkpoint', checkpoint.code).publish);
    }
    expect(unit('ministry:desk').nats).toBe(false);
  });

  it('is what docs/permissions.md describes (regenerate with `npx simpul agency matrix > docs/permissions.md`)', () => {
    expect(readFileSync(join(ROOT, 'docs', 'permissions.md'), 'utf8')).toBe(renderPermissionMatrix(registry));
  });
});

describe('permissions generated from the registry', () => {
  it('give a Polda exactly its own two subjects, no consumer and only its own inbox', () => {
    expect(natsPermissionsFor(registry, unit('polda:riau'), consumers)).toEqual({
      publish: [
        'police.riau.arrest.recorded',
        'police.riau.departure.foiled',
        '$JS.API.STREAM.MSG.GET.POLICE',
      ],
      subscribe: ['_INBOX_polda-riau.>'],
    });
  });

  it('give a deployment the subjects of the units it serves and its named consumers only', () => {
    const gateway = natsPermissionsFor(registry, unit('police:gateway'), consumers);
    const poldaSubjects = registry.units.filter((u) => u.id.startsWith('polda:')).flatMap((u) => u.publish);
    expect(gateway.publish.filter((s) => s.startsWith('police.')).sort()).toEqual([...poldaSubjects].sort());
    expect(gateway.publish.filter((s) => !s.startsWith('police.'))).toEqual([
      '$JS.API.STREAM.MSG.GET.POLICE',
      '$JS.API.CONSUMER.INFO.IMMIGRATION.police-gateway-matches',
      '$JS.API.CONSUMER.MSG.NEXT.IMMIGRATION.police-gateway-matches',
      '$JS.ACK.IMMIGRATION.police-gateway-matches.>',
      'deadletter.police-gateway-matches',
      '$JS.API.CONSUMER.INFO.MINISTRY.police-gateway-leads',
      '$JS.API.CONSUMER.MSG.NEXT.MINISTRY.police-gateway-leads',
      '$JS.ACK.MINISTRY.police-gateway-leads.>',
      'deadletter.police-gateway-leads',
    ]);
  });

  it('give each police deployment its own matches consumer, and no other deployment access to it', () => {
    const two = parseRegistry(
      registryText(
        '  - id: polda:riau\n    name: Riau\n    source: /polri/polda/riau\n    publish: [police.riau.arrest.recorded]\n' +
          '  - id: polda:kepri\n    name: Kepri\n    source: /polri/polda/kepri\n    publish: [police.kepri.arrest.recorded]\n' +
          '  - id: police:riau\n    name: serves Riau\n    serves: [polda:riau]\n    consumers: [police-riau-matches]\n' +
          '  - id: police:kepri\n    name: serves Kepri\n    serves: [polda:kepri]\n    consumers: [police-kepri-matches]\n',
      ),
      'test',
    );
    const topology = topologyForRegistry(two);
    expect(topology.consumers.map((c) => [c.durable, c.filterSubject])).toEqual([
      ['police-riau-matches', 'immigration.*.screening.matched'],
      ['police-kepri-matches', 'immigration.*.screening.matched'],
    ]);
    const riau = natsPermissionsFor(two, two.units[3]!, topology.consumers);
    expect(riau.publish).toContain('$JS.ACK.IMMIGRATION.police-riau-matches.>');
    expect(riau.publish.filter((s) => s.includes('kepri'))).toEqual([]);
  });

  it('grant `>` to the admin only, and no wildcard but a consumer’s own ack subjects to anyone else', () => {
    for (const user of natsUsers(registry)) {
      const p = natsPermissionsFor(registry, user, consumers);
      if (user.admin) {
        expect(p).toEqual({ publish: ['>'], subscribe: ['>'] });
        continue;
      }
      // The one direct stream read: by sequence, of a stream the unit's own event subjects go to.
      const ownReads = new Set(
        publishableSubjects(registry, user).map(
          (s) => `$JS.API.STREAM.MSG.GET.${streamForSubject(simpulStreams(), s)!.name}`,
        ),
      );
      for (const subject of p.publish) {
        if (subject.includes('*') || subject.includes('>'))
          expect(subject).toMatch(/^\$JS\.ACK\.[A-Z_]+\.[a-z0-9-]+\.>$/);
        expect(subject).not.toMatch(/CONSUMER\.(CREATE|DURABLE|DELETE)|DIRECT\./);
        if (subject.includes('STREAM.'))
          expect([user.id, subject, ownReads.has(subject)]).toEqual([user.id, subject, true]);
      }
      expect(p.subscribe).toEqual([`_INBOX_${user.id.replace(':', '-')}.>`]);
    }
  });

  it('let each publishing unit read back by sequence exactly the streams its event subjects are stored in', () => {
    const get = (id: string) =>
      natsPermissionsFor(registry, unit(id), consumers).publish.filter((s) => s.includes('STREAM.'));
    expect(get('ministry:service')).toEqual(['$JS.API.STREAM.MSG.GET.MINISTRY']);
    expect(get('checkpoint:batam-center')).toEqual(['$JS.API.STREAM.MSG.GET.IMMIGRATION']);
    expect(get('police:gateway')).toEqual(['$JS.API.STREAM.MSG.GET.POLICE']);
    // The stream comes from the topology the server runs, not from the subject's agency: a
    // checkpoint whose subjects a site stream stores reads that stream.
    const siteStreams = [
      { ...simpulStreams()[2]!, name: 'IMMIGRATION_BATAM', subjects: ['immigration.batam-center.>'] },
      ...simpulStreams(),
    ];
    expect(
      natsPermissionsFor(registry, unit('checkpoint:batam-center'), consumers, siteStreams).publish.filter(
        (s) => s.includes('STREAM.'),
      ),
    ).toEqual(['$JS.API.STREAM.MSG.GET.IMMIGRATION_BATAM']);
  });

  it('write one nkey user per NATS unit into the accounts, leaving out HTTP-only and revoked units', () => {
    const revoked = parseRegistry(
      registryText(
        '  - id: polda:riau\n    name: Riau\n    source: /polri/polda/riau\n    revoked: 2026-11-28T00:00:00Z\n' +
          '  - id: ministry:desk\n    name: Desk\n    source: /kp2mi/desk\n    nats: false\n',
      ),
      'test',
    );
    const keys = new Map([
      ['admin:operator', 'UADMIN'],
      ['polda:riau', 'URIAU'],
      ['ministry:desk', 'UDESK'],
    ]);
    const conf = renderAccounts(revoked, keys, []);
    expect(conf).toContain('"UADMIN"');
    expect(conf).not.toContain('URIAU');
    expect(conf).not.toContain('UDESK');
  });

  it('provision exactly the consumers units name, and refuse a name no definition has', () => {
    expect(consumers.map((c) => c.durable)).toContain('immigration-batam-center-watchlist');
    // The single-server run's deployment, each checkpoint on its own, and each site's deployment.
    const sites = new Set([
      'local',
      ...registry.units.filter((u) => u.id.startsWith('checkpoint:')).map((u) => u.id.slice(11)),
      ...(registry.sites ?? []).map((site) => site.id),
    ]);
    const expected = [
      'ministry-police',
      'ministry-immigration',
      'police-gateway-matches',
      'police-gateway-leads',
    ].concat([...sites].flatMap((site) => [`immigration-${site}-watchlist`, `immigration-${site}-delays`]));
    expect(consumers.map((c) => c.durable).sort()).toEqual(expected.sort());
    const wrong = parseRegistry(
      registryText('  - id: police:x\n    name: x\n    consumers: [ministry-polic]\n'),
      'test',
    );
    expect(() => topologyForRegistry(wrong)).toThrow(
      "police:x.consumers: 'ministry-polic' is not a Simpul durable consumer",
    );
  });

  it('let a served unit’s subjects reach its deployment only while the unit is active', () => {
    const text = registryText(
      '  - id: polda:riau\n    name: Riau\n    source: /polri/polda/riau\n    publish: [police.riau.arrest.recorded]\n    revoked: 2026-11-28T00:00:00Z\n' +
        '  - id: police:gw\n    name: gw\n    serves: [polda:*]\n',
    );
    const r = parseRegistry(text, 'test');
    expect(publishableSubjects(r, r.units[2]!)).toEqual([]);
  });
});

describe('registry validation', () => {
  const cases: Array<[string, string, string]> = [
    [
      'a subject of another unit',
      '  - id: polda:riau\n    name: Riau\n    source: /polri/polda/riau\n    publish: [police.jatim.arrest.recorded]\n',
      "units[1] (polda:riau).publish[0]: is not owned by the unit's source /polri/polda/riau",
    ],
    [
      'a subject of no event type',
      '  - id: polda:riau\n    name: Riau\n    source: /polri/polda/riau\n    publish: [police.riau.>]\n',
      'units[1] (polda:riau).publish[0]: is not the subject of a Simpul event type',
    ],
    [
      'a source that is not the id’s',
      '  - id: polda:riau\n    name: Riau\n    source: /polri/polda/jatim\n',
      'units[1] (polda:riau).source: must be /polri/polda/riau',
    ],
    [
      'an unknown field',
      '  - id: polda:riau\n    name: Riau\n    source: /polri/polda/riau\n    pubilsh: []\n',
      'units[1].pubilsh: is not a known field',
    ],
    [
      'a duplicate id',
      '  - id: admin:operator\n    name: again\n    admin: true\n',
      "units[1].id: 'admin:operator' is listed twice",
    ],
    [
      'an admin that also publishes',
      '  - id: admin:two\n    name: x\n    admin: true\n    consumers: [ministry-police]\n',
      'units[1] (admin:two).admin: the admin has every permission',
    ],
    [
      'serving nobody',
      '  - id: police:gw\n    name: gw\n    serves: [polda:nowhere]\n',
      "units[1] (police:gw).serves[0]: 'polda:nowhere' names no unit",
    ],
    ['a bad id', '  - id: Polda Riau\n    name: Riau\n', 'units[1].id: must match'],
    [
      'a police deployment reading another deployment’s matches',
      '  - id: police:riau\n    name: riau\n    consumers: [police-kepri-matches]\n',
      "units[1] (police:riau).consumers[0]: 'police-kepri-matches' is a consumer of police:kepri",
    ],
    [
      'a name with a carriage return (it would end a comment in the nats-server config)',
      '  - id: police:gw\n    name: "gw\\r    { user: \\"evil\\", password: \\"evil\\" },"\n',
      'units[1] (police:gw).name: must be printable: no control characters',
    ],
    [
      'a name with a bidi override',
      '  - id: police:gw\n    name: "gw \\u202e"\n',
      'units[1] (police:gw).name: must be printable',
    ],
    [
      'a name longer than 200 characters',
      `  - id: police:gw\n    name: ${'x'.repeat(201)}\n`,
      'units[1] (police:gw).name: must be a non-empty string of at most 200 characters',
    ],
    [
      'a bad revocation date',
      '  - id: police:gw\n    name: gw\n    revoked: yesterday\n',
      'units[1] (police:gw).revoked: must be an ISO 8601 date',
    ],
  ];
  it.each(cases)('rejects %s, naming the entry, the field and the rule', (_name, units, message) => {
    expect(() => parseRegistry(registryText(units), 'agencies.yaml')).toThrow(RegistryError);
    expect(() => parseRegistry(registryText(units), 'agencies.yaml')).toThrow(`agencies.yaml: ${message}`);
  });

  it('rejects a registry without an active admin', () => {
    expect(() => parseRegistry('version: 1\nunits:\n  - id: police:gw\n    name: gw\n', 'f')).toThrow(
      'f: units: must have one active admin',
    );
  });
});
