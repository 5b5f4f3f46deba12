// Hash routes keep every page a static file the gateway can serve without rewrite rules.
import { useEffect, useState } from 'react';

export type Route = { page: 'hallway' } | { page: 'room'; roomId: string } | { page: 'profile' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const room = /^\/rooms\/([^/?#]+)$/.exec(path);
  if (room) return { page: 'room', roomId: decodeURIComponent(room[1]) };
  if (path === '/profile') return { page: 'profile' };
  return { page: 'hallway' };
}

export const hrefOf = {
  hallway: '#/',
  room: (roomId: string) => `#/rooms/${encodeURIComponent(roomId)}`,
  profile: '#/profile',
};

export function navigate(href: string): void {
  window.location.hash = href.replace(/^#/, '');
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
