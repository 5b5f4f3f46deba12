import { useEffect, useState } from 'react';
import { useSession } from '../auth/session';
import type { SocketStatus } from '../socket/signaling';
import { AuthPage } from './AuthPage';
import { Hallway } from './Hallway';
import { Profile } from './Profile';
import { RoomPage } from './RoomPage';
import { hrefOf, useRoute } from './router';

export function App() {
  const { user, signOut } = useSession();
  const route = useRoute();
  if (!user) return <AuthPage />;
  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href={hrefOf.hallway}>
          Chorus
        </a>
        <nav aria-label="Account">
          <a href={hrefOf.profile} aria-label={`Your profile (${user.displayName})`}>
            {user.displayName}
          </a>
          <button type="button" className="link" onClick={signOut}>
            Sign out
          </button>
        </nav>
      </header>
      <ConnectionBanner />
      <main>
        {route.page === 'room' && <RoomPage key={route.roomId} roomId={route.roomId} />}
        {route.page === 'profile' && <Profile />}
        {route.page === 'hallway' && <Hallway />}
      </main>
    </div>
  );
}

/** Shown while the socket is down; the socket reconnects and rooms resync on their own. */
function ConnectionBanner() {
  const { socket } = useSession();
  const [status, setStatus] = useState<SocketStatus>(socket.currentStatus());
  useEffect(() => {
    setStatus(socket.currentStatus());
    return socket.onStatus(setStatus);
  }, [socket]);
  if (status !== 'reconnecting') return null;
  return (
    <div className="banner warning" role="status">
      Connection lost — reconnecting… Room updates resume automatically.
    </div>
  );
}
