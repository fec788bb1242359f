// How a POST /v1/arrests body becomes a police.arrest.recorded.v1 event (docs/contract.md §5-6).
import { POLICE_ARREST_RECORDED_V1 } from '@simpul/contracts';
import { buildFromBody, type BuiltFromBody } from '../recording/build-from-body.rules.js';
import { isPlainObject, notAnObjectProblem } from '@simpul/http';
import { withGeneratedIds } from '../recording/event-body.rules.js';

/**
 * The arrest event of a (trimmed) body: `arrestId` and every `suspects[i].suspectId` generated with
 * `newId` (a caller sending them gets a 400), CloudEvents subject `case/<reportNumber>`.
 */
export function arrestEventFromBody(
  body: unknown,
  newId: () => string,
  flow: { correlationId?: string } = {},
): BuiltFromBody<typeof POLICE_ARREST_RECORDED_V1> {
  if (!isPlainObject(body)) return { ok: false, problems: [notAnObjectProblem()] };
  const { data, problems } = withGeneratedIds(body, 'arrestId', newId(), {
    field: 'suspects',
    itemField: 'suspectId',
    newId,
  });
  const subject =
    typeof data.reportNumber === 'string' && data.reportNumber.length > 0 && data.reportNumber.length <= 100
      ? `case/${data.reportNumber}`
      : undefined;
  return buildFromBody(POLICE_ARREST_RECORDED_V1, data, problems, {
    ...(subject ? { subject } : {}),
    ...(flow.correlationId ? { correlationId: flow.correlationId } : {}),
  });
}

/**
 * The flow an arrest continues: an arrest made in an interception the same Polda recorded here
 * carries that interception's event id as its correlation id (one operation, one flow); otherwise
 * the arrest starts a flow of its own.
 */
export function arrestCorrelationId(
  body: unknown,
  interception: { polda: string; eventId: string } | null,
): string | undefined {
  if (!isPlainObject(body) || !interception) return undefined;
  return body.polda === interception.polda ? interception.eventId : undefined;
}

/** The interceptionId a body names, when it is a UUID (else the contract reports it). */
export function namedInterceptionId(body: unknown): string | undefined {
  if (!isPlainObject(body) || typeof body.interceptionId !== 'string') return undefined;
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(body.interceptionId)
    ? body.interceptionId
    : undefined;
}
