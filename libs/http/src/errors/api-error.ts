import type { ValidationIssue } from '@simpul/contracts';

/**
 * One failing field of an event, a request body or a query: `{ path, rule, message }`, the path and
 * the rule, never the value. One name across the libraries: the contract's ValidationIssue.
 */
export type { ValidationIssue };

/** The error body of every HTTP API (docs/contract.md §6): `code` is stable, `message` is for people. */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: ValidationIssue[];
}
