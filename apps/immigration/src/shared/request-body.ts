// Request body helpers shared by the controllers. Choice (docs): bodies are validated with the
// contract itself (`validateEvent` on the event the request would carry) rather than duplicate DTO
// classes, and contract issue paths (`data.traveler.nik`) are mapped to body paths (`traveler.nik`).
import type { FieldProblem } from '@simpul/http';
import { ApiException } from '@simpul/http';
import { childPath, type ValidationIssue } from '@simpul/contracts';

/** Copy of `value` with every string trimmed (docs/contract.md §5: strings in bodies are trimmed). */
export function trimStrings(value: unknown): unknown {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return value.map(trimStrings);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trimStrings(v)]));
  }
  return value;
}

/** Problems for keys of `value` outside `allowed` (unknown properties are rejected, as in the contract). */
export function unknownKeyProblems(value: unknown, allowed: readonly string[], prefix = ''): FieldProblem[] {
  if (!isObject(value)) return [];
  return Object.keys(value)
    .filter((k) => !allowed.includes(k))
    .map((k) => {
      // The key is the caller's text and may be personal data: shown only if shaped like a property name.
      const path = childPath(prefix.replace(/\.$/, ''), k);
      return { path, rule: 'unknownProperty', message: `${path}: is not a known property [unknownProperty]` };
    });
}

/** Contract issues under `data.<field>` mapped to body paths `<field>…`. */
export function bodyProblems(issues: readonly ValidationIssue[], fields: readonly string[]): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const issue of issues) {
    if (!issue.path.startsWith('data.')) continue;
    const path = issue.path.slice('data.'.length);
    if (!fields.some((f) => path === f || path.startsWith(`${f}.`) || path.startsWith(`${f}[`))) continue;
    out.push({ path, rule: issue.rule, message: issue.message.replace(/^data\./, '') });
  }
  return out;
}

export function problem(path: string, rule: string, what: string): FieldProblem {
  return { path, rule, message: `${path}: ${what} [${rule}]` };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** 400 VALIDATION_FAILED naming every failing field. */
export function validationFailed(details: FieldProblem[]): ApiException {
  return new ApiException(400, 'VALIDATION_FAILED', 'the request body is invalid', details);
}
