// The room's audio: one RTCPeerConnection to the bridge built from each voice-ready session.
// Listeners receive only and are never asked for the microphone; the microphone is requested the
// first time a session says we may send (we went on stage) and released when we leave the stage.
import type { ClientFrame, VoiceSession } from '../api/types';
import { sendSectionMids } from './sdp';
import { TalkingTracker, rms, sameMembers } from './talking';

export type VoiceStatus =
  | { state: 'waiting' }
  | { state: 'connecting' }
  | { state: 'connected' }
  | { state: 'failed'; message: string };

export interface VoiceListener {
  status?: (status: VoiceStatus) => void;
  talking?: (userIds: Set<string>) => void;
  /** The browser refused to start playback without a click: show a button that calls resumeAudio. */
  audioBlocked?: (blocked: boolean) => void;
  micProblem?: (message: string | null) => void;
}

const LEVEL_POLL_MS = 150;
const ICE_GATHERING_LIMIT_MS = 3000;

export class VoiceConnection {
  private pc: RTCPeerConnection | null = null;
  private session: VoiceSession | null = null;
  private mic: MediaStream | null = null;
  private micAnalyser: AnalyserNode | null = null;
  private audioContext: AudioContext | null = null;
  private readonly audioElements = new Map<string, HTMLAudioElement>();
  private readonly tracker = new TalkingTracker();
  private lastTalking = new Set<string>();
  private levelTimer: ReturnType<typeof setInterval> | null = null;
  private muted = false;
  private closed = false;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly roomId: string,
    private readonly me: string,
    private readonly send: (frame: ClientFrame) => void,
    private readonly listener: VoiceListener,
  ) {}

  /** Applies a voice-ready session; sessions are applied one at a time, in arrival order. */
  apply(session: VoiceSession): Promise<void> {
    this.queue = this.queue.then(() => this.applyNow(session)).catch((e) => this.fail(e));
    return this.queue;
  }

  failed(message: string): void {
    this.listener.status?.({ state: 'failed', message });
  }

  /** Mutes or unmutes our microphone locally (the room's state says which). */
  setMuted(muted: boolean): void {
    this.muted = muted;
    this.mic?.getAudioTracks().forEach((t) => (t.enabled = !muted));
  }

  resumeAudio(): void {
    for (const el of this.audioElements.values()) void el.play().then(() => this.listener.audioBlocked?.(false)).catch(() => {});
  }

  close(): void {
    this.closed = true;
    if (this.levelTimer) clearInterval(this.levelTimer);
    this.levelTimer = null;
    this.closePeer();
    this.releaseMic();
    void this.audioContext?.close().catch(() => {});
    this.audioContext = null;
  }

  private async applyNow(session: VoiceSession): Promise<void> {
    if (this.closed || session.roomId !== this.roomId) return;
    const reuse = this.pc !== null && this.session?.sessionId === session.sessionId;
    // A new offer on a live connection (a speaker came or went) keeps the audio flowing: no "connecting".
    if (!reuse || this.pc!.connectionState !== 'connected') this.listener.status?.({ state: 'connecting' });
    if (reuse) {
      try {
        await this.pc!.setRemoteDescription({ type: 'offer', sdp: session.sdpOffer });
      } catch {
        // The new offer does not fit the old connection (sections changed): start afresh.
        this.closePeer();
      }
    } else {
      this.closePeer();
    }
    if (!this.pc) {
      this.pc = this.createPeer();
      await this.pc.setRemoteDescription({ type: 'offer', sdp: session.sdpOffer });
    }
    this.session = session;
    const pc = this.pc;
    await this.attachMicrophone(pc, session);
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    await iceGatheringDone(pc);
    if (this.closed || this.pc !== pc) return;
    this.send({ type: 'voice-answer', roomId: this.roomId, sessionId: session.sessionId, sdp: pc.localDescription!.sdp });
    if (pc.connectionState === 'connected') this.listener.status?.({ state: 'connected' });
    this.startLevels();
  }

  private createPeer(): RTCPeerConnection {
    const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    pc.ontrack = (e) => this.play(e);
    pc.onconnectionstatechange = () => {
      if (this.pc !== pc) return;
      if (pc.connectionState === 'connected') this.listener.status?.({ state: 'connected' });
      if (pc.connectionState === 'failed') this.listener.status?.({ state: 'failed', message: 'Audio connection failed.' });
    };
    return pc;
  }

  private async attachMicrophone(pc: RTCPeerConnection, session: VoiceSession): Promise<void> {
    const sendMids = new Set(sendSectionMids(session.sdpOffer));
    const [sendMid] = sendMids;
    for (const t of pc.getTransceivers()) {
      if (t.mid === null || t.currentDirection === 'stopped') continue;
      const wantsSend = session.canSend && t.mid === sendMid;
      if (!wantsSend) {
        // Receive only: never send on sections other than ours, nor at all when not on stage.
        if (t.sender.track) await t.sender.replaceTrack(null);
        t.direction = sendMids.has(t.mid) ? 'inactive' : 'recvonly';
      }
    }
    if (!session.canSend) {
      this.releaseMic();
      return;
    }
    const track = await this.microphoneTrack();
    const transceiver = pc.getTransceivers().find((t) => t.mid === sendMid);
    if (!track || !transceiver) return;
    track.enabled = !this.muted;
    await transceiver.sender.replaceTrack(track);
    transceiver.direction = 'sendonly';
  }

  private async microphoneTrack(): Promise<MediaStreamTrack | null> {
    if (this.mic) return this.mic.getAudioTracks()[0] ?? null;
    try {
      this.mic = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      });
      this.listener.micProblem?.(null);
      this.watchMicLevel(this.mic);
      return this.mic.getAudioTracks()[0] ?? null;
    } catch (e) {
      const name = e instanceof DOMException ? e.name : '';
      this.listener.micProblem?.(
        name === 'NotAllowedError'
          ? 'Microphone access was denied: others cannot hear you. Allow it in the browser and rejoin.'
          : 'No microphone could be opened: others cannot hear you.',
      );
      return null;
    }
  }

  private watchMicLevel(stream: MediaStream): void {
    try {
      this.audioContext ??= new AudioContext();
      const source = this.audioContext.createMediaStreamSource(stream);
      const analyser = this.audioContext.createAnalyser();
      analyser.fftSize = 1024;
      source.connect(analyser);
      this.micAnalyser = analyser;
    } catch {
      this.micAnalyser = null; // no Web Audio: the local ring just stays off
    }
  }

  private releaseMic(): void {
    this.mic?.getTracks().forEach((t) => t.stop());
    this.mic = null;
    this.micAnalyser = null;
  }

  private play(event: RTCTrackEvent): void {
    if (event.track.kind !== 'audio') return;
    const key = event.transceiver.mid ?? event.track.id;
    let el = this.audioElements.get(key);
    if (!el) {
      el = document.createElement('audio');
      el.autoplay = true;
      el.dataset.mid = key;
      el.hidden = true;
      document.body.appendChild(el);
      this.audioElements.set(key, el);
    }
    el.srcObject = event.streams[0] ?? new MediaStream([event.track]);
    el.play().then(
      () => this.listener.audioBlocked?.(false),
      () => this.listener.audioBlocked?.(true),
    );
  }

  private startLevels(): void {
    if (this.levelTimer) return;
    this.levelTimer = setInterval(() => this.sampleLevels(), LEVEL_POLL_MS);
  }

  private sampleLevels(): void {
    const now = performance.now();
    const pc = this.pc;
    const session = this.session;
    if (pc && session) {
      const bySsrc = new Map(session.sources.map((s) => [s.ssrc, s.userId]));
      const byMid = new Map(session.sources.map((s) => [s.mid, s.userId]));
      for (const t of pc.getTransceivers()) {
        if (t.receiver.track.kind !== 'audio') continue;
        for (const src of t.receiver.getSynchronizationSources()) {
          const userId = bySsrc.get(src.source) ?? (t.mid ? byMid.get(t.mid) : undefined);
          if (userId && userId !== this.me) this.tracker.sample(userId, src.audioLevel ?? 0, now);
        }
      }
    }
    if (this.micAnalyser && !this.muted) {
      const samples = new Float32Array(this.micAnalyser.fftSize);
      this.micAnalyser.getFloatTimeDomainData(samples);
      this.tracker.sample(this.me, rms(samples), now);
    }
    const talking = this.tracker.talking(now);
    if (!sameMembers(talking, this.lastTalking)) {
      this.lastTalking = talking;
      this.listener.talking?.(talking);
    }
  }

  private closePeer(): void {
    this.pc?.close();
    this.pc = null;
    this.session = null;
    for (const el of this.audioElements.values()) {
      el.srcObject = null;
      el.remove();
    }
    this.audioElements.clear();
  }

  private fail(e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    this.listener.status?.({ state: 'failed', message: `Audio could not start: ${message}` });
  }
}

/** The bridge takes a complete answer (no trickle): wait until our candidates are in it. */
function iceGatheringDone(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ICE_GATHERING_LIMIT_MS);
    function done() {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', check);
      resolve();
    }
    function check() {
      if (pc.iceGatheringState === 'complete') done();
    }
    pc.addEventListener('icegatheringstatechange', check);
  });
}
