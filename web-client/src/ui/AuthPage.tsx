import { useState, type FormEvent } from 'react';
import { useSession } from '../auth/session';
import { messageOf } from '../room/useRoom';

export function AuthPage() {
  const { signIn, signUp, signedOutReason } = useSession();
  const [mode, setMode] = useState<'in' | 'up'>('in');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (mode === 'in') await signIn(username.trim(), password);
      else await signUp(username.trim(), displayName.trim() || username.trim(), password);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="auth">
      <h1>Chorus</h1>
      <p className="tagline">Live audio rooms, on your own server.</p>
      <div className="tabs" role="tablist" aria-label="Account">
        <button type="button" role="tab" aria-selected={mode === 'in'} onClick={() => setMode('in')}>
          Sign in
        </button>
        <button type="button" role="tab" aria-selected={mode === 'up'} onClick={() => setMode('up')}>
          Sign up
        </button>
      </div>
      {signedOutReason && mode === 'in' && <p className="banner info">{signedOutReason}</p>}
      <form onSubmit={submit} className="card stack">
        <label>
          Username
          <input name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        {mode === 'up' && (
          <label>
            Display name
            <input name="displayName" autoComplete="name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
          </label>
        )}
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete={mode === 'in' ? 'current-password' : 'new-password'}
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {mode === 'in' ? 'Sign in' : 'Create account'}
        </button>
      </form>
    </main>
  );
}
