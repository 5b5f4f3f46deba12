// Everything a room page needs: membership (join on open, leave on close), the live state fed by
// the socket (snapshot, ordered events, resync on gaps or after an outage), chat, and voice.
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { ApiError } from '../api/http';
import type { Snapshot } from '../api/types';
import { useSession } from '../auth/session';
import { chatReducer, initialChatState } from '../chat/chatState';
import { VoiceConnection, type VoiceStatus } from '../voice/voiceConnection';
import { initialRoomState, roomReducer } from './roomState';

const RESYNC_RETRY_MS = 3000;
const REJOIN_INTERVAL_MS = 5000;
const POLL_WHILE_DISCONNECTED_MS = 4000;

export function useRoom(roomId: string) {
  const { api, socket, user } = useSession();
  const me = user!.id;
  const [state, dispatch] = useReducer(roomReducer, undefined, () => initialRoomState(roomId, me));
  const [chat, dispatchChat] = useReducer(chatReducer, initialChatState);
  const [joinError, setJoinError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [voiceStatus, setVoiceStatus] = useState<VoiceStatus>({ state: 'waiting' });
  const [talking, setTalking] = useState<Set<string>>(new Set());
  const [audioBlocked, setAudioBlocked] = useState(false);
  const [micProblem, setMicProblem] = useState<string | null>(null);
  const voiceRef = useRef<VoiceConnection | null>(null);
  const leftRef = useRef(false);
  const goneRef = useRef(false);
  goneRef.current = state.gone !== null;

  const loadLatestChat = useCallback(() => {
    api.messages(roomId).then(
      (page) => dispatchChat({ type: 'page', page, latest: true }),
      () => {},
    );
  }, [api, roomId]);

  useEffect(() => {
    let cancelled = false;
    let joined = false;
    let lastRejoin = 0;
    let unsubscribe = () => {};
    // After a long outage the platform may have let us go (presence lost): join again and
    // resubscribe, unless we know we are gone for good (removed, room ended).
    const rejoin = () => {
      if (goneRef.current || leftRef.current || Date.now() - lastRejoin < REJOIN_INTERVAL_MS) return;
      lastRejoin = Date.now();
      api.join(roomId).then(
        () => socket.send({ type: 'subscribe', roomId }),
        (e: unknown) => {
          if (!cancelled && !goneRef.current) setJoinError(messageOf(e));
        },
      );
    };
    leftRef.current = false;
    const voice = new VoiceConnection(roomId, me, (frame) => socket.send(frame), {
      status: setVoiceStatus,
      talking: setTalking,
      audioBlocked: setAudioBlocked,
      micProblem: setMicProblem,
    });
    voiceRef.current = voice;
    api.join(roomId).then(
      () => {
        if (cancelled) return;
        joined = true;
        unsubscribe = socket.subscribe(roomId, (frame) => {
          switch (frame.type) {
            case 'snapshot':
              dispatch({ type: 'snapshot', snapshot: frame.snapshot });
              // Chat events may have been missed too: take the latest page again.
              loadLatestChat();
              break;
            case 'event': {
              const event = { ...frame.event, seq: frame.event.seq ?? frame.seq };
              dispatch({ type: 'event', event });
              dispatchChat({ type: 'event', event });
              break;
            }
            case 'voice-ready':
              void voice.apply(frame.session);
              break;
            case 'voice-failed':
              voice.failed(frame.message);
              break;
            case 'error':
              if (frame.code === 'not-a-member') rejoin();
              else setNotice(frame.message);
              break;
          }
        });
        // The socket may be down right now: REST gives the first picture either way.
        api.snapshot(roomId).then((s) => dispatch({ type: 'snapshot', snapshot: s }), () => {});
        loadLatestChat();
      },
      (e: unknown) => {
        if (!cancelled) setJoinError(messageOf(e));
      },
    );
    return () => {
      cancelled = true;
      unsubscribe();
      voice.close();
      voiceRef.current = null;
      if (joined && !leftRef.current) void api.leave(roomId).catch(() => {});
    };
  }, [api, socket, roomId, me, loadLatestChat]);

  // Closing the tab leaves the room at once rather than after the presence grace period.
  useEffect(() => {
    const onPageHide = () => {
      if (!leftRef.current && !goneRef.current) void api.leave(roomId, true).catch(() => {});
    };
    window.addEventListener('pagehide', onPageHide);
    return () => window.removeEventListener('pagehide', onPageHide);
  }, [api, roomId]);

  // Whatever happened while the socket was down is unknown until the next snapshot; meanwhile the
  // page keeps itself roughly current over REST so the room stays usable.
  const [socketOpen, setSocketOpen] = useState(socket.currentStatus() === 'open');
  useEffect(
    () =>
      socket.onStatus((s) => {
        setSocketOpen(s === 'open');
        if (s === 'reconnecting') dispatch({ type: 'connection-lost' });
      }),
    [socket],
  );
  useEffect(() => {
    if (socketOpen || state.gone) return;
    const timer = setInterval(() => {
      api.snapshot(roomId).then(
        (s) => dispatch({ type: 'snapshot', snapshot: s }),
        (e: unknown) => {
          // No longer a member (removed, room ended): joining again says why, or brings us back.
          if (e instanceof ApiError && (e.status === 403 || e.status === 404)) {
            api.join(roomId).then(
              () => {},
              (refused: unknown) => setJoinError(messageOf(refused)),
            );
          }
        },
      );
      loadLatestChat();
    }, POLL_WHILE_DISCONNECTED_MS);
    return () => clearInterval(timer);
  }, [socketOpen, state.gone, api, roomId, loadLatestChat]);

  // Ask for a snapshot after a gap, and again if none came back (the frame may have been lost).
  useEffect(() => {
    if (!state.needsResync) return;
    const ask = () => socket.send({ type: 'resync', roomId });
    ask();
    const timer = setInterval(ask, RESYNC_RETRY_MS);
    return () => clearInterval(timer);
  }, [state.needsResync, socket, roomId]);

  const title = state.snapshot?.title;
  useEffect(() => {
    document.title = title ? `${title} · Chorus` : 'Chorus';
    return () => {
      document.title = 'Chorus';
    };
  }, [title]);

  const myMuted = state.snapshot?.stage.find((m) => m.userId === me)?.muted ?? false;
  useEffect(() => voiceRef.current?.setMuted(myMuted), [myMuted]);

  useEffect(() => {
    if (state.gone) voiceRef.current?.close();
  }, [state.gone]);

  /** Runs a room action; its answer is the new snapshot, a refusal becomes a notice. */
  const act = useCallback(async (action: () => Promise<Snapshot | unknown>) => {
    setNotice(null);
    try {
      const result = await action();
      if (isSnapshot(result)) dispatch({ type: 'snapshot', snapshot: result });
      return true;
    } catch (e) {
      setNotice(messageOf(e));
      return false;
    }
  }, []);

  const leave = useCallback(async () => {
    leftRef.current = true;
    voiceRef.current?.close();
    await api.leave(roomId).catch(() => {});
  }, [api, roomId]);

  const postMessage = useCallback(
    async (text: string) => {
      const message = await api.postMessage(roomId, text);
      dispatchChat({ type: 'posted', message });
    },
    [api, roomId],
  );

  const loadOlder = useCallback(async () => {
    if (!chat.olderCursor) return;
    try {
      const page = await api.messages(roomId, chat.olderCursor);
      dispatchChat({ type: 'page', page, latest: false });
    } catch (e) {
      setNotice(messageOf(e));
    }
  }, [api, roomId, chat.olderCursor]);

  return {
    me,
    state,
    chat,
    joinError,
    notice,
    setNotice,
    voiceStatus,
    talking,
    audioBlocked,
    micProblem,
    resumeAudio: () => voiceRef.current?.resumeAudio(),
    act,
    leave,
    postMessage,
    loadOlder,
  };
}

export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

function isSnapshot(value: unknown): value is Snapshot {
  return typeof value === 'object' && value !== null && 'seq' in value && 'stage' in value && 'audience' in value;
}
