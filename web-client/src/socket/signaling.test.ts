import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SignalingClient, type SocketStatus } from './signaling';

/** Stands in for the browser's WebSocket: records what the client sends, lets the test play the server. */
class FakeSocket {
  static readonly OPEN = 1;
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  closedWith: number | null = null;
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: string }) => void) | null = null;
  onclose: ((c: { code: number }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code = 1000) {
    this.closedWith = code;
    this.readyState = 3;
  }
  // server side
  accept() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  push(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

const latest = () => FakeSocket.all[FakeSocket.all.length - 1];

describe('signaling client', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.stubGlobal('WebSocket', FakeSocket);
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  function started(onUnauthenticated = () => {}) {
    const client = new SignalingClient({ url: () => 'ws://chorus/ws?access_token=t', onUnauthenticated });
    const statuses: SocketStatus[] = [];
    client.onStatus((s) => statuses.push(s));
    client.start();
    return { client, statuses };
  }

  it('subscribes to a room and routes only that room’s frames to it', () => {
    const { client } = started();
    latest().accept();
    const frames: unknown[] = [];
    client.subscribe('r1', (f) => frames.push(f));
    expect(latest().sent).toEqual([{ type: 'subscribe', roomId: 'r1' }]);
    latest().push({ type: 'event', roomId: 'r2', seq: 1, event: {} });
    latest().push({ type: 'event', roomId: 'r1', seq: 4, event: { type: 'hand-raised' } });
    expect(frames).toEqual([{ type: 'event', roomId: 'r1', seq: 4, event: { type: 'hand-raised' } }]);
  });

  it('after the socket drops it says so, reconnects and subscribes again to get a fresh snapshot', () => {
    const { client, statuses } = started();
    latest().accept();
    client.subscribe('r1', () => {});
    latest().drop();
    expect(statuses).toContain('reconnecting');
    vi.advanceTimersByTime(500);
    expect(FakeSocket.all).toHaveLength(2);
    latest().accept();
    expect(latest().sent).toEqual([{ type: 'subscribe', roomId: 'r1' }]);
    expect(statuses[statuses.length - 1]).toBe('open');
  });

  it('backs off longer after each failed attempt', () => {
    started();
    latest().drop();
    vi.advanceTimersByTime(500);
    expect(FakeSocket.all).toHaveLength(2);
    latest().drop();
    vi.advanceTimersByTime(500);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(500);
    expect(FakeSocket.all).toHaveLength(3);
  });

  it('moves to another node at once when told to reconnect', () => {
    const { client } = started();
    latest().accept();
    client.subscribe('r1', () => {});
    const draining = latest();
    draining.push({ type: 'reconnect', reason: 'draining' });
    expect(draining.closedWith).toBe(1000);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('stops and reports an expired token instead of retrying', () => {
    const expired = vi.fn();
    const { statuses } = started(expired);
    latest().accept();
    latest().drop(4401);
    vi.advanceTimersByTime(10_000);
    expect(expired).toHaveBeenCalledOnce();
    expect(FakeSocket.all).toHaveLength(1);
    expect(statuses[statuses.length - 1]).toBe('closed');
  });

  it('pings at the heartbeat the welcome frame announces', () => {
    started();
    latest().accept();
    latest().push({ type: 'welcome', nodeId: 'n1', userId: 'u1', heartbeatSeconds: 10 });
    vi.advanceTimersByTime(25_000);
    expect(latest().sent).toEqual([{ type: 'ping' }, { type: 'ping' }]);
  });

  it('keeps a voice session that arrives before the room page subscribed', () => {
    const { client } = started();
    latest().accept();
    latest().push({ type: 'voice-ready', roomId: 'r1', session: { sessionId: 's1' } });
    const frames: unknown[] = [];
    client.subscribe('r1', (f) => frames.push(f));
    expect(frames).toEqual([{ type: 'voice-ready', roomId: 'r1', session: { sessionId: 's1' } }]);
  });

  it('unsubscribes when the last listener of a room goes', () => {
    const { client } = started();
    latest().accept();
    const a = client.subscribe('r1', () => {});
    const b = client.subscribe('r1', () => {});
    a();
    expect(latest().sent).toEqual([{ type: 'subscribe', roomId: 'r1' }]);
    b();
    expect(latest().sent).toEqual([{ type: 'subscribe', roomId: 'r1' }, { type: 'unsubscribe', roomId: 'r1' }]);
  });
});
