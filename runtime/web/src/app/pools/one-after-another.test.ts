import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api-client.ts';
import { isGone, oneAfterAnother, refusalsOf } from './one-after-another.ts';

const records = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));

describe('a pool action on ticked records, one after another', () => {
  it('stops at the limit: what is left is not tried, and is reported with the limit as its reason', async () => {
    const tried: string[] = [];
    const run = await oneAfterAnother(records, async (r) => {
      tried.push(r.id);
      if (r.id === 'b') throw new ApiError(409, 'already_claimed', 'taken');
      if (r.id === 'd') throw new ApiError(409, 'claim_limit_reached', 'limit', [], { limit: 2 });
      return { ...r, poolState: 'private' };
    });
    expect(tried).toEqual(['a', 'b', 'c', 'd']);
    expect(run.done.map((r) => r.id)).toEqual(['a', 'c']);
    expect(run.refused.map((r) => r.record.id)).toEqual(['b']);
    expect(run.stopped?.left.map((r) => r.id)).toEqual(['d', 'e']);
    expect(refusalsOf(run).map((r) => [r.record.id, (r.error as ApiError).code])).toEqual([['b', 'already_claimed'], ['d', 'claim_limit_reached'], ['e', 'claim_limit_reached']]);
    expect(run.refused.filter((r) => isGone(r.error)).map((r) => r.record.id)).toEqual(['b']);
  });

  it('goes on past a refusal about one record (a cooldown), and stops at one that would refuse every record (the session ended)', async () => {
    const cooled = await oneAfterAnother(records.slice(0, 2), async (r) => {
      if (r.id === 'a') throw new ApiError(409, 'cooldown', 'wait');
      return r;
    });
    expect(cooled.done.map((r) => r.id)).toEqual(['b']);
    expect(cooled.stopped).toBeUndefined();
    const ended = await oneAfterAnother(records.slice(0, 3), async () => { throw new ApiError(401, 'unauthenticated', 'gone'); });
    expect(ended.stopped?.left).toHaveLength(3);
  });
});
