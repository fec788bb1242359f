import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createTestDatabase, createTestDataSource, type TestDatabase } from '@simpul/bus/testing';
import type { DataSource } from 'typeorm';
import { appendAudit, appendAuditMany } from './append-audit.js';
import { appendAuditAtCommit } from './append-audit-at-commit.js';
import type { AuditRecordInput } from './audit-record.js';
import { CreateAuditLog1796000000000 } from './migration.js';
import { describeProblem } from './verify-audit-chain.js';
import { verifyAuditChain } from './pg-audit-source.js';
import { auditTrailOf } from './subject-trail.js';

let db: TestDatabase;
let dataSource: DataSource;
const SUBJECT = 'a'.repeat(64);

const record = (i: number): AuditRecordInput => ({
  unit: 'polda:riau',
  purpose: 'case_handling',
  action: 'arrest.recorded',
  recordType: 'arrest',
  recordId: `arrest-${i}`,
  subjectRefs: i % 2 === 0 ? [SUBJECT] : [],
  eventId: '0190a8f0-0000-7000-8000-00000000000' + (i % 10),
});

async function lines(pageSize?: number): Promise<string[]> {
  return (await verifyAuditChain(dataSource, pageSize)).problems.map(describeProblem);
}

beforeAll(async () => {
  db = await createTestDatabase('audit');
  dataSource = await createTestDataSource(db.url, { migrations: [CreateAuditLog1796000000000] });
}, 30_000);
afterAll(async () => {
  await dataSource?.destroy();
  await db?.drop();
});
beforeEach(async () => {
  await dataSource.query('TRUNCATE audit_log');
  // 20 concurrent transactions of one or three records each: the lock keeps the chain one line.
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      dataSource.transaction(async (m) => {
        if (i % 2 === 0) await appendAudit(m, record(i));
        else await appendAuditMany(m, [record(i), record(i), record(i)]);
      }),
    ),
  );
});

describe('audit_log in PostgreSQL', () => {
  it('chains concurrent appends densely, without forks, across pages', async () => {
    const result = await verifyAuditChain(dataSource, 7);
    expect(result.records).toBe(40);
    expect(result.problems).toEqual([]);
    expect(result.head?.position).toBe(40);
  });

  it('commits with the caller’s transaction or not at all, and refuses to run outside one', async () => {
    await expect(
      dataSource.transaction(async (m) => {
        await appendAudit(m, record(1));
        throw new Error('state change failed');
      }),
    ).rejects.toThrow('state change failed');
    expect((await verifyAuditChain(dataSource)).records).toBe(40);
    await expect(appendAudit(dataSource.manager, record(1))).rejects.toThrow(/inside a transaction/);
  });

  it('appends queued records just before the commit, after everything else, and drops them on rollback', async () => {
    await dataSource.transaction(async (m) => {
      appendAuditAtCommit(m, record(100));
      // A nested transaction's commit is a savepoint: nothing is appended yet.
      await m.transaction(async (inner) => appendAuditAtCommit(inner, record(101)));
      expect((await m.query('SELECT count(*)::int AS n FROM audit_log'))[0].n).toBe(40);
      await appendAudit(m, record(102));
    });
    const ids: Array<{ record_id: string }> = await dataSource.query(
      'SELECT record_id FROM audit_log WHERE position > 40 ORDER BY position',
    );
    expect(ids.map((r) => r.record_id)).toEqual(['arrest-102', 'arrest-100', 'arrest-101']);
    await expect(
      dataSource.transaction(async (m) => {
        appendAuditAtCommit(m, record(103));
        throw new Error('state change failed');
      }),
    ).rejects.toThrow('state change failed');
    await dataSource.transaction((m) => m.query('SELECT 1'));
    expect((await verifyAuditChain(dataSource)).records).toBe(43);
    expect(() => appendAuditAtCommit(dataSource.manager, record(1))).toThrow(/inside a transaction/);
    expect(() => appendAuditAtCommit(dataSource.manager, { ...record(1), unit: '' })).toThrow(/unit/);
  });

  it('finds a subject’s trail by blind index, in position order', async () => {
    const trail = await auditTrailOf((sql, params) => dataSource.query(sql, params), [SUBJECT]);
    expect(trail.records).toHaveLength(10);
    const positions = trail.records.map((r) => r.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(trail.records[0]).not.toHaveProperty('subjectRefs');
  });

  it('reports a field changed by UPDATE', async () => {
    await dataSource.query(`UPDATE audit_log SET purpose = 'curiosity' WHERE position = 17`);
    expect(await lines()).toEqual(['position 17: modified']);
  });

  it('reports a row removed by DELETE', async () => {
    await dataSource.query(`DELETE FROM audit_log WHERE position = 23`);
    expect(await lines(5)).toEqual(['position 23: deleted']);
  });

  it('reports a forged row added by INSERT', async () => {
    await dataSource.query(
      `INSERT INTO audit_log (position, recorded_at, unit, purpose, action, record_type, record_id, previous_hash, hash)
       VALUES (41, now(), 'polda:riau', 'case_handling', 'arrest.recorded', 'arrest', 'forged', $1, $2)`,
      ['1'.repeat(64), '2'.repeat(64)],
    );
    expect(await lines()).toEqual(['position 41: inserted']);
  });

  it('reports two rows whose positions were swapped', async () => {
    await dataSource.query(`UPDATE audit_log SET position = 1000 WHERE position = 8`);
    await dataSource.query(`UPDATE audit_log SET position = 8 WHERE position = 30`);
    await dataSource.query(`UPDATE audit_log SET position = 30 WHERE position = 1000`);
    expect(await lines()).toEqual([
      'position 8: reordered (written at position 30)',
      'position 30: reordered (written at position 8)',
    ]);
  });
});
