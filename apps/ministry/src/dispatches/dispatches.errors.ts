// What the dispatch use cases refuse, as coded domain errors (the exception filter picks the status).
import { DomainError } from '@simpul/http';

/** The alert id is not a UUID or names no stored alert (the code POST /v1/alerts/:id/acknowledge answers). */
export class DispatchAlertNotFound extends DomainError {
  constructor() {
    super('MINISTRY.ALERT_NOT_FOUND', 'notFound', 'alert not found');
  }
}

/** A team is already out on the alert: another may be sent once that one has reported. */
export class AlertAlreadyDispatched extends DomainError {
  constructor() {
    super(
      'MINISTRY.ALERT_ALREADY_DISPATCHED',
      'conflict',
      'a team is already dispatched on this alert and has not reported yet',
    );
  }
}

/** The dispatch id is not a UUID or names no stored dispatch. */
export class DispatchNotFound extends DomainError {
  constructor() {
    super('MINISTRY.DISPATCH_NOT_FOUND', 'notFound', 'dispatch not found');
  }
}

/** A dispatch is reported once. */
export class DispatchAlreadyReported extends DomainError {
  constructor() {
    super('MINISTRY.DISPATCH_ALREADY_REPORTED', 'conflict', 'the dispatch has already been reported');
  }
}
