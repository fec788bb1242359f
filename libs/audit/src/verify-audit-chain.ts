import type { AuditRow } from './audit-record.js';
import { GENESIS_HASH, hashOfRecord } from './chain-hash.js';

/**
 * One break of the chain, at an exact position:
 * - modified: the record's content no longer gives its hash (or, for a record rewritten together
 *   with its hash, its successor's link no longer points at it);
 * - deleted: positions `position`..`through` are missing;
 * - inserted: a record neither whose content nor whose link fits the chain;
 * - reordered: an intact record moved to another position (`belongsAt`).
 */
export interface AuditProblem {
  position: number;
  kind: 'modified' | 'deleted' | 'inserted' | 'reordered';
  through?: number;
  belongsAt?: number;
}

export interface AuditVerification {
  /** Records read. */
  records: number;
  /** The last record: operators record it outside the database (an anchor, see chain-hash.ts). */
  head: { position: number; hash: string } | null;
  problems: AuditProblem[];
  /** True when more problems were found than kept (MAX_PROBLEMS). */
  truncated: boolean;
}

/** Where the verifier reads records: pages in position order, and look-ups by hash for diagnosis. */
export interface AuditChainSource {
  /** At most `limit` records with a position above `after`, in position order. */
  page(after: number, limit: number): Promise<AuditRow[]>;
  /** Position of a record whose hash is `hash`. */
  positionOfHash(hash: string): Promise<number | undefined>;
  /** Position of a record whose previous_hash is `hash` (its successor). */
  positionOfPreviousHash(hash: string): Promise<number | undefined>;
}

/** Records read per page (keyset pagination: memory stays flat however long the chain). */
export const VERIFY_PAGE_SIZE = 5_000;
/** A wholly rewritten table would otherwise give one problem per record. */
export const MAX_PROBLEMS = 10_000;

/** Walks the whole chain in position order and reports every break with its position. */
export async function verifyAuditChainFrom(
  source: AuditChainSource,
  pageSize = VERIFY_PAGE_SIZE,
): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  let truncated = false;
  const report = (problem: AuditProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
    else truncated = true;
  };
  let records = 0;
  let prev: AuditRow | null = null;
  let prevReported = false;
  // A self-consistent record whose link does not point at its predecessor: if a record follows it,
  // the predecessor was rewritten with a recomputed hash; if it is the last, it was appended.
  let unlinked: { row: AuditRow; predecessor: AuditRow } | null = null;

  for (let after = 0; ;) {
    const page = await source.page(after, pageSize);
    for (const row of page) {
      records += 1;
      if (unlinked) {
        report({ position: unlinked.predecessor.position, kind: 'modified' });
        unlinked = null;
      }
      const expectedPosition = prev ? prev.position + 1 : 1;
      const expectedPrevious = prev ? prev.hash : GENESIS_HASH;
      const gap = row.position > expectedPosition;
      if (gap) {
        const through = row.position - 1;
        report({
          position: expectedPosition,
          kind: 'deleted',
          ...(through > expectedPosition ? { through } : {}),
        });
      }
      let reported = false;
      if (hashOfRecord(row) !== row.hash) {
        reported = true;
        const belongsAt = await placeOf(source, row);
        if (belongsAt !== undefined) report({ position: row.position, kind: 'reordered', belongsAt });
        else if (
          gap ||
          row.previousHash === expectedPrevious ||
          row.previousHash === GENESIS_HASH ||
          (await source.positionOfHash(row.previousHash)) !== undefined
        )
          report({ position: row.position, kind: 'modified' });
        else report({ position: row.position, kind: 'inserted' });
      } else if (!gap && prev && row.previousHash !== expectedPrevious && !prevReported) {
        unlinked = { row, predecessor: prev };
      } else if (!gap && !prev && row.previousHash !== GENESIS_HASH) {
        report({ position: row.position, kind: 'inserted' });
        reported = true;
      }
      prevReported = reported;
      prev = row;
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1]!.position;
  }
  if (unlinked) report({ position: unlinked.row.position, kind: 'inserted' });
  problems.sort((a, b) => a.position - b.position);
  return { records, head: prev ? { position: prev.position, hash: prev.hash } : null, problems, truncated };
}

/**
 * The position an intact record was written at, when it now sits elsewhere: its hash covers its
 * original position, which its neighbours in the chain (found by hash) tell.
 */
async function placeOf(source: AuditChainSource, row: AuditRow): Promise<number | undefined> {
  const candidates = new Set<number>();
  if (row.previousHash === GENESIS_HASH) candidates.add(1);
  else {
    const predecessor = await source.positionOfHash(row.previousHash);
    if (predecessor !== undefined) candidates.add(predecessor + 1);
  }
  const successor = await source.positionOfPreviousHash(row.hash);
  if (successor !== undefined) candidates.add(successor - 1);
  candidates.delete(row.position);
  for (const position of candidates) {
    if (position >= 1 && hashOfRecord({ ...row, position }) === row.hash) return position;
  }
  return undefined;
}

/** One line per problem, as `simpul audit verify` prints them. */
export function describeProblem(problem: AuditProblem): string {
  if (problem.kind === 'deleted' && problem.through !== undefined)
    return `positions ${problem.position}-${problem.through}: deleted`;
  if (problem.kind === 'reordered')
    return `position ${problem.position}: reordered (written at position ${problem.belongsAt})`;
  return `position ${problem.position}: ${problem.kind}`;
}

/** An in-memory source (tests, or a chain exported from elsewhere). */
export function memoryAuditSource(rows: readonly AuditRow[]): AuditChainSource {
  const sorted = [...rows].sort((a, b) => a.position - b.position);
  return {
    page: async (after, limit) => sorted.filter((r) => r.position > after).slice(0, limit),
    positionOfHash: async (hash) => sorted.find((r) => r.hash === hash)?.position,
    positionOfPreviousHash: async (hash) => sorted.find((r) => r.previousHash === hash)?.position,
  };
}
