import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ApiException } from '../errors/api-exception.js';
import { WrongUnit } from './auth.errors.js';
import { TokenRegistry } from './token-registry.js';
import type { Unit } from './unit.js';

const PUBLIC = 'simpul:public';

/** Marks a controller or route that needs no token (/health, /metrics). */
export const Public = () => SetMetadata(PUBLIC, true);

export type AuthenticatedRequest = Request & { unit: Unit };

/**
 * Every route needs `Authorization: Bearer <token>` of a known unit (docs/contract.md §6), except those
 * marked @Public(). Whether that unit may act for the unit named in the body is the route's
 * business (see `assertActsFor`).
 */
@Injectable()
export class UnitTokenGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenRegistry) private readonly tokens: TokenRegistry,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const request = context.switchToHttp().getRequest<Request & { unit?: Unit }>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9._~+/=-]{16,512})$/.exec(header);
    if (!match)
      throw new ApiException(
        401,
        'AUTH.TOKEN_MISSING',
        'an Authorization: Bearer <token> header is required',
      );
    const unit = this.tokens.unitOf(match[1]);
    if (!unit) throw new ApiException(401, 'AUTH.TOKEN_UNKNOWN', 'the bearer token is not registered');
    request.unit = unit;
    return true;
  }
}

/**
 * WrongUnit (403 AUTH.WRONG_UNIT) unless `unit` is `expectedUnitId` (a token of polda:riau cannot
 * record for polda:kepri). A domain error: services call it too.
 */
export function assertActsFor(unit: Unit, expectedUnitId: string): void {
  if (unit.id !== expectedUnitId) throw new WrongUnit(unit.id, expectedUnitId);
}
