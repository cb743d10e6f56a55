import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { describeEachServer } from '../../testing/test-server.ts';

interface Notice { id: string; createdAt: string; recordId: string }

describeEachServer('notifications', (ctx) => {
  it('pages through notices written at one instant (a sweep) without skipping any', async () => {
    const db = ctx().database.storage.db;
    const t = await ctx().createTenantWith(testDocument());
    const bd = await ctx().createUser(t, { email: 'swept@t.test', roles: ['bd'] });
    const q = (x: string) => `/api/t/${t.slug}${x}`;
    const tenantId = (await sql<{ id: string }>`SELECT id FROM tenants WHERE slug = ${t.slug}`.execute(db)).rows[0]!.id;
    const start = new Date('2026-03-02T02:00:00.000Z');
    const held = 35;
    await sql`INSERT INTO records (tenant_id, object, id, owner, stage, pool, pool_state, claimed_at, hold_expires_at, data)
              SELECT ${tenantId}::uuid, 'lead', gen_random_uuid(), ${bd.id}::uuid, 'new', 'leadPool', 'private', ${start.toISOString()}::timestamptz,
                     ${start.toISOString()}::timestamptz + interval '45 days', jsonb_build_object('name', 'Held ' || i)
                FROM generate_series(1, ${held}) AS i`.execute(db);
    const swept = await t.admin.post(q('/pools/leadPool/sweep'), { asOf: new Date(start.getTime() + 40 * 86400_000).toISOString() });
    expect(swept.body.released, swept.text).toBe(held);

    // As the app pages: 30 at a time, on from the last one seen.
    const seen: Notice[] = [];
    for (let page = 0; page < 5; page++) {
      const last = seen[seen.length - 1];
      const after = last ? `&before=${encodeURIComponent(last.createdAt)}&beforeId=${last.id}` : '';
      const res = await bd.client.get(q(`/notifications?limit=30${after}`));
      expect(res.status, res.text).toBe(200);
      seen.push(...res.body.data);
      if (res.body.data.length < 30) break;
    }
    expect(new Set(seen.map((n) => n.createdAt)).size).toBe(1);
    expect(seen).toHaveLength(held);
    expect(new Set(seen.map((n) => n.recordId)).size).toBe(held);

    // A generic pager sends nextCursor back as cursor until it is null, as on every other list.
    const paged: Notice[] = [];
    for (let next: string | null = null, page = 0; page === 0 || next; page++) {
      const url: string = q(`/notifications?limit=30${next ? `&cursor=${next}` : ''}`);
      const res = await bd.client.get(url);
      expect(res.status, res.text).toBe(200);
      paged.push(...res.body.data);
      next = res.body.nextCursor as string | null;
    }
    expect(paged.map((n) => n.id)).toEqual(seen.map((n) => n.id));
    expect((await bd.client.get(q(`/notifications?cursor=x${'y'.repeat(20)}`))).body).toMatchObject({ code: 'invalid_cursor' });
    const both = await bd.client.get(q(`/notifications?cursor=${encodeURIComponent(seen[0]!.id)}&before=${encodeURIComponent(seen[0]!.createdAt)}`));
    expect([both.status, both.body.errors?.[0]?.path]).toEqual([400, '?before']);

    const bad = await bd.client.get(q(`/notifications?beforeId=${seen[0]!.id}`));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'bad_request', errors: [{ path: '?beforeId' }] });
    expect((await bd.client.get(q(`/notifications?before=${encodeURIComponent(seen[0]!.createdAt)}&beforeId=x`))).status).toBe(400);
    // Dates JavaScript reads but PostgreSQL cannot take answered 500 (on PGlite): a 400 at the parameter.
    for (const before of ['+275760-09-13T00:00:00.000Z', '99999', '-000001-01-01T00:00:00Z', '2026-02-30', '2026-02-30T10:00:00Z']) {
      const far = await bd.client.get(q(`/notifications?before=${encodeURIComponent(before)}`));
      expect(far.status, before).toBe(400);
      expect(far.body.errors).toEqual([{ path: '?before', message: expect.stringContaining('ISO 8601') }]);
    }
  });
});
