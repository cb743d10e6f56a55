import { expect, it } from 'vitest';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { describeEachServer } from '../../testing/test-server.ts';

describeEachServer('work orders of a tenant without assignment rules', (ctx) => {
  it('a person’s open queue is empty, not a server error (the app opens on it)', async () => {
    const document = testDocument();
    delete document.assignmentRules;
    const t = await ctx().createTenantWith(document);
    const bd = await ctx().createUser(t, { email: 'coach@gym.test', roles: ['bd'] });
    for (const path of ['/work-orders?assignee=me&state=open&limit=50', '/work-orders', '/work-orders?state=all']) {
      const res = await bd.client.get(`/api/t/${t.slug}${path}`);
      expect(res.status, `${path}: ${res.text}`).toBe(200);
      expect(res.body).toEqual({ data: [], nextCursor: null });
    }
  });
});
