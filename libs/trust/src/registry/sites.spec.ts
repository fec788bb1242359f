import { describe, expect, it } from '@jest/globals';
import { parseRegistry, RegistryError } from './agencies-file.js';

const UNITS = [
  'units:',
  '  - id: admin:operator',
  '    name: ops',
  '    admin: true',
  '  - id: checkpoint:batam-center',
  '    name: Batam Center',
  '    source: /imigrasi/tpi/batam-center',
  '  - id: checkpoint:sekupang',
  '    name: Sekupang',
  '    source: /imigrasi/tpi/sekupang',
  '  - id: checkpoint:dumai',
  '    name: Dumai',
  '    source: /imigrasi/tpi/dumai',
].join('\n');

function registry(sites: string, extraUnits = ''): string {
  return `version: 1\n${sites}\n${UNITS}\n${extraUnits}`;
}

const VALID_SITES = [
  'sites:',
  '  - { id: batam, checkpoints: [batam-center, sekupang], leaf: true }',
  '  - { id: dumai, checkpoints: [dumai], leaf: false }',
].join('\n');

describe('registry sites', () => {
  it('reads each site with its checkpoints and whether it runs a leaf node', () => {
    expect(parseRegistry(registry(VALID_SITES), 'r').sites).toEqual([
      { id: 'batam', checkpoints: ['batam-center', 'sekupang'], leaf: true },
      { id: 'dumai', checkpoints: ['dumai'], leaf: false },
    ]);
  });

  it('has no sites in a registry that lists none (the single-server run)', () => {
    expect(parseRegistry(registry(''), 'r').sites).toEqual([]);
  });

  const cases: Array<[string, string, string]> = [
    ['sites that are not a list', 'sites: batam', 'sites: must be a list'],
    ['a site that is not a mapping', 'sites:\n  - batam', 'sites[0]: must be a mapping'],
    [
      'an unknown field',
      'sites:\n  - { id: batam, checkpoints: [batam-center, sekupang, dumai], leaf: true, lef: 1 }',
      'sites[0].lef: is not a known field',
    ],
    [
      'an id that is no NATS-safe code',
      'sites:\n  - { id: Batam, checkpoints: [batam-center, sekupang, dumai], leaf: true }',
      'sites[0].id: must match /^[a-z0-9][a-z0-9-]{0,62}$/',
    ],
    [
      'the id of the single-server run',
      'sites:\n  - { id: local, checkpoints: [batam-center, sekupang, dumai], leaf: true }',
      "sites[0].id: 'local' is reserved",
    ],
    [
      'a site listed twice',
      `${VALID_SITES}\n  - { id: batam, checkpoints: [dumai], leaf: true }`,
      "sites[2].id: 'batam' is listed twice",
    ],
    [
      'a site without checkpoints',
      'sites:\n  - { id: batam, checkpoints: [], leaf: true }',
      'sites[0] (batam).checkpoints: must be a non-empty list of checkpoint codes',
    ],
    [
      'a checkpoint that is no checkpoint unit',
      'sites:\n  - { id: batam, checkpoints: [batam-center, sekupang, dumai, riau], leaf: true }',
      "sites[0] (batam).checkpoints[3]: 'riau' is not a checkpoint unit of the registry (checkpoint:riau)",
    ],
    [
      'a checkpoint in two sites',
      'sites:\n  - { id: batam, checkpoints: [batam-center, sekupang], leaf: true }\n  - { id: dumai, checkpoints: [dumai, sekupang], leaf: true }',
      "sites[1] (dumai).checkpoints[1]: 'sekupang' is already in site batam: a checkpoint is in exactly one site",
    ],
    [
      'a checkpoint in no site',
      'sites:\n  - { id: batam, checkpoints: [batam-center, sekupang], leaf: true }',
      'sites: checkpoint:dumai is in no site: a checkpoint is in exactly one site',
    ],
    [
      'a leaf flag that is not a boolean',
      'sites:\n  - { id: batam, checkpoints: [batam-center, sekupang, dumai], leaf: yes-please }',
      'sites[0] (batam).leaf: must be true or false',
    ],
    ['an unknown top-level field', 'site: []', 'site: is not a known field'],
  ];
  it.each(cases)('rejects %s, naming the field and the rule', (_label, sites, message) => {
    expect(() => parseRegistry(registry(sites), 'agencies.yaml')).toThrow(RegistryError);
    expect(() => parseRegistry(registry(sites), 'agencies.yaml')).toThrow(`agencies.yaml: ${message}`);
  });

  it("rejects a site's deployment serving a checkpoint of another site", () => {
    const deployment =
      '  - id: immigration:batam\n    name: batam\n    serves: [checkpoint:batam-center, checkpoint:dumai]\n';
    expect(() => parseRegistry(registry(VALID_SITES, deployment), 'f')).toThrow(
      "f: units[4] (immigration:batam).serves[1]: 'checkpoint:dumai' is not a checkpoint of site batam",
    );
  });
});
