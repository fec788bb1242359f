import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { assertActsFor, type AuthenticatedRequest } from '@simpul/http';

/** The ministry desk's unit id: the only caller of the ministry's HTTP API. */
export const DESK_UNIT = 'ministry:desk';

/** 403 AUTH.WRONG_UNIT for any token but the ministry desk's (runs after the global token guard). */
@Injectable()
export class DeskOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    assertActsFor(request.unit, DESK_UNIT);
    return true;
  }
}
