// One WebSocket to signaling-service for the whole app. It reconnects on its own with backoff and,
// once open again, subscribes to every room it was in; the server answers each subscribe with a
// fresh snapshot, which is how state resynchronises after an outage.
import type { ClientFrame, ServerFrame } from '../api/types';

export type SocketStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

type RoomFrame = Extract<ServerFrame, { roomId: string }>;
type RoomListener = (frame: RoomFrame | { type: 'error'; code: string; message: string; ref?: string }) => void;

export interface SignalingOptions {
  /** The socket URL including the access token; null once signed out. */
  url: () => string | null;
  /** The server said our token is no longer good (close code 4401 or an "unauthenticated" error). */
  onUnauthenticated?: () => void;
  /** Errors that concern no room in particular. */
  onError?: (message: string) => void;
}

const MAX_BACKOFF_MS = 8000;

export class SignalingClient {
  private socket: WebSocket | null = null;
  private status: SocketStatus = 'closed';
  private readonly rooms = new Map<string, Set<RoomListener>>();
  private readonly statusListeners = new Set<(s: SocketStatus) => void>();
  private readonly openListeners = new Set<() => void>();
  /** voice-ready / voice-failed that came before the page subscribed (they follow the REST join). */
  private readonly unclaimed = new Map<string, RoomFrame>();
  private backoffMs = 500;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private stopped = true;

  constructor(private readonly options: SignalingOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.open('connecting');
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'signed out');
    this.setStatus('closed');
  }

  currentStatus(): SocketStatus {
    return this.status;
  }

  onStatus(listener: (s: SocketStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Called each time the socket (re)opens, after subscriptions were resent. */
  onOpen(listener: () => void): () => void {
    this.openListeners.add(listener);
    return () => this.openListeners.delete(listener);
  }

  /** Receives this room's frames while the returned function is not called. */
  subscribe(roomId: string, listener: RoomListener): () => void {
    let listeners = this.rooms.get(roomId);
    if (!listeners) {
      listeners = new Set();
      this.rooms.set(roomId, listeners);
      this.send({ type: 'subscribe', roomId });
    }
    listeners.add(listener);
    const early = this.unclaimed.get(roomId);
    if (early) {
      this.unclaimed.delete(roomId);
      listener(early);
    }
    return () => {
      const set = this.rooms.get(roomId);
      if (!set) return;
      set.delete(listener);
      if (set.size === 0) {
        this.rooms.delete(roomId);
        this.send({ type: 'unsubscribe', roomId });
      }
    };
  }

  /** Sends now if open; frames sent while down are dropped (subscriptions are resent on open). */
  send(frame: ClientFrame): boolean {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  private open(status: SocketStatus): void {
    const url = this.options.url();
    if (!url) {
      this.setStatus('closed');
      return;
    }
    this.setStatus(status);
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.backoffMs = 500;
      this.setStatus('open');
      for (const roomId of this.rooms.keys()) this.send({ type: 'subscribe', roomId });
      this.openListeners.forEach((l) => l());
    };
    socket.onmessage = (message) => {
      if (this.socket !== socket) return;
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(message.data));
      } catch {
        return;
      }
      this.dispatch(frame);
    };
    socket.onclose = (close) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.clearTimers();
      if (close.code === 4401) {
        this.setStatus('closed');
        this.options.onUnauthenticated?.();
        return;
      }
      this.scheduleReconnect();
    };
  }

  private dispatch(frame: ServerFrame): void {
    switch (frame.type) {
      case 'welcome':
        this.startHeartbeat(frame.heartbeatSeconds);
        return;
      case 'pong':
        return;
      case 'reconnect':
        // The node is draining: move to another one now rather than waiting for the close.
        this.reconnectNow();
        return;
      case 'error':
        if (frame.code === 'unauthenticated') {
          this.options.onUnauthenticated?.();
          return;
        }
        if (frame.ref && this.rooms.has(frame.ref)) {
          this.rooms.get(frame.ref)!.forEach((l) => l(frame));
        } else {
          this.options.onError?.(frame.message);
        }
        return;
      default: {
        const listeners = this.rooms.get(frame.roomId);
        if (listeners) listeners.forEach((l) => l(frame));
        else if (frame.type === 'voice-ready' || frame.type === 'voice-failed') this.unclaimed.set(frame.roomId, frame);
      }
    }
  }

  private startHeartbeat(seconds: number): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    const everyMs = Math.max(1, seconds || 10) * 1000;
    this.pingTimer = setInterval(() => this.send({ type: 'ping' }), everyMs);
  }

  private reconnectNow(): void {
    const socket = this.socket;
    this.socket = null;
    this.clearTimers();
    socket?.close(1000, 'moving to another node');
    if (!this.stopped) this.open('reconnecting');
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.setStatus('reconnecting');
    const delay = this.backoffMs;
    this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.open('reconnecting');
    }, delay);
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.retryTimer = null;
    this.pingTimer = null;
  }

  private setStatus(status: SocketStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.statusListeners.forEach((l) => l(status));
  }
}

/** The socket URL on the page's own origin (the gateway, launcher or dev server proxies /ws). */
export function socketUrl(token: string, location: Location = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws?access_token=${encodeURIComponent(token)}`;
}
