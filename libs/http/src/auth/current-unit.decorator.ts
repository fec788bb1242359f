import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Unit } from './unit.js';

/** The unit the caller's bearer token belongs to (set by UnitTokenGuard). */
export const CurrentUnit = createParamDecorator((_data: unknown, context: ExecutionContext): Unit => {
  const request = context.switchToHttp().getRequest<{ unit?: Unit }>();
  if (!request.unit) throw new Error('CurrentUnit used on a route without UnitTokenGuard');
  return request.unit;
});
