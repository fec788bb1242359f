/**
 * The signed-in session: the unit's token and the officer's id, in the tab's session storage (gone
 * when the tab closes, never in a URL, never in local storage).
 */
export interface Session {
  token: string;
  /** The unit of the token, as the services' GET /v1/me answers it. */
  unit: string;
  name: string;
  kind: 'ministry' | 'checkpoint' | 'polda';
  /** The officer's id (NIP/NRP), recorded with outcomes and personal-data reads. */
  officer: string;
}

const KEY = 'simpul.session';

export function readSession(): Session | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : undefined;
  } catch {
    return undefined;
  }
}

export function writeSession(session: Session | undefined): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

/** The unit code after the colon: `riau` of `polda:riau`. */
export function unitCode(session: Pick<Session, 'unit'>): string {
  return session.unit.slice(session.unit.indexOf(':') + 1);
}
