// Wire types of room-service's REST API and signaling-service's frames, as the contract fixes them.

export type Role = 'host' | 'moderator' | 'speaker' | 'listener';
export type LeaveReason = 'left' | 'removed' | 'presence-lost' | 'room-ended';

export interface User {
  id: string;
  username: string;
  displayName: string;
  bio?: string | null;
}

export interface LoginResponse {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: User;
}

export interface StageSeat {
  userId: string;
  displayName: string;
  role: Role;
  muted?: boolean;
}

export interface Room {
  id: string;
  title: string;
  description?: string | null;
  visibility: 'public' | 'closed';
  status: 'scheduled' | 'live' | 'ended';
  hostId: string;
  scheduledStart?: string | null;
  createdAt?: string;
  endedAt?: string | null;
  speakerLimit?: number;
  listenerCount: number;
  stage: StageSeat[];
}

export interface Hallway {
  live: Room[];
  page: number;
  size: number;
  totalLive: number;
  upcoming: Room[];
}

export interface JoinResponse {
  roomId: string;
  role: Role;
  voiceSetupPending: boolean;
  seq: number;
}

export interface StageMember {
  userId: string;
  displayName: string;
  role: Role;
  muted: boolean;
}

export interface AudienceMember {
  userId: string;
  displayName: string;
  handRaised: boolean;
}

export interface Snapshot {
  roomId: string;
  title: string;
  status: 'scheduled' | 'live' | 'ended';
  seq: number;
  speakerLimit: number;
  stage: StageMember[];
  audience: AudienceMember[];
  raisedHands: string[];
  invited: string[];
  counts: { stage: number; audience: number; total: number };
}

export interface ChatMessage {
  id: string;
  roomId: string;
  authorId: string;
  authorName: string;
  text: string;
  postedAt: string;
  seq: number;
}

export interface MessagePage {
  items: ChatMessage[];
  nextCursor: string | null;
}

interface EventBase {
  roomId: string;
  seq: number;
  at: string;
  actorId: string | null;
}

export type RoomEvent = EventBase &
  (
    | { type: 'room-created'; title: string; visibility: string }
    | { type: 'room-updated'; title: string; description?: string | null }
    | { type: 'room-ended'; reason?: string }
    | { type: 'member-joined'; userId: string; displayName: string; role: Role }
    | { type: 'member-left'; userId: string; reason: LeaveReason }
    | { type: 'hand-raised'; userId: string }
    | { type: 'hand-lowered'; userId: string }
    | { type: 'speaker-invited'; userId: string }
    | { type: 'invite-declined'; userId: string }
    | { type: 'role-changed'; userId: string; role: Role; previousRole: Role }
    | { type: 'mute-changed'; userId: string; muted: boolean }
    | {
        type: 'message-posted';
        messageId: string;
        authorId: string;
        authorName: string;
        text: string;
      }
    | { type: 'message-deleted'; messageId: string }
  );

export interface AudioSource {
  ssrc: number;
  userId: string;
  mid: string;
}

export interface VoiceSession {
  sessionId: string;
  roomId: string;
  region: string;
  bridge: string;
  canSend: boolean;
  sdpOffer: string;
  sources: AudioSource[];
}

export type ServerFrame =
  | { type: 'welcome'; nodeId: string; userId: string; heartbeatSeconds: number }
  | { type: 'snapshot'; roomId: string; snapshot: Snapshot }
  | { type: 'event'; roomId: string; seq: number; event: RoomEvent }
  | { type: 'voice-ready'; roomId: string; session: VoiceSession }
  | { type: 'voice-failed'; roomId: string; reason: string; message: string }
  | { type: 'error'; code: string; message: string; ref?: string }
  | { type: 'pong'; id?: unknown }
  | { type: 'reconnect'; reason: string };

export type ClientFrame =
  | { type: 'subscribe'; roomId: string }
  | { type: 'unsubscribe'; roomId: string }
  | { type: 'resync'; roomId: string }
  | { type: 'ping'; id?: string | number }
  | { type: 'voice-answer'; roomId: string; sessionId: string; sdp: string }
  | { type: 'mute'; roomId: string; muted: boolean };
