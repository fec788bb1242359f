import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Keys of the transaction-scoped advisory lock a change of `ministry_alert` draws its number under. */
const ALERT_CHANGE_LOCK = { classId: 1_764_600_000, objectId: 1 } as const;

/** The channel a committed change of `ministry_alert` is announced on (NOTIFY, no payload). */
const ALERT_CHANGE_CHANNEL = 'ministry_alert_changed';

/**
 * The alerts' change feed, which GET /v1/alerts/stream follows (its cursor, the SSE `id:`).
 *
 * Every committed insert or update of a `ministry_alert` row (an alert raised, an alert
 * acknowledged) stamps it with the next `change_seq`, so every ministry instance can follow the
 * table (`WHERE change_seq > $cursor ORDER BY change_seq`), whichever instance wrote. The number is
 * drawn at commit, by a deferred constraint trigger, under a transaction-scoped advisory lock held
 * for the commit only: stamps are assigned in commit order, so a reader that has seen change n never
 * later finds a committed change below n (the default drawn at insert is replaced then; a rolled
 * back writer only leaves a gap). Drawing it at commit rather than at insert keeps the lock out of
 * the consumers' longer transactions (a batch raising alerts, then waiting on a case row another
 * holds, while that one waits for the lock). The same trigger sends a NOTIFY, delivered at commit,
 * to wake the streams before their next poll.
 */
export class AlertChangeFeed1797600000001 implements MigrationInterface {
  name = 'AlertChangeFeed1797600000001';

  async up(q: QueryRunner): Promise<void> {
    const { classId, objectId } = ALERT_CHANGE_LOCK;
    await q.query(`CREATE SEQUENCE ministry_alert_change_seq AS bigint`);
    await q.query(`ALTER TABLE ministry_alert ADD COLUMN change_seq bigint`);
    // Existing alerts in the order they were raised.
    await q.query(`
      UPDATE ministry_alert a SET change_seq = o.n
        FROM (SELECT id, row_number() OVER (ORDER BY raised_at, id) AS n FROM ministry_alert) o
       WHERE a.id = o.id`);
    await q.query(
      `SELECT setval('ministry_alert_change_seq', COALESCE((SELECT max(change_seq) FROM ministry_alert), 0) + 1, false)`,
    );
    await q.query(
      `ALTER TABLE ministry_alert ALTER COLUMN change_seq SET DEFAULT nextval('ministry_alert_change_seq')`,
    );
    await q.query(`ALTER TABLE ministry_alert ALTER COLUMN change_seq SET NOT NULL`);
    await q.query(`ALTER SEQUENCE ministry_alert_change_seq OWNED BY ministry_alert.change_seq`);
    await q.query(`CREATE UNIQUE INDEX ministry_alert_change ON ministry_alert (change_seq)`);
    await q.query(`
      CREATE FUNCTION ministry_alert_stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(${classId}, ${objectId});
        UPDATE ministry_alert SET change_seq = nextval('ministry_alert_change_seq') WHERE id = NEW.id;
        PERFORM pg_notify('${ALERT_CHANGE_CHANNEL}', '');
        RETURN NULL;
      END $$`);
    // pg_trigger_depth() = 0: the trigger's own UPDATE of change_seq queues no further stamp.
    await q.query(`
      CREATE CONSTRAINT TRIGGER ministry_alert_stamp_change AFTER INSERT OR UPDATE ON ministry_alert
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (pg_trigger_depth() = 0)
        EXECUTE FUNCTION ministry_alert_stamp_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER ministry_alert_stamp_change ON ministry_alert`);
    await q.query(`DROP FUNCTION ministry_alert_stamp_change()`);
    // Owned by the column: dropped with it.
    await q.query(`ALTER TABLE ministry_alert DROP COLUMN change_seq`);
  }
}
