import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { subjectMatches } from '@simpul/bus';
import { streamConfig } from '@simpul/bus/operator';
import { loadRegistry, parseRegistry } from '../registry/agencies-file.js';
import { nationalTopology } from './national-topology.js';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const registry = loadRegistry(join(ROOT, 'deploy', 'agencies.yaml'));
const national = nationalTopology(registry);
const site = (id: string) => national.sites.find((s) => s.site === id)!;

describe('the national topology of deploy/agencies.yaml', () => {
  it('captures every checkpoint event subject in exactly one stream of all domains', () => {
    const streams = [
      ...national.hub.streams.map((s) => ({ ...s, domain: 'hub' })),
      ...national.sites.flatMap((s) => s.streams.map((stream) => ({ ...stream, domain: s.domain! }))),
    ];
    const subjects = registry.units.filter((u) => u.id.startsWith('checkpoint:')).flatMap((u) => u.publish);
    expect(subjects.length).toBeGreaterThan(20);
    for (const subject of subjects) {
      const capturing = streams
        .filter((s) => s.subjects.some((f) => subjectMatches(f, subject)))
        .map((s) => `${s.domain}/${s.name}`);
      const code = subject.split('.')[1]!;
      const leaf = registry.sites!.find((s) => s.checkpoints.includes(code))!;
      const expected = leaf.leaf
        ? `site-${leaf.id}/IMMIGRATION_${leaf.id.toUpperCase()}`
        : 'hub/IMMIGRATION_HUB';
      expect([subject, capturing]).toEqual([subject, [expected]]);
    }
  });

  it('builds the hub IMMIGRATION from sources only: every leaf site stream and the hub stream', () => {
    const immigration = national.hub.streams.find((s) => s.name === 'IMMIGRATION')!;
    expect(immigration.subjects).toEqual([]);
    expect(immigration.sources).toEqual([
      { name: 'IMMIGRATION_BATAM', domain: 'site-batam' },
      { name: 'IMMIGRATION_DUMAI', domain: 'site-dumai' },
      { name: 'IMMIGRATION_HUB' },
    ]);
    expect(national.hub.streams.every((s) => s.replicas === 3)).toBe(true);
    expect(national.hub.streams.map((s) => s.name)).toEqual([
      'POLICE',
      'MINISTRY',
      'IMMIGRATION_HUB',
      'IMMIGRATION',
      'DEAD_LETTERS',
    ]);
  });

  it('gives a leaf site its stream, filtered mirrors under the hub names and its own dead letters', () => {
    const batam = site('batam');
    expect(batam).toMatchObject({
      leaf: true,
      domain: 'site-batam',
      checkpoints: ['batam-center', 'sekupang'],
    });
    expect(batam.streams.map((s) => [s.name, s.subjects, s.mirror, s.replicas])).toEqual([
      ['IMMIGRATION_BATAM', ['immigration.batam-center.>', 'immigration.sekupang.>'], undefined, 1],
      ['MINISTRY', [], { name: 'MINISTRY', domain: 'hub', filterSubject: 'ministry.watchlist.>' }, 1],
      [
        'IMMIGRATION',
        [],
        { name: 'IMMIGRATION', domain: 'hub', filterSubject: 'immigration.*.departure.delayed' },
        1,
      ],
      ['DEAD_LETTERS', batam.consumers.map((c) => `deadletter.${c.durable}`), undefined, 1],
    ]);
    expect(batam.consumers.map((c) => [c.stream, c.durable]).sort()).toEqual(
      [
        ['MINISTRY', 'immigration-batam-watchlist'],
        ['IMMIGRATION', 'immigration-batam-delays'],
        ['MINISTRY', 'immigration-batam-center-watchlist'],
        ['IMMIGRATION', 'immigration-batam-center-delays'],
        ['MINISTRY', 'immigration-sekupang-watchlist'],
        ['IMMIGRATION', 'immigration-sekupang-delays'],
      ].sort(),
    );
  });

  it('reads at the hub every consumer but the leaf sites’, the non-leaf sites’ pairs included', () => {
    const durables = national.hub.consumers.map((c) => c.durable);
    expect(durables).toEqual(
      expect.arrayContaining([
        'ministry-police',
        'ministry-immigration',
        'police-gateway-matches',
        'immigration-central-watchlist',
        'immigration-central-delays',
      ]),
    );
    for (const leaf of national.sites.filter((s) => s.leaf))
      for (const c of leaf.consumers) expect(durables).not.toContain(c.durable);
    expect(site('central')).toEqual({
      site: 'central',
      leaf: false,
      checkpoints: registry.sites!.find((s) => s.id === 'central')!.checkpoints,
      streams: [],
      consumers: [],
    });
  });

  it('writes mirror and source entries with only what nats-server 2.9.10 accepts', () => {
    const entries = [...national.hub.streams, ...national.sites.flatMap((s) => s.streams)]
      .map((def) => streamConfig(def, '2.9.10'))
      .flatMap((config) => [...(config.mirror ? [config.mirror] : []), ...(config.sources ?? [])]);
    expect(entries.length).toBeGreaterThan(5);
    for (const entry of entries) {
      for (const key of Object.keys(entry)) expect(['name', 'filter_subject', 'external']).toContain(key);
      if (entry.external)
        expect(entry.external).toEqual({ api: expect.stringMatching(/^\$JS\.[a-z0-9-]+\.API$/) });
    }
    const mirror = streamConfig(site('batam').streams[1]!, '2.9.10');
    expect(mirror.subjects).toBeUndefined();
    expect(mirror.mirror).toEqual({
      name: 'MINISTRY',
      filter_subject: 'ministry.watchlist.>',
      external: { api: '$JS.hub.API' },
    });
  });

  it('refuses a registry without sites', () => {
    const bare = parseRegistry(
      'version: 1\nunits:\n  - id: admin:operator\n    name: ops\n    admin: true\n',
      'r',
    );
    expect(() => nationalTopology(bare)).toThrow('registry: sites: the national topology needs sites');
  });
});
