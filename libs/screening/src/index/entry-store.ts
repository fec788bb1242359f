// The entries and their names in columns of typed arrays (struct of arrays): a million entries as a
// million objects with strings and nested arrays would cost several hundred bytes each and give the
// GC a million things to trace. Slots (entries) and records (one per name: full name, each alias)
// are reused after removal; a record's words live in one shared pool, compacted when half of it is
// garbage.
import { isPlaceholder, type BirthDate } from '../identifiers/birth.js';
import type { PersonView } from '../score/evidence.js';
import type { ScoredToken } from '../score/name-alignment.js';
import type { Sex } from '../types.js';
import { grow } from './int-list.js';
import { ACTIONS, LEGAL_TYPES, type PreparedEntry } from './prepare.js';
import type { Vocabulary } from './vocabulary.js';

/** Flag bits stored with a word id in the pool. */
export const PATRONYMIC_BIT = 1 << 30;
export const RESPELLED_BIT = 1 << 29;
export const TOKEN_MASK = RESPELLED_BIT - 1;

/**
 * The hot part of each name record, 16 int32 (64 bytes, about one cache line) in one array, so that
 * reading a candidate costs one memory fetch instead of one per column (at a million entries every
 * column access is a cache miss): what the index's candidate loops and cheap bounds read.
 */
export const REC = {
  STRIDE: 16,
  SLOT: 0,
  BIRTH_A: 1,
  BIRTH_B: 2,
  FLAGS: 3,
  /** Validity in seconds since 2000-01-01 (int32 reaches 2068); revocation folded into UNTIL. */
  FROM: 4,
  UNTIL: 5,
  COUNT: 6,
  STAMP: 7,
  /** 32-bit hashes of the NIK and passport key (0 = none): different hashes, different identifiers. */
  NIK_HASH: 8,
  PASSPORT_HASH: 9,
  WORDS: 10,
  /** Words kept inline; longer names are always scored in full. */
  INLINE_WORDS: 6,
} as const;

/** FNV-1a 32-bit hash of an identifier, never 0 (0 means none). */
export function identifierHash(value: string | undefined): number {
  if (value === undefined) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h === 0 ? 1 : h;
}

/** FLAGS bits. */
export const FLAG = {
  SEX_MASK: 3, // 0 unknown, 1 M, 2 F
  LEGAL_SHIFT: 2, // 2 bits: index in LEGAL_TYPES
  HAS_NIK: 1 << 4,
  HAS_PASSPORT: 1 << 5,
  FOREIGN: 1 << 6, // nationality other than IDN
  SHARED_SLOT: 1 << 7, // the entry has more than one name (aliases)
} as const;

const EPOCH_2000 = Date.UTC(2000, 0, 1);
const INT32_MAX = 2_147_483_647;

/**
 * An instant (epoch ms) as the records' int32 seconds since 2000, clamped. NaN (an unparseable date)
 * gives a window that never opens: INT32_MAX as a start (floor), -INT32_MAX as an end (ceil).
 */
export function recordSeconds(ms: number, rounding: 'floor' | 'ceil'): number {
  if (Number.isNaN(ms)) return rounding === 'floor' ? INT32_MAX : -INT32_MAX;
  const seconds = (rounding === 'floor' ? Math.floor : Math.ceil)((ms - EPOCH_2000) / 1000);
  return Math.max(-INT32_MAX, Math.min(INT32_MAX, seconds));
}

const SEX_CODE = { M: 1, F: 2 } as const;

/**
 * Returns a string flat in memory. V8 keeps a string built by concatenation as a tree of its pieces
 * (a ConsString: a generated UUID can take hundreds of bytes); reading one character flattens it in
 * place, so a retained id costs its length, not its construction history. Strings parsed from JSON
 * are already flat; this is for callers that build ids.
 */
function settled(value: string | undefined): string | undefined {
  if (value !== undefined && value.length > 0) value.charCodeAt(0);
  return value;
}
const YEAR_UNKNOWN = 9000;

/** Packs a birth date into one int: YYYYMMDD, or (9000 + yy)MMDD when only the NIK's two-digit year is known. */
export function packBirth(b: BirthDate): number {
  return ((b.year ?? YEAR_UNKNOWN + b.yearOfCentury) * 100 + b.month) * 100 + b.day;
}

export function unpackBirth(packed: number): BirthDate {
  const y = Math.floor(packed / 10_000);
  const month = Math.floor(packed / 100) % 100;
  const day = packed % 100;
  return y >= YEAR_UNKNOWN
    ? { day, month, yearOfCentury: y - YEAR_UNKNOWN }
    : { day, month, year: y, yearOfCentury: y % 100 };
}

export class EntryStore {
  // slots
  entryId: (string | undefined)[] = [];
  version = new Int32Array(0);
  legal = new Uint8Array(0);
  action = new Uint8Array(0);
  validFrom = new Float64Array(0);
  validUntil = new Float64Array(0);
  revokedAt = new Float64Array(0);
  sex = new Uint8Array(0);
  /** Up to two packed birth dates per entry (stated date of birth and the NIK's); 0 = none. */
  birthA = new Int32Array(0);
  birthB = new Int32Array(0);
  nik: (string | undefined)[] = [];
  passport: (string | undefined)[] = [];
  nationality: string[] = [];
  /** Record ids of each slot: full name first, then aliases. */
  records: number[][] = [];
  private freeSlots: number[] = [];
  private slotCount = 0;

  // records
  recSlot = new Int32Array(0);
  recStart = new Int32Array(0);
  recLength = new Uint8Array(0);
  /** Hot record structs, REC.STRIDE ints each. */
  rec = new Int32Array(0);
  private freeRecords: number[] = [];
  private recordCount = 0;
  pool = new Int32Array(1024);
  private poolLength = 0;
  private poolGarbage = 0;

  /** Live entries. */
  size = 0;

  constructor(private readonly vocabulary: Vocabulary) {}

  get slotCapacity(): number {
    return this.slotCount;
  }

  private newSlot(): number {
    const reused = this.freeSlots.pop();
    if (reused !== undefined) return reused;
    const slot = this.slotCount++;
    if (slot >= this.version.length) {
      const n = slot + 1;
      this.version = grow(this.version, n);
      this.legal = grow(this.legal, n);
      this.action = grow(this.action, n);
      this.validFrom = grow(this.validFrom, n);
      this.validUntil = grow(this.validUntil, n);
      this.revokedAt = grow(this.revokedAt, n);
      this.sex = grow(this.sex, n);
      this.birthA = grow(this.birthA, n);
      this.birthB = grow(this.birthB, n);
    }
    return slot;
  }

  private newRecord(): number {
    const reused = this.freeRecords.pop();
    if (reused !== undefined) return reused;
    const record = this.recordCount++;
    if (record >= this.recSlot.length) {
      const n = record + 1;
      this.recSlot = grow(this.recSlot, n);
      this.recStart = grow(this.recStart, n);
      this.recLength = grow(this.recLength, n);
      this.rec = grow(this.rec, this.recSlot.length * REC.STRIDE);
    }
    return record;
  }

  /** Stores an entry; returns its slot. Names longer than 255 words keep their first 255. */
  add(entry: PreparedEntry): number {
    const slot = this.newSlot();
    const p = entry.person;
    this.entryId[slot] = settled(entry.entryId);
    this.version[slot] = entry.version;
    this.legal[slot] = LEGAL_TYPES.indexOf(entry.legalType);
    this.action[slot] = ACTIONS.indexOf(entry.action);
    this.validFrom[slot] = entry.validFrom;
    this.validUntil[slot] = entry.validUntil;
    this.revokedAt[slot] = entry.revokedAt;
    this.sex[slot] = p.sex === undefined ? 0 : SEX_CODE[p.sex];
    this.birthA[slot] = p.births[0] ? packBirth(p.births[0]) : 0;
    this.birthB[slot] = p.births[1] ? packBirth(p.births[1]) : 0;
    this.nik[slot] = settled(p.nik);
    this.passport[slot] = settled(p.passport);
    this.nationality[slot] = p.nationality;
    const records: number[] = [];
    const shared = p.names.length > 1 ? FLAG.SHARED_SLOT : 0;
    const flags =
      this.sex[slot] |
      (this.legal[slot] << FLAG.LEGAL_SHIFT) |
      (p.nik !== undefined ? FLAG.HAS_NIK : 0) |
      (p.passport !== undefined ? FLAG.HAS_PASSPORT : 0) |
      (p.nationality !== 'IDN' ? FLAG.FOREIGN : 0) |
      shared;
    // widened outwards to whole seconds; the search checks the exact instant in a boundary second
    const from = recordSeconds(entry.validFrom, 'floor');
    const until = recordSeconds(
      Number.isNaN(entry.revokedAt) ? entry.validUntil : Math.min(entry.validUntil, entry.revokedAt),
      'ceil',
    );
    for (const name of p.names) {
      const record = this.newRecord();
      const tokens = name.slice(0, 255);
      this.ensurePool(tokens.length);
      this.recSlot[record] = slot;
      this.recStart[record] = this.poolLength;
      this.recLength[record] = tokens.length;
      const base = record * REC.STRIDE;
      this.rec.fill(0, base, base + REC.STRIDE);
      this.rec[base + REC.SLOT] = slot;
      this.rec[base + REC.BIRTH_A] = this.birthA[slot];
      this.rec[base + REC.BIRTH_B] = this.birthB[slot];
      this.rec[base + REC.FLAGS] = flags;
      this.rec[base + REC.FROM] = from;
      this.rec[base + REC.UNTIL] = until;
      this.rec[base + REC.COUNT] = tokens.length;
      this.rec[base + REC.NIK_HASH] = identifierHash(p.nik);
      this.rec[base + REC.PASSPORT_HASH] = identifierHash(p.passport);
      tokens.forEach((t, i) => {
        let value = this.vocabulary.intern(t.text);
        if (t.patronymic) value |= PATRONYMIC_BIT;
        if (t.respelled) value |= RESPELLED_BIT;
        this.pool[this.poolLength++] = value;
        if (i < REC.INLINE_WORDS) this.rec[base + REC.WORDS + i] = value;
      });
      records.push(record);
    }
    // an exact-size copy: an array grown by push keeps room for 16 items
    this.records[slot] = records.length === 1 ? [records[0]] : records.slice();
    this.size++;
    return slot;
  }

  /** Frees a slot and its records. */
  remove(slot: number): void {
    for (const record of this.records[slot]) {
      this.poolGarbage += this.recLength[record];
      this.recLength[record] = 0;
      this.recSlot[record] = -1;
      this.rec[record * REC.STRIDE + REC.SLOT] = -1;
      this.rec[record * REC.STRIDE + REC.COUNT] = 0;
      this.freeRecords.push(record);
    }
    this.records[slot] = [];
    this.entryId[slot] = undefined;
    this.nik[slot] = undefined;
    this.passport[slot] = undefined;
    this.freeSlots.push(slot);
    this.size--;
  }

  /** Ids of the distinct, non-initial phonetic keys of a record. */
  recordKeys(record: number): number[] {
    const keys: number[] = [];
    const start = this.recStart[record];
    for (let i = 0; i < this.recLength[record]; i++) {
      const key = this.vocabulary.keyOf[this.pool[start + i] & TOKEN_MASK];
      if (key >= 0 && !keys.includes(key)) keys.push(key);
    }
    return keys;
  }

  /** Ids of the distinct variant forms of a record's words (initials excepted). */
  recordForms(record: number): number[] {
    const forms: number[] = [];
    const start = this.recStart[record];
    for (let i = 0; i < this.recLength[record]; i++) {
      const form = this.vocabulary.formOf[this.pool[start + i] & TOKEN_MASK];
      if (form >= 0 && !forms.includes(form)) forms.push(form);
    }
    return forms;
  }

  /** Two-digit birth years of a slot (0-2 of them). */
  yearsOfCentury(slot: number): number[] {
    const years: number[] = [];
    for (const packed of [this.birthA[slot], this.birthB[slot]]) {
      if (packed === 0) continue;
      const yy = unpackBirth(packed).yearOfCentury;
      if (!years.includes(yy)) years.push(yy);
    }
    return years;
  }

  /** Birth-date list keys (two-digit year, month, day) of a slot, placeholders excepted. */
  dateKeys(slot: number): number[] {
    const keys = this.births(slot)
      .filter((b) => !isPlaceholder(b))
      .map((b) => (b.yearOfCentury * 100 + b.month) * 100 + b.day);
    return [...new Set(keys)];
  }

  /** Two-digit years of a slot's placeholder birth dates (1 January, 31 December). */
  placeholderYears(slot: number): number[] {
    return [
      ...new Set(
        this.births(slot)
          .filter(isPlaceholder)
          .map((b) => b.yearOfCentury),
      ),
    ];
  }

  births(slot: number): BirthDate[] {
    const out: BirthDate[] = [];
    if (this.birthA[slot] !== 0) out.push(unpackBirth(this.birthA[slot]));
    if (this.birthB[slot] !== 0) out.push(unpackBirth(this.birthB[slot]));
    return out;
  }

  recordTokens(record: number): ScoredToken[] {
    const v = this.vocabulary;
    const tokens: ScoredToken[] = [];
    const start = this.recStart[record];
    for (let i = 0; i < this.recLength[record]; i++) {
      const value = this.pool[start + i];
      const id = value & TOKEN_MASK;
      tokens.push({
        text: v.text[id],
        weight: v.weight[id],
        initial: v.initial[id],
        patronymic: (value & PATRONYMIC_BIT) !== 0,
        respelled: (value & RESPELLED_BIT) !== 0,
      });
    }
    return tokens;
  }

  /** The entry as the scorer sees it. */
  view(slot: number): PersonView {
    const sex = this.sex[slot];
    return {
      names: this.records[slot].map((r) => this.recordTokens(r)),
      births: this.births(slot),
      sex: sex === 0 ? undefined : ((sex === 1 ? 'M' : 'F') as Sex),
      nik: this.nik[slot],
      passport: this.passport[slot],
      nationality: this.nationality[slot],
    };
  }

  /** Whether the entry may match at `now` (epoch ms): valid and not revoked. */
  isActive(slot: number, now: number): boolean {
    const revoked = this.revokedAt[slot];
    return this.validFrom[slot] <= now && now < this.validUntil[slot] && !(revoked <= now);
  }

  private ensurePool(extra: number): void {
    if (this.poolLength + extra <= this.pool.length) return;
    if (this.poolGarbage > this.poolLength / 2) this.compact();
    if (this.poolLength + extra > this.pool.length) this.pool = grow(this.pool, this.poolLength + extra);
  }

  /** Moves live records' words to the front of a fresh pool (ids unchanged, so results are unchanged). */
  private compact(): void {
    const pool = new Int32Array(Math.max(1024, (this.poolLength - this.poolGarbage) * 2));
    let length = 0;
    for (let r = 0; r < this.recordCount; r++) {
      if (this.recSlot[r] < 0) continue;
      const start = this.recStart[r];
      pool.set(this.pool.subarray(start, start + this.recLength[r]), length);
      this.recStart[r] = length;
      length += this.recLength[r];
    }
    this.pool = pool;
    this.poolLength = length;
    this.poolGarbage = 0;
  }

  /** Drops everything. */
  clear(): void {
    Object.assign(this, new EntryStore(this.vocabulary));
  }
}
