import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isMap, isSeq, parseDocument, type Document } from 'yaml';
import { sourceForUnit, sourceOwnsSubject, typeForSubject } from '@simpul/contracts';
import { validateSites } from './sites.js';
import { POLICE_DEPLOYMENT_CONSUMER, type AgencyRegistry, type UnitEntry } from './unit-entry.js';

/** A registry file that breaks a rule; the message names the entry, the field and the rule. */
export class RegistryError extends Error {
  override name = 'RegistryError';
}

const UNIT_ID = /^[a-z]+:[a-z0-9][a-z0-9-]*$/;
const DURABLE = /^[a-z0-9][a-z0-9-]*$/;
const NAME_MAX = 200;
/** Control (Cc), format (Cf: bidi overrides, zero-width) and line/paragraph separator characters. */
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
/** Kinds whose source is fixed by the id (`polda:riau` ↔ `/polri/polda/riau`). */
const AGENCY_KINDS = new Set(['polda', 'checkpoint', 'ministry']);

/** Reads and validates `deploy/agencies.yaml` (or another registry file). */
export function loadRegistry(file: string): AgencyRegistry {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new RegistryError(`${file}: cannot be read`);
  }
  return parseRegistry(text, file);
}

export function parseRegistry(text: string, origin: string): AgencyRegistry {
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    throw new RegistryError(`${origin}: not valid YAML (${document.errors[0]!.message.split('\n')[0]})`);
  }
  return validateRegistry(document.toJS() as unknown, origin);
}

/** Checks every rule of the registry; the first broken one is thrown. */
export function validateRegistry(raw: unknown, origin: string): AgencyRegistry {
  const fail = (path: string, rule: string): never => {
    throw new RegistryError(`${origin}: ${path}: ${rule}`);
  };
  if (raw === null || typeof raw !== 'object') fail('(root)', 'must be a mapping with version and units');
  const root = raw as Record<string, unknown>;
  for (const key of Object.keys(root)) {
    if (!['version', 'units', 'sites'].includes(key)) fail(key, 'is not a known field');
  }
  if (root.version !== 1) fail('version', 'must be 1');
  if (!Array.isArray(root.units) || root.units.length === 0) fail('units', 'must be a non-empty list');

  const units: UnitEntry[] = (root.units as unknown[]).map((value, index) => {
    const path = `units[${index}]`;
    if (value === null || typeof value !== 'object') return fail(path, 'must be a mapping');
    const entry = value as Record<string, unknown>;
    for (const key of Object.keys(entry)) {
      if (!KNOWN_FIELDS.has(key)) fail(`${path}.${key}`, 'is not a known field');
    }
    const id = entry.id;
    if (typeof id !== 'string' || !UNIT_ID.test(id)) return fail(`${path}.id`, `must match ${UNIT_ID}`);
    const at = `${path} (${id})`;
    const name = entry.name;
    if (typeof name !== 'string' || name.trim().length === 0 || name.length > NAME_MAX)
      fail(`${at}.name`, `must be a non-empty string of at most ${NAME_MAX} characters`);
    // Names go into generated files (the nats-server config, the permission matrix): printable only.
    if (NOT_PRINTABLE.test(name as string))
      fail(`${at}.name`, 'must be printable: no control characters, line or paragraph separators');
    const kind = id.split(':')[0]!;
    const source = entry.source;
    if (AGENCY_KINDS.has(kind)) {
      if (source !== sourceForUnit(id))
        fail(`${at}.source`, `must be ${sourceForUnit(id) ?? 'a valid source'}`);
    } else if (source !== undefined) {
      fail(`${at}.source`, 'only agency units (polda, checkpoint, ministry) have a source');
    }
    const list = (field: string, pattern?: RegExp): string[] => {
      const v = entry[field];
      if (v === undefined || v === null) return [];
      if (!Array.isArray(v) || !v.every((s) => typeof s === 'string'))
        return fail(`${at}.${field}`, 'must be a list of strings');
      const strings = v as string[];
      strings.forEach((s, i) => {
        if (pattern && !pattern.test(s)) fail(`${at}.${field}[${i}]`, `must match ${pattern}`);
      });
      if (new Set(strings).size !== strings.length) fail(`${at}.${field}`, 'has duplicates');
      return strings;
    };
    const publish = list('publish');
    publish.forEach((subject, i) => {
      if (!typeForSubject(subject)) fail(`${at}.publish[${i}]`, 'is not the subject of a Simpul event type');
      if (typeof source !== 'string' || !sourceOwnsSubject(source, subject))
        fail(`${at}.publish[${i}]`, `is not owned by the unit's source ${String(source ?? '(none)')}`);
    });
    const consumers = list('consumers', DURABLE);
    consumers.forEach((durable, i) => {
      const deployment = POLICE_DEPLOYMENT_CONSUMER.exec(durable)?.[1];
      if (deployment !== undefined && id !== `police:${deployment}`)
        fail(
          `${at}.consumers[${i}]`,
          `'${durable}' is a consumer of police:${deployment}: each police deployment reads its own, police-<code>-matches and police-<code>-leads`,
        );
    });
    const serves = list('serves', /^[a-z]+:(\*|[a-z0-9][a-z0-9-]*)$/);
    const nats = entry.nats ?? true;
    if (typeof nats !== 'boolean') fail(`${at}.nats`, 'must be true or false');
    const admin = entry.admin ?? false;
    if (typeof admin !== 'boolean') fail(`${at}.admin`, 'must be true or false');
    if (admin && (publish.length > 0 || consumers.length > 0 || serves.length > 0))
      fail(`${at}.admin`, 'the admin has every permission: list no publish, consumers or serves');
    if (!nats && (consumers.length > 0 || serves.length > 0 || admin))
      fail(
        `${at}.nats`,
        'a unit without a NATS user can read no consumers, serve no units and not be the admin',
      );
    const revoked = entry.revoked;
    if (revoked !== undefined && (typeof revoked !== 'string' || Number.isNaN(Date.parse(revoked))))
      fail(`${at}.revoked`, 'must be an ISO 8601 date');
    return {
      id,
      name: name as string,
      ...(typeof source === 'string' ? { source } : {}),
      publish,
      consumers,
      serves,
      nats: nats as boolean,
      admin: admin as boolean,
      ...(typeof revoked === 'string' ? { revoked } : {}),
    };
  });

  const ids = new Set<string>();
  units.forEach((unit, index) => {
    if (ids.has(unit.id)) fail(`units[${index}].id`, `'${unit.id}' is listed twice`);
    ids.add(unit.id);
  });
  units.forEach((unit, index) => {
    unit.serves.forEach((pattern, i) => {
      const known = pattern.endsWith(':*')
        ? units.some((u) => u.id.startsWith(pattern.slice(0, -1)))
        : ids.has(pattern);
      if (!known) fail(`units[${index}] (${unit.id}).serves[${i}]`, `'${pattern}' names no unit`);
    });
  });
  if (!units.some((unit) => unit.admin && !unit.revoked))
    fail('units', 'must have one active admin (admin: true) to provision streams and consumers');
  return { units, sites: validateSites(root.sites, units, fail) };
}

const KNOWN_FIELDS = new Set([
  'id',
  'name',
  'source',
  'publish',
  'consumers',
  'serves',
  'nats',
  'admin',
  'revoked',
]);

/**
 * Edits the registry file in place, keeping its comments and layout: `change` gets the parsed YAML
 * document. The result is validated before the file is replaced (atomically), so a failed edit
 * leaves the file as it was.
 */
export function editRegistryFile(file: string, change: (document: Document) => void): AgencyRegistry {
  const document = parseDocument(readFileSync(file, 'utf8'));
  change(document);
  const text = document.toString({ lineWidth: 0, singleQuote: true }); // as Prettier formats it
  const registry = parseRegistry(text, file);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
  return registry;
}

/** The YAML sequence of units of a registry document. */
export function unitsSequence(document: Document) {
  const units = document.get('units');
  if (!isSeq(units)) throw new RegistryError('registry: units must be a list');
  return units;
}

/** The YAML mapping of one unit in a registry document, or undefined. */
export function unitNode(document: Document, unitId: string) {
  return unitsSequence(document).items.find((item) => isMap(item) && item.get('id') === unitId);
}
