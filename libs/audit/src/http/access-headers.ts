import { ValidationFailed, type ValidationIssue } from '@simpul/http';

/** Who reads personal data and why: every personal-data read names both (UU PDP art. 31). */
export interface Access {
  official: string;
  purpose: string;
}

export const OFFICIAL_HEADER = 'Simpul-Official';
export const PURPOSE_HEADER = 'Simpul-Purpose';

/** A purpose is a machine word (`case_handling`, `data_subject_request`), filterable and free of prose. */
export const PURPOSE_PATTERN = /^[a-z][a-z0-9_.-]{0,63}$/;

/** The official's reference (employee number or name): printable, at most 200 characters. */
const OFFICIAL_PATTERN = /^[^\p{Cc}]{1,200}$/u;

/** Checks an official and a purpose; the problems name the source (`header:Simpul-Official`), never the value. */
export function accessProblems(
  official: unknown,
  purpose: unknown,
  names = { official: `header:${OFFICIAL_HEADER}`, purpose: `header:${PURPOSE_HEADER}` },
): ValidationIssue[] {
  const problems: ValidationIssue[] = [];
  if (typeof official !== 'string' || official.trim() === '')
    problems.push({
      path: names.official,
      rule: 'required',
      message: 'the official reading personal data is required',
    });
  else if (!OFFICIAL_PATTERN.test(official.trim()))
    problems.push({ path: names.official, rule: 'format', message: 'at most 200 printable characters' });
  if (typeof purpose !== 'string' || purpose.trim() === '')
    problems.push({
      path: names.purpose,
      rule: 'required',
      message: 'the purpose of reading personal data is required',
    });
  else if (!PURPOSE_PATTERN.test(purpose.trim()))
    problems.push({
      path: names.purpose,
      rule: 'format',
      message: 'a lower-case word: [a-z][a-z0-9_.-]{0,63}',
    });
  return problems;
}

/** The `Simpul-Official` and `Simpul-Purpose` headers of a request, or 400 VALIDATION_FAILED. */
export function accessFromHeaders(headers: Record<string, string | string[] | undefined>): Access {
  const official = headers[OFFICIAL_HEADER.toLowerCase()];
  const purpose = headers[PURPOSE_HEADER.toLowerCase()];
  const problems = accessProblems(official, purpose);
  if (problems.length > 0)
    throw new ValidationFailed(problems, 'a personal-data read needs an official and a purpose');
  return { official: (official as string).trim(), purpose: (purpose as string).trim() };
}
