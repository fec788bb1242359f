import type { Person } from '@simpul/contracts';
import type { Json } from './api-client.js';

/**
 * A POST /v1/arrests body of `polda` with one suspect at large: the ministry issues a dpo entry on
 * them, so a checkpoint screening them answers deny.
 */
export function atLargeArrestBody(polda: string, person: Person, report = 77): Json {
  return {
    reportNumber: `LP/B/${report}/X/2026/SPKT/POLDA ${polda.toUpperCase()}`,
    polda,
    occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
    location: { name: 'Pelabuhan', regency: 'Kota Batam', province: 'Kepulauan Riau' },
    suspects: [{ person, status: 'at_large', role: 'broker' }],
  };
}
