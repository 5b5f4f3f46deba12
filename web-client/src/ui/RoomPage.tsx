import type { AudienceMember, LeaveReason, Role, StageMember } from '../api/types';
import { useSession } from '../auth/session';
import { audienceOf, moderates, roleOf, stageOf } from '../room/roomState';
import { useRoom } from '../room/useRoom';
import { ChatPanel } from './ChatPanel';
import { HandIcon, MicIcon, MicOffIcon } from './icons';
import { MemberMenu, type MenuItem } from './MemberMenu';
import { hrefOf, navigate } from './router';

export function RoomPage({ roomId }: { roomId: string }) {
  const { api } = useSession();
  const room = useRoom(roomId);
  const { state, me, act } = room;
  const snap = state.snapshot;

  if (room.joinError) {
    return (
      <section className="page narrow">
        <h1>Can't join this room</h1>
        <p className="error" role="alert">
          {room.joinError}
        </p>
        <a href={hrefOf.hallway}>Back to the hallway</a>
      </section>
    );
  }
  if (state.gone) return <Gone reason={state.gone} title={snap?.title} />;
  if (!snap) {
    return (
      <p className="page muted" role="status">
        Joining the room…
      </p>
    );
  }

  const myRole = roleOf(snap, me);
  const iModerate = moderates(myRole);
  const onStage = myRole !== null && myRole !== 'listener';
  const myMuted = snap.stage.find((m) => m.userId === me)?.muted ?? false;
  const handUp = snap.raisedHands.includes(me);
  const invited = snap.invited.includes(me);

  async function leave() {
    await room.leave();
    navigate(hrefOf.hallway);
  }

  async function endRoom() {
    if (!window.confirm('End this room for everyone?')) return;
    await act(() => api.endRoom(roomId));
  }

  function stageMenu(m: StageMember): MenuItem[] {
    if (!iModerate || m.userId === me || m.role === 'host') return [];
    const items: MenuItem[] = [];
    if (!m.muted) items.push({ label: 'Mute', run: () => void act(() => api.mute(roomId, m.userId)) });
    items.push({ label: 'Move to audience', run: () => void act(() => api.moveToAudience(roomId, m.userId)) });
    if (m.role === 'moderator') items.push({ label: 'Remove moderator', run: () => void act(() => api.unmakeModerator(roomId, m.userId)) });
    else items.push({ label: 'Make moderator', run: () => void act(() => api.makeModerator(roomId, m.userId)) });
    items.push({ label: 'Remove from room', danger: true, run: () => void act(() => api.remove(roomId, m.userId)) });
    return items;
  }

  function audienceMenu(m: AudienceMember): MenuItem[] {
    if (!iModerate || m.userId === me) return [];
    const items: MenuItem[] = [];
    if (!snap!.invited.includes(m.userId)) {
      items.push({ label: 'Invite to speak', run: () => void act(() => api.inviteToSpeak(roomId, m.userId)) });
    }
    items.push({ label: 'Make moderator', run: () => void act(() => api.makeModerator(roomId, m.userId)) });
    items.push({ label: 'Remove from room', danger: true, run: () => void act(() => api.remove(roomId, m.userId)) });
    return items;
  }

  return (
    <div className="room">
      <section className="room-main" aria-labelledby="room-title">
        <header className="room-header">
          <div>
            <h1 id="room-title">{snap.title}</h1>
            <p className="muted">
              {snap.counts.stage} on stage · {snap.counts.audience} listening
              {' · '}
              <VoiceBadge status={room.voiceStatus} />
            </p>
          </div>
          <div className="row">
            {iModerate && (
              <button type="button" className="danger" onClick={() => void endRoom()}>
                End room
              </button>
            )}
            <button type="button" onClick={() => void leave()}>
              Leave quietly
            </button>
          </div>
        </header>

        {room.notice && (
          <div className="banner error" role="alert">
            {room.notice}
            <button type="button" className="icon small" aria-label="Dismiss message" onClick={() => room.setNotice(null)}>
              ×
            </button>
          </div>
        )}
        {room.micProblem && (
          <div className="banner warning" role="alert">
            {room.micProblem}
          </div>
        )}
        {room.audioBlocked && (
          <div className="banner info" role="status">
            Your browser paused the room's sound.{' '}
            <button type="button" className="primary" onClick={room.resumeAudio}>
              Turn sound on
            </button>
          </div>
        )}
        {invited && (
          <div className="banner invite" role="alert">
            You're invited to speak.
            <div className="row">
              <button type="button" className="primary" onClick={() => void act(() => api.acceptInvitation(roomId))}>
                Accept invitation
              </button>
              <button type="button" onClick={() => void act(() => api.declineInvitation(roomId))}>
                Decline invitation
              </button>
            </div>
          </div>
        )}

        <section aria-labelledby="stage-heading">
          <h2 id="stage-heading">Stage</h2>
          <ul className="people stage" aria-label="On stage">
            {stageOf(snap).map((m) => (
              <li key={m.userId} className="person" data-user-id={m.userId} data-talking={room.talking.has(m.userId)}>
                <Avatar name={m.displayName} talking={room.talking.has(m.userId)} />
                <span className="name">
                  {m.displayName}
                  {m.userId === me && ' (you)'}
                </span>
                <span className="badges">
                  <RoleBadge role={m.role} />
                  {m.muted && (
                    <span className="badge muted-mark" title="Muted">
                      <MicOffIcon /> muted
                    </span>
                  )}
                  {room.talking.has(m.userId) && <span className="visually-hidden">talking</span>}
                </span>
                <MemberMenu name={m.displayName} items={stageMenu(m)} />
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="audience-heading">
          <h2 id="audience-heading">Audience</h2>
          {snap.audience.length === 0 && <p className="muted">Nobody in the audience yet.</p>}
          <ul className="people audience" aria-label="Audience">
            {audienceOf(snap).map((m) => (
              <li key={m.userId} className="person" data-user-id={m.userId} data-hand-raised={m.handRaised}>
                <Avatar name={m.displayName} talking={false} />
                <span className="name">
                  {m.displayName}
                  {m.userId === me && ' (you)'}
                </span>
                <span className="badges">
                  {m.handRaised && (
                    <span className="badge hand">
                      <HandIcon /> hand raised
                    </span>
                  )}
                  {snap.invited.includes(m.userId) && <span className="badge">invited</span>}
                </span>
                <MemberMenu name={m.displayName} items={audienceMenu(m)} />
              </li>
            ))}
          </ul>
        </section>

        <div className="controls" role="toolbar" aria-label="Your controls">
          {myRole === 'listener' &&
            !invited &&
            (handUp ? (
              <button type="button" onClick={() => void act(() => api.lowerHand(roomId))}>
                Lower hand
              </button>
            ) : (
              <button type="button" className="primary" onClick={() => void act(() => api.raiseHand(roomId))}>
                <HandIcon /> Raise hand
              </button>
            ))}
          {onStage && (
            <button
              type="button"
              aria-pressed={myMuted}
              onClick={() => void act(() => (myMuted ? api.unmute(roomId, me) : api.mute(roomId, me)))}
            >
              {myMuted ? <MicOffIcon /> : <MicIcon />} {myMuted ? 'Unmute' : 'Mute'}
            </button>
          )}
          {onStage && myRole !== 'host' && (
            <button type="button" onClick={() => void act(() => api.stepDown(roomId))}>
              Step down
            </button>
          )}
        </div>
      </section>

      <ChatPanel
        chat={room.chat}
        canModerate={iModerate}
        disabled={state.gone !== null}
        onSend={room.postMessage}
        onLoadOlder={room.loadOlder}
        onDelete={(id) => void act(() => api.deleteMessage(roomId, id))}
      />
    </div>
  );
}

function Gone({ reason, title }: { reason: LeaveReason; title?: string }) {
  const text: Record<LeaveReason, string> = {
    removed: 'A moderator removed you from this room.',
    'room-ended': 'This room has ended.',
    left: 'You left this room.',
    'presence-lost': 'You were disconnected from this room for too long.',
  };
  return (
    <section className="page narrow">
      <h1>{title ?? 'Room'}</h1>
      <p className="banner info" role="alert">
        {text[reason]}
      </p>
      <a href={hrefOf.hallway}>Back to the hallway</a>
    </section>
  );
}

function Avatar({ name, talking }: { name: string; talking: boolean }) {
  const initials = name
    .split(/\s+/)
    .map((w) => w[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return (
    <span className={talking ? 'avatar talking' : 'avatar'} aria-hidden="true">
      {initials}
    </span>
  );
}

function RoleBadge({ role }: { role: Role }) {
  if (role === 'host') return <span className="badge role">Host</span>;
  if (role === 'moderator') return <span className="badge role">Moderator</span>;
  return null;
}

function VoiceBadge({ status }: { status: ReturnType<typeof useRoom>['voiceStatus'] }) {
  switch (status.state) {
    case 'waiting':
      return <span>audio starting…</span>;
    case 'connecting':
      return <span>connecting audio…</span>;
    case 'connected':
      return <span>audio on</span>;
    case 'failed':
      return <span className="error">{status.message}</span>;
  }
}
