// What a re-identification request must state (framework-free; see reidentify.rules.spec.ts).
import type { ValidationIssue } from '@simpul/http';

/**
 * Purposes for which the desk may see a person's identifiers (Law 21/2007 art. 44: a victim's
 * identity stays confidential unless a purpose needs it). Machine words, so the audit trail can
 * be filtered by them.
 */
export const REIDENTIFY_PURPOSES = [
  'victim_protection',
  'investigation',
  'court_order',
  'data_subject_request',
] as const;
export type ReidentifyPurpose = (typeof REIDENTIFY_PURPOSES)[number];

export interface ReidentifyRequest {
  /** The official who asks (name or staff number), recorded in the audit trail. */
  official: string;
  purpose: ReidentifyPurpose;
  /** Free text for the caller's own reference; not stored (the audit trail holds no free text). */
  note?: string;
}

const OFFICIAL_MAX = 200;
const NOTE_MAX = 500;

/**
 * The request, or every problem with it (field and rule; never the value, which may be personal
 * data): `official` 1-200 characters, `purpose` one of REIDENTIFY_PURPOSES, `note` at most 500
 * characters, nothing else.
 */
export function readReidentifyRequest(
  body: unknown,
): { request: ReidentifyRequest; problems: [] } | { problems: ValidationIssue[] } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { problems: [{ path: '', rule: 'type', message: 'the body must be a JSON object [type]' }] };
  }
  const fields = body as Record<string, unknown>;
  const problems: ValidationIssue[] = [];
  const official = typeof fields.official === 'string' ? fields.official.trim() : undefined;
  if (official === undefined || official.length === 0) {
    problems.push({ path: 'official', rule: 'required', message: 'official: is required [required]' });
  } else if (official.length > OFFICIAL_MAX) {
    problems.push({
      path: 'official',
      rule: 'maxLength',
      message: `official: at most ${OFFICIAL_MAX} characters [maxLength]`,
    });
  }
  const purpose = fields.purpose;
  if (purpose === undefined || purpose === null || purpose === '') {
    problems.push({ path: 'purpose', rule: 'required', message: 'purpose: is required [required]' });
  } else if (typeof purpose !== 'string' || !(REIDENTIFY_PURPOSES as readonly string[]).includes(purpose)) {
    problems.push({
      path: 'purpose',
      rule: 'enum',
      message: `purpose: must be one of ${REIDENTIFY_PURPOSES.join(', ')} [enum]`,
    });
  }
  const note = fields.note;
  if (note !== undefined && (typeof note !== 'string' || note.trim().length > NOTE_MAX)) {
    problems.push({
      path: 'note',
      rule: 'maxLength',
      message: `note: a string of at most ${NOTE_MAX} characters [maxLength]`,
    });
  }
  for (const key of Object.keys(fields)) {
    if (key === 'official' || key === 'purpose' || key === 'note') continue;
    // The key is the caller's text: named only when shaped like a property name.
    const path = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(key) ? key : '(property)';
    problems.push({ path, rule: 'unknownProperty', message: `${path}: is not allowed [unknownProperty]` });
  }
  if (problems.length > 0) return { problems };
  return {
    request: {
      official: official!,
      purpose: purpose as ReidentifyPurpose,
      ...(typeof note === 'string' && note.trim() ? { note: note.trim() } : {}),
    },
    problems: [],
  };
}
