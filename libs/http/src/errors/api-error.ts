/** One failing field of a request body or query: the path and the rule, never the value. */
export interface FieldProblem {
  path: string;
  rule: string;
  message: string;
}

/** The error body of every HTTP API (docs/contract.md §6): `code` is stable, `message` is for people. */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: FieldProblem[];
}
