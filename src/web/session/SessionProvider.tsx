import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, ApiError, onApiError } from '../api';
import { clearAllDrafts } from '../components/useDraft';
import type { Me } from './SessionContext';
import { sessionChannel } from './channel';

export type SessionState =
  | { status: 'loading' }
  | { status: 'unreachable'; error: unknown }
  /** `deliberate`: the person signed out themselves, so there is no page to return to. */
  | { status: 'signed_out'; deliberate?: boolean }
  | { status: 'signed_in'; me: Me }
  /** Signed out by the idle time-out or a 401: the page stays mounted under the sign-in overlay. */
  | { status: 'expired'; me: Me; reason: 'idle' | 'server' };

export interface SessionControl {
  state: SessionState;
  /** After a successful sign-in (page, overlay or invite). */
  signedIn(me: Me): void;
  /** Signing out on purpose: forgets drafts and cached data. */
  signOut(): Promise<void>;
  /** Re-read /api/auth/me (after enabling two-factor, for instance). */
  refresh(): Promise<void>;
  /** Show the sign-in overlay without leaving the page. */
  expire(reason: 'idle' | 'server'): void;
}

const ControlContext = createContext<SessionControl | null>(null);

export function useSession(): SessionControl {
  const c = useContext(ControlContext);
  if (!c) throw new Error('useSession() outside SessionProvider');
  return c;
}

/** The session control when there is one (components used both inside and outside the provider). */
export function useSessionMaybe(): SessionControl | null {
  return useContext(ControlContext);
}

export const meQueryKey = ['me'] as const;

export function SessionProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const stateRef = useRef(state);
  stateRef.current = state;

  const load = useCallback(async () => {
    try {
      const me = await api.get<Me>('/api/auth/me');
      qc.setQueryData(meQueryKey, me);
      setState({ status: 'signed_in', me });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        setState((s) => (s.status === 'signed_in' || s.status === 'expired' ? { status: 'expired', me: s.me, reason: 'server' } : { status: 'signed_out' }));
      } else {
        setState((s) => (s.status === 'signed_in' || s.status === 'expired' ? s : { status: 'unreachable', error: e }));
      }
    }
  }, [qc]);

  useEffect(() => {
    void load();
  }, [load]);

  // Someone else (another page) may update ['me'] in the cache; follow it.
  useEffect(() => {
    return qc.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.query.queryKey[0] !== 'me') return;
      const data = event.query.state.data as Me | undefined;
      if (!data) return;
      setState((s) => (s.status === 'signed_in' && s.me !== data ? { status: 'signed_in', me: data } : s));
    });
  }, [qc]);

  const signedIn = useCallback(
    (me: Me) => {
      const wasExpired = stateRef.current.status === 'expired';
      qc.setQueryData(meQueryKey, me);
      setState({ status: 'signed_in', me });
      sessionChannel.post({ type: 'signed_in' });
      if (wasExpired) {
        // Reload only what failed while signed out; forms that already hold data keep it.
        void qc.invalidateQueries({ predicate: (q) => q.state.status === 'error' });
      }
    },
    [qc],
  );

  const signOut = useCallback(async () => {
    try {
      await api.post('/api/auth/sign-out');
    } catch {
      // Signed out already, or unreachable: forget locally either way.
    }
    clearAllDrafts();
    qc.clear();
    setState({ status: 'signed_out', deliberate: true });
    sessionChannel.post({ type: 'signed_out' });
  }, [qc]);

  const expire = useCallback((reason: 'idle' | 'server') => {
    setState((s) => (s.status === 'signed_in' ? { status: 'expired', me: s.me, reason } : s));
  }, []);

  // Any 401 while signed in means the server ended the session: cover the page, keep it mounted.
  useEffect(() => {
    return onApi401(() => {
      if (stateRef.current.status === 'signed_in') expire('server');
    });
  }, [expire]);

  // A 403 may mean the practice now requires two-factor sign-in: re-read Me (at most every 30 s)
  // so the person is sent to set it up instead of meeting refusals everywhere.
  const lastForbiddenCheck = useRef(0);
  useEffect(() => {
    return onApiError((status) => {
      const s = stateRef.current;
      if (status !== 403 || s.status !== 'signed_in' || s.me.mustSetUpMfa) return;
      if (Date.now() - lastForbiddenCheck.current < 30_000) return;
      lastForbiddenCheck.current = Date.now();
      void load();
    });
  }, [load]);

  // Other tabs: a sign-out there is a sign-out here; a sign-in there lifts the overlay here.
  useEffect(() => {
    return sessionChannel.listen((msg) => {
      if (msg.type === 'signed_out') {
        const s = stateRef.current;
        if (s.status === 'signed_in') setState({ status: 'expired', me: s.me, reason: 'server' });
      } else if (msg.type === 'signed_in') {
        const s = stateRef.current;
        if (s.status === 'expired' || s.status === 'signed_out') void load();
      }
    });
  }, [load]);

  const value = useMemo<SessionControl>(
    () => ({ state, signedIn, signOut, refresh: load, expire }),
    [state, signedIn, signOut, load, expire],
  );
  return <ControlContext.Provider value={value}>{children}</ControlContext.Provider>;
}

// --- 401 routing -----------------------------------------------------------------------------
// Some calls answer 401 as part of their normal work (a wrong password when signing in, a wrong
// current password); those run inside `quietly()` so they do not raise the overlay.
let quietDepth = 0;
/** Runs an API call whose 401 is an expected answer, not a lost session. */
export async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  quietDepth++;
  try {
    return await fn();
  } finally {
    quietDepth--;
  }
}

function onApi401(listener: () => void): () => void {
  return onApiError((status, code) => {
    if (status === 401 && code === 'unauthenticated' && quietDepth === 0) listener();
  });
}
