import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api-client.ts';
import { everyUserId, peopleNames } from './dashboard-data.ts';

const users = Array.from({ length: 1_234 }, (_, i) => ({ id: `u${String(i).padStart(5, '0')}`, name: i % 7 === 0 ? '' : `Person ${i}`, email: `p${i}@x.test` }));

/** The server's user object (`POST /records/user/query`, ids by `$in`) and `/users`, 500 a page. */
function fakeApi() {
  const calls: string[] = [];
  const api = {
    async post(path: string, body: { where: { id: { $in: string[] } }; limit: number }) {
      calls.push(path);
      if (path !== '/records/user/query') throw new Error(path);
      expect(body.where.id.$in.length).toBeLessThanOrEqual(500);
      expect(body.limit).toBe(body.where.id.$in.length);
      return { data: users.filter((u) => body.where.id.$in.includes(u.id)), nextCursor: null };
    },
    async get(path: string, query: { limit: number; after?: string }) {
      calls.push(path);
      const start = query.after ? users.findIndex((u) => u.id === query.after) + 1 : 0;
      const data = users.slice(start, start + query.limit);
      return { data, nextCursor: start + query.limit < users.length ? data[data.length - 1]!.id : null };
    },
  };
  return { api: api as unknown as ApiClient, calls };
}

describe('people of charts grouped by owner', () => {
  it('names exactly the people shown, 500 a request, by e-mail where a name is missing', async () => {
    const fake = fakeApi();
    const shown = [...users.map((u) => u.id), '', users[3]!.id];
    const names = await peopleNames(fake.api, shown);
    expect(names.size).toBe(1_234);
    expect(fake.calls).toEqual(['/records/user/query', '/records/user/query', '/records/user/query']);
    expect(names.get('u01233')).toBe('Person 1233');
    expect(names.get('u00007')).toBe('p7@x.test');
    expect(await peopleNames(fake.api, [])).toEqual(new Map());
  });

  it('lists every user id page after page (counting by owner without /aggregate)', async () => {
    const fake = fakeApi();
    const ids = await everyUserId(fake.api);
    expect(ids).toEqual(users.map((u) => u.id));
    expect(fake.calls).toEqual(['/users', '/users', '/users']);
  });
});
