import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { expect, it } from 'vitest';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { describeEachServer, publish, type TestTenant } from '../../testing/test-server.ts';

async function waitForJob(tenant: TestTenant, jobId: string): Promise<any> {
  for (let i = 0; i < 600; i++) {
    const job = await tenant.admin.get(`/api/t/${tenant.slug}/jobs/${jobId}`);
    if (job.body.state === 'done' || job.body.state === 'failed') return job.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('job did not finish');
}

describeEachServer('bulk, aggregate, import and export', (ctx) => {
  it('bulk-creates per row, keeping good rows and reporting bad ones, or all-or-nothing when atomic', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const rows = [{ name: 'A', code: 'X1' }, { name: 'B', stars: 9 }, { name: 'C', code: 'X1' }, { name: 'D' }];
    const perRow = await t.admin.post(p('/records/hotel/bulk'), { op: 'create', records: rows });
    expect(perRow.status).toBe(200);
    expect(perRow.body.results.map((r: { status: number }) => r.status)).toEqual([201, 422, 409, 201]);
    expect(perRow.body.results[1].error.errors).toEqual([{ path: '/stars', message: 'must be <= 5' }]);
    const atomic = await t.admin.post(p('/records/hotel/bulk'), { op: 'create', atomic: true, records: [{ name: 'E' }, { name: 'F', city: 'mars' }] });
    expect(atomic.status).toBe(422);
    expect(atomic.body.errors).toEqual([{ path: '/records/1/city', message: expect.stringContaining('must be one of') }]);
    expect((await t.admin.get(p('/records/hotel?count=true&limit=1'))).body.total).toBe(2);
    expect(atomic.body.detail).toBe('1 of 2 records failed; nothing was written');
    expect(atomic.body.results[0]).toMatchObject({ index: 0, status: 409, skipped: true });
    // An atomic update that fails undoes its good rows too: they read as not written, and every
    // pointer is the record's (/records/{index}/…) once.
    const atomicUpdate = await t.admin.post(p('/records/hotel/bulk'), { op: 'update', atomic: true, records: [
      { id: perRow.body.results[0].id, stars: 4 }, { stars: 1 }, { id: '00000000-0000-4000-8000-000000000000', stars: 1 }, 7,
    ] });
    expect(atomicUpdate.status).toBe(422);
    expect(atomicUpdate.body.results.map((r: { status: number; skipped?: boolean }) => [r.status, r.skipped ?? false])).toEqual([[409, true], [422, false], [404, false], [422, false]]);
    expect(atomicUpdate.body.errors.map((e: { path: string }) => e.path)).toEqual(['/records/1/id', '/records/2', '/records/3/id']);
    expect((await t.admin.get(p(`/records/hotel/${perRow.body.results[0].id}`))).body.stars ?? null).toBe(null);
    const atomicDelete = await t.admin.post(p('/records/hotel/bulk'), { op: 'delete', atomic: true, records: [perRow.body.results[0].id, 5] });
    expect(atomicDelete.body.results.map((r: { status: number }) => r.status)).toEqual([409, 422]);
    expect(atomicDelete.body.errors).toEqual([{ path: '/records/1', message: expect.any(String) }]);
    const perRowUpdate = await t.admin.post(p('/records/hotel/bulk'), { op: 'update', records: [{ stars: 1 }] });
    expect(perRowUpdate.body.results[0].error.errors).toEqual([{ path: '/id', message: 'is required' }]);
    // A version is the condition of the row's update (If-Match): one that is no version is refused, not ignored.
    const hotelId = perRow.body.results[0].id;
    const version = (await t.admin.get(p(`/records/hotel/${hotelId}`))).body.version;
    const conditional = await t.admin.post(p('/records/hotel/bulk'), { op: 'update', records: [
      { id: hotelId, version: version - 1, stars: 2 }, { id: hotelId, version: String(version - 1), stars: 2 }, { id: hotelId, version: null, stars: 2 }, { id: hotelId, version, stars: 3 },
    ] });
    expect(conditional.body.results.map((r: { status: number }) => r.status)).toEqual([412, 422, 422, 200]);
    expect(conditional.body.results[0].error).toMatchObject({ code: 'version_mismatch', currentVersion: version });
    expect(conditional.body.results[1].error.errors).toEqual([{ path: '/version', message: expect.stringContaining('integer') }]);
    expect((await t.admin.get(p(`/records/hotel/${hotelId}`))).body).toMatchObject({ stars: 3, version: version + 1 });
    // So is a delete's: a record changed since it was read is not deleted.
    const doomed = (await t.admin.post(p('/records/hotel'), { name: 'Doomed' })).body;
    await t.admin.patch(p(`/records/hotel/${doomed.id}`), { stars: 1 });
    const conditionalDelete = await t.admin.post(p('/records/hotel/bulk'), { op: 'delete', records: [{ id: doomed.id, version: 1 }, { id: doomed.id, version: 'x' }] });
    expect(conditionalDelete.body.results.map((r: { status: number }) => r.status)).toEqual([412, 422]);
    expect((await t.admin.get(p(`/records/hotel/${doomed.id}`))).status).toBe(200);
    const deletedAtVersion = await t.admin.post(p('/records/hotel/bulk'), { op: 'delete', records: [{ id: doomed.id, version: 2 }] });
    expect(deletedAtVersion.body.results[0].status).toBe(204);

    const upserted = await t.admin.post(p('/records/hotel/bulk'), { op: 'upsert', upsertKey: 'code', records: [{ code: 'X1', name: 'A2' }, { code: 'X9', name: 'New' }] });
    expect(upserted.body.results.map((r: { status: number }) => r.status)).toEqual([200, 201]);
    expect(upserted.body.results[0].id).toBe(perRow.body.results[0].id);
    // A row's version is its condition, as in an update: a stale one is a 412 with the current
    // version, the right one updates, and one whose key matches nothing creates nothing.
    const x1 = (await t.admin.get(p(`/records/hotel/${perRow.body.results[0].id}`))).body as { version: number };
    const conditionalUpsert = await t.admin.post(p('/records/hotel/bulk'), {
      op: 'upsert', upsertKey: 'code', records: [{ code: 'X1', name: 'Stale', version: x1.version - 1 }, { code: 'X1', name: 'A3', version: x1.version }, { code: 'X404', name: 'Nowhere', version: 1 }],
    });
    expect(conditionalUpsert.body.results.map((r: { status: number }) => r.status)).toEqual([412, 200, 412]);
    expect(conditionalUpsert.body.results[0].error).toMatchObject({ code: 'version_mismatch', currentVersion: x1.version });
    expect((await t.admin.get(p(`/records/hotel/${perRow.body.results[0].id}`))).body).toMatchObject({ name: 'A3', version: x1.version + 1 });
    expect((await t.admin.post(p('/records/hotel/query'), { where: { code: 'X404' }, count: true })).body.total).toBe(0);
    // The key is matched as it is stored: a date-time in another offset, a lookup's id in capitals.
    const call = (await t.admin.post(p('/records/lead'), { name: 'Call', nextCallAt: '2026-12-01T02:00:00Z', hotel: perRow.body.results[0].id })).body;
    const byInstant = await t.admin.post(p('/records/lead/bulk'), { op: 'upsert', upsertKey: 'nextCallAt', records: [{ nextCallAt: '2026-12-01T10:00:00+08:00', score: 5 }] });
    expect(byInstant.body.results).toEqual([{ index: 0, status: 200, id: call.id, version: 2 }]);
    const byLookup = await t.admin.post(p('/records/lead/bulk'), { op: 'upsert', upsertKey: 'hotel', records: [{ hotel: perRow.body.results[0].id.toUpperCase(), score: 6 }] });
    expect(byLookup.body.results).toEqual([{ index: 0, status: 200, id: call.id, version: 3 }]);
    const updated = await t.admin.post(p('/records/hotel/bulk'), { op: 'update', records: [{ id: perRow.body.results[3].id, stars: 3 }, { id: '00000000-0000-4000-8000-000000000000', stars: 1 }] });
    expect(updated.body.results.map((r: { status: number }) => r.status)).toEqual([200, 404]);
    const deleted = await t.admin.post(p('/records/hotel/bulk'), { op: 'delete', records: [perRow.body.results[3].id] });
    expect(deleted.body.results[0].status).toBe(204);
    expect((await t.admin.post(p('/records/hotel/bulk'), { op: 'create', records: new Array(1001).fill({ name: 'x' }) })).status).toBe(400);
  });

  it('buckets a date field by its own calendar date in a time zone west of UTC, and a date-time by the tenant’s day', async () => {
    const t = await ctx().createTenantWith({ ...testDocument(), timeZone: 'America/Los_Angeles' });
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const created = await t.admin.post(p('/records/lead/bulk'), { op: 'create', records: [
      { name: 'a', dueOn: '2026-11-01', nextCallAt: '2026-11-01T06:00:00Z' },
      { name: 'b', dueOn: '2026-10-31', nextCallAt: '2026-11-01T09:00:00Z' },
      { name: 'c', dueOn: '2026-11-30', nextCallAt: '2026-12-01T07:00:00Z' },
    ] });
    expect(created.body.results.map((r: { status: number }) => r.status)).toEqual([201, 201, 201]);
    const buckets = async (groupBy: string) => {
      const res = await t.admin.post(p('/records/lead/aggregate'), { groupBy: [groupBy], metrics: [{ fn: 'count' }] });
      expect(res.status, res.text).toBe(200);
      return Object.fromEntries(res.body.data.map((row: Record<string, unknown>) => [row[groupBy.replace(':', '_')], row.count]));
    };
    expect(await buckets('dueOn:month')).toEqual({ '2026-10': 1, '2026-11': 2 });
    expect(await buckets('dueOn:day')).toEqual({ '2026-10-31': 1, '2026-11-01': 1, '2026-11-30': 1 });
    // 06:00Z on 1 November is still 31 October in Los Angeles.
    expect(await buckets('nextCallAt:day')).toEqual({ '2026-10-31': 1, '2026-11-01': 1, '2026-11-30': 1 });
  });

  it('aggregates by groups with count, sum, avg, min and max, within read permissions', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    await t.admin.post(p('/records/lead/bulk'), { op: 'create', records: [
      { name: 'a', source: 'bd', score: 10, expectedRevenue: 100 },
      { name: 'b', source: 'bd', score: 30, expectedRevenue: 300.5 },
      { name: 'c', source: 'crawl', score: 50 },
      { name: 'd', score: 90, expectedRevenue: 1000 },
    ] });
    const result = await t.admin.post(p('/records/lead/aggregate'), {
      groupBy: ['source'],
      metrics: [{ fn: 'count' }, { fn: 'sum', field: 'expectedRevenue' }, { fn: 'avg', field: 'score' }, { fn: 'max', field: 'score', as: 'best' }],
    });
    expect(result.status, result.text).toBe(200);
    const bySource = Object.fromEntries(result.body.data.map((r: { source: string | null }) => [r.source ?? 'none', r]));
    expect(bySource.bd).toMatchObject({ count: 2, sum_expectedRevenue: 400.5, avg_score: 20, best: 30 });
    expect(bySource.crawl).toMatchObject({ count: 1, sum_expectedRevenue: null });
    expect(bySource.none).toMatchObject({ count: 1, best: 90 });
    expect(result.body.truncated).toBe(false);
    const filtered = await t.admin.post(p('/records/lead/aggregate'), { where: { score: { $gte: 30 } }, metrics: [{ fn: 'count' }] });
    expect(filtered.body).toEqual({ data: [{ count: 3 }], truncated: false });
    // Past `limit` the largest groups come back and the answer says groups were left out.
    const cut = await t.admin.post(p('/records/lead/aggregate'), { groupBy: ['source'], metrics: [{ fn: 'count', as: 'n' }], limit: 1 });
    expect(cut.body).toEqual({ data: [{ source: 'bd', n: 2 }], truncated: true });
    const whole = await t.admin.post(p('/records/lead/aggregate'), { groupBy: ['source'], metrics: [{ fn: 'count', as: 'n' }], limit: 3 });
    expect([whole.body.data.length, whole.body.truncated]).toEqual([3, false]);
    // A number field's groups are numbers, as its values and its metrics are (not "30").
    const byScore = await t.admin.post(p('/records/lead/aggregate'), { where: { score: { $in: [10, 30] } }, groupBy: ['score', 'expectedRevenue'], metrics: [{ fn: 'count' }] });
    expect(byScore.body.data).toEqual([{ score: 10, expectedRevenue: 100, count: 1 }, { score: 30, expectedRevenue: 300.5, count: 1 }]);
    const byMonth = await t.admin.post(p('/records/lead/aggregate'), { groupBy: ['createdAt:month'], metrics: [{ fn: 'count' }] });
    expect(byMonth.body.data[0]).toMatchObject({ count: 4, createdAt_month: expect.stringMatching(/^\d{4}-\d{2}$/) });
    expect((await t.admin.post(p('/records/lead/aggregate'), { metrics: [{ fn: 'sum', field: 'name' }] })).status).toBe(400);
    // Each refusal points at what it refuses.
    const refused = async (body: unknown) => {
      const res = await t.admin.post(p('/records/lead/aggregate'), body);
      expect(res.status, res.text).toBe(400);
      return res.body.errors;
    };
    expect(await refused({ groupBy: ['source', 'colour'], metrics: [{ fn: 'count' }] })).toEqual([{ path: '/groupBy/1', message: 'colour is not a field' }]);
    expect(await refused({ metrics: [{ fn: 'count' }, { fn: 'max', field: 'colour' }] })).toEqual([{ path: '/metrics/1/field', message: 'colour is not a field' }]);
    expect(await refused({ groupBy: ['tags'], metrics: [{ fn: 'count' }] })).toEqual([{ path: '/groupBy/0', message: 'is a list of values' }]);
    expect(await refused({ groupBy: ['source'], metrics: [{ fn: 'count', as: 'source' }] })).toEqual([{ path: '/metrics/0/as', message: 'names another output too' }]);
    // An auditor reads expectedRevenue only on leads scoring 90 or more: the sum sees only those.
    const auditor = await ctx().createUser(t, { email: 'aud@t.test', roles: ['auditor'] });
    const audited = await auditor.client.post(p('/records/lead/aggregate'), { metrics: [{ fn: 'count' }, { fn: 'sum', field: 'expectedRevenue' }] });
    expect(audited.body.data).toEqual([{ count: 4, sum_expectedRevenue: 1000 }]);
    // Nor can they find the others by filtering on it: a condition on a field matches only where it may be read.
    const probe = async (where: unknown) => (await auditor.client.get(p(`/records/lead?where=${encodeURIComponent(JSON.stringify(where))}&orderBy=name`))).body.data.map((r: { name: string }) => r.name);
    expect(await probe({ expectedRevenue: { $gte: 100 } })).toEqual(['d']);
    expect(await probe({ expectedRevenue: { $null: true } })).toEqual([]);
    expect(await probe({ score: { $gte: 30 } })).toEqual(['b', 'c', 'd']);
    expect((await auditor.client.post(p('/records/lead/aggregate'), { where: { expectedRevenue: { $gte: 100 } }, metrics: [{ fn: 'count' }] })).body.data).toEqual([{ count: 1 }]);
    // Sorting by it orders only where it may be read (the rest as empty, last), and the next-page
    // cursor, which is only base64, carries no hidden value.
    const pages: string[] = [];
    const cursors: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Array<{ name: string }>; nextCursor: string | null } } = await auditor.client.get(p(`/records/lead?orderBy=-expectedRevenue&limit=1${cursor ? `&cursor=${cursor}` : ''}`));
      pages.push(...page.body.data.map((r) => r.name));
      cursor = page.body.nextCursor;
      if (cursor) cursors.push(Buffer.from(cursor, 'base64url').toString());
    } while (cursor);
    expect(pages[0]).toBe('d');
    expect([...pages].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(cursors.join(' ')).not.toMatch(/300\.5|100[,\]]/);
    expect(cursors[0]).toContain('1000');
    expect((await t.admin.get(p(`/records/lead?where=${encodeURIComponent(JSON.stringify({ expectedRevenue: { $gte: 100 } }))}&orderBy=name`))).body.data.map((r: { name: string }) => r.name)).toEqual(['a', 'b', 'd']);
  });

  it('exports for people in their language (labels, titles, names) and imports that file back', async () => {
    const document = testDocument();
    const lead = document.objects.lead!;
    Object.assign(lead.fields.name!, { label: { en: 'Name', zh: '名称' } });
    Object.assign(lead.fields.hotel!, { label: { en: 'Hotel', zh: '酒店' } });
    Object.assign(lead.fields.source!, { label: { en: 'Source', zh: '来源' }, options: [{ value: 'crawl', label: { en: 'Crawled', zh: '爬取' } }, { value: 'bd', label: { en: 'BD', zh: '地推' } }, 'merchant', 'crowd'] });
    Object.assign(lead.fields.active!, { label: { en: 'Active', zh: '有效' } });
    Object.assign(document.pipelines!.leadFunnel!.stages[0]!, { label: { en: 'New', zh: '新线索' } });
    const t = await ctx().createTenantWith(document);
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const hotel = (await t.admin.post(p('/records/hotel'), { name: 'Grand Hyatt' })).body;
    const created = (await t.admin.post(p('/records/lead'), { name: 'Pudong', hotel: hotel.id, source: 'bd', tags: ['vip', 'chain'], active: false })).body;
    const admin = (await t.admin.get(p('/me'))).body as { name: string };
    const visited = await t.admin.post(p('/records/visit'), { lead: created.id, visitedAt: '2026-03-02T01:30:00Z' });
    expect(visited.status, visited.text).toBe(201);
    const lastVisitAt = (await t.admin.get(p(`/records/lead/${created.id}`))).body.lastVisitAt as string | null;

    const exported = await t.admin.request('GET', p('/records/lead/export.csv?header=labels&lang=zh&fields=name,hotel,source,tags,active,stage'));
    expect(exported.status, exported.text).toBe(200);
    const [header, row] = parse(exported.text, { bom: true }) as string[][];
    const cells = Object.fromEntries(header!.map((h, i) => [h, row![i]]));
    expect(header!.slice(0, 9)).toEqual(['ID', '版本', '创建时间', '更新时间', '负责人', '公海/私海', '领取时间', '保护期至', '最近拜访']);
    // When the lead was last visited, as the list shows it (on the tenant's clock).
    expect(lastVisitAt).not.toBe(null);
    expect(cells['最近拜访']).toMatch(/^2026-03-02 \d{2}:30:00$/);
    expect(cells).toMatchObject({ ID: created.id, 负责人: created.owner ? admin.name : '', 名称: 'Pudong', 酒店: 'Grand Hyatt', 来源: '地推', tags: 'vip;chain', 有效: '否', stage: '新线索' });
    const english = parse((await t.admin.request('GET', p('/records/lead/export.csv?header=labels&lang=en&fields=source,stage'))).text, { bom: true }) as string[][];
    expect(english[0]!.slice(-2)).toEqual(['stage', 'Source']);
    expect(english[1]!.slice(-2)).toEqual(['New', 'BD']);
    expect((await t.admin.request('GET', p('/records/lead/export.csv?header=labels&lang=fr'))).status).toBe(400);

    // Edited in a spreadsheet and imported back: the system columns are skipped, the record is updated by its id.
    const edited = exported.text.replace('地推', '爬取');
    const upload = await t.admin.request('POST', p('/records/lead/import'), { rawBody: edited, headers: { 'content-type': 'text/csv' } });
    expect(upload.status, upload.text).toBe(202);
    expect(await waitForJob(t, upload.body.job)).toMatchObject({ state: 'done', created: 0, updated: 1, errors: [] });
    expect((await t.admin.get(p(`/records/lead/${created.id}`))).body).toMatchObject({ source: 'crawl', hotel: hotel.id, tags: ['vip', 'chain'], active: false, stage: 'new' });
  });

  it('exports the columns a list shows, in their order, after the id and version an import back updates by', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const lead = (await t.admin.post(p('/records/lead'), { name: 'Pudong', source: 'bd', tags: ['vip'] })).body;
    const exported = await t.admin.request('GET', p('/records/lead/export.csv?columns=source,owner,name,createdBy&orderBy=name'));
    expect(exported.status, exported.text).toBe(200);
    const [header, row] = parse(exported.text, { bom: true }) as string[][];
    expect(header).toEqual(['id', 'version', 'source', 'owner', 'name', 'createdBy']);
    expect(row).toEqual([lead.id, String(lead.version), 'bd', lead.owner ?? '', 'Pudong', lead.createdBy]);
    // For people: by label, people by name.
    const [labels] = parse((await t.admin.request('GET', p('/records/lead/export.csv?header=labels&lang=zh&columns=name,owner'))).text, { bom: true }) as string[][];
    expect(labels).toEqual(['ID', '版本', 'name', '负责人']);

    // Edited and imported back, it updates the record (its other fields as they were).
    const upload = await t.admin.request('POST', p('/records/lead/import'), { rawBody: exported.text.replace(',bd,', ',crawl,'), headers: { 'content-type': 'text/csv' } });
    expect(await waitForJob(t, upload.body.job)).toMatchObject({ state: 'done', created: 0, updated: 1, errors: [] });
    expect((await t.admin.get(p(`/records/lead/${lead.id}`))).body).toMatchObject({ source: 'crawl', tags: ['vip'] });

    const unknown = await t.admin.request('GET', p('/records/lead/export.csv?columns=name,roomz'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: '?columns', message: 'roomz is not a field' }]);
    expect((await t.admin.request('GET', p('/records/lead/export.csv?columns=name&fields=name'))).status).toBe(400);
  });

  it('exports when and why a record went back to the public pool, the reason for people in words (a typed one as typed)', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const released: Record<string, string> = {};
    for (const [name, reason] of [['Usual', 'no_interest'], ['Old words', '已与竞对签约'], ['Typed', '老板换人了']] as const) {
      const id = (await t.admin.post(p('/records/lead'), { name })).body.id as string;
      expect((await t.admin.post(p('/pools/leadPool/claim'), { id })).status).toBe(200);
      const done = await t.admin.post(p('/pools/leadPool/release'), { id, reason });
      expect(done.status, done.text).toBe(200);
      released[name] = id;
    }
    const reasons = async (lang: 'zh' | 'en', header = 'labels') => {
      const [head, ...rows] = parse((await t.admin.request('GET', p(`/records/lead/export.csv?header=${header}&lang=${lang}&fields=name,releaseReason`))).text, { bom: true }) as string[][];
      const column = head!.indexOf(header === 'keys' ? 'releaseReason' : lang === 'zh' ? '释放原因' : 'Release reason');
      expect(column, head!.join()).toBeGreaterThan(-1);
      return Object.fromEntries(rows.map((r) => [r[head!.length - 1]!, r[column]]));
    };
    expect(await reasons('zh')).toMatchObject({ Usual: '客户暂无合作意向', 'Old words': '已与竞对签约', Typed: '老板换人了' });
    expect(await reasons('en')).toMatchObject({ Usual: 'No interest for now', 'Old words': 'Signed with a competitor', Typed: '老板换人了' });
    // For machines (keys), the stored value as it is.
    expect(await reasons('en', 'keys')).toMatchObject({ Usual: 'no_interest', 'Old words': '已与竞对签约' });
  });

  it('exports a release reason by the words of the record’s pool: its own reasons, else the built-in four; a reason it no longer offers by the words it had', async () => {
    const { leadPool } = testDocument().pools!;
    const takeaway = {
      ...leadPool!, where: { source: 'crawl' },
      releaseReasons: [{ key: 'shop_closed', label: { en: 'Shop closed', zh: '商家已闭店' } }, { key: 'out_of_area', label: { en: 'Outside the delivery area', zh: '配送范围外' } }],
    };
    const document = testDocument({ pools: { takeawayPool: takeaway, leadPool: leadPool! } });
    const t = await ctx().createTenantWith(document);
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    for (const [name, source, pool, reason] of [['Noodle shop', 'crawl', 'takeawayPool', 'shop_closed'], ['Dumpling shop', 'crawl', 'takeawayPool', 'out_of_area'], ['Hotel lead', 'bd', 'leadPool', 'no_interest']] as const) {
      const id = (await t.admin.post(p('/records/lead'), { name, source })).body.id as string;
      expect((await t.admin.post(p(`/pools/${pool}/claim`), { id })).status).toBe(200);
      const done = await t.admin.post(p(`/pools/${pool}/release`), { id, reason });
      expect(done.status, done.text).toBe(200);
      // The key is what is kept, whichever pool's reason it is.
      expect(done.body).toMatchObject({ pool, releaseReason: reason });
    }
    const reasons = async (lang: 'zh' | 'en') => {
      const [head, ...rows] = parse((await t.admin.request('GET', p(`/records/lead/export.csv?header=labels&lang=${lang}&fields=name,releaseReason`))).text, { bom: true }) as string[][];
      const column = head!.indexOf(lang === 'zh' ? '释放原因' : 'Release reason');
      return Object.fromEntries(rows.map((r) => [r[head!.length - 1]!, r[column]]));
    };
    expect(await reasons('zh')).toEqual({ 'Noodle shop': '商家已闭店', 'Dumpling shop': '配送范围外', 'Hotel lead': '客户暂无合作意向' });
    expect(await reasons('en')).toEqual({ 'Noodle shop': 'Shop closed', 'Dumpling shop': 'Outside the delivery area', 'Hotel lead': 'No interest for now' });
    // The owner drops 配送范围外 from the pool and keeps the records released for it as they are:
    // they still say why, in the words the reason had.
    const published = await publish(t, { ...document, pools: { takeawayPool: { ...takeaway, releaseReasons: takeaway.releaseReasons.slice(0, 1) }, leadPool } }, { confirmDestructive: true });
    expect(published.status, published.text).toBe(200);
    expect(await reasons('zh')).toEqual({ 'Noodle shop': '商家已闭店', 'Dumpling shop': '配送范围外', 'Hotel lead': '客户暂无合作意向' });
  });

  it('writes dates and times for people on the tenant’s clock, names the file by the tenant’s date, and reads such times back on that clock', async () => {
    const t = await ctx().createTenantWith(testDocument()); // Asia/Shanghai
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    try {
      // 06:50 on 6 December in Shanghai is still 5 December in UTC.
      ctx().setNow('2026-12-05T22:50:00Z');
      const lead = (await t.admin.post(p('/records/lead'), { name: 'Call', nextCallAt: '2026-12-01T02:00:00Z' })).body;
      const exported = await t.admin.request('GET', p('/records/lead/export.csv?header=labels&lang=zh&fields=name,nextCallAt'));
      expect(exported.status, exported.text).toBe(200);
      expect(exported.headers.get('content-disposition')).toBe('attachment; filename="lead-2026-12-06.csv"');
      const [header, row] = parse(exported.text, { bom: true }) as string[][];
      const cells = Object.fromEntries(header!.map((h, i) => [h, row![i]]));
      expect(cells).toMatchObject({ 创建时间: '2026-12-06 06:50:00', nextCallAt: '2026-12-01 10:00:00' });
      // For programs (header=keys) they stay UTC instants.
      const [keysHeader, keysRow] = parse((await t.admin.request('GET', p('/records/lead/export.csv?fields=nextCallAt'))).text, { bom: true }) as string[][];
      expect(keysRow![keysHeader!.indexOf('nextCallAt')]).toBe('2026-12-01T02:00:00.000Z');

      // Imported back as it is, the time is the same instant: nothing changes.
      const back = await t.admin.request('POST', p('/records/lead/import'), { rawBody: exported.text, headers: { 'content-type': 'text/csv' } });
      expect(await waitForJob(t, back.body.job)).toMatchObject({ state: 'done', created: 0, updated: 0, unchanged: 1, errors: [] });
      // A time typed as a spreadsheet shows it is on the tenant's clock too; one with an offset or Z is that instant.
      const typed = await t.admin.request('POST', p('/records/lead/import'), {
        rawBody: `id,nextCallAt\n${lead.id},2026/12/6 9:05\n`, headers: { 'content-type': 'text/csv' },
      });
      expect(await waitForJob(t, typed.body.job)).toMatchObject({ state: 'done', updated: 1, errors: [] });
      expect((await t.admin.get(p(`/records/lead/${lead.id}`))).body.nextCallAt).toBe('2026-12-06T01:05:00.000Z');
      const created = await t.admin.request('POST', p('/records/lead/import'), {
        rawBody: 'name,nextCallAt\nZ,2026-12-06T09:05:00Z\nOffset,2026-12-06T09:05:00+09:00\nDay,2026-12-07\nBad,2026-12-06 25:00\n', headers: { 'content-type': 'text/csv' },
      });
      const job = await waitForJob(t, created.body.job);
      expect(job).toMatchObject({ state: 'done', created: 3, errors: [{ row: 5, message: expect.stringContaining('is not a date and time') }] });
      const times = (await t.admin.post(p('/records/lead/query'), { where: { name: { $in: ['Z', 'Offset', 'Day'] } }, fields: ['name', 'nextCallAt'], orderBy: 'name' })).body.data;
      expect(Object.fromEntries(times.map((r: { name: string; nextCallAt: string }) => [r.name, r.nextCallAt]))).toEqual({
        Z: '2026-12-06T09:05:00.000Z', Offset: '2026-12-06T00:05:00.000Z', Day: '2026-12-06T16:00:00.000Z',
      });
    } finally {
      ctx().setNow(null);
    }
  });

  it('imports an export back matched by a unique field, and tells an importer nothing about stages of records they cannot read', async () => {
    const document = testDocument();
    (document.roles as Record<string, unknown>).importer = [
      { object: 'lead', actions: ['read', 'create', 'update', 'import'], where: { owner: '$user.id' } },
      { object: 'hotel', actions: ['read'] },
    ];
    const t = await ctx().createTenantWith(document);
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    await t.admin.post(p('/records/hotel'), { name: 'Grand', code: 'G1', city: 'beijing' });
    const exported = await t.admin.request('GET', p('/records/hotel/export.csv?header=labels&lang=en'));
    const upsert = await t.admin.request('POST', p('/records/hotel/import?upsertKey=code'), { rawBody: exported.text.replace('Grand', 'Grand Hyatt'), headers: { 'content-type': 'text/csv' } });
    expect(upsert.status, upsert.text).toBe(202);
    expect(await waitForJob(t, upsert.body.job)).toMatchObject({ state: 'done', created: 0, updated: 1, errors: [] });
    expect((await t.admin.get(p('/records/hotel?fields=name'))).body.data.map((h: { name: string }) => h.name)).toEqual(['Grand Hyatt']);

    // Someone else's lead, in Contacted: every guess at its stage gets the same answer.
    const secret = (await t.admin.post(p('/records/lead'), { name: 'Secret', contactName: 'A', contactPhone: '+86 1' })).body;
    expect((await t.admin.post(p(`/records/lead/${secret.id}/transition`), { to: 'contacted' })).status).toBe(200);
    const importer = await ctx().createUser(t, { email: 'imp@t.test', roles: ['importer'] });
    const answer = async (id: string, stage: string) => {
      const upload = await importer.client.request('POST', p('/records/lead/import'), { rawBody: `id,stage\n${id},${stage}\n`, headers: { 'content-type': 'text/csv' } });
      expect(upload.status, upload.text).toBe(202);
      for (let i = 0; i < 600; i++) {
        const job = await importer.client.get(p(`/jobs/${upload.body.job}`));
        if (job.body.state === 'done') return job.body.errors;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('job did not finish');
    };
    const notFound = [{ row: 2, message: expect.stringContaining('was not found') }];
    for (const stage of ['new', 'contacted', 'negotiating']) expect(await answer(secret.id, stage), stage).toEqual(notFound);
    expect(await answer('00000000-0000-4000-8000-000000000000', 'contacted')).toEqual(notFound);
    // Their own lead: the stage it is in is no change, another is refused.
    const own = (await t.admin.post(p('/records/lead'), { name: 'Mine' })).body;
    const assigned = await t.admin.post(p('/pools/leadPool/assign'), { id: own.id, userId: importer.id });
    expect(assigned.status, assigned.text).toBe(200);
    expect(await answer(own.id, 'new')).toEqual([]);
    expect(await answer(own.id, 'contacted')).toEqual([{ row: 2, message: expect.stringContaining('changes only through the transition endpoint') }]);
  });

  it('exports and imports only what the export and import rules allow: their conditions pick the records, their field lists the columns', async () => {
    const document = testDocument();
    (document.roles as Record<string, unknown>).clerk = [
      { object: 'hotel', actions: ['read', 'create', 'update'] },
      { object: 'hotel', actions: ['export'], where: { city: 'beijing' } },
      { object: 'hotel', actions: ['export'], where: { city: 'shanghai' }, fields: ['name'] },
      { object: 'hotel', actions: ['import'], where: { city: 'beijing' }, fields: ['name', 'city', 'stars'] },
    ];
    const t = await ctx().createTenantWith(document);
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    for (const [name, city, code] of [['B1', 'beijing', 'b1'], ['S1', 'shanghai', 's1'], ['N1', 'nanjing', 'n1']]) {
      expect((await t.admin.post(p('/records/hotel'), { name, city, code, stars: 3 })).status).toBe(201);
    }
    const clerk = await ctx().createUser(t, { email: 'clerk@t.test', roles: ['clerk'] });
    // Nanjing's hotel is the clerk's to read and edit, not to export; Shanghai's only by name.
    expect((await clerk.client.get(p('/records/hotel'))).body.data).toHaveLength(3);
    const exported = await clerk.client.request('GET', p('/records/hotel/export.csv?orderBy=name'));
    expect(exported.status).toBe(200);
    const rows = parse(exported.text.replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r.name, r.city, r.stars, r.code])).toEqual([['B1', 'beijing', '3', 'b1'], ['S1', '', '', '']]);
    // The rules are matched on the records as stored, not on the columns asked for.
    const names = await clerk.client.request('GET', p('/records/hotel/export.csv?orderBy=name&fields=name'));
    expect((parse(names.text.replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>).map((r) => r.name)).toEqual(['B1', 'S1']);

    // The import: a Beijing hotel is created and one updated; a Shanghai one, a move of Beijing's
    // hotel to Nanjing, a change of Nanjing's, and a code (not an imported field) are row errors.
    const b1 = rows[0]!.id;
    const n1 = (await t.admin.get(p('/records/hotel?where={"code":"n1"}'))).body.data[0].id;
    const csv = `id,name,city,stars,code\n,B2,beijing,4,\n,S2,shanghai,4,\n${b1},B1,nanjing,3,\n${n1},N1 renamed,nanjing,3,\n,B3,beijing,4,b3\n`;
    const upload = await clerk.client.request('POST', p('/records/hotel/import'), { rawBody: csv, headers: { 'content-type': 'text/csv' } });
    expect(upload.status, upload.text).toBe(202);
    const job = await waitForJob(t, upload.body.job);
    expect(job).toMatchObject({ state: 'done', created: 1, updated: 0 });
    expect(job.errors.map((e: { row: number }) => e.row)).toEqual([3, 4, 5, 6]);
    expect(job.errors[0].message).toContain('import');
    const imported = (await t.admin.get(p('/records/hotel?orderBy=name&fields=name,city'))).body.data.map((h: { name: string; city: string }) => `${h.name}:${h.city}`);
    expect(imported).toEqual(['B1:beijing', 'B2:beijing', 'N1:nanjing', 'S1:shanghai']);
    // By hand the clerk may still create a Shanghai hotel: only the import is narrowed.
    expect((await clerk.client.post(p('/records/hotel'), { name: 'S3', city: 'shanghai' })).status).toBe(201);
  });

  it('imports back an export holding records the importer may read but not edit: those rows as they were are no change, a changed one is refused', async () => {
    const document = testDocument();
    (document.roles as Record<string, unknown>).lister = [
      { object: 'lead', actions: ['read', 'create', 'export', 'import'] },
      { object: 'lead', actions: ['update'], where: { owner: '$user.id' } },
      { object: 'hotel', actions: ['read'] },
    ];
    const t = await ctx().createTenantWith(document);
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const lister = await ctx().createUser(t, { email: 'lister@t.test', roles: ['lister'] });
    const others = (await t.admin.post(p('/records/lead'), { name: 'Public one' })).body;
    const own = (await t.admin.post(p('/records/lead'), { name: 'Mine' })).body;
    expect((await t.admin.post(p('/pools/leadPool/assign'), { id: own.id, userId: lister.id })).status).toBe(200);
    const exported = await lister.client.request('GET', p('/records/lead/export.csv?header=labels&lang=zh&orderBy=name'));
    expect(exported.status, exported.text).toBe(200);
    const importBack = async (csv: string) => {
      const upload = await lister.client.request('POST', p('/records/lead/import'), { rawBody: csv, headers: { 'content-type': 'text/csv' } });
      expect(upload.status, upload.text).toBe(202);
      for (let i = 0; i < 600; i++) {
        const job = await lister.client.get(p(`/jobs/${upload.body.job}`));
        if (job.body.state === 'done') return job.body;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('job did not finish');
    };
    expect(await importBack(exported.text)).toMatchObject({ created: 0, updated: 0, unchanged: 2, errors: [] });
    // Their own lead renamed, the other one renamed too: the first is written, the second refused as through the API.
    const edited = await importBack(exported.text.replace('Mine', 'Mine too').replace('Public one', 'Taken over'));
    expect(edited).toMatchObject({ created: 0, updated: 1, unchanged: 0, errors: [{ row: 3, message: 'You may not change this lead' }] });
    expect((await t.admin.get(p(`/records/lead/${others.id}`))).body).toMatchObject({ name: 'Public one', version: 1 });
    // A field the pool hides while public cannot be guessed by importing: a right guess is refused as a wrong one.
    expect((await t.admin.patch(p(`/records/lead/${others.id}`), { contactPhone: '13800000001' })).status).toBe(200);
    expect((await lister.client.get(p(`/records/lead/${others.id}`))).body).not.toHaveProperty('contactPhone');
    const guesses = await importBack(`id,contactPhone\n${others.id},13900000000\n${others.id},13800000001\n${others.id},13700000000\n`);
    expect(guesses).toMatchObject({ updated: 0, unchanged: 0 });
    expect(guesses.errors).toEqual([2, 3, 4].map((row) => ({ row, message: 'You may not change this lead' })));
  });

  it('imports back an export of an object with an autonumber and a read-only field: unchanged values are no change', async () => {
    const document = testDocument();
    Object.assign(document.objects.contract!.fields, { region: { type: 'text', readOnly: true } });
    const t = await ctx().createTenantWith(document);
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const first = (await t.admin.post(p('/records/contract'), { amount: 100, region: 'east' })).body;
    const second = (await t.admin.post(p('/records/contract'), { amount: 200 })).body;
    expect([first.number, second.number]).toEqual(['HC-00001', 'HC-00002']);
    const exported = await t.admin.request('GET', p('/records/contract/export.csv?orderBy=number'));
    expect(exported.status, exported.text).toBe(200);
    const edited = exported.text.replace(',100,', ',150,');
    const upload = await t.admin.request('POST', p('/records/contract/import'), { rawBody: edited, headers: { 'content-type': 'text/csv' } });
    expect(upload.status, upload.text).toBe(202);
    // The second row is as exported: it matched its record and changed nothing, and says so.
    expect(await waitForJob(t, upload.body.job)).toMatchObject({ state: 'done', created: 0, updated: 1, unchanged: 1, errors: [] });
    expect((await t.admin.get(p(`/records/contract/${first.id}`))).body).toMatchObject({ number: 'HC-00001', amount: 150, region: 'east', version: 2 });
    expect((await t.admin.get(p(`/records/contract/${second.id}`))).body.version).toBe(1);
    // Matched by the autonumber, as a contract's number is what other systems know it by.
    const byNumber = await t.admin.request('POST', p('/records/contract/import?upsertKey=number'), { rawBody: 'number,amount\nHC-00002,250\n', headers: { 'content-type': 'text/csv' } });
    expect(await waitForJob(t, byNumber.body.job)).toMatchObject({ state: 'done', created: 0, updated: 1, unchanged: 0, errors: [] });
    expect((await t.admin.get(p(`/records/contract/${second.id}`))).body.amount).toBe(250);
    // A value the file changes is refused as through the API.
    const changed = await t.admin.request('POST', p('/records/contract/import'), {
      rawBody: `id,number,region\n${first.id},HC-00009,east\n${second.id},HC-00002,west\n`, headers: { 'content-type': 'text/csv' },
    });
    expect((await waitForJob(t, changed.body.job)).errors).toEqual([
      { row: 2, message: expect.stringContaining('number is assigned automatically') },
      { row: 3, message: expect.stringContaining('region is read-only') },
    ]);
    // Through the API too, an upsert by an autonumber or a read-only key updates the record it finds.
    const upserted = await t.admin.post(p('/records/contract/bulk'), { op: 'upsert', upsertKey: 'number', records: [{ number: 'HC-00001', amount: 300 }] });
    expect(upserted.body.results).toEqual([{ index: 0, status: 200, id: first.id, version: 3 }]);
    const byRegion = await t.admin.post(p('/records/contract/bulk'), { op: 'upsert', upsertKey: 'region', records: [{ region: 'east', amount: 310 }] });
    expect(byRegion.body.results).toEqual([{ index: 0, status: 200, id: first.id, version: 4 }]);
    // The same again changes nothing: the result says so, at the version the record still has.
    const again = await t.admin.post(p('/records/contract/bulk'), { op: 'upsert', upsertKey: 'region', records: [{ region: 'east', amount: 310 }] });
    expect(again.body.results).toEqual([{ index: 0, status: 200, id: first.id, version: 4, unchanged: true }]);
    const sameUpdate = await t.admin.post(p('/records/contract/bulk'), { op: 'update', records: [{ id: first.id, version: 4, amount: 310 }, { id: second.id, amount: 260 }] });
    expect(sameUpdate.body.results).toEqual([{ index: 0, status: 200, id: first.id, version: 4, unchanged: true }, { index: 1, status: 200, id: second.id, version: 3 }]);
    expect((await t.admin.get(p(`/records/contract/${first.id}/history`))).body.data).toHaveLength(4);
    expect((await t.admin.get(p(`/records/contract/${first.id}`))).body).toMatchObject({ number: 'HC-00001', region: 'east', amount: 310 });
  });

  it('imports a CSV as a job with progress and per-row errors, and exports CSV with a BOM', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    await t.admin.post(p('/records/hotel'), { name: 'Grand Hyatt', city: 'shanghai' });
    const csv = [
      'name,Hotel,score,source,tags,nextCallAt,active',
      'Imported one,Grand Hyatt,"1,0",BD,vip;chain,2026/03/01 10:00,yes',
      'Imported two,,42,crawl,,,no',
      'Bad score,,abc,bd,,,',
      'Bad hotel,Nowhere Inn,5,bd,,,',
      '"Quoted, with comma",,7,merchant,new,,1',
      // A cell that cannot be read, and the row's other problems: all said at once.
      ',,abc,bd,,,',
      'Wrong twice,,500,bd,,someday,',
      // A hotel by its title is not a problem of a row that is not written.
      'Titled hotel,Grand Hyatt,abc,bd,,,',
    ].join('\n');
    const upload = await t.admin.request('POST', p('/records/lead/import'), { rawBody: csv, headers: { 'content-type': 'text/csv' } });
    expect(upload.status, upload.text).toBe(202);
    const job = await waitForJob(t, upload.body.job);
    expect(job).toMatchObject({ state: 'done', total: 8, processed: 8, created: 3, updated: 0 });
    expect(job.errors).toEqual([
      { row: 4, message: 'score: "abc" is not a number' },
      { row: 5, message: 'hotel: no hotel called "Nowhere Inn"' },
      { row: 7, message: 'score: "abc" is not a number; name: is required' },
      { row: 8, message: expect.stringMatching(/^nextCallAt: "someday" is not a date and time.*; score: must be <= 100$/) },
      { row: 9, message: 'score: "abc" is not a number' },
    ]);
    const imported = await t.admin.get(p(`/records/lead?where=${encodeURIComponent(JSON.stringify({ name: 'Imported one' }))}&expand=hotel`));
    expect(imported.body.data[0]).toMatchObject({ score: 10, source: 'bd', tags: ['vip', 'chain'], active: true, hotel: { name: 'Grand Hyatt' } });

    // A quote left open on the first data row: that row is named (row 2), not the header.
    const broken = await t.admin.request('POST', p('/records/lead/import'), { rawBody: 'name\n"Open quote\n', headers: { 'content-type': 'text/csv' } });
    const brokenJob = await waitForJob(t, broken.body.job);
    expect(brokenJob).toMatchObject({ state: 'failed', errors: [{ row: 2, message: expect.stringMatching(/^The CSV cannot be read from this row on: Quote Not Closed/) }] });
    // Whoever started an import hears how it ended in their notifications, once per job, wherever they are in the app.
    const notices = (await t.admin.get(p('/notifications?limit=50'))).body.data.filter((n: any) => n.kind === 'import_finished');
    expect(notices).toEqual([
      expect.objectContaining({ object: 'lead', recordId: null, title: 'The import of lead stopped', body: { job: broken.body.job, state: 'failed', created: 0, updated: 0, unchanged: 0, refused: 1 } }),
      expect.objectContaining({ object: 'lead', recordId: null, title: 'The import of lead is done', body: { job: upload.body.job, state: 'done', created: 3, updated: 0, unchanged: 0, refused: 5 } }),
    ]);
    const late = await t.admin.request('POST', p('/records/lead/import'), { rawBody: 'name\nfine\nalso fine\nx"y\n', headers: { 'content-type': 'text/csv' } });
    expect(await waitForJob(t, late.body.job)).toMatchObject({ created: 2, errors: [{ row: 4, message: expect.stringMatching(/^The CSV cannot be read from this row on: Invalid Opening Quote/) }] });
    // Every row before the break is imported, also when the parser read them all before failing
    // (its async iterator dropped those it had not handed over, and the row named was past them).
    const many = Array.from({ length: 2_500 }, (_, i) => `Bulk ${i}`);
    const tail = await t.admin.request('POST', p('/records/lead/import'), { rawBody: `name\n${many.join('\n')}\nx"y\n`, headers: { 'content-type': 'text/csv' } });
    expect(await waitForJob(t, tail.body.job)).toMatchObject({ created: 2_500, errors: [{ row: 2_502, message: expect.stringMatching(/Invalid Opening Quote/) }] });
    const unclosed = await t.admin.request('POST', p('/records/lead/import'), { rawBody: `name\n${many.slice(0, 300).map((n) => `${n}b`).join('\n')}\n"open\nand on\n`, headers: { 'content-type': 'text/csv' } });
    expect(await waitForJob(t, unclosed.body.job)).toMatchObject({ created: 300, errors: [{ row: 302, message: expect.stringMatching(/Quote Not Closed/) }] });

    const badHeader = await t.admin.request('POST', p('/records/lead/import'), { rawBody: 'name,colour\nx,red', headers: { 'content-type': 'text/csv' } });
    expect(badHeader.status).toBe(422);
    expect(badHeader.body.errors).toEqual([{ path: '/header/1', message: expect.stringContaining('"colour"') }]);
    expect((await t.admin.request('POST', p('/records/lead/import'), { rawBody: 'name\nx', headers: { 'content-type': 'application/json' } })).status).toBe(415);

    const exported = await t.admin.request('GET', p(`/records/lead/export.csv?where=${encodeURIComponent(JSON.stringify({ score: { $gte: 7 } }))}&orderBy=score`));
    expect(exported.status, exported.text).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/text\/csv/);
    const raw = new Uint8Array(await (await fetch(`${ctx().server.url}${p('/records/lead/export.csv')}`, { headers: { authorization: `Bearer ${t.adminToken}` } })).arrayBuffer());
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the UTF-8 byte-order mark Excel needs
    const lines = exported.text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toMatch(/^id,version,createdAt,updatedAt,owner,poolState,claimedAt,holdExpiresAt,lastVisitAt,releasedAt,releaseReason,name,hotel,/);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('"Quoted, with comma"');
    expect(lines[2]).toContain('vip;chain');
    // Another user cannot see someone else's job.
    const other = await ctx().createUser(t, { email: 'o@t.test', roles: ['bd'] });
    expect((await other.client.get(p(`/jobs/${upload.body.job}`))).status).toBe(404);
    expect((await other.client.request('POST', p('/records/lead/import'), { rawBody: 'name\nx', headers: { 'content-type': 'text/csv' } })).status).toBe(403);
  });
  it('exports text a spreadsheet would run as a formula behind a quote, numbers as numbers, and imports it back unchanged', async () => {
    const document = testDocument();
    Object.assign(document.objects.lead!.fields.notes!, { label: { en: '=Notes', zh: '=备注' } });
    const t = await ctx().createTenantWith(document);
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const hotel = (await t.admin.post(p('/records/hotel'), { name: '-2+3' })).body;
    const values = { name: '=HYPERLINK("http://evil","x")', contactName: '-', contactPhone: '+86 138 0000 0000', notes: '\t=1+1', expectedRevenue: -5, score: 0 };
    const lead = (await t.admin.post(p('/records/lead'), { ...values, hotel: hotel.id })).body;
    expect(lead.id).toBeDefined();
    const fields = 'fields=name,hotel,contactName,contactPhone,notes,expectedRevenue,score';
    for (const header of ['keys', 'labels']) {
      const exported = await t.admin.request('GET', p(`/records/lead/export.csv?header=${header}&lang=en&${fields}`));
      expect(exported.status, exported.text).toBe(200);
      const [head, row] = parse(exported.text, { bom: true }) as string[][];
      const cells = Object.fromEntries(head!.map((h, i) => [h, row![i]]));
      const at = (key: string, label: string) => cells[header === 'keys' ? key : label];
      expect(at('name', 'name'), header).toBe(`'${values.name}`);
      expect(at('contactName', 'contactName')).toBe("'-");
      expect(at('contactPhone', 'contactPhone')).toBe("'+86 138 0000 0000");
      expect(at('notes', "'=Notes")).toBe("'\t=1+1");
      expect(at('hotel', 'hotel')).toBe(header === 'keys' ? hotel.id : "'-2+3");
      expect(at('expectedRevenue', 'expectedRevenue')).toBe('-5');
      expect(at('score', 'score')).toBe('0');
      // Back in: every value as it was, the negative amount still a number, the hotel found by its
      // title. The record changed since, so the file goes back without its version column (with
      // it, the row would be refused as changed since the export).
      await t.admin.patch(p(`/records/lead/${lead.id}`), { name: 'changed', notes: 'changed', expectedRevenue: 1 });
      const versionAt = head!.indexOf(header === 'keys' ? 'version' : 'Version');
      expect(versionAt).toBeGreaterThan(-1);
      const withoutVersion = stringify([head!, row!].map((cells) => cells.filter((_, i) => i !== versionAt)));
      const upload = await t.admin.request('POST', p('/records/lead/import'), { rawBody: withoutVersion, headers: { 'content-type': 'text/csv' } });
      expect(upload.status, upload.text).toBe(202);
      expect(await waitForJob(t, upload.body.job)).toMatchObject({ state: 'done', updated: 1, errors: [] });
      expect((await t.admin.get(p(`/records/lead/${lead.id}`))).body, header).toMatchObject({ ...values, hotel: hotel.id });
    }
  });

  it('matches lookup titles and upsert keys only among records the importer may read', async () => {
    const document = testDocument();
    (document.roles as Record<string, unknown>).importer = [
      { object: 'lead', actions: ['read', 'create', 'import'], where: { $or: [{ owner: '$user.id' }, { poolState: 'public' }] } },
      { object: 'hotel', actions: ['read', 'create', 'update', 'import'], where: { city: 'beijing' } },
    ];
    const t = await ctx().createTenantWith(document);
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const hidden = (await t.admin.post(p('/records/hotel'), { name: 'Secret Inn', city: 'shanghai', code: 'S1' })).body;
    const twin = (await t.admin.post(p('/records/hotel'), { name: 'Twin', city: 'beijing' })).body;
    await t.admin.post(p('/records/hotel'), { name: 'Twin', city: 'shanghai' });
    const importer = await ctx().createUser(t, { email: 'imp@t.test', roles: ['importer'] });
    const run = async (path: string, csv: string) => {
      const upload = await importer.client.request('POST', p(path), { rawBody: csv, headers: { 'content-type': 'text/csv' } });
      expect(upload.status, upload.text).toBe(202);
      return waitForJob(t, upload.body.job);
    };
    // A hotel they cannot read is as unknown as one that does not exist; a title shared with one is theirs alone.
    const leads = await run('/records/lead/import', 'name,hotel\nA,Secret Inn\nB,Twin\nC,Nowhere Inn\n');
    expect(leads.errors).toEqual([
      { row: 2, message: 'hotel: no hotel called "Secret Inn"' },
      { row: 4, message: 'hotel: no hotel called "Nowhere Inn"' },
    ]);
    const b = (await importer.client.get(p(`/records/lead?where=${encodeURIComponent(JSON.stringify({ name: 'B' }))}`))).body.data[0];
    expect(b?.hotel).toBe(twin.id);
    // Upserting by a key only a hidden record has answers as a create would, and leaves that record alone.
    const byName = await run('/records/hotel/import?upsertKey=name', 'name,city\nSecret Inn,beijing\nFresh,beijing\n');
    expect(byName).toMatchObject({ created: 2, updated: 0, errors: [] });
    const byCode = await run('/records/hotel/import?upsertKey=code', 'code,name,city\nS1,Probe,beijing\n');
    expect(byCode.errors).toEqual([{ row: 2, message: 'code: must be unique' }]);
    expect((await t.admin.get(p(`/records/hotel/${hidden.id}`))).body).toMatchObject({ name: 'Secret Inn', city: 'shanghai', version: hidden.version });
  });

  it('reads Excel’s GBK “CSV” as the Chinese it is, and refuses a file in neither UTF-8 nor GBK at upload instead of importing garbled text', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const ascii = (text: string) => [...Buffer.from(text, 'utf8')];
    // 北京饭店 in GB18030, as Excel on a Chinese Windows saves "CSV (逗号分隔)": imported as 北京饭店.
    const beijingHotel = [0xb1, 0xb1, 0xbe, 0xa9, 0xb7, 0xb9, 0xb5, 0xea];
    const gbk = new Uint8Array([...ascii('name,city\nA,beijing\n'), ...beijingHotel, ...ascii(',beijing\n')]);
    const upload = await t.admin.request('POST', p('/records/hotel/import'), { rawBody: gbk, headers: { 'content-type': 'text/csv' } });
    expect(upload.status, upload.text).toBe(202);
    expect(await waitForJob(t, upload.body.job)).toMatchObject({ state: 'done', created: 2, errors: [] });
    expect((await t.admin.get(p(`/records/hotel?where=${encodeURIComponent(JSON.stringify({ name: '北京饭店' }))}&count=true`))).body.total).toBe(1);
    // UTF-8 with a few bytes of something else (GBK would read its Chinese as other characters), and Latin-1's
    // "Café" (E9 then a comma, which GBK cannot read either): refused at the row, nothing imported.
    const utf8WithStray = new Uint8Array([...ascii('name,city\n北京饭店,beijing\n上海饭店'), 0xb1, ...ascii(',beijing\n')]);
    const latin1 = new Uint8Array([...ascii('name,city\nA,beijing\nB,beijing\nCaf'), 0xe9, ...ascii(',beijing\n')]);
    for (const [body, row] of [[utf8WithStray, 'row 3'], [latin1, 'row 4']] as const) {
      const refused = await t.admin.request('POST', p('/records/hotel/import'), { rawBody: body, headers: { 'content-type': 'text/csv' } });
      expect(refused.status, refused.text).toBe(400);
      expect(refused.body.detail).toContain('UTF-8');
      expect(refused.body.errors).toEqual([{ path: '/', message: expect.stringContaining(row) }]);
    }
    expect((await t.admin.get(p('/records/hotel?count=true&limit=1'))).body.total).toBe(2);
    // A GBK file of 1.6 MB (past the first megabyte, which decides): every character whole, wherever the pieces split it.
    const gbkNotes = Array.from({ length: 2_000 }, () => beijingHotel).flat();
    const bigGbk = new Uint8Array([...ascii('name,notes\n'), ...Array.from({ length: 100 }, (_, i) => [...ascii(`G${i},`), ...gbkNotes, 0x0a]).flat()]);
    const big = await t.admin.request('POST', p('/records/lead/import'), { rawBody: bigGbk, headers: { 'content-type': 'text/csv' } });
    expect(big.status, big.text).toBe(202);
    expect(await waitForJob(t, big.body.job)).toMatchObject({ state: 'done', created: 100, errors: [] });
    const last = (await t.admin.get(p(`/records/lead?where=${encodeURIComponent(JSON.stringify({ name: 'G99' }))}`))).body.data[0];
    expect(last.notes).toBe('北京饭店'.repeat(2_000));
    // Byte sequences shaped like UTF-8 that decode to nothing valid (RFC 3629) would be stored as U+FFFD just the same:
    // an overlong "/" (E0 80 AF), a surrogate half (ED A0 80, what CESU-8 tools write), past U+10FFFF (F4 90 80 80),
    // an overlong 4-byte (F0 80 80 80).
    for (const bad of [[0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf0, 0x80, 0x80, 0x80]]) {
      const body = new Uint8Array([...ascii('name,city\nA'), ...bad, ...ascii(',beijing\n')]);
      const refused = await t.admin.request('POST', p('/records/hotel/import'), { rawBody: body, headers: { 'content-type': 'text/csv' } });
      expect(refused.status, bad.map((b) => b.toString(16)).join(' ')).toBe(400);
      expect(refused.body.errors).toEqual([{ path: '/', message: expect.stringContaining('row 2') }]);
    }
    // Their neighbours are fine: U+0800 (E0 A0 80), U+D7FF (ED 9F BF), U+10000 (F0 90 80 80), U+10FFFF (F4 8F BF BF).
    const edges = new Uint8Array([...ascii('name,city\nA'), 0xe0, 0xa0, 0x80, 0xed, 0x9f, 0xbf, 0xf0, 0x90, 0x80, 0x80, 0xf4, 0x8f, 0xbf, 0xbf, ...ascii(',beijing\n')]);
    const fine = await t.admin.request('POST', p('/records/hotel/import'), { rawBody: edges, headers: { 'content-type': 'text/csv' } });
    expect(fine.status, fine.text).toBe(202);
    expect(await waitForJob(t, fine.body.job)).toMatchObject({ state: 'done', created: 1, errors: [] });
    // A character split across the upload's pieces is still UTF-8.
    const notes = '北京饭店'.repeat(2_000);
    const chinese = await t.admin.request('POST', p('/records/lead/import'), { rawBody: `name,notes\n${Array.from({ length: 10 }, (_, i) => `L${i},${notes}`).join('\n')}\n`, headers: { 'content-type': 'text/csv' } });
    expect(chinese.status, chinese.text).toBe(202);
    expect(await waitForJob(t, chinese.body.job)).toMatchObject({ state: 'done', created: 10, errors: [] });
  });

  it('refuses a CSV row larger than the limit at upload, and quotes at most a little of a bad cell', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const huge = await t.admin.request('POST', p('/records/lead/import'), { rawBody: `name,notes\nA,"${'x'.repeat(2 * 1024 * 1024)}"\n`, headers: { 'content-type': 'text/csv' } });
    expect(huge.status, huge.text.slice(0, 200)).toBe(413);
    expect(huge.body.detail).toContain('Row 2');
    const unclosed = await t.admin.request('POST', p('/records/lead/import'), { rawBody: `name,notes\nA,"open\n${'B,b\n'.repeat(524_300)}`, headers: { 'content-type': 'text/csv' } });
    expect(unclosed.status).toBe(413);
    const upload = await t.admin.request('POST', p('/records/lead/import'), { rawBody: `name,score\nA,${'9'.repeat(100_000)}x\n`, headers: { 'content-type': 'text/csv' } });
    expect(upload.status, upload.text).toBe(202);
    const job = await waitForJob(t, upload.body.job);
    expect(job.errors).toEqual([{ row: 2, message: `score: "${'9'.repeat(60)}…" is not a number` }]);
  });
  it('a filter through a lookup reaches only the related records and fields the caller may read', async () => {
    const document = testDocument();
    (document.roles as Record<string, unknown>).looker = [
      { object: ['lead', 'visit'], actions: ['read'] },
      { object: 'hotel', actions: ['read'], where: { city: 'beijing' }, fields: ['name'] },
    ];
    const t = await ctx().createTenantWith(document);
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const secret = (await t.admin.post(p('/records/hotel'), { name: 'Secret Inn', city: 'shanghai', code: 'S1' })).body;
    const open = (await t.admin.post(p('/records/hotel'), { name: 'Open Inn', city: 'beijing', code: 'O1' })).body;
    const hidden = (await t.admin.post(p('/records/lead'), { name: 'L1', hotel: secret.id, contactPhone: '+86 139' })).body;
    await t.admin.post(p('/records/lead'), { name: 'L2', hotel: open.id });
    await t.admin.post(p('/records/visit'), { lead: hidden.id, visitedAt: '2026-01-01T00:00:00Z' });
    const looker = await ctx().createUser(t, { email: 'look@t.test', roles: ['looker'] });
    const q = (where: unknown) => encodeURIComponent(JSON.stringify(where));
    const names = async (where: unknown) => (await looker.client.get(p(`/records/lead?where=${q(where)}&orderBy=name`))).body.data.map((r: { name: string }) => r.name);
    const count = async (where: unknown) => (await looker.client.post(p('/records/lead/aggregate'), { where, metrics: [{ fn: 'count' }] })).body.data[0].count;
    const entered = async (where: unknown) => (await looker.client.get(p(`/pipelines/leadFunnel/funnel?where=${q(where)}`))).body.stages[0].entered;
    // A hotel they may not read, and a field of a hotel they may read but not that field: as if absent.
    for (const where of [{ 'hotel.name': { $startsWith: 'Sec' } }, { 'hotel.city': 'shanghai' }, { 'hotel.code': 'O1' }, { 'hotel.code': { $null: false } }]) {
      expect(await names(where), JSON.stringify(where)).toEqual([]);
      expect(await count(where), JSON.stringify(where)).toBe(0);
      expect(await entered(where), JSON.stringify(where)).toBe(0);
    }
    expect(await names({ 'hotel.name': { $startsWith: 'Open' } })).toEqual(['L2']);
    expect(await names({ 'hotel.name': { $null: true } })).toEqual(['L1']);
    expect(await names({ 'hotel.code': { $null: true } })).toEqual(['L1', 'L2']);
    // A field hidden while the lead is public is hidden through the visit's lookup too; the admin finds it.
    const phone = q({ 'lead.contactPhone': { $startsWith: '+86' } });
    expect((await looker.client.get(p(`/records/visit?where=${phone}`))).body.data).toEqual([]);
    expect((await t.admin.get(p(`/records/visit?where=${phone}`))).body.data).toHaveLength(1);
    expect((await t.admin.get(p(`/records/lead?where=${q({ 'hotel.code': 'S1' })}`))).body.data.map((r: { name: string }) => r.name)).toEqual(['L1']);
  });

  it('a filter through a colleague tests only the attributes the tenant\'s roles, views and pools use, unless by an administrator', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const senior = await ctx().createUser(t, { email: 'senior@t.test', roles: ['bd'], attributes: { team: 'north', level: 'senior' } });
    const manager = await ctx().createUser(t, { email: 'm@t.test', roles: ['manager'], attributes: { team: 'north' } });
    const lead = (await t.admin.post(p('/records/lead'), { name: 'Held' })).body.id as string;
    expect((await senior.client.post(p('/pools/leadPool/claim'), { id: lead })).status).toBe(200);
    const q = (where: unknown) => encodeURIComponent(JSON.stringify(where));
    // Which colleagues are senior is not the manager's to learn (GET /records/user does not say).
    const byLevel = await manager.client.get(p(`/records/lead?where=${q({ $or: [{ 'owner.attributes.level': 'senior' }, { name: 'x' }] })}`));
    expect(byLevel.status).toBe(400);
    expect(byLevel.body).toMatchObject({ code: 'invalid_filter', errors: [{ path: '?where/$or/0/owner.attributes.level' }] });
    expect((await manager.client.post(p('/records/lead/aggregate'), { where: { 'owner.attributes.level': 'senior' }, metrics: [{ fn: 'count' }] })).status).toBe(400);
    // The team is what the tenant's roles are written with: the manager filters by it.
    const byTeam = await manager.client.get(p(`/records/lead?where=${q({ 'owner.attributes.team': 'north' })}`));
    expect([byTeam.status, byTeam.body.data.map((r: { name: string }) => r.name)]).toEqual([200, ['Held']]);
    const admin = await t.admin.get(p(`/records/lead?where=${q({ 'owner.attributes.level': 'senior' })}`));
    expect([admin.status, admin.body.data.map((r: { name: string }) => r.name)]).toEqual([200, ['Held']]);
  });
  it('imports an edited export only into records nobody changed since: its version column is each id row’s If-Match', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const made = await t.admin.post(p('/records/hotel/bulk'), { op: 'create', records: ['Alpha', 'Beta', 'Delta', 'Gamma'].map((name) => ({ name, stars: 3 })) });
    const [alpha, beta, delta, gamma] = made.body.results.map((r: { id: string }) => r.id) as string[];
    // 9:00 a manager exports for people (in Chinese, where the version column reads 版本).
    const exported = await t.admin.request('GET', p('/records/hotel/export.csv?header=labels&lang=zh&orderBy=name&fields=name,stars'));
    expect(exported.status, exported.text).toBe(200);
    const [header, ...rows] = parse(exported.text, { bom: true }) as string[][];
    const versionAt = header!.indexOf('版本');
    const starsAt = rows[0]!.lastIndexOf('3');
    expect([versionAt >= 0, starsAt >= 0, rows.map((r) => r[versionAt])]).toEqual([true, true, ['1', '1', '1', '1']]);
    // 9:30 someone else raises Beta's stars.
    expect((await t.admin.patch(p(`/records/hotel/${beta}`), { stars: 5 })).status).toBe(200);
    // 10:00 the manager imports the file with every hotel at 4 stars; Gamma's version emptied
    // (no condition), Delta's typed over (no version).
    const edited = rows.map((row) => row.map((cell, i) => (i === starsAt ? '4' : cell)));
    edited[2]![versionAt] = 'v1';
    edited[3]![versionAt] = '';
    const upload = await t.admin.request('POST', p('/records/hotel/import'), { rawBody: stringify([header!, ...edited]), headers: { 'content-type': 'text/csv' } });
    expect(upload.status, upload.text).toBe(202);
    expect(await waitForJob(t, upload.body.job)).toMatchObject({
      state: 'done', created: 0, updated: 2,
      errors: [
        { row: 3, code: 'version_mismatch', message: 'Changed since the file was exported (the record is at version 2, the row\'s is 1); export again and make this row\'s change in the new file' },
        { row: 4, message: 'version: "v1" is not a version (a whole number, as the export wrote it; empty for none)' },
      ],
    });
    const stars = async (id: string) => (await t.admin.get(p(`/records/hotel/${id}`))).body.stars;
    // Beta keeps the change made after the export; Alpha (its version) and Gamma (none) took the file's.
    expect([await stars(alpha!), await stars(beta!), await stars(delta!), await stars(gamma!)]).toEqual([4, 5, 3, 4]);
    // The same file again: Alpha and Gamma have moved on since it was exported too.
    const again = await t.admin.request('POST', p('/records/hotel/import'), { rawBody: stringify([header!, ...edited]), headers: { 'content-type': 'text/csv' } });
    const repeated = await waitForJob(t, again.body.job);
    expect(repeated.errors.map((e: { row: number; code?: string }) => [e.row, e.code])).toEqual([[2, 'version_mismatch'], [3, 'version_mismatch'], [4, undefined]]);
    expect(repeated).toMatchObject({ updated: 0, unchanged: 1 });
  });
});
