/** One failing field as the services name it: `{ path, rule, message }` (docs/contract.md §6). */
export interface FieldProblem {
  path: string;
  rule: string;
  message?: string;
}

/** A service's error answer, or a network failure (`status` 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The problems of one field (`suspects[0].person.fullName`), or of everything under it. */
  problemsAt(path: string): FieldProblem[] {
    return this.details.filter(
      (d) => d.path === path || d.path.startsWith(`${path}.`) || d.path.startsWith(`${path}[`),
    );
  }
}
