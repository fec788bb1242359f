import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUnit } from './current-unit.decorator.js';
import type { Unit } from './unit.js';

/** Display name per unit id, given to HttpEdgeModule.forService as `unitNames`. */
export const UNIT_NAMES = Symbol('UNIT_NAMES');

/** Who the caller's token acts for. Unit ids and names only: no personal data. */
export interface MeView {
  /** Unit id: `polda:riau`, `checkpoint:batam-center`, `ministry:desk`. */
  unit: string;
  /** Display name from the reference units (`Polda Riau`); the unit id when none is known. */
  name: string;
  /** `polda`, `checkpoint` or `ministry`: the part of the unit id before the colon. */
  kind: string;
}

/** GET /v1/me on every service with tokens: what a console shows as the signed-in unit. */
@ApiTags('me')
@ApiBearerAuth()
@Controller('v1/me')
export class MeController {
  constructor(@Inject(UNIT_NAMES) private readonly names: ReadonlyMap<string, string>) {}

  @Get()
  @ApiOperation({ summary: 'The unit the bearer token acts for' })
  @ApiResponse({ status: 200, description: '{ unit, name, kind: polda|checkpoint|ministry }' })
  @ApiResponse({ status: 401, description: 'AUTH.TOKEN_MISSING or AUTH.TOKEN_UNKNOWN' })
  me(@CurrentUnit() unit: Unit): MeView {
    return { unit: unit.id, name: this.names.get(unit.id) ?? unit.id, kind: unit.kind };
  }
}
