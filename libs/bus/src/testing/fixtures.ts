import { buildEvent, uuidv7, type SimpulEvent } from '@simpul/contracts';
import { arrestWithSuspects, validFixture } from '@simpul/contracts/testing';

/** A fresh, valid police.arrest.recorded.v1 from Polda `polda` with `suspects` suspects and new ids. */
export function arrestEvent(
  options: { polda?: string; suspects?: number; id?: string } = {},
): SimpulEvent<'police.arrest.recorded.v1'> {
  const polda = options.polda ?? 'riau';
  const template = arrestWithSuspects(options.suspects ?? 3);
  return buildEvent(
    'police.arrest.recorded.v1',
    { ...template.data, arrestId: uuidv7(), polda },
    { source: `/polri/polda/${polda}`, id: options.id },
  );
}

/** A fresh, valid ministry.watchlist.entry.issued.v1 for `entryId` at `version`. */
export function watchlistIssuedEvent(
  entryId: string,
  version: number,
  reason = 'Suspected broker',
): SimpulEvent<'ministry.watchlist.entry.issued.v1'> {
  const template = validFixture('ministry.watchlist.entry.issued.v1');
  return buildEvent(
    'ministry.watchlist.entry.issued.v1',
    { ...template.data, entryId, version, reason },
    { source: '/kp2mi/ministry' },
  );
}
