import { Injectable } from '@nestjs/common';

/**
 * The service's notion of "now": expiry of watchlist entries and delays, occurredAt of events.
 * Tests set it instead of sleeping (docs/conventions.md §11); production never sets it.
 */
@Injectable()
export class Clock {
  private fixed: Date | undefined;

  now(): Date {
    return this.fixed ? new Date(this.fixed.getTime()) : new Date();
  }

  /** Tests only: freeze the clock at `at` (undefined returns to the system clock). */
  set(at: Date | undefined): void {
    this.fixed = at ? new Date(at.getTime()) : undefined;
  }
}
