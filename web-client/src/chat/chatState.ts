// The chat panel's messages: older pages fetched on demand, newer ones pushed as message-posted
// events. Messages are kept oldest first, without duplicates (a page and an event may overlap).
import type { ChatMessage, MessagePage, RoomEvent } from '../api/types';

export interface ChatState {
  messages: ChatMessage[];
  /** Cursor for the next older page; null when the oldest message is shown. */
  olderCursor: string | null;
  /** Whether the first page was fetched (so "no older messages" means something). */
  loaded: boolean;
}

export type ChatAction =
  | { type: 'page'; page: MessagePage; latest: boolean }
  | { type: 'posted'; message: ChatMessage }
  | { type: 'event'; event: RoomEvent };

export const initialChatState: ChatState = { messages: [], olderCursor: null, loaded: false };

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'page': {
      const merged = merge(state.messages, action.page.items);
      // The latest page (first load or reload after a resync) must not lose a cursor we already
      // hold for older pages; an older page moves the cursor further back.
      const olderCursor = action.latest && state.loaded ? state.olderCursor : action.page.nextCursor;
      return { messages: merged, olderCursor, loaded: true };
    }
    case 'posted':
      return { ...state, messages: merge(state.messages, [action.message]) };
    case 'event': {
      const e = action.event;
      if (e.type === 'message-posted') {
        const message: ChatMessage = {
          id: e.messageId,
          roomId: e.roomId,
          authorId: e.authorId,
          authorName: e.authorName,
          text: e.text,
          postedAt: e.at,
          seq: e.seq,
        };
        return { ...state, messages: merge(state.messages, [message]) };
      }
      if (e.type === 'message-deleted') {
        return { ...state, messages: state.messages.filter((m) => m.id !== e.messageId) };
      }
      return state;
    }
  }
}

function merge(current: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.seq - b.seq || a.postedAt.localeCompare(b.postedAt));
}
