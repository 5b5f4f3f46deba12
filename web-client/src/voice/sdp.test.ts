import { describe, expect, it } from 'vitest';
import { mediaSections, sendSectionMids } from './sdp';

const offer = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0 1 2',
  'm=audio 10000 UDP/TLS/RTP/SAVPF 111',
  'a=mid:0',
  'a=recvonly',
  'm=audio 10000 UDP/TLS/RTP/SAVPF 111',
  'a=mid:1',
  'a=sendonly',
  'a=ssrc:1111 cname:ann',
  'm=audio 10000 UDP/TLS/RTP/SAVPF 111',
  'a=mid:2',
  'a=sendonly',
  '',
].join('\r\n');

describe('reading the bridge offer', () => {
  it('lists each media section with its mid and direction', () => {
    expect(mediaSections(offer)).toEqual([
      { mid: '0', kind: 'audio', direction: 'recvonly' },
      { mid: '1', kind: 'audio', direction: 'sendonly' },
      { mid: '2', kind: 'audio', direction: 'sendonly' },
    ]);
  });

  it('finds where the bridge receives our microphone', () => {
    expect(sendSectionMids(offer)).toEqual(['0']);
    expect(sendSectionMids(offer.replace('a=recvonly', 'a=sendonly'))).toEqual([]);
  });
});
