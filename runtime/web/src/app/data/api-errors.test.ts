import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api-client.ts';
import { errorText, isMissingEndpoint } from './api-errors.ts';

describe('API errors', () => {
  it('tells a missing endpoint from a missing resource', () => {
    expect(isMissingEndpoint(new ApiError(404, 'not_found', 'No route for GET /api/t/x/work-orders'))).toBe(true);
    expect(isMissingEndpoint(new ApiError(404, 'not_found', 'There is no pool called leadPool'))).toBe(false);
  });

  it('localizes the pool codes and falls back to the server detail', () => {
    expect(errorText(new ApiError(409, 'already_claimed', 'Someone else claimed this lead first'), 'zh')).toBe('已被他人领取');
    expect(errorText(new ApiError(409, 'daily_claim_limit_reached', 'x'), 'en')).toBe('You have claimed as many as you may today');
    expect(errorText(new ApiError(400, 'invalid_filter', 'The filter has 1 problem'), 'en')).toBe('The filter has 1 problem');
  });
});
