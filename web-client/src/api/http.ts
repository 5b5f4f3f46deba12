// A thin client for room-service's REST API. Refusals arrive as RFC 9457 ProblemDetail; their
// `detail` is what people read, so ApiError carries it as its message.
import type {
  ChatMessage,
  Hallway,
  JoinResponse,
  LoginResponse,
  MessagePage,
  Room,
  Snapshot,
  User,
} from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problemType?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type TokenSource = () => string | null;

export interface NewRoom {
  title: string;
  description?: string;
  visibility: 'public' | 'closed';
  invitees?: string[];
  scheduledStart?: string;
}

export class ChorusApi {
  constructor(
    private readonly token: TokenSource,
    private readonly onUnauthorized: () => void = () => {},
    private readonly base = '',
  ) {}

  private async request<T>(method: string, path: string, body?: unknown, keepalive = false): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    const token = this.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(this.base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        keepalive,
      });
    } catch {
      throw new ApiError(0, 'Chorus cannot be reached. Check your connection and try again.');
    }
    if (!response.ok) {
      const error = await problemOf(response);
      if (response.status === 401 && token) this.onUnauthorized();
      throw error;
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  register(username: string, displayName: string, password: string) {
    return this.request<User>('POST', '/api/v1/auth/register', { username, displayName, password });
  }
  login(username: string, password: string) {
    return this.request<LoginResponse>('POST', '/api/v1/auth/login', { username, password });
  }
  me() {
    return this.request<User>('GET', '/api/v1/me');
  }
  updateMe(changes: { displayName?: string; bio?: string }) {
    return this.request<User>('PATCH', '/api/v1/me', changes);
  }

  hallway(page = 0, size = 20) {
    return this.request<Hallway>('GET', `/api/v1/rooms?page=${page}&size=${size}`);
  }
  createRoom(room: NewRoom) {
    return this.request<Room>('POST', '/api/v1/rooms', room);
  }
  room(roomId: string) {
    return this.request<Room>('GET', `/api/v1/rooms/${enc(roomId)}`);
  }
  endRoom(roomId: string) {
    return this.request<unknown>('POST', `/api/v1/rooms/${enc(roomId)}/end`);
  }
  join(roomId: string) {
    return this.request<JoinResponse>('POST', `/api/v1/rooms/${enc(roomId)}/join`, {});
  }
  /** keepalive lets the request outlive the page (leaving when the tab closes). */
  leave(roomId: string, keepalive = false) {
    return this.request<void>('POST', `/api/v1/rooms/${enc(roomId)}/leave`, undefined, keepalive);
  }
  snapshot(roomId: string) {
    return this.request<Snapshot>('GET', `/api/v1/rooms/${enc(roomId)}/snapshot`);
  }

  raiseHand(roomId: string) {
    return this.request<Snapshot>('POST', `/api/v1/rooms/${enc(roomId)}/hand`);
  }
  lowerHand(roomId: string) {
    return this.request<Snapshot>('DELETE', `/api/v1/rooms/${enc(roomId)}/hand`);
  }
  inviteToSpeak(roomId: string, userId: string) {
    return this.request<Snapshot>('POST', `${member(roomId, userId)}/invite`);
  }
  acceptInvitation(roomId: string) {
    return this.request<Snapshot>('POST', `/api/v1/rooms/${enc(roomId)}/invitation/accept`);
  }
  declineInvitation(roomId: string) {
    return this.request<Snapshot>('POST', `/api/v1/rooms/${enc(roomId)}/invitation/decline`);
  }
  moveToAudience(roomId: string, userId: string) {
    return this.request<Snapshot>('POST', `${member(roomId, userId)}/move-to-audience`);
  }
  makeModerator(roomId: string, userId: string) {
    return this.request<Snapshot>('POST', `${member(roomId, userId)}/moderator`);
  }
  unmakeModerator(roomId: string, userId: string) {
    return this.request<Snapshot>('DELETE', `${member(roomId, userId)}/moderator`);
  }
  mute(roomId: string, userId: string) {
    return this.request<Snapshot>('POST', `${member(roomId, userId)}/mute`);
  }
  unmute(roomId: string, userId: string) {
    return this.request<Snapshot>('DELETE', `${member(roomId, userId)}/mute`);
  }
  remove(roomId: string, userId: string) {
    return this.request<Snapshot>('DELETE', member(roomId, userId));
  }
  stepDown(roomId: string) {
    return this.request<Snapshot>('POST', `/api/v1/rooms/${enc(roomId)}/step-down`);
  }

  postMessage(roomId: string, text: string) {
    return this.request<ChatMessage>('POST', `/api/v1/rooms/${enc(roomId)}/messages`, { text });
  }
  messages(roomId: string, before?: string | null, limit = 50) {
    const cursor = before ? `before=${encodeURIComponent(before)}&` : '';
    return this.request<MessagePage>('GET', `/api/v1/rooms/${enc(roomId)}/messages?${cursor}limit=${limit}`);
  }
  deleteMessage(roomId: string, messageId: string) {
    return this.request<void>('DELETE', `/api/v1/rooms/${enc(roomId)}/messages/${enc(messageId)}`);
  }
}

const enc = encodeURIComponent;
const member = (roomId: string, userId: string) => `/api/v1/rooms/${enc(roomId)}/members/${enc(userId)}`;

async function problemOf(response: Response): Promise<ApiError> {
  let detail: string | undefined;
  let type: string | undefined;
  try {
    const body = await response.json();
    detail = body?.detail ?? body?.title ?? body?.message;
    type = body?.type;
  } catch {
    // not JSON: fall back to the status line below
  }
  return new ApiError(response.status, detail ?? fallbackMessage(response.status), type);
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Please sign in again.';
  if (status === 403) return 'You are not allowed to do that.';
  if (status === 404) return 'Not found.';
  if (status === 409) return 'That conflicts with the current state of the room.';
  if (status >= 500) return 'Chorus had a problem. Please try again.';
  return `Request failed (${status}).`;
}
