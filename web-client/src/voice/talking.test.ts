import { describe, expect, it } from 'vitest';
import { HOLD_MS, TalkingTracker, rms, sameMembers } from './talking';

describe('talking tracker', () => {
  it('marks a loud person talking and keeps them talking through a short pause', () => {
    const t = new TalkingTracker();
    t.sample('ann', 0.3, 1000);
    t.sample('bob', 0.001, 1000);
    expect([...t.talking(1000)]).toEqual(['ann']);
    expect(t.talking(1000 + HOLD_MS).has('ann')).toBe(true);
    expect(t.talking(1000 + HOLD_MS + 1).has('ann')).toBe(false);
  });

  it('measures silence as zero and a full-scale square wave as one', () => {
    expect(rms(new Float32Array(128))).toBe(0);
    expect(rms(Float32Array.from({ length: 128 }, (_, i) => (i % 2 ? 1 : -1)))).toBe(1);
  });

  it('compares sets of people', () => {
    expect(sameMembers(new Set(['a', 'b']), new Set(['b', 'a']))).toBe(true);
    expect(sameMembers(new Set(['a']), new Set(['b']))).toBe(false);
  });
});
