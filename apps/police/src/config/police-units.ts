import { Injectable } from '@nestjs/common';
import { WrongUnit, type Unit } from '@simpul/http';
import { PoldaNotServed } from './police-units.errors.js';
import type { PoldaUnit } from './served-poldas.rules.js';

/** The Polda this deployment serves (POLICE_UNITS), injectable where a request or event names one. */
@Injectable()
export class PoliceUnits {
  private readonly codes: ReadonlySet<string>;

  constructor(readonly served: readonly PoldaUnit[]) {
    this.codes = new Set(served.map((unit) => unit.code));
  }

  serves(code: string): boolean {
    return this.codes.has(code);
  }

  /** Unit ids served (`polda:riau`, …). */
  servesUnit(unitId: string): boolean {
    return unitId.startsWith('polda:') && this.codes.has(unitId.slice('polda:'.length));
  }

  /** PoldaNotServed (403 POLICE.POLDA_NOT_SERVED) when the Polda is not one this deployment serves. */
  assertServed(code: string): void {
    if (!this.serves(code)) {
      throw new PoldaNotServed(code);
    }
  }

  /**
   * The code of the served Polda the caller's token belongs to: WrongUnit (403 AUTH.WRONG_UNIT) for
   * a token of a checkpoint or the ministry, PoldaNotServed (403) for a Polda not served here.
   */
  callerPolda(unit: Unit): string {
    if (unit.kind !== 'polda') throw new WrongUnit(unit.id, 'a Polda');
    this.assertServed(unit.code);
    return unit.code;
  }
}
