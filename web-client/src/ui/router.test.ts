import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute } from './router';

describe('routes', () => {
  it('reads the page from the location hash', () => {
    expect(parseRoute('')).toEqual({ page: 'hallway' });
    expect(parseRoute('#/')).toEqual({ page: 'hallway' });
    expect(parseRoute('#/profile')).toEqual({ page: 'profile' });
    expect(parseRoute('#/rooms/abc-123')).toEqual({ page: 'room', roomId: 'abc-123' });
    expect(parseRoute('#/nowhere')).toEqual({ page: 'hallway' });
  });

  it('round-trips room ids that need escaping', () => {
    expect(parseRoute(hrefOf.room('a b/c'))).toEqual({ page: 'room', roomId: 'a b/c' });
  });
});
