import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api-client.ts';
import { isLastAnswer, nextAskDelay } from './use-job.ts';

describe('following a background job', () => {
  it('asks soon, then every second, slower after failed asks, and never stops for a passing failure', () => {
    expect(nextAskDelay(false, 0)).toBe(300);
    expect(nextAskDelay(true, 0)).toBe(1_000);
    expect(nextAskDelay(true, 1)).toBe(2_000);
    expect(nextAskDelay(true, 2)).toBe(2_000);
    expect(nextAskDelay(true, 3)).toBe(10_000);
    expect(nextAskDelay(false, 40)).toBe(10_000);
  });

  it('gives up only on answers that asking again will not change', () => {
    expect(isLastAnswer(new ApiError(404, 'not_found', 'There is no job …'))).toBe(true);
    expect(isLastAnswer(new ApiError(403, 'forbidden', 'no'))).toBe(true);
    expect(isLastAnswer(new ApiError(401, 'unauthenticated', 'signed out'))).toBe(true);
    expect(isLastAnswer(new ApiError(503, 'database_unavailable', 'later'))).toBe(false);
    expect(isLastAnswer(new ApiError(429, 'rate_limited', 'slow down'))).toBe(false);
    expect(isLastAnswer(new ApiError(500, 'internal', 'oops'))).toBe(false);
    expect(isLastAnswer(new TypeError('Failed to fetch'))).toBe(false);
  });
});
