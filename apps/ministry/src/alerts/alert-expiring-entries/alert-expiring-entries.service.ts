import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { deterministicUuid } from '../../common/ids.js';
import { alertForExpiringEntry, CEGAH_EXPIRY_NOTICE_DAYS } from '../alert.rules.js';
import { RaiseAlertService } from '../raise-alert/raise-alert.service.js';

/** How often the service looks for cegah entries about to lapse (ms). */
const SCAN_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Alerts the desk 14 days before a cegah lapses (entry_expiring). Runs at start and hourly; each
 * (entry, version) alerts once, so several replicas or restarts raise nothing twice. Entries without
 * a case are skipped: an alert names its case (desk entries issued without caseId are not alerted).
 */
@Injectable()
export class AlertExpiringEntriesService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(RaiseAlertService) private readonly alerts: RaiseAlertService,
  ) {}

  onApplicationBootstrap(): void {
    const scan = () => void this.run().catch(() => undefined);
    this.timer = setInterval(scan, SCAN_INTERVAL_MS);
    this.timer.unref();
    scan();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Raises the alerts due at `now`; returns how many entries were considered. */
  async run(now: Date = new Date()): Promise<number> {
    const due: Array<{
      id: string;
      version: number;
      legal_type: string;
      valid_until: string;
      status: string;
      case_id: string;
      region: string;
      last_event_id: string;
    }> = await this.dataSource.query(
      `SELECT e.id, e.version, e.legal_type, e.valid_until, e.status, e.case_id, e.last_event_id, c.region
         FROM ministry_watchlist_entry e JOIN ministry_case c ON c.id = e.case_id
        WHERE e.legal_type = 'cegah' AND e.status <> 'revoked'
          AND e.valid_until_at > $1 AND e.valid_until_at <= $1::timestamptz + make_interval(days => $2)`,
      [now, CEGAH_EXPIRY_NOTICE_DAYS],
    );
    for (const entry of due) {
      const decision = alertForExpiringEntry(
        { legalType: entry.legal_type, validUntil: entry.valid_until, status: entry.status },
        entry.region,
        now,
      );
      if (!decision) continue;
      await this.dataSource.transaction((manager) =>
        this.alerts.raise(manager, entry.case_id, decision, {
          // The event of the entry's current version; a re-issued (extended) cegah alerts again.
          eventId: entry.last_event_id,
          factId: deterministicUuid('entry-expiring', entry.id, String(entry.version)),
        }),
      );
    }
    return due.length;
  }
}
