import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api-client.ts';
import { peopleNames } from './dashboard-data.ts';

/** An API that lists `n` users 500 a page, as the server does, or refuses the list (not an admin). */
function fakeApi(n: number, refuse = false): { api: ApiClient; pages: number } {
  const users = Array.from({ length: n }, (_, i) => ({ id: `u${String(i).padStart(5, '0')}`, name: i % 7 === 0 ? '' : `Person ${i}`, email: `p${i}@x.test` }));
  const state = { pages: 0 };
  const api = {
    async get(path: string, query: { limit: number; after?: string }) {
      if (path !== '/users') throw new Error(path);
      if (refuse) throw Object.assign(new Error('forbidden'), { status: 403 });
      state.pages++;
      const start = query.after ? users.findIndex((u) => u.id === query.after) + 1 : 0;
      const data = users.slice(start, start + query.limit);
      return { data, nextCursor: start + query.limit < users.length ? data[data.length - 1]!.id : null };
    },
    async post() {
      return { data: [{ owner: { id: 'u00001', name: 'Held By' } }], nextCursor: null };
    },
  };
  return { api: api as unknown as ApiClient, get pages() { return state.pages; } };
}

describe('people names for charts grouped by owner', () => {
  it('names every user of a tenant, page after page, by e-mail where a name is missing', async () => {
    const fake = fakeApi(1_234);
    const names = await peopleNames(fake.api, 'lead');
    expect(names.size).toBe(1_234);
    expect(fake.pages).toBe(3);
    expect(names.get('u01233')).toBe('Person 1233');
    expect(names.get('u00007')).toBe('p7@x.test');
  });

  it('falls back to the holders of the records the caller can see when it may not list users', async () => {
    const names = await peopleNames(fakeApi(10, true).api, 'lead');
    expect([...names]).toEqual([['u00001', 'Held By']]);
  });
});
