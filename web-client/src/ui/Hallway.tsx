import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Hallway as HallwayData, Room } from '../api/types';
import { useSession } from '../auth/session';
import { messageOf } from '../room/useRoom';
import { hrefOf, navigate } from './router';

// There is no push channel for the hallway, so it is polled; often enough to feel live.
const REFRESH_MS = 5000;

export function Hallway() {
  const { api, user } = useSession();
  const [hallway, setHallway] = useState<HallwayData | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    api.hallway().then(
      (h) => {
        setHallway(h);
        setError(null);
      },
      (e) => setError(messageOf(e)),
    );
  }, [api]);

  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  return (
    <div className="page hallway">
      <section aria-labelledby="live-heading">
        <h1 id="live-heading">Live now</h1>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {hallway && hallway.live.length === 0 && <p className="muted">No live rooms right now. Start one!</p>}
        <ul className="room-list" aria-label="Live rooms">
          {hallway?.live.map((room) => <LiveRoom key={room.id} room={room} />)}
        </ul>
      </section>
      <CreateRoom onCreated={refresh} />
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">Upcoming</h2>
        {hallway && hallway.upcoming.length === 0 && <p className="muted">Nothing scheduled.</p>}
        <ul className="room-list" aria-label="Upcoming rooms">
          {hallway?.upcoming.map((room) => (
            <li key={room.id} className="card room-card">
              <h3>{room.title}</h3>
              {room.description && <p>{room.description}</p>}
              <p className="muted">
                Starts <time dateTime={room.scheduledStart ?? ''}>{formatStart(room.scheduledStart)}</time>
              </p>
              {room.hostId === user?.id && (
                <a href={hrefOf.room(room.id)} aria-label={`Open ${room.title} now`}>
                  Open now
                </a>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function LiveRoom({ room }: { room: Room }) {
  const names = room.stage.map((s) => s.displayName);
  return (
    <li className="card room-card">
      <a className="room-link" href={hrefOf.room(room.id)} aria-label={`Join ${room.title}`}>
        <h3>{room.title}</h3>
        {room.description && <p>{room.description}</p>}
        <p className="stage-names">{names.length ? `On stage: ${names.join(', ')}` : 'Nobody on stage yet'}</p>
        <p className="muted">
          {room.listenerCount} {room.listenerCount === 1 ? 'listener' : 'listeners'}
        </p>
      </a>
    </li>
  );
}

function CreateRoom({ onCreated }: { onCreated: () => void }) {
  const { api } = useSession();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [visibility, setVisibility] = useState<'public' | 'closed'>('public');
  const [invitees, setInvitees] = useState('');
  const [scheduled, setScheduled] = useState(false);
  const [start, setStart] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const room = await api.createRoom({
        title: title.trim(),
        description: description.trim() || undefined,
        visibility,
        invitees: visibility === 'closed' ? splitNames(invitees) : undefined,
        scheduledStart: scheduled && start ? new Date(start).toISOString() : undefined,
      });
      setTitle('');
      setDescription('');
      setInvitees('');
      setOpen(false);
      if (room.status === 'live') navigate(hrefOf.room(room.id));
      else onCreated();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <button type="button" className="primary start-room" onClick={() => setOpen(true)}>
        Start a room
      </button>
    );
  }
  return (
    <section aria-labelledby="create-heading" className="card">
      <h2 id="create-heading">Start a room</h2>
      <form onSubmit={submit} className="stack">
        <label>
          Title
          <input name="title" required maxLength={120} value={title} onChange={(e) => setTitle(e.target.value)} autoFocus />
        </label>
        <label>
          Description
          <textarea name="description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <fieldset>
          <legend>Who can join</legend>
          <label className="inline">
            <input type="radio" name="visibility" checked={visibility === 'public'} onChange={() => setVisibility('public')} />
            Public — anyone in the hallway
          </label>
          <label className="inline">
            <input type="radio" name="visibility" checked={visibility === 'closed'} onChange={() => setVisibility('closed')} />
            Closed — only people I invite
          </label>
        </fieldset>
        {visibility === 'closed' && (
          <label>
            Invite (usernames, separated by commas)
            <input name="invitees" value={invitees} onChange={(e) => setInvitees(e.target.value)} />
          </label>
        )}
        <label className="inline">
          <input type="checkbox" checked={scheduled} onChange={(e) => setScheduled(e.target.checked)} />
          Schedule for later
        </label>
        {scheduled && (
          <label>
            Starts at
            <input type="datetime-local" required value={start} onChange={(e) => setStart(e.target.value)} />
          </label>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            {scheduled ? 'Schedule room' : 'Start room'}
          </button>
          <button type="button" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

function splitNames(text: string): string[] {
  return text
    .split(/[,\s]+/)
    .map((s) => s.replace(/^@/, '').trim())
    .filter(Boolean);
}

function formatStart(iso?: string | null): string {
  if (!iso) return 'soon';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
