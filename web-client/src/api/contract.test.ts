// The wire types in types.ts are written by hand; this test holds them to the Java records that
// define the contract (chorus-contracts and signaling-service's frames), so a renamed or added field
// on either side fails the build instead of silently reaching a browser as undefined.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RoomEvent, ServerFrame, VoiceSession } from './types';

const repo = join(__dirname, '..', '..', '..');
const contracts = join(repo, 'chorus-contracts', 'src', 'main', 'java', 'dev', 'chorus', 'contracts');

type FieldsOf<U extends { type: string }> = { [K in U['type']]: Exclude<keyof Extract<U, { type: K }>, 'type'>[] };

// tsc checks that every field named here exists on the TypeScript type.
const roomEventFields: FieldsOf<RoomEvent> = {
  'room-created': ['roomId', 'seq', 'at', 'actorId', 'title', 'visibility'],
  'room-updated': ['roomId', 'seq', 'at', 'actorId', 'title', 'description'],
  'room-ended': ['roomId', 'seq', 'at', 'actorId', 'reason'],
  'member-joined': ['roomId', 'seq', 'at', 'actorId', 'userId', 'displayName', 'role'],
  'member-left': ['roomId', 'seq', 'at', 'actorId', 'userId', 'reason'],
  'hand-raised': ['roomId', 'seq', 'at', 'actorId', 'userId'],
  'hand-lowered': ['roomId', 'seq', 'at', 'actorId', 'userId'],
  'speaker-invited': ['roomId', 'seq', 'at', 'actorId', 'userId'],
  'invite-declined': ['roomId', 'seq', 'at', 'actorId', 'userId'],
  'role-changed': ['roomId', 'seq', 'at', 'actorId', 'userId', 'role', 'previousRole'],
  'mute-changed': ['roomId', 'seq', 'at', 'actorId', 'userId', 'muted'],
  'message-posted': ['roomId', 'seq', 'at', 'actorId', 'messageId', 'authorId', 'authorName', 'text'],
  'message-deleted': ['roomId', 'seq', 'at', 'actorId', 'messageId'],
};

const serverFrameFields: FieldsOf<ServerFrame> = {
  welcome: ['nodeId', 'userId', 'heartbeatSeconds'],
  snapshot: ['roomId', 'snapshot'],
  event: ['roomId', 'seq', 'event'],
  'voice-ready': ['roomId', 'session'],
  'voice-failed': ['roomId', 'reason', 'message'],
  error: ['code', 'message', 'ref'],
  pong: ['id'],
  reconnect: ['reason'],
};

const voiceSessionFields: (keyof VoiceSession)[] = ['sessionId', 'roomId', 'region', 'bridge', 'canSend', 'sdpOffer', 'sources'];

/** Component names of each record in a Java source, by record name. */
function recordComponents(source: string): Map<string, string[]> {
  const records = new Map<string, string[]>();
  for (const m of source.matchAll(/record\s+(\w+)\s*\(([^)]*)\)/g)) {
    const names = m[2]
      .split(',')
      .map((p) => p.trim().split(/\s+/).pop()!)
      .filter(Boolean);
    records.set(m[1], names);
  }
  return records;
}

/** JSON type name → record class, from a @JsonSubTypes list. */
function subTypes(source: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const m of source.matchAll(/Type\(value\s*=\s*(?:\w+\.)?(\w+)\.class,\s*name\s*=\s*"?([\w.-]+)"?\)/g)) {
    result.set(m[2], m[1]);
  }
  return result;
}

describe('wire types match the Java contract', () => {
  it('room events: same types, same fields', () => {
    const names = subTypes(readFileSync(join(contracts, 'events', 'RoomEvent.java'), 'utf8'));
    const javaTypes = new Map<string, string[]>();
    for (const [, record] of names) {
      const source = readFileSync(join(contracts, 'events', `${record}.java`), 'utf8');
      const type = /TYPE\s*=\s*"([\w-]+)"/.exec(source)![1];
      javaTypes.set(type, recordComponents(source).get(record)!);
    }
    expect([...javaTypes.keys()].sort()).toEqual(Object.keys(roomEventFields).sort());
    for (const [type, fields] of javaTypes) {
      expect([type, fields]).toEqual([type, roomEventFields[type as RoomEvent['type']]]);
    }
  });

  it('voice session fields', () => {
    const source = readFileSync(join(contracts, 'voice', 'VoiceSession.java'), 'utf8');
    expect(recordComponents(source).get('VoiceSession')).toEqual(voiceSessionFields);
    expect(recordComponents(source).get('AudioSource')).toEqual(['ssrc', 'userId', 'mid']);
  });

  const frames = join(repo, 'signaling-service', 'src', 'main', 'java', 'dev', 'chorus', 'signaling', 'frame', 'ServerFrame.java');
  it('server frames: same types, same fields', () => {
    const source = readFileSync(frames, 'utf8');
    const records = recordComponents(source);
    const types = subTypes(source);
    expect([...types.keys()].sort()).toEqual(Object.keys(serverFrameFields).sort());
    for (const [type, record] of types) {
      expect([type, records.get(record)]).toEqual([type, serverFrameFields[type as ServerFrame['type']]]);
    }
  });
});
