import { describe, expect, it } from 'vitest';
import type { RoomEvent, Snapshot } from '../api/types';
import { audienceOf, initialRoomState, roleOf, roomReducer, stageOf, type RoomState } from './roomState';

const ROOM = 'r1';
const at = '2026-01-01T10:00:00Z';

function snapshot(seq: number, overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    roomId: ROOM,
    title: 'Morning coffee',
    status: 'live',
    seq,
    speakerLimit: 10,
    stage: [{ userId: 'host', displayName: 'Hana', role: 'host', muted: false }],
    audience: [
      { userId: 'ann', displayName: 'Ann', handRaised: false },
      { userId: 'bob', displayName: 'Bob', handRaised: false },
      { userId: 'me', displayName: 'Me', handRaised: false },
    ],
    raisedHands: [],
    invited: [],
    counts: { stage: 1, audience: 3, total: 4 },
    ...overrides,
  };
}

type Body = RoomEvent extends infer E ? (E extends RoomEvent ? Omit<E, 'roomId' | 'seq' | 'at' | 'actorId'> : never) : never;
const ev = (seq: number, body: Body, actorId: string | null = null): RoomEvent =>
  ({ roomId: ROOM, seq, at, actorId, ...body }) as RoomEvent;

function run(state: RoomState, ...events: RoomEvent[]): RoomState {
  return events.reduce((s, event) => roomReducer(s, { type: 'event', event }), state);
}

const synced = (seq = 5, overrides: Partial<Snapshot> = {}) =>
  roomReducer(initialRoomState(ROOM, 'me'), { type: 'snapshot', snapshot: snapshot(seq, overrides) });

describe('event sequencing', () => {
  it('applies the next event in sequence', () => {
    const s = run(synced(5), ev(6, { type: 'hand-raised', userId: 'ann' }));
    expect(s.seq).toBe(6);
    expect(s.snapshot!.raisedHands).toEqual(['ann']);
    expect(s.needsResync).toBe(false);
  });

  it('ignores an event it has already applied', () => {
    const once = run(synced(5), ev(6, { type: 'hand-raised', userId: 'ann' }));
    const twice = run(once, ev(6, { type: 'hand-lowered', userId: 'ann' }), ev(4, { type: 'member-left', userId: 'ann', reason: 'left' }));
    expect(twice.snapshot!.raisedHands).toEqual(['ann']);
    expect(twice.snapshot!.audience.map((m) => m.userId)).toContain('ann');
    expect(twice.seq).toBe(6);
  });

  it('holds events that arrive before the first snapshot and applies those after it', () => {
    let s = initialRoomState(ROOM, 'me');
    s = run(s, ev(6, { type: 'hand-raised', userId: 'bob' }), ev(5, { type: 'hand-raised', userId: 'ann' }));
    expect(s.snapshot).toBeNull();
    expect(s.needsResync).toBe(false);
    s = roomReducer(s, { type: 'snapshot', snapshot: snapshot(5, { raisedHands: ['ann'], audience: snapshot(5).audience.map((m) => (m.userId === 'ann' ? { ...m, handRaised: true } : m)) }) });
    expect(s.seq).toBe(6);
    expect(s.snapshot!.raisedHands).toEqual(['ann', 'bob']);
    expect(s.pending).toEqual([]);
  });

  it('ignores events and snapshots of another room', () => {
    const s = synced(5);
    const other = { ...ev(6, { type: 'hand-raised', userId: 'ann' }), roomId: 'r2' } as RoomEvent;
    expect(run(s, other)).toBe(s);
    expect(roomReducer(s, { type: 'snapshot', snapshot: { ...snapshot(9), roomId: 'r2' } })).toBe(s);
  });
});

describe('gap detection and resync', () => {
  it('holds an event after a gap and asks for a resync without applying it', () => {
    const s = run(synced(5), ev(8, { type: 'hand-raised', userId: 'bob' }));
    expect(s.needsResync).toBe(true);
    expect(s.seq).toBe(5);
    expect(s.snapshot!.raisedHands).toEqual([]);
    expect(s.pending.map((e) => e.seq)).toEqual([8]);
  });

  it('fills the gap when the missing events arrive late', () => {
    const s = run(
      synced(5),
      ev(7, { type: 'hand-raised', userId: 'bob' }),
      ev(6, { type: 'hand-raised', userId: 'ann' }),
    );
    expect(s.seq).toBe(7);
    expect(s.snapshot!.raisedHands).toEqual(['ann', 'bob']);
    expect(s.pending).toEqual([]);
  });

  it('a resync snapshot replaces the state and applies held events that follow it', () => {
    let s = run(synced(5), ev(9, { type: 'hand-raised', userId: 'bob' }), ev(10, { type: 'hand-lowered', userId: 'bob' }), ev(11, { type: 'hand-raised', userId: 'me' }));
    expect(s.needsResync).toBe(true);
    s = roomReducer(s, {
      type: 'snapshot',
      snapshot: snapshot(9, { raisedHands: ['ann', 'bob'], title: 'Renamed' }),
    });
    expect(s.needsResync).toBe(false);
    expect(s.seq).toBe(11);
    expect(s.snapshot!.title).toBe('Renamed');
    expect(s.snapshot!.raisedHands).toEqual(['ann', 'me']);
    expect(s.pending).toEqual([]);
  });

  it('asks again when the resync snapshot still leaves a gap before held events', () => {
    let s = run(synced(5), ev(9, { type: 'hand-raised', userId: 'bob' }));
    s = roomReducer(s, { type: 'snapshot', snapshot: snapshot(7) });
    expect(s.seq).toBe(7);
    expect(s.needsResync).toBe(true);
    expect(s.pending.map((e) => e.seq)).toEqual([9]);
  });

  it('does not let an older snapshot undo newer events', () => {
    let s = run(synced(5), ev(6, { type: 'hand-raised', userId: 'ann' }));
    s = roomReducer(s, { type: 'snapshot', snapshot: snapshot(5) });
    expect(s.seq).toBe(6);
    expect(s.snapshot!.raisedHands).toEqual(['ann']);
  });

  it('asks for a resync after the connection was lost', () => {
    const s = roomReducer(synced(5), { type: 'connection-lost' });
    expect(s.needsResync).toBe(true);
    expect(roomReducer(s, { type: 'snapshot', snapshot: snapshot(5) }).needsResync).toBe(false);
  });
});

describe('hands', () => {
  it('lists raised hands first, in the order raised, then the rest of the audience', () => {
    const s = run(
      synced(5),
      ev(6, { type: 'hand-raised', userId: 'me' }),
      ev(7, { type: 'hand-raised', userId: 'ann' }),
    );
    expect(audienceOf(s.snapshot!).map((m) => [m.userId, m.handRaised])).toEqual([
      ['me', true],
      ['ann', true],
      ['bob', false],
    ]);
  });

  it('lowering a hand puts the member back among the audience and keeps the others in order', () => {
    const s = run(
      synced(5),
      ev(6, { type: 'hand-raised', userId: 'bob' }),
      ev(7, { type: 'hand-raised', userId: 'ann' }),
      ev(8, { type: 'hand-raised', userId: 'me' }),
      ev(9, { type: 'hand-lowered', userId: 'ann' }),
    );
    expect(s.snapshot!.raisedHands).toEqual(['bob', 'me']);
    expect(audienceOf(s.snapshot!).map((m) => m.userId)).toEqual(['bob', 'me', 'ann']);
  });

  it('an invitation answers the hand and marks the member invited; declining clears it', () => {
    let s = run(synced(5), ev(6, { type: 'hand-raised', userId: 'me' }), ev(7, { type: 'speaker-invited', userId: 'me' }));
    expect(s.snapshot!.raisedHands).toEqual([]);
    expect(s.snapshot!.invited).toEqual(['me']);
    s = run(s, ev(8, { type: 'invite-declined', userId: 'me' }));
    expect(s.snapshot!.invited).toEqual([]);
  });
});

describe('roles and membership', () => {
  it('moves an accepted speaker from the audience to the stage', () => {
    const s = run(
      synced(5),
      ev(6, { type: 'hand-raised', userId: 'me' }),
      ev(7, { type: 'speaker-invited', userId: 'me' }),
      ev(8, { type: 'role-changed', userId: 'me', role: 'speaker', previousRole: 'listener' }),
    );
    const snap = s.snapshot!;
    expect(roleOf(snap, 'me')).toBe('speaker');
    expect(snap.stage.find((m) => m.userId === 'me')).toEqual({ userId: 'me', displayName: 'Me', role: 'speaker', muted: false });
    expect(snap.audience.map((m) => m.userId)).toEqual(['ann', 'bob']);
    expect(snap.invited).toEqual([]);
    expect(snap.counts).toEqual({ stage: 2, audience: 2, total: 4 });
  });

  it('moves a speaker back to the audience and makes a moderator, keeping stage order by role', () => {
    let s = run(
      synced(5),
      ev(6, { type: 'role-changed', userId: 'ann', role: 'speaker', previousRole: 'listener' }),
      ev(7, { type: 'role-changed', userId: 'bob', role: 'speaker', previousRole: 'listener' }),
      ev(8, { type: 'role-changed', userId: 'bob', role: 'moderator', previousRole: 'speaker' }),
    );
    expect(stageOf(s.snapshot!).map((m) => [m.userId, m.role])).toEqual([
      ['host', 'host'],
      ['bob', 'moderator'],
      ['ann', 'speaker'],
    ]);
    s = run(s, ev(9, { type: 'role-changed', userId: 'ann', role: 'listener', previousRole: 'speaker' }));
    expect(roleOf(s.snapshot!, 'ann')).toBe('listener');
    expect(s.snapshot!.stage.map((m) => m.userId)).toEqual(['host', 'bob']);
  });

  it('keeps a muted speaker muted when made moderator and follows mute changes', () => {
    let s = run(
      synced(5),
      ev(6, { type: 'role-changed', userId: 'ann', role: 'speaker', previousRole: 'listener' }),
      ev(7, { type: 'mute-changed', userId: 'ann', muted: true }),
      ev(8, { type: 'role-changed', userId: 'ann', role: 'moderator', previousRole: 'speaker' }),
    );
    expect(s.snapshot!.stage.find((m) => m.userId === 'ann')?.muted).toBe(true);
    s = run(s, ev(9, { type: 'mute-changed', userId: 'ann', muted: false }));
    expect(s.snapshot!.stage.find((m) => m.userId === 'ann')?.muted).toBe(false);
  });

  it('adds joining members where their role puts them and removes those who leave', () => {
    const s = run(
      synced(5),
      ev(6, { type: 'member-joined', userId: 'cy', displayName: 'Cy', role: 'listener' }),
      ev(7, { type: 'hand-raised', userId: 'bob' }),
      ev(8, { type: 'member-left', userId: 'bob', reason: 'left' }),
    );
    expect(s.snapshot!.audience.map((m) => m.userId)).toEqual(['ann', 'me', 'cy']);
    expect(s.snapshot!.raisedHands).toEqual([]);
    expect(s.snapshot!.counts.total).toBe(4);
    expect(s.gone).toBeNull();
  });

  it('knows when we were removed', () => {
    const s = run(synced(5), ev(6, { type: 'member-left', userId: 'me', reason: 'removed' }, 'host'));
    expect(s.gone).toBe('removed');
    expect(roleOf(s.snapshot!, 'me')).toBeNull();
  });

  it('knows when the room ended, from an event or from a snapshot', () => {
    expect(run(synced(5), ev(6, { type: 'room-ended', reason: 'ended-by-host' })).gone).toBe('room-ended');
    expect(run(synced(5), ev(6, { type: 'room-ended' })).snapshot!.status).toBe('ended');
    expect(synced(5, { status: 'ended' }).gone).toBe('room-ended');
  });

  it('advances the sequence over chat events without touching the members', () => {
    const before = synced(5);
    const s = run(before, ev(6, { type: 'message-posted', messageId: 'm1', authorId: 'ann', authorName: 'Ann', text: 'hi' }));
    expect(s.seq).toBe(6);
    expect(s.snapshot!.stage).toEqual(before.snapshot!.stage);
    expect(s.snapshot!.audience).toEqual(before.snapshot!.audience);
  });
});
