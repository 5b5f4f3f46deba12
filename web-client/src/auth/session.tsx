// Who is signed in. The access token lives in localStorage so a reload keeps the person signed in;
// it is dropped on sign-out or when the server stops accepting it.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ChorusApi } from '../api/http';
import type { User } from '../api/types';
import { SignalingClient, socketUrl } from '../socket/signaling';

const STORAGE_KEY = 'chorus.session';

interface StoredSession {
  token: string;
  user: User;
}

export interface Session {
  user: User | null;
  token: string | null;
  api: ChorusApi;
  socket: SignalingClient;
  signIn: (username: string, password: string) => Promise<void>;
  signUp: (username: string, displayName: string, password: string) => Promise<void>;
  signOut: () => void;
  updateUser: (user: User) => void;
  /** Why the person was signed out without asking (expired token), shown on the sign-in page. */
  signedOutReason: string | null;
}

const SessionContext = createContext<Session | null>(null);

function load(): StoredSession | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as StoredSession) : null;
  } catch {
    return null;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [stored, setStored] = useState<StoredSession | null>(load);
  const [signedOutReason, setSignedOutReason] = useState<string | null>(null);

  // Read at call time by the API client and the socket, so one of each serves the whole tab.
  const tokenRef = useRef<string | null>(stored?.token ?? null);
  const save = useCallback((next: StoredSession | null) => {
    tokenRef.current = next?.token ?? null;
    if (next) localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else localStorage.removeItem(STORAGE_KEY);
    setStored(next);
  }, []);

  const expire = useCallback(() => {
    save(null);
    setSignedOutReason('Your session expired. Please sign in again.');
  }, [save]);

  const api = useMemo(() => new ChorusApi(() => tokenRef.current, expire), [expire]);
  const socket = useMemo(
    () =>
      new SignalingClient({
        url: () => (tokenRef.current ? socketUrl(tokenRef.current) : null),
        onUnauthenticated: expire,
      }),
    [expire],
  );

  useEffect(() => {
    if (stored?.token) socket.start();
    else socket.stop();
  }, [stored?.token, socket]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const login = await api.login(username, password);
      setSignedOutReason(null);
      save({ token: login.accessToken, user: login.user });
    },
    [api, save],
  );

  const signUp = useCallback(
    async (username: string, displayName: string, password: string) => {
      await api.register(username, displayName, password);
      await signIn(username, password);
    },
    [api, signIn],
  );

  const signOut = useCallback(() => save(null), [save]);
  const updateUser = useCallback((user: User) => setStored((s) => {
    if (!s) return s;
    const next = { ...s, user };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    return next;
  }), []);

  const value: Session = {
    user: stored?.user ?? null,
    token: stored?.token ?? null,
    api,
    socket,
    signIn,
    signUp,
    signOut,
    updateUser,
    signedOutReason,
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
