import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, SESSION_REFUSED } from '../api/client';
import { ApiError } from '../api/errors';
import { readSession, writeSession, type Session } from './session-storage';

interface Me {
  unit: string;
  name: string;
  kind: string;
}

interface SessionContextValue {
  session: Session | undefined;
  /** The last session ended because a service refused its token. */
  refused: boolean;
  signIn(token: string, officer: string): Promise<Session>;
  signOut(): void;
}

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

const DESK_KINDS = ['ministry', 'checkpoint', 'polda'] as const;

/**
 * Asks a service whom the token belongs to (GET /v1/me). The ministry is asked first; when it
 * cannot be reached the police deployment is (every service answers for every token it knows).
 */
async function whoIs(token: string): Promise<Me> {
  try {
    return await api<Me>('ministry', '/v1/me', { token });
  } catch (error) {
    if (error instanceof ApiError && (error.status === 0 || error.status >= 500)) {
      return api<Me>('police', '/v1/me', { token });
    }
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | undefined>(() => readSession());
  const [refused, setRefused] = useState(false);

  useEffect(() => {
    const onRefused = () => {
      writeSession(undefined);
      setSession(undefined);
      setRefused(true);
    };
    window.addEventListener(SESSION_REFUSED, onRefused);
    return () => window.removeEventListener(SESSION_REFUSED, onRefused);
  }, []);

  const signIn = useCallback(async (token: string, officer: string) => {
    const me = await whoIs(token);
    if (!(DESK_KINDS as readonly string[]).includes(me.kind)) {
      // A service's own identity (ministry:service) has no desk.
      throw new ApiError(403, 'NO_DESK', 'no desk for this unit');
    }
    const next: Session = { token, unit: me.unit, name: me.name, kind: me.kind as Session['kind'], officer };
    writeSession(next);
    setSession(next);
    setRefused(false);
    return next;
  }, []);

  const signOut = useCallback(() => {
    writeSession(undefined);
    setSession(undefined);
    setRefused(false);
  }, []);

  const value = useMemo(() => ({ session, refused, signIn, signOut }), [session, refused, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in session; only for pages behind the sign-in. */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn without a session');
  return session;
}
