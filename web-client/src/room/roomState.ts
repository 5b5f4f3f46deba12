// The live state of one room as this browser knows it: a snapshot plus the events applied after it.
// Events carry the room's sequence number; they are applied strictly in order. An event that skips
// ahead means something was missed: it is held back and the state asks for a resync (a fresh
// snapshot), after which any held events that follow the snapshot are applied.
import type { AudienceMember, LeaveReason, Role, RoomEvent, Snapshot, StageMember } from '../api/types';

export interface RoomState {
  roomId: string;
  /** The signed-in user: tells whether events are about us (removed, invited, promoted). */
  me: string;
  snapshot: Snapshot | null;
  /** The last sequence number applied; -1 until the first snapshot. */
  seq: number;
  /** Events that arrived ahead of a gap (or before the first snapshot), by seq. */
  pending: RoomEvent[];
  /** A gap was seen: a resync must be asked for; cleared by the next snapshot. */
  needsResync: boolean;
  /** Set when we are no longer in the room, and why. */
  gone: LeaveReason | null;
}

export type RoomAction =
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'event'; event: RoomEvent }
  | { type: 'connection-lost' };

export function initialRoomState(roomId: string, me: string): RoomState {
  return { roomId, me, snapshot: null, seq: -1, pending: [], needsResync: false, gone: null };
}

export function roomReducer(state: RoomState, action: RoomAction): RoomState {
  switch (action.type) {
    case 'snapshot':
      return receiveSnapshot(state, action.snapshot);
    case 'event':
      return receiveEvent(state, action.event);
    case 'connection-lost':
      // Whatever happened while the socket was down is unknown: the next snapshot decides.
      return { ...state, needsResync: true };
  }
}

function receiveSnapshot(state: RoomState, snapshot: Snapshot): RoomState {
  if (snapshot.roomId !== state.roomId) return state;
  // A snapshot older than what we applied (e.g. a slow REST answer) would undo newer events.
  if (state.snapshot && snapshot.seq < state.seq) return { ...state, needsResync: false };
  const next: RoomState = {
    ...state,
    snapshot: normalise(snapshot),
    seq: snapshot.seq,
    needsResync: false,
    gone: snapshot.status === 'ended' ? 'room-ended' : state.gone,
    pending: state.pending.filter((e) => e.seq > snapshot.seq),
  };
  return drainPending(next);
}

function receiveEvent(state: RoomState, event: RoomEvent): RoomState {
  if (event.roomId !== state.roomId) return state;
  if (state.snapshot && event.seq <= state.seq) return state; // already applied (redelivery)
  if (!state.snapshot || event.seq > state.seq + 1) {
    const pending = state.pending.some((e) => e.seq === event.seq)
      ? state.pending
      : [...state.pending, event].sort((a, b) => a.seq - b.seq);
    // Before the first snapshot there is no gap to report: the snapshot is on its way.
    return { ...state, pending, needsResync: state.snapshot ? true : state.needsResync };
  }
  return drainPending({ ...state, snapshot: applyEvent(state.snapshot, event), seq: event.seq, gone: goneAfter(state, event) });
}

function drainPending(state: RoomState): RoomState {
  let next = state;
  while (next.snapshot && next.pending.length > 0 && next.pending[0].seq === next.seq + 1) {
    const [event, ...rest] = next.pending;
    next = { ...next, snapshot: applyEvent(next.snapshot!, event), seq: event.seq, pending: rest, gone: goneAfter(next, event) };
  }
  if (next.snapshot && next.pending.length > 0 && next.pending[0].seq > next.seq + 1) {
    next = { ...next, needsResync: true };
  }
  return next;
}

function goneAfter(state: RoomState, event: RoomEvent): LeaveReason | null {
  if (event.type === 'room-ended') return 'room-ended';
  if (event.type === 'member-left' && event.userId === state.me) return event.reason;
  return state.gone;
}

/** One event applied to a snapshot; pure, returns a new snapshot. */
export function applyEvent(s: Snapshot, event: RoomEvent): Snapshot {
  switch (event.type) {
    case 'room-created':
    case 'message-posted':
    case 'message-deleted':
      return { ...s, seq: event.seq };
    case 'room-updated':
      return { ...s, seq: event.seq, title: event.title ?? s.title };
    case 'room-ended':
      return { ...s, seq: event.seq, status: 'ended' };
    case 'member-joined': {
      const without = removeMember(s, event.userId);
      return withCounts({ ...placeMember(without, event.userId, event.displayName, event.role, false), seq: event.seq });
    }
    case 'member-left':
      return withCounts({ ...removeMember(s, event.userId), seq: event.seq });
    case 'hand-raised':
      return {
        ...s,
        seq: event.seq,
        raisedHands: s.raisedHands.includes(event.userId) ? s.raisedHands : [...s.raisedHands, event.userId],
        audience: s.audience.map((m) => (m.userId === event.userId ? { ...m, handRaised: true } : m)),
      };
    case 'hand-lowered':
      return { ...lowerHand(s, event.userId), seq: event.seq };
    case 'speaker-invited':
      return {
        ...lowerHand(s, event.userId),
        seq: event.seq,
        invited: s.invited.includes(event.userId) ? s.invited : [...s.invited, event.userId],
      };
    case 'invite-declined':
      return { ...s, seq: event.seq, invited: s.invited.filter((id) => id !== event.userId) };
    case 'role-changed': {
      const name = displayNameOf(s, event.userId) ?? event.userId;
      const wasMuted = s.stage.find((m) => m.userId === event.userId)?.muted ?? false;
      const without = removeMember(s, event.userId);
      return withCounts({ ...placeMember(without, event.userId, name, event.role, wasMuted), seq: event.seq });
    }
    case 'mute-changed':
      return {
        ...s,
        seq: event.seq,
        stage: s.stage.map((m) => (m.userId === event.userId ? { ...m, muted: event.muted } : m)),
      };
  }
}

function placeMember(s: Snapshot, userId: string, displayName: string, role: Role, muted: boolean): Snapshot {
  if (role === 'listener') {
    return { ...s, audience: [...s.audience, { userId, displayName, handRaised: false }] };
  }
  const seat: StageMember = { userId, displayName, role, muted };
  return { ...s, stage: [...s.stage, seat] };
}

/** Takes a member out of every list (stage, audience, hands, invitations). */
function removeMember(s: Snapshot, userId: string): Snapshot {
  return {
    ...s,
    stage: s.stage.filter((m) => m.userId !== userId),
    audience: s.audience.filter((m) => m.userId !== userId),
    raisedHands: s.raisedHands.filter((id) => id !== userId),
    invited: s.invited.filter((id) => id !== userId),
  };
}

function lowerHand(s: Snapshot, userId: string): Snapshot {
  return {
    ...s,
    raisedHands: s.raisedHands.filter((id) => id !== userId),
    audience: s.audience.map((m) => (m.userId === userId ? { ...m, handRaised: false } : m)),
  };
}

function displayNameOf(s: Snapshot, userId: string): string | undefined {
  return s.stage.find((m) => m.userId === userId)?.displayName ?? s.audience.find((m) => m.userId === userId)?.displayName;
}

function withCounts(s: Snapshot): Snapshot {
  return { ...s, counts: { stage: s.stage.length, audience: s.audience.length, total: s.stage.length + s.audience.length } };
}

/** Fills lists a server may leave out, so the rest of the app never checks for undefined. */
function normalise(s: Snapshot): Snapshot {
  return withCounts({
    ...s,
    stage: (s.stage ?? []).map((m) => ({ ...m, muted: Boolean(m.muted) })),
    audience: s.audience ?? [],
    raisedHands: s.raisedHands ?? [],
    invited: s.invited ?? [],
  });
}

// ---- selectors -------------------------------------------------------------------------------

const stageOrder: Record<Role, number> = { host: 0, moderator: 1, speaker: 2, listener: 3 };

/** Host first, then moderators, then speakers; within a role, in the order they came on stage. */
export function stageOf(s: Snapshot): StageMember[] {
  return [...s.stage].sort((a, b) => stageOrder[a.role] - stageOrder[b.role]);
}

/** Raised hands first, in the order they were raised; then everyone else in the order they joined. */
export function audienceOf(s: Snapshot): AudienceMember[] {
  const byId = new Map(s.audience.map((m) => [m.userId, m]));
  const raised = s.raisedHands.map((id) => byId.get(id)).filter((m): m is AudienceMember => m !== undefined);
  const rest = s.audience.filter((m) => !s.raisedHands.includes(m.userId));
  return [...raised.map((m) => ({ ...m, handRaised: true })), ...rest.map((m) => ({ ...m, handRaised: false }))];
}

export function roleOf(s: Snapshot, userId: string): Role | null {
  const seat = s.stage.find((m) => m.userId === userId);
  if (seat) return seat.role;
  return s.audience.some((m) => m.userId === userId) ? 'listener' : null;
}

export function moderates(role: Role | null): boolean {
  return role === 'host' || role === 'moderator';
}
