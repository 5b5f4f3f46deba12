import { useEffect, useState, type FormEvent } from 'react';
import { useSession } from '../auth/session';
import { messageOf } from '../room/useRoom';

export function Profile() {
  const { api, user, updateUser } = useSession();
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [bio, setBio] = useState(user?.bio ?? '');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    api.me().then(
      (me) => {
        updateUser(me);
        setDisplayName(me.displayName);
        setBio(me.bio ?? '');
      },
      () => {},
    );
  }, [api, updateUser]);

  async function save(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    try {
      const me = await api.updateMe({ displayName: displayName.trim(), bio });
      updateUser(me);
      setMessage({ kind: 'ok', text: 'Profile saved.' });
    } catch (err) {
      setMessage({ kind: 'error', text: messageOf(err) });
    }
  }

  return (
    <section className="page narrow">
      <h1>Your profile</h1>
      <p className="muted">Signed in as @{user?.username}</p>
      <form onSubmit={save} className="card stack">
        <label>
          Display name
          <input required value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        <label>
          Bio
          <textarea rows={4} value={bio} onChange={(e) => setBio(e.target.value)} />
        </label>
        {message && (
          <p className={message.kind === 'ok' ? 'ok' : 'error'} role={message.kind === 'ok' ? 'status' : 'alert'}>
            {message.text}
          </p>
        )}
        <button type="submit" className="primary">
          Save profile
        </button>
      </form>
    </section>
  );
}
