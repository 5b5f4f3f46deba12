// The little SDP reading the client needs: which m-sections the bridge is ready to receive on
// (where our microphone goes) — everything else the browser handles.

export interface MediaSection {
  mid: string;
  kind: string;
  /** Direction as the offerer (the bridge) states it. */
  direction: 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
}

export function mediaSections(sdp: string): MediaSection[] {
  const sections: MediaSection[] = [];
  let current: MediaSection | null = null;
  for (const raw of sdp.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('m=')) {
      current = { mid: '', kind: line.slice(2).split(' ')[0], direction: 'sendrecv' };
      sections.push(current);
    } else if (current && line.startsWith('a=mid:')) {
      current.mid = line.slice('a=mid:'.length);
    } else if (current && /^a=(sendrecv|sendonly|recvonly|inactive)$/.test(line)) {
      current.direction = line.slice(2) as MediaSection['direction'];
    }
  }
  return sections;
}

/** The audio sections where the bridge receives: the first one carries our microphone. */
export function sendSectionMids(sdp: string): string[] {
  return mediaSections(sdp)
    .filter((s) => s.kind === 'audio' && (s.direction === 'recvonly' || s.direction === 'sendrecv'))
    .map((s) => s.mid);
}
