import { describe, expect, it } from 'vitest';
import type { ChatMessage, RoomEvent } from '../api/types';
import { chatReducer, initialChatState } from './chatState';

const msg = (seq: number, text = `m${seq}`): ChatMessage => ({
  id: `id${seq}`,
  roomId: 'r1',
  authorId: 'ann',
  authorName: 'Ann',
  text,
  postedAt: `2026-01-01T10:00:${String(seq).padStart(2, '0')}Z`,
  seq,
});

describe('chat', () => {
  it('shows the latest page oldest first and pages further back with the cursor', () => {
    let s = chatReducer(initialChatState, { type: 'page', latest: true, page: { items: [msg(12), msg(11)], nextCursor: 'c11' } });
    expect(s.messages.map((m) => m.seq)).toEqual([11, 12]);
    expect(s.olderCursor).toBe('c11');
    s = chatReducer(s, { type: 'page', latest: false, page: { items: [msg(10), msg(9)], nextCursor: null } });
    expect(s.messages.map((m) => m.seq)).toEqual([9, 10, 11, 12]);
    expect(s.olderCursor).toBeNull();
  });

  it('reloading the latest page after a resync keeps the older cursor and drops duplicates', () => {
    let s = chatReducer(initialChatState, { type: 'page', latest: true, page: { items: [msg(12), msg(11)], nextCursor: 'c11' } });
    s = chatReducer(s, { type: 'page', latest: true, page: { items: [msg(13), msg(12)], nextCursor: 'c12' } });
    expect(s.messages.map((m) => m.seq)).toEqual([11, 12, 13]);
    expect(s.olderCursor).toBe('c11');
  });

  it('adds pushed messages once, whether the post answer or the event comes first', () => {
    const posted: RoomEvent = {
      type: 'message-posted', roomId: 'r1', seq: 3, at: msg(3).postedAt, actorId: 'ann',
      messageId: 'id3', authorId: 'ann', authorName: 'Ann', text: 'm3',
    };
    let s = chatReducer(initialChatState, { type: 'event', event: posted });
    s = chatReducer(s, { type: 'posted', message: msg(3) });
    expect(s.messages).toEqual([msg(3)]);
  });

  it('removes a deleted message', () => {
    let s = chatReducer(initialChatState, { type: 'page', latest: true, page: { items: [msg(2), msg(1)], nextCursor: null } });
    s = chatReducer(s, { type: 'event', event: { type: 'message-deleted', roomId: 'r1', seq: 4, at: '', actorId: 'host', messageId: 'id1' } });
    expect(s.messages.map((m) => m.id)).toEqual(['id2']);
  });
});
