import { describe, expect, it } from '@jest/globals';
import { AuditRecordError, normaliseAuditRecord, type AuditRow } from './audit-record.js';
import { GENESIS_HASH, hashOfRecord } from './chain-hash.js';
import { describeProblem, memoryAuditSource, verifyAuditChainFrom } from './verify-audit-chain.js';

/** A valid chain of n records, built as appendAuditMany builds them. */
function chain(n: number): AuditRow[] {
  const rows: AuditRow[] = [];
  let previousHash = GENESIS_HASH;
  for (let position = 1; position <= n; position++) {
    const unhashed = {
      ...normaliseAuditRecord({
        unit: 'polda:riau',
        purpose: 'case_handling',
        action: 'arrest.recorded',
        recordType: 'arrest',
        recordId: `arrest-${position}`,
        subjectRefs: [String(position % 10).repeat(64)],
      }),
      position,
      recordedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, position)),
      previousHash,
    };
    const row = { ...unhashed, hash: hashOfRecord(unhashed) };
    rows.push(row);
    previousHash = row.hash;
  }
  return rows;
}

/** Recomputes a record's hash after a change (an attacker who knows the scheme). */
function rehash(row: AuditRow): AuditRow {
  return { ...row, hash: hashOfRecord(row) };
}

async function verify(rows: AuditRow[], pageSize = 3) {
  const result = await verifyAuditChainFrom(memoryAuditSource(rows), pageSize);
  return { ...result, lines: result.problems.map(describeProblem) };
}

describe('verifyAuditChainFrom', () => {
  it('passes an intact chain across pages and gives the head', async () => {
    const rows = chain(10);
    const result = await verify(rows);
    expect(result).toMatchObject({ records: 10, problems: [], head: { position: 10, hash: rows[9]!.hash } });
  });

  it('passes an empty chain', async () => {
    expect(await verify([])).toMatchObject({ records: 0, head: null, problems: [] });
  });

  it('reports a modified record at its position', async () => {
    const rows = chain(10);
    rows[4] = { ...rows[4]!, unit: 'polda:kepri' };
    expect((await verify(rows)).lines).toEqual(['position 5: modified']);
  });

  it('reports a record rewritten with a recomputed hash through its successor’s link', async () => {
    const rows = chain(10);
    rows[4] = rehash({ ...rows[4]!, purpose: 'other' });
    expect((await verify(rows)).lines).toEqual(['position 5: modified']);
  });

  it('reports deleted records, the first one, and a range', async () => {
    const rows = chain(10);
    expect((await verify(rows.filter((r) => r.position !== 4))).lines).toEqual(['position 4: deleted']);
    expect((await verify(rows.slice(1))).lines).toEqual(['position 1: deleted']);
    expect((await verify(rows.filter((r) => r.position < 3 || r.position > 6))).lines).toEqual([
      'positions 3-6: deleted',
    ]);
  });

  it('reports an inserted (forged) record at the end', async () => {
    const rows = chain(10);
    const forged = {
      ...rows[9]!,
      position: 11,
      recordId: 'forged',
      previousHash: 'f'.repeat(64),
      hash: 'e'.repeat(64),
    };
    expect((await verify([...rows, forged])).lines).toEqual(['position 11: inserted']);
    // Self-consistent (hash recomputed) but not linked to the chain.
    expect((await verify([...rows, rehash(forged)])).lines).toEqual(['position 11: inserted']);
  });

  it('reports two swapped records, adjacent or not', async () => {
    const rows = chain(10);
    const swapped = rows.map((r) =>
      r.position === 3 ? { ...r, position: 7 } : r.position === 7 ? { ...r, position: 3 } : r,
    );
    expect((await verify(swapped)).lines).toEqual([
      'position 3: reordered (written at position 7)',
      'position 7: reordered (written at position 3)',
    ]);
    const adjacent = rows.map((r) =>
      r.position === 1 ? { ...r, position: 2 } : r.position === 2 ? { ...r, position: 1 } : r,
    );
    expect((await verify(adjacent)).problems).toEqual([
      { position: 1, kind: 'reordered', belongsAt: 2 },
      { position: 2, kind: 'reordered', belongsAt: 1 },
    ]);
  });
});

describe('normaliseAuditRecord', () => {
  const valid = {
    unit: 'ministry:desk',
    purpose: 'case_handling',
    action: 'x.read',
    recordType: 'x',
    recordId: '1',
  };

  it('sorts and deduplicates subject references', () => {
    const a = 'a'.repeat(64);
    const b = 'b'.repeat(64);
    expect(normaliseAuditRecord({ ...valid, subjectRefs: [b, a, b] }).subjectRefs).toEqual([a, b]);
  });

  it('names the field, never the value', () => {
    const nik = '3171234567890123';
    const attempt = () => normaliseAuditRecord({ ...valid, subjectRefs: [nik] });
    expect(attempt).toThrow(AuditRecordError);
    expect(attempt).toThrow(/subjectRefs\[0\]/);
    expect(() => attempt()).not.toThrow(new RegExp(nik));
    expect(() => normaliseAuditRecord({ ...valid, unit: ' ' })).toThrow(/unit/);
    expect(() => normaliseAuditRecord({ ...valid, purpose: 'Case Handling' })).toThrow(/purpose/);
    expect(() => normaliseAuditRecord({ ...valid, eventId: 'nope' })).toThrow(/eventId/);
    expect(() => normaliseAuditRecord({ ...valid, recordId: 'x'.repeat(201) })).toThrow(/recordId/);
  });
});
