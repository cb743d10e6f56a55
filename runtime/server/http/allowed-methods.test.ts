import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { allowedMethods } from './allowed-methods.ts';

function tenantApp(): Hono {
  const records = new Hono();
  records.get('/records/:o', (c) => c.text('list'));
  records.post('/records/:o', (c) => c.text('create'));
  records.post('/records/:o/bulk', (c) => c.text('bulk'));
  records.get('/records/:o/:id', (c) => c.text('one'));
  records.patch('/records/:o/:id', (c) => c.text('update'));
  const app = new Hono();
  app.route('/api/t/:t', records);
  return app;
}

describe('allowedMethods', () => {
  it('names the methods of the most specific routes of a path', () => {
    const allowed = allowedMethods(tenantApp());
    expect(allowed('/api/t/hotel/records/lead')).toEqual(['GET', 'HEAD', 'POST']);
    expect(allowed('/api/t/hotel/records/lead/bulk')).toEqual(['POST']);
    expect(allowed('/api/t/hotel/records/lead/0190')).toEqual(['GET', 'HEAD', 'PATCH']);
    expect(allowed('/api/t/hotel/nothing')).toEqual([]);
  });

  it('names none for a path the router does not route, such as one with a trailing slash', async () => {
    // GET …/records/lead/ reaches no route; a 405 "GET is not supported here; use GET, HEAD, POST"
    // would contradict itself. No methods: the answer is the 404 of an unknown path.
    const app = tenantApp();
    const allowed = allowedMethods(app);
    for (const path of ['/api/t/hotel/records/lead/', '/api/t/hotel/records/lead/0190/', '/api/t/hotel/records/lead/bulk/']) {
      expect((await app.request(path)).status).toBe(404);
      expect(allowed(path), path).toEqual([]);
    }
  });
});
