// Who is talking, from audio levels sampled a few times a second. A person stays "talking" for a
// short hold after their level drops, so the ring does not flicker between syllables.

export const TALKING_LEVEL = 0.02;
export const HOLD_MS = 600;

export class TalkingTracker {
  private readonly lastLoud = new Map<string, number>();

  /** Records one level sample (0..1) for a person at time `now` (ms). */
  sample(userId: string, level: number, now: number): void {
    if (level >= TALKING_LEVEL) this.lastLoud.set(userId, now);
  }

  talking(now: number): Set<string> {
    const result = new Set<string>();
    for (const [userId, at] of this.lastLoud) {
      if (now - at <= HOLD_MS) result.add(userId);
      else this.lastLoud.delete(userId);
    }
    return result;
  }
}

/** Root mean square of samples in -1..1: the level of a stretch of microphone audio. */
export function rms(samples: Float32Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return samples.length ? Math.sqrt(sum / samples.length) : 0;
}

export function sameMembers(a: Set<string>, b: Set<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
