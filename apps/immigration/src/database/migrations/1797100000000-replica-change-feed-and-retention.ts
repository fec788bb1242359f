import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Keys of the transaction-scoped advisory lock a change of `watchlist_replica` draws its number under. */
const REPLICA_CHANGE_LOCK = { classId: 1_764_700_000, objectId: 1 } as const;

/** The channel a committed change of `watchlist_replica` is announced on (NOTIFY, no payload). */
const REPLICA_CHANGE_CHANNEL = 'watchlist_replica_changed';

/**
 * The replica's change feed and the indexes retention prunes by (docs/adr/0008-retention.md).
 *
 * Every insert or update of a `watchlist_replica` row stamps it with the next `change_seq`, so every
 * instance of a site can follow the table (`WHERE change_seq > $last ORDER BY change_seq`) and its
 * in-memory index converges on it, whichever instance applied an event. The number is drawn under
 * a transaction-scoped advisory lock, held until the writer commits: writers are serialised, so
 * numbers are assigned in commit order and a reader that has seen change n never later finds a
 * committed change below n (a rolled-back writer only leaves a gap). A statement-level trigger
 * sends a NOTIFY, delivered at commit, to wake the readers before their next poll.
 */
export class ReplicaChangeFeedAndRetention1797100000000 implements MigrationInterface {
  name = 'ReplicaChangeFeedAndRetention1797100000000';

  async up(q: QueryRunner): Promise<void> {
    const { classId, objectId } = REPLICA_CHANGE_LOCK;
    await q.query(`CREATE SEQUENCE watchlist_replica_change_seq AS bigint`);
    await q.query(`ALTER TABLE watchlist_replica ADD COLUMN change_seq bigint`);
    await q.query(`UPDATE watchlist_replica SET change_seq = nextval('watchlist_replica_change_seq')`);
    await q.query(`ALTER TABLE watchlist_replica ALTER COLUMN change_seq SET NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX watchlist_replica_change ON watchlist_replica (change_seq)`);
    await q.query(`
      CREATE FUNCTION watchlist_replica_stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(${classId}, ${objectId});
        NEW.change_seq := nextval('watchlist_replica_change_seq');
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER watchlist_replica_stamp_change BEFORE INSERT OR UPDATE ON watchlist_replica
        FOR EACH ROW EXECUTE FUNCTION watchlist_replica_stamp_change()`);
    await q.query(`
      CREATE FUNCTION watchlist_replica_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${REPLICA_CHANGE_CHANNEL}', '');
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER watchlist_replica_notify_change AFTER INSERT OR UPDATE ON watchlist_replica
        FOR EACH STATEMENT EXECUTE FUNCTION watchlist_replica_notify_change()`);
    // Retention: an entry's row expires at its validUntil, or (a revoke that never met its issue)
    // at its revokedAt; screenings by age; delays after their validUntil.
    await q.query(
      `CREATE INDEX watchlist_replica_expiry ON watchlist_replica ((COALESCE(valid_until, revoked_at)))`,
    );
    await q.query(`CREATE INDEX screenings_screened_at ON screenings (screened_at)`);
    await q.query(`CREATE INDEX delays_valid_until ON delays (valid_until)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX delays_valid_until`);
    await q.query(`DROP INDEX screenings_screened_at`);
    await q.query(`DROP INDEX watchlist_replica_expiry`);
    await q.query(`DROP TRIGGER watchlist_replica_notify_change ON watchlist_replica`);
    await q.query(`DROP FUNCTION watchlist_replica_notify_change()`);
    await q.query(`DROP TRIGGER watchlist_replica_stamp_change ON watchlist_replica`);
    await q.query(`DROP FUNCTION watchlist_replica_stamp_change()`);
    await q.query(`ALTER TABLE watchlist_replica DROP COLUMN change_seq`);
    await q.query(`DROP SEQUENCE watchlist_replica_change_seq`);
  }
}
