// How a POST /v1/interceptions body becomes a police.departure.foiled.v1 event (docs/contract.md §5-6).
import { POLICE_DEPARTURE_FOILED_V1 } from '@simpul/contracts';
import { buildFromBody, type BuiltFromBody } from '../recording/build-from-body.rules.js';
import { isPlainObject, notAnObjectProblem } from '@simpul/http';
import { withGeneratedIds } from '../recording/event-body.rules.js';

/**
 * The interception event of a (trimmed) body: `interceptionId` and every
 * `candidates[i].candidateId` generated with `newId` (a caller sending them gets a 400).
 */
export function interceptionEventFromBody(
  body: unknown,
  newId: () => string,
): BuiltFromBody<typeof POLICE_DEPARTURE_FOILED_V1> {
  if (!isPlainObject(body)) return { ok: false, problems: [notAnObjectProblem()] };
  const { data, problems } = withGeneratedIds(body, 'interceptionId', newId(), {
    field: 'candidates',
    itemField: 'candidateId',
    newId,
  });
  return buildFromBody(POLICE_DEPARTURE_FOILED_V1, data, problems);
}
