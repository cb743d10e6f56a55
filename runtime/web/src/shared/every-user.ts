import type { ApiClient } from './api-client.ts';

/**
 * Every user of the tenant matching `query` (`active`, `q`), read from `GET /users` 500 a page
 * (one page holds at most 500; admins only). For the studio's names and the dashboards' owners.
 */
export async function everyUser<T extends { id: string }>(api: ApiClient, query: Record<string, string | number | boolean> = {}): Promise<T[]> {
  const all: T[] = [];
  let after: string | null = null;
  do {
    const page: { data: T[]; nextCursor: string | null } = await api.get('/users', { ...query, limit: 500, ...(after ? { after } : {}) });
    all.push(...page.data);
    after = page.nextCursor;
  } while (after);
  return all;
}
