import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { nestingProblem } from './body/json-depth.js';
import { validationFailed } from './errors/validation-failed.js';
import { declaredQueryParameters, unknownQueryProblems } from './query/known-query-parameters.js';

/**
 * The checks every request passes before any route code runs (global, after the token guard, before
 * route interceptors such as the audited read): the body nests at most MAX_JSON_DEPTH levels (so no
 * later recursion can overflow the stack), and the query names only parameters the route declares
 * (an ignored `?nik=…` would otherwise reach logs and audit records). 400 VALIDATION_FAILED otherwise.
 */
@Injectable()
export class HttpEdgeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const nesting = nestingProblem(request.body);
    if (nesting) throw validationFailed([nesting]);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const unknown = unknownQueryProblems(query, declaredQueryParameters(context.getHandler()));
    if (unknown.length > 0) throw validationFailed(unknown);
    return next.handle();
  }
}
