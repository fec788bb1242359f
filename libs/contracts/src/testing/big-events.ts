// Large events for tests and the benchmark: arrests with N suspects, interceptions with N
// candidates (up to the contract's 2000), and an interception as close to 256 KiB as fits.
import {
  MAX_CANDIDATES,
  MAX_EVENT_BYTES,
  SUSPECT_ROLES,
  type ArrestSuspect,
  type FoiledCandidate,
  type SimpulEvent,
} from '../index.js';
import { fixtureNik, fixtureUuid, validFixture } from './fixtures.js';

const GIVEN = [
  'Siti',
  'Dewi',
  'Nur',
  'Rina',
  'Sri',
  'Budi',
  'Agus',
  'Joko',
  'Rahmat',
  'Andi',
  'Eko',
  'Wahyu',
];
const FAMILY = [
  'Aminah',
  'Lestari',
  'Hasanah',
  'Saputra',
  'Santoso',
  'Wijaya',
  'Hidayat',
  'Kurniawan',
  'Siregar',
];

function nameOf(i: number): string {
  return `${GIVEN[i % GIVEN.length]} ${FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length]}`;
}

function dobOf(i: number): string {
  const year = 1970 + (i % 35);
  const month = 1 + (i % 12);
  const day = 1 + (i % 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** An arrest (police.arrest.recorded.v1) with `n` (1-200) suspects, each with a full Person. */
export function arrestWithSuspects(n: number): SimpulEvent<'police.arrest.recorded.v1'> {
  const event = validFixture('police.arrest.recorded.v1');
  const suspects: ArrestSuspect[] = [];
  for (let i = 0; i < n; i++) {
    const sex = i % 3 === 2 ? 'F' : 'M';
    const dateOfBirth = dobOf(i);
    suspects.push({
      suspectId: fixtureUuid(0x10000 + i),
      person: {
        fullName: nameOf(i),
        aliases: [`${nameOf(i + 5)}`],
        nik: fixtureNik(dateOfBirth, sex, i + 1),
        dateOfBirth,
        sex,
        nationality: 'IDN',
      },
      status: i % 4 === 0 ? 'at_large' : 'detained',
      role: SUSPECT_ROLES[i % SUSPECT_ROLES.length],
      ...(i % 5 === 0
        ? { company: { name: 'PT Sinar Jaya Mandiri Sejahtera', licenseNumber: 'KEP.123/PPTKLN/2021' } }
        : {}),
    });
  }
  event.data.suspects = suspects;
  return event;
}

/**
 * An interception (police.departure.foiled.v1) with `n` (0-2000) candidates. `full`: each person
 * has NIK, date of birth, sex and nationality (realistic, heavier); otherwise name and sex only, so
 * that 2000 candidates stay under 256 KiB.
 */
export function interceptionWithCandidates(
  n: number,
  opts: { full?: boolean } = {},
): SimpulEvent<'police.departure.foiled.v1'> {
  const event = validFixture('police.departure.foiled.v1');
  const candidates: FoiledCandidate[] = [];
  for (let i = 0; i < n; i++) {
    const sex = i % 2 === 0 ? 'F' : 'M';
    const dateOfBirth = dobOf(i + 7);
    candidates.push({
      candidateId: fixtureUuid(0x20000 + i),
      person: opts.full
        ? {
            fullName: nameOf(i),
            nik: fixtureNik(dateOfBirth, sex, i + 1, '147203'),
            dateOfBirth,
            sex,
            nationality: 'IDN',
          }
        : { fullName: `${nameOf(i)} ${sex === 'F' ? 'binti' : 'bin'} Ali`, sex },
      minor: i % 10 === 0,
    });
  }
  event.data.candidates = candidates;
  event.data.candidateCount = Math.max(n, event.data.candidateCount);
  return event;
}

function byteLength(event: unknown): number {
  return Buffer.byteLength(JSON.stringify(event), 'utf8');
}

/**
 * The interception with as many full candidates as fit in `maxBytes` (default: 256 KiB less 512
 * bytes of headroom), never more than the contract's 2000. The benchmark's ~256 KiB event.
 */
export function interceptionOfAboutBytes(
  maxBytes = MAX_EVENT_BYTES - 512,
): SimpulEvent<'police.departure.foiled.v1'> {
  let n = Math.min(MAX_CANDIDATES, Math.floor(maxBytes / 150));
  let event = interceptionWithCandidates(n, { full: true });
  while (n < MAX_CANDIDATES && byteLength(event) < maxBytes) {
    n = Math.min(MAX_CANDIDATES, n + 16);
    event = interceptionWithCandidates(n, { full: true });
  }
  while (n > 0 && byteLength(event) > maxBytes) {
    n--;
    event = interceptionWithCandidates(n, { full: true });
  }
  return event;
}
