// What the served-Polda check refuses, as a coded domain error (the exception filter picks the status).
import { DomainError } from '@simpul/http';

/** The Polda named by the request is not one this deployment serves (POLICE_UNITS). */
export class PoldaNotServed extends DomainError {
  constructor(poldaCode: string) {
    super('POLICE.POLDA_NOT_SERVED', 'forbidden', `polda:${poldaCode} is not served by this deployment`);
  }
}
