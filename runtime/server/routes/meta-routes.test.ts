import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { compileFilterSql, fieldSql } from '../../../platform/filter/compile-filter-sql.ts';
import { parseFilterOrThrow } from '../../../platform/filter/parse-filter.ts';
import { CompiledMetadata } from '../../../platform/metadata/compile-metadata.ts';
import { dropOrphanedSharedIndexes, indexWorkSettled, loadLiveCompiled, reconcileLiveIndexes } from '../../../platform/metadata/publish.ts';
import { createIndex, desiredIndexes, existingIndexes } from '../../../platform/metadata/record-indexes.ts';
import * as objectValueStatistics from '../../../migrations/0012-object-value-statistics.ts';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { tenantLiteral } from '../../../platform/storage/storage.ts';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { describeEachServer, publish, type TestTenant } from '../../testing/test-server.ts';

/** A fresh copy of the test document, loosely typed so a test can change anything. */
const doc = (overrides: Partial<MetadataDocument> = {}): any => structuredClone(testDocument(overrides));

interface StoredRecord { id: string; object: string; version: number; updated_at: string; data: Record<string, unknown>; stage: string | null; xmin: string }

describeEachServer('metadata API', (ctx) => {
  const url = (t: TestTenant, path: string) => `/api/t/${t.slug}${path}`;

  async function tenantId(t: TestTenant): Promise<string> {
    const { rows } = await ctx().database.storage.executeRaw('SELECT id FROM tenants WHERE slug = $1', [t.slug]);
    return (rows[0] as { id: string }).id;
  }

  /** Every stored record of a tenant as the database holds it (xmin changes whenever a row is rewritten). */
  async function storedRecords(t: TestTenant): Promise<StoredRecord[]> {
    const { rows } = await ctx().database.storage.executeRaw(
      `SELECT id, object, version, updated_at::text AS updated_at, data, stage, xmin::text AS xmin FROM records WHERE tenant_id = $1 ORDER BY object, id`,
      [await tenantId(t)],
    );
    return rows as StoredRecord[];
  }

  async function storedHistory(t: TestTenant): Promise<unknown[]> {
    const { rows } = await ctx().database.storage.executeRaw('SELECT record_id, id, changes FROM record_history WHERE tenant_id = $1 ORDER BY id', [await tenantId(t)]);
    return rows;
  }

  /** Names and definitions of the tenant's record indexes in the catalog, once the background index work is done. */
  async function recordIndexes(t: TestTenant): Promise<Map<string, string>> {
    await indexWorkSettled();
    return catalogIndexes(t);
  }

  /** The tenant's record indexes in the catalog right now: its own, and the shared ones its live version uses. */
  async function catalogIndexes(t: TestTenant): Promise<Map<string, string>> {
    const { storage } = ctx().database;
    const id = await tenantId(t);
    const live = await loadLiveCompiled(storage, id);
    const names = [...(await existingIndexes(storage, id, live ? desiredIndexes(live) : [])).keys()];
    const { rows } = await storage.executeRaw('SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY($1::text[])', [names]);
    return new Map((rows as Array<{ indexname: string; indexdef: string }>).map((r) => [r.indexname, r.indexdef]));
  }

  async function liveVersion(t: TestTenant): Promise<{ version: number; document: any }> {
    const live = await t.admin.get(url(t, '/meta'));
    expect(live.status).toBe(200);
    return live.body;
  }

  async function create(t: TestTenant, object: string, values: Record<string, unknown>): Promise<any> {
    const res = await t.admin.post(url(t, `/records/${object}`), values);
    expect(res.status, res.text).toBe(201);
    return res.body;
  }

  async function saveDraft(t: TestTenant, document: unknown): Promise<void> {
    const saved = await t.admin.put(url(t, '/meta/draft'), { document });
    expect(saved.status, saved.text).toBe(200);
  }

  it('keeps a draft: made from the live version, refused with every pointer when invalid, saved when valid', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const live = await liveVersion(t);
    const first = await t.admin.get(url(t, '/meta/draft'));
    expect(first.status).toBe(200);
    expect(first.body.baseVersion).toBe(live.version);
    expect(JSON.stringify(first.body.document)).toBe(JSON.stringify(testDocument())); // key order kept

    const broken = doc();
    broken.objects.hotel.titleField = 'title';
    broken.objects.lead.fields.owner = { type: 'text' };
    broken.pools.leadPool.exempt = { stage: { $in: ['won'] } };
    const refused = await t.admin.put(url(t, '/meta/draft'), { document: broken });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.code).toBe('invalid_metadata');
    expect(refused.body.errors).toEqual([
      { path: '/objects/hotel/titleField', message: expect.stringContaining('title is not') },
      { path: '/objects/lead/fields/owner', message: expect.stringContaining('system field') },
      { path: '/pools/leadPool/exempt/stage/$in/0', message: expect.stringContaining('not an option of stage') },
    ]);
    expect((await t.admin.get(url(t, '/meta/draft'))).body.document).toEqual(testDocument());

    const structural = await t.admin.put(url(t, '/meta/draft'), { document: { name: 'x', objects: { Hotel: { fields: {} } } } });
    expect(structural.status).toBe(422);
    expect(structural.body.errors).toEqual([
      { path: '/objects/Hotel', message: expect.stringContaining('not a valid key') },
      { path: '/objects/Hotel/label', message: 'is required' },
    ]);

    const changed = doc();
    changed.objects.hotel.fields.brand = { type: 'text', label: { en: 'Brand', zh: '品牌' } };
    const saved = await t.admin.put(url(t, '/meta/draft'), { document: changed });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ valid: true });
    const draft = await t.admin.get(url(t, '/meta/draft'));
    expect(draft.body).toMatchObject({ baseVersion: live.version, document: changed });
    expect((await liveVersion(t)).version).toBe(live.version); // saving is not publishing

    expect((await t.admin.put(url(t, '/meta/draft'), { doc: changed })).status).toBe(400);
    expect((await t.admin.delete(url(t, '/meta/draft'))).status).toBe(204);
    expect((await t.admin.get(url(t, '/meta/draft'))).body.document).toEqual(testDocument());
  });

  it('validates without saving, listing every problem', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const broken = doc();
    broken.objects.hotel.fields.stars.min = 9;
    broken.roles.bd[0].object = 'room';
    const res = await t.admin.post(url(t, '/meta/draft/validate'), { document: broken });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      valid: false,
      errors: [
        { path: '/objects/hotel/fields/stars/min', message: 'must not be greater than max (9 > 5)' },
        { path: '/roles/bd/0/object', message: 'refers to an object that does not exist (room)' },
      ],
    });
    expect((await t.admin.post(url(t, '/meta/draft/validate'), { document: doc() })).body).toEqual({ valid: true, errors: [] });
    expect((await t.admin.post(url(t, '/meta/draft/validate'), { document: 'nope' })).body).toMatchObject({ valid: false });
    expect((await t.admin.post(url(t, '/meta/draft/validate'), {})).status).toBe(400);
    expect((await t.admin.get(url(t, '/meta/draft'))).body.document).toEqual(testDocument());

    const bd = await ctx().createUser(t, { email: 'bd@validate.test', roles: ['bd'] });
    expect((await bd.client.post(url(t, '/meta/draft/validate'), { document: doc() })).status).toBe(403);
    expect((await bd.client.put(url(t, '/meta/draft'), { document: doc() })).status).toBe(403);
    expect((await bd.client.post(url(t, '/meta/publish'), {})).status).toBe(403);
    expect((await bd.client.get(url(t, '/meta'))).status).toBe(200);
    expect((await t.admin.get(url(t, '/meta/schema'))).body).toMatchObject({ title: 'Shoal metadata document', required: ['name', 'objects'] });
  });

  it('diffs the draft against live with counts, and refuses unconfirmed destructive changes and missing migrations', async () => {
    const t = await ctx().createTenantWith(testDocument());
    await create(t, 'hotel', { name: 'A', stars: 4 });
    await create(t, 'hotel', { name: 'B', stars: 5 });
    await create(t, 'hotel', { name: 'C' });
    await create(t, 'lead', { name: 'L', notes: 'call back' });
    const before = await liveVersion(t);

    const draft = doc();
    delete draft.objects.hotel.fields.stars;
    draft.objects.hotel.fields.rating = { type: 'integer' };
    const bdFields = (d: any) => d.roles.bd[2].fields as string[];
    await saveDraft(t, draft);
    const diff = await t.admin.get(url(t, '/meta/diff'));
    expect(diff.status).toBe(200);
    expect(diff.body.baseVersion).toBe(before.version);
    expect(diff.body.changes).toEqual([
      expect.objectContaining({ path: '/objects/hotel/fields/rating', action: 'added', classification: 'safe' }),
      expect.objectContaining({ path: '/objects/hotel/fields/stars', action: 'removed', classification: 'destructive', affectedRecords: 2 }),
    ]);
    const refused = await t.admin.post(url(t, '/meta/publish'), {});
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'destructive_change', errors: [{ path: '/objects/hotel/fields/stars', affectedRecords: 2 }] });
    expect((await liveVersion(t)).version).toBe(before.version);

    // A rename without its migration is a removal: refused as destructive, with a pointer to the field.
    const renamed = doc();
    renamed.objects.lead.fields.remarks = renamed.objects.lead.fields.notes;
    delete renamed.objects.lead.fields.notes;
    renamed.roles.bd[2].fields = bdFields(renamed).map((f) => (f === 'notes' ? 'remarks' : f));
    await saveDraft(t, renamed);
    expect((await t.admin.post(url(t, '/meta/publish'), {})).body).toMatchObject({ code: 'destructive_change', errors: [{ path: '/objects/lead/fields/notes' }] });
    const withMigration = await t.admin.post(url(t, '/meta/diff'), { migrations: [{ op: 'renameField', object: 'lead', from: 'notes', to: 'remarks' }] });
    expect(withMigration.body.changes).toEqual([
      expect.objectContaining({ section: 'fields', action: 'renamed', classification: 'migration', affectedRecords: 1 }),
      expect.objectContaining({ section: 'roles', action: 'changed', classification: 'safe' }),
    ]);

    const retyped = doc();
    retyped.objects.lead.fields.notes = { type: 'integer' };
    await saveDraft(t, retyped);
    const noMigration = await t.admin.post(url(t, '/meta/publish'), { confirmDestructive: true });
    expect(noMigration.status).toBe(409);
    expect(noMigration.body).toMatchObject({ code: 'migration_required', errors: [{ path: '/objects/lead/fields/notes', affectedRecords: 1 }] });
    const wrongMigration = await t.admin.post(url(t, '/meta/publish'), { migrations: [{ op: 'changeType', object: 'lead', field: 'name' }] });
    expect(wrongMigration.status).toBe(422);
    expect(wrongMigration.body.errors).toEqual([{ path: '/migrations/0/field', message: expect.stringContaining('different types') }]);
    const malformed = await t.admin.post(url(t, '/meta/publish'), { migrations: [{ op: 'dropTable', object: 'lead' }] });
    expect(malformed.status).toBe(400);
    // Pointers into the body, as for every other body problem (they pointed into the list: /0/op).
    expect(malformed.body.errors).toEqual(expect.arrayContaining([{ path: '/migrations/0/op', message: 'must be equal to constant' }]));
    expect(malformed.body.errors.every((e: { path: string }) => e.path.startsWith('/migrations/0'))).toBe(true);
    const malformedQuery = await t.admin.get(url(t, `/meta/diff?migrations=${encodeURIComponent('[{"op":"dropTable"}]')}`));
    expect(malformedQuery.body).toMatchObject({ code: 'bad_request', detail: 'The migrations are not valid' });
    expect((await liveVersion(t)).version).toBe(before.version);

    await saveDraft(t, draft);
    const confirmed = await t.admin.post(url(t, '/meta/publish'), { confirmDestructive: true });
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.body.version).toBe(before.version + 1);
    expect((await t.admin.post(url(t, '/meta/publish'), {})).body.code).toBe('conflict'); // the draft went with the publish
  });

  it('counts the records a stricter field rule leaves behind, publishes it as safe, and holds edits of those values to it', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const long = await create(t, 'hotel', { name: 'Grand Hyatt Pudong', stars: 5 });
    await create(t, 'hotel', { name: 'Ibis', stars: 2 });
    await create(t, 'hotel', { name: 'Hanting' });
    const tooPrecise = await create(t, 'lead', { name: 'L1', expectedRevenue: 10.25, score: 90 });
    await create(t, 'lead', { name: 'L2', contactName: '  ', expectedRevenue: 10.5 });
    await create(t, 'lead', { name: 'L3', contactName: 'Wang' });
    await create(t, 'lead', { name: 'L4', contactName: '\t\u3000' }); // blank too: a tab and an ideographic space

    const draft = doc();
    draft.objects.hotel.fields.name.maxLength = 10; // one name is longer
    draft.objects.hotel.fields.stars.max = 4; // one hotel has 5 stars; one has none (not counted)
    draft.objects.hotel.fields.roomNights.min = 10; // nobody has a value
    draft.objects.lead.fields.contactName.required = true; // L1 has none, L2 and L4 blank ones
    draft.objects.lead.fields.expectedRevenue.scale = 1; // 10.25 has two decimal places, 10.5 one
    draft.objects.lead.fields.score.max = 95; // 90 is within
    draft.objects.lead.fields.notes.maxLength = 20000; // looser: nothing to count
    await saveDraft(t, draft);
    const diff = await t.admin.get(url(t, '/meta/diff'));
    expect(diff.status, diff.text).toBe(200);
    const byPath = Object.fromEntries(diff.body.changes.map((c: any) => [c.path, c]));
    expect(byPath['/objects/hotel/fields/name']).toMatchObject({ classification: 'safe', affectedRecords: 1, affects: { kind: 'breaks', rules: { maxLength: 10 } } });
    expect(byPath['/objects/hotel/fields/name'].detail).toBe('maxLength changed; 1 record does not meet the new rule (at most 10 characters): it keeps its value; a new value of name must meet it, and the record form asks for one when the record is next edited');
    expect(byPath['/objects/hotel/fields/stars']).toMatchObject({ classification: 'safe', affectedRecords: 1, affects: { rules: { maximum: 4 } } });
    expect(byPath['/objects/hotel/fields/roomNights']).toMatchObject({ classification: 'safe', affectedRecords: 0 });
    expect(byPath['/objects/hotel/fields/roomNights'].detail).toBe('min changed');
    expect(byPath['/objects/lead/fields/contactName']).toMatchObject({ classification: 'safe', affectedRecords: 3, affects: { rules: { required: true } } });
    expect(byPath['/objects/lead/fields/expectedRevenue']).toMatchObject({ affectedRecords: 1, affects: { rules: { scale: 1 } } });
    expect(byPath['/objects/lead/fields/score']).toMatchObject({ affectedRecords: 0 });
    expect(byPath['/objects/lead/fields/notes'].affects).toBeUndefined();

    // Safe: it publishes without confirmation and without touching a record.
    const published = await t.admin.post(url(t, '/meta/publish'), {});
    expect(published.status, published.text).toBe(200);
    const kept = await t.admin.get(url(t, `/records/hotel/${long.id}`));
    expect(kept.body.name).toBe('Grand Hyatt Pudong');
    // Other fields of such a record can still be edited; its own value must now meet the rule.
    expect((await t.admin.patch(url(t, `/records/hotel/${long.id}`), { stars: 4 })).status).toBe(200);
    const tooLong = await t.admin.patch(url(t, `/records/hotel/${long.id}`), { name: 'Grand Hyatt Shanghai' });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ path: '/name' })]);
    expect((await t.admin.patch(url(t, `/records/lead/${tooPrecise.id}`), { expectedRevenue: 10.75 })).status).toBe(422);
    expect((await t.admin.patch(url(t, `/records/lead/${tooPrecise.id}`), { expectedRevenue: 10.7 })).status).toBe(200);
  });

  it('adds, removes and relabels fields without rewriting a single record', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const hotel = await create(t, 'hotel', { name: 'Hilton', stars: 5, code: 'H1' });
    await create(t, 'lead', { name: 'L1', hotel: hotel.id, notes: 'first' });
    await create(t, 'lead', { name: 'L2', source: 'bd' });
    const before = await storedRecords(t);

    const added = doc();
    added.objects.hotel.fields.brand = { type: 'text' };
    added.objects.lead.fields.budget = { type: 'currency', indexed: true };
    expect((await publish(t, added)).status).toBe(200);
    const relabelled = structuredClone(added);
    relabelled.objects.hotel.label = { en: 'Property', zh: '物业' };
    relabelled.objects.hotel.fields.stars.label = { en: 'Star rating', zh: '星级' };
    relabelled.objects.lead.fields.source.options[0] = { value: 'crawl', label: 'Web crawl' };
    expect((await publish(t, relabelled)).status).toBe(200);
    const removed = structuredClone(relabelled);
    delete removed.objects.hotel.fields.stars;
    delete removed.objects.hotel.fields.brand;
    delete removed.objects.lead.fields.notes;
    removed.roles.bd[2].fields = removed.roles.bd[2].fields.filter((f: string) => f !== 'notes');
    const res = await publish(t, removed, { confirmDestructive: true });
    expect(res.status, res.text).toBe(200);

    expect(await storedRecords(t)).toEqual(before);
    const read = await t.admin.get(url(t, `/records/hotel/${hotel.id}`));
    expect(read.body).toMatchObject({ name: 'Hilton', version: 1, updatedAt: hotel.updatedAt });
    expect(read.body).not.toHaveProperty('stars');
  });

  it('renames a field: values move to the new key and history shows them under it', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const lead = await create(t, 'lead', { name: 'L1', notes: 'first note' });
    const patched = await t.admin.patch(url(t, `/records/lead/${lead.id}`), { notes: 'second note' });
    expect(patched.status).toBe(200);
    const untouched = await create(t, 'lead', { name: 'L2' });
    const draft = doc();
    const { notes, ...rest } = draft.objects.lead.fields;
    draft.objects.lead.fields = { ...rest, remarks: { ...notes, label: 'Remarks' } };
    draft.roles.bd[2].fields = draft.roles.bd[2].fields.map((f: string) => (f === 'notes' ? 'remarks' : f));
    const migrations = [{ op: 'renameField', object: 'lead', from: 'notes', to: 'remarks' }];
    const res = await publish(t, draft, { migrations });
    expect(res.status, res.text).toBe(200);
    expect(res.body.changes).toEqual([
      expect.objectContaining({ path: '/objects/lead/fields/remarks', action: 'renamed', classification: 'migration', affectedRecords: 1 }),
      // The renamed field is compared with the field it was (2dd023a): its new label is listed beside the rename.
      expect.objectContaining({ path: '/objects/lead/fields/remarks', action: 'changed', classification: 'safe', detail: 'label changed' }),
      expect.objectContaining({ path: '/roles/bd', action: 'changed', classification: 'safe' }),
    ]);

    const read = await t.admin.get(url(t, `/records/lead/${lead.id}`));
    expect(read.body).toMatchObject({ remarks: 'second note' });
    expect(read.body).not.toHaveProperty('notes');
    const history = await t.admin.get(url(t, `/records/lead/${lead.id}/history`));
    expect(history.body.data.map((h: { action: string; changes: object }) => [h.action, h.changes])).toEqual([
      ['update', { remarks: ['first note', 'second note'] }],
      ['create', expect.objectContaining({ name: [null, 'L1'], remarks: [null, 'first note'] })],
    ]);
    expect(JSON.stringify(history.body)).not.toContain('"notes"');
    const found = await t.admin.get(url(t, `/records/lead?where=${encodeURIComponent(JSON.stringify({ remarks: { $contains: 'second' } }))}`));
    expect(found.body.data.map((r: { id: string }) => r.id)).toEqual([lead.id]);
    expect((await t.admin.get(url(t, `/records/lead/${untouched.id}`))).body.version).toBe(1);
  });

  it('changes a text field to integer: refuses with examples of bad values, then clears them when told', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const good = await create(t, 'lead', { name: 'good', notes: '12' });
    const padded = await create(t, 'lead', { name: 'padded', notes: ' 7 ' });
    const bad = await create(t, 'lead', { name: 'bad', notes: 'call back' });
    const fraction = await create(t, 'lead', { name: 'fraction', notes: '2.5' });
    const empty = await create(t, 'lead', { name: 'empty' });
    const before = await storedRecords(t);
    const live = await liveVersion(t);

    const draft = doc();
    draft.objects.lead.fields.notes = { type: 'integer', min: 0 };
    const refused = await publish(t, draft, { migrations: [{ op: 'changeType', object: 'lead', field: 'notes' }] });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('migration_required');
    expect(refused.body.detail).toContain('2 records of lead');
    expect(refused.body.errors).toEqual([{
      path: '/migrations/0',
      message: expect.stringContaining('clearInvalid'),
      examples: expect.arrayContaining([{ id: bad.id, value: 'call back' }, { id: fraction.id, value: '2.5' }]),
    }]);
    expect(refused.body.errors[0].examples).toHaveLength(2);
    expect(await storedRecords(t)).toEqual(before);
    expect((await liveVersion(t)).version).toBe(live.version);

    const accepted = await t.admin.post(url(t, '/meta/publish'), { migrations: [{ op: 'changeType', object: 'lead', field: 'notes', clearInvalid: true }] });
    expect(accepted.status, accepted.text).toBe(200);
    const notesOf = async (id: string) => (await t.admin.get(url(t, `/records/lead/${id}`))).body.notes;
    expect(await notesOf(good.id)).toBe(12);
    expect(await notesOf(padded.id)).toBe(7);
    expect(await notesOf(bad.id)).toBeNull();
    expect(await notesOf(fraction.id)).toBeNull();
    expect(await notesOf(empty.id)).toBeNull();
    const atLeast10 = await t.admin.get(url(t, `/records/lead?where=${encodeURIComponent(JSON.stringify({ notes: { $gte: 10 } }))}`));
    expect(atLeast10.body.data.map((r: { id: string }) => r.id)).toEqual([good.id]);
    const stored = (await storedRecords(t)).find((r) => r.id === good.id)!;
    expect(stored.data.notes).toBe(12);
  });

  it('changes the type of an indexed field: the new index is built over the converted values', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const good = await create(t, 'lead', { name: 'good', notes: '12' });
    const bad = await create(t, 'lead', { name: 'bad', notes: 'call back' });
    const indexesBefore = await recordIndexes(t);
    const draft = doc();
    draft.objects.lead.fields.notes = { type: 'integer', indexed: true };
    const refused = await publish(t, draft, { migrations: [{ op: 'changeType', object: 'lead', field: 'notes' }] });
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.code).toBe('migration_required');
    expect(await recordIndexes(t)).toEqual(indexesBefore);

    const accepted = await t.admin.post(url(t, '/meta/publish'), { migrations: [{ op: 'changeType', object: 'lead', field: 'notes', clearInvalid: true }] });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body.indexes.created).toHaveLength(1);
    const index = (await recordIndexes(t)).get(accepted.body.indexes.created[0]);
    expect(index).toContain(`shoal_float(data, 'notes'::text)`);
    expect((await t.admin.get(url(t, `/records/lead/${bad.id}`))).body.notes).toBeNull();
    const found = await t.admin.get(url(t, `/records/lead?where=${encodeURIComponent(JSON.stringify({ notes: 12 }))}`));
    expect(found.body.data.map((r: { id: string }) => r.id)).toEqual([good.id]);

    // A unique field whose values collide once converted: refused, nothing changes.
    await create(t, 'hotel', { name: 'A', code: '7' });
    await create(t, 'hotel', { name: 'B', code: ' 7 ' });
    const live = await liveVersion(t);
    const records = await storedRecords(t);
    const unique = structuredClone(draft);
    unique.objects.hotel.fields.code = { type: 'integer', unique: true };
    const collides = await publish(t, unique, { migrations: [{ op: 'changeType', object: 'hotel', field: 'code' }] });
    expect(collides.status, collides.text).toBe(409);
    expect(collides.body).toMatchObject({ code: 'migration_required', errors: [{ path: '/objects/hotel/fields/code/unique' }] });
    expect(await liveVersion(t)).toEqual(live);
    expect(await storedRecords(t)).toEqual(records);
    // The same when the field was not unique before (no old index to trip over).
    await create(t, 'lead', { name: 'C', contactName: '5' });
    await create(t, 'lead', { name: 'D', contactName: '5.0' });
    const newlyUnique = structuredClone(draft);
    newlyUnique.objects.lead.fields.contactName = { type: 'integer', unique: true };
    const refusedUnique = await publish(t, newlyUnique, { migrations: [{ op: 'changeType', object: 'lead', field: 'contactName' }] });
    expect(refusedUnique.body).toMatchObject({ code: 'migration_required', errors: [{ path: '/objects/lead/fields/contactName/unique', affectedRecords: 2 }] });
    expect((await liveVersion(t)).version).toBe(live.version);
  });

  it('refuses (not a 500) to index a re-added field whose old values are of another type', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const lead = await create(t, 'lead', { name: 'L', notes: 'call back' });
    const removed = doc();
    delete removed.objects.lead.fields.notes;
    removed.roles.bd[2].fields = removed.roles.bd[2].fields.filter((f: string) => f !== 'notes');
    expect((await publish(t, removed, { confirmDestructive: true })).status).toBe(200);
    const indexes = await recordIndexes(t);
    const readded = structuredClone(removed);
    readded.objects.lead.fields.notes = { type: 'integer', indexed: true };
    const res = await publish(t, readded);
    expect(res.status, res.text).toBe(409);
    expect(res.body).toMatchObject({ code: 'migration_required', errors: [{ path: '/objects/lead/fields/notes', message: expect.stringContaining('another key') }] });
    expect(await recordIndexes(t)).toEqual(indexes);
    expect((await t.admin.get(url(t, `/records/lead/${lead.id}`))).body).not.toHaveProperty('notes');
  });

  it('renames a select option and a stage key in every record', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const crowd = await create(t, 'lead', { name: 'crowd', source: 'crowd', contactName: 'Wang', contactPhone: '+86 138 0000 0000' });
    const bd = await create(t, 'lead', { name: 'bd', source: 'bd' });
    const moved = await t.admin.post(url(t, `/records/lead/${crowd.id}/transition`), { to: 'contacted' });
    expect(moved.status, moved.text).toBe(200);

    const options = doc();
    options.objects.lead.fields.source.options = ['crawl', 'bd', 'merchant', 'crowdsourced'];
    const res = await publish(t, options, { migrations: [{ op: 'renameOption', object: 'lead', field: 'source', from: 'crowd', to: 'crowdsourced' }] });
    expect(res.status, res.text).toBe(200);
    expect((await t.admin.get(url(t, `/records/lead/${crowd.id}`))).body.source).toBe('crowdsourced');
    expect((await t.admin.get(url(t, `/records/lead/${bd.id}`))).body).toMatchObject({ source: 'bd', version: 1 });
    const unmigrated = structuredClone(options);
    unmigrated.objects.lead.fields.source.options = ['crawl', 'bd', 'merchant'];
    const refused = await publish(t, unmigrated);
    expect(refused.body).toMatchObject({ code: 'destructive_change', errors: [{ affectedRecords: 1 }] });

    const stages = structuredClone(options);
    stages.pipelines.leadFunnel.stages[0].key = 'fresh';
    stages.pipelines.leadFunnel.stages[1].key = 'reached';
    const staged = await publish(t, stages, {
      migrations: [
        { op: 'renameOption', object: 'lead', field: 'stage', from: 'new', to: 'fresh' },
        { op: 'renameOption', object: 'lead', field: 'stage', from: 'contacted', to: 'reached' },
      ],
    });
    expect(staged.status, staged.text).toBe(200);
    expect((await t.admin.get(url(t, `/records/lead/${crowd.id}`))).body.stage).toBe('reached');
    expect((await t.admin.get(url(t, `/records/lead/${bd.id}`))).body.stage).toBe('fresh');
    const funnel = await t.admin.get(url(t, '/pipelines/leadFunnel/funnel'));
    expect(funnel.body.stages.slice(0, 2).map((s: { stage: string; entered: number; current: number }) => [s.stage, s.entered, s.current])).toEqual([
      ['fresh', 2, 1],
      ['reached', 1, 1],
    ]);
    const next = await t.admin.post(url(t, `/records/lead/${crowd.id}/transition`), { to: 'negotiating', values: { expectedRevenue: 1000 } });
    expect(next.status, next.text).toBe(200);
  });

  it('renames an option of a renamed field whatever order the migrations come in', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const crowd = await create(t, 'lead', { name: 'crowd', source: 'crowd' });
    const draft = doc();
    const { source, ...rest } = draft.objects.lead.fields;
    draft.objects.lead.fields = { ...rest, channel: { ...source, options: ['crawl', 'bd', 'merchant', 'crowdsourced'] } };
    for (const grant of draft.roles.bd as Array<{ fields?: string[] }>) {
      if (grant.fields) grant.fields = grant.fields.map((f) => (f === 'source' ? 'channel' : f));
    }
    // The option's rename names the field by its new key, and is listed before the field's rename.
    const res = await publish(t, draft, {
      migrations: [
        { op: 'renameOption', object: 'lead', field: 'channel', from: 'crowd', to: 'crowdsourced' },
        { op: 'renameField', object: 'lead', from: 'source', to: 'channel' },
      ],
    });
    expect(res.status, res.text).toBe(200);
    const after = (await t.admin.get(url(t, `/records/lead/${crowd.id}`))).body;
    expect(after.channel).toBe('crowdsourced');
    expect(after).not.toHaveProperty('source');
  });

  it('leaves the previous version, the data and the indexes as they were when a publish fails inside its transaction', async () => {
    const t = await ctx().createTenantWith(testDocument());
    // A hotel: the new (shared) hotel index is built in the background once the publish commits.
    await create(t, 'hotel', { name: 'H1' });
    await create(t, 'lead', { name: 'L1', dueOn: '2026-05-01', notes: 'not a number' });
    await create(t, 'lead', { name: 'L2', dueOn: '2026-06-01', notes: '3' });
    const live = await liveVersion(t);
    const records = await storedRecords(t);
    const history = await storedHistory(t);
    const indexes = await recordIndexes(t);

    // A rename (applied first), a new index (after the commit) and a conversion that fails.
    const draft = doc();
    const { dueOn, ...rest } = draft.objects.lead.fields;
    draft.objects.lead.fields = { ...rest, dueDate: dueOn, notes: { type: 'integer' } };
    draft.objects.hotel.fields.stars.indexed = true;
    const failed = await publish(t, draft, {
      migrations: [
        { op: 'renameField', object: 'lead', from: 'dueOn', to: 'dueDate' },
        { op: 'changeType', object: 'lead', field: 'notes' },
      ],
    });
    expect(failed.status).toBe(409);
    expect(failed.body.code).toBe('migration_required');
    const expectUnchanged = async () => {
      expect(await liveVersion(t)).toEqual(live);
      expect(await storedRecords(t)).toEqual(records);
      expect(await storedHistory(t)).toEqual(history);
      expect(await recordIndexes(t)).toEqual(indexes);
      expect((await t.admin.get(url(t, '/meta/versions'))).body.data).toHaveLength(live.version);
      expect((await t.admin.get(url(t, '/meta/draft'))).body.document).toEqual(draft); // the draft stays for another try
    };
    await expectUnchanged();

    // A publish hook (derived state, e.g. pool membership) that fails after the migrations ran.
    let failHook = true;
    ctx().server.kernel.metadata.onPublish(async () => {
      if (failHook) throw new Error('hook failed on purpose');
    });
    const migrations = [
      { op: 'renameField', object: 'lead', from: 'dueOn', to: 'dueDate' },
      { op: 'changeType', object: 'lead', field: 'notes', clearInvalid: true },
    ];
    const hookFailed = await t.admin.post(url(t, '/meta/publish'), { migrations });
    expect(hookFailed.status).toBe(500);
    await expectUnchanged();
    failHook = false;

    const retried = await t.admin.post(url(t, '/meta/publish'), { migrations });
    expect(retried.status, retried.text).toBe(200);
    expect(retried.body.version).toBe(live.version + 1);
    expect([...retried.body.indexes.created, ...(retried.body.indexes.pending ?? [])]).toHaveLength(1);
    const after = await storedRecords(t);
    expect(after.filter((r) => r.object === 'lead').map((r) => [r.data.dueDate, r.data.notes]).sort()).toEqual([['2026-05-01', undefined], ['2026-06-01', 3]]);
  });

  it('answers studio calls from the live version in the database, not a process cache another process\'s publish left stale', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const v1 = (await liveVersion(t)).version;
    const renamed = doc();
    renamed.name = 'Renamed';
    expect((await publish(t, renamed)).status).toBe(200);
    expect((await liveVersion(t)).document.name).toBe('Renamed');
    // Another process switches the live version (as its rollback would) and its NOTIFY never
    // reaches this one: this process's cache still says v1 + 1.
    await ctx().database.storage.executeRaw('UPDATE tenants SET live_version = $1 WHERE slug = $2', [v1, t.slug]);
    expect(await liveVersion(t)).toMatchObject({ version: v1, document: { name: testDocument().name } });
    const versions = (await t.admin.get(url(t, '/meta/versions'))).body.data as Array<{ version: number; live: boolean }>;
    expect(versions.find((v) => v.live)?.version).toBe(v1);
    // A draft saved now is based on the version really live.
    expect((await t.admin.put(url(t, '/meta/draft'), { document: renamed })).status).toBe(200);
    expect((await t.admin.get(url(t, '/meta/draft'))).body).toMatchObject({ baseVersion: v1 });
  });

  it('rolls back by publishing a copy of an older version, under the same rules', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const v1 = (await liveVersion(t)).version;
    const withRating = doc();
    withRating.objects.hotel.fields.rating = { type: 'integer', min: 1, max: 10 };
    expect((await publish(t, withRating)).status).toBe(200);
    const v2 = v1 + 1;
    const hotel = await create(t, 'hotel', { name: 'Rated', rating: 9 });
    await create(t, 'hotel', { name: 'Unrated' });

    const refused = await t.admin.post(url(t, '/meta/rollback'), { version: v1 });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'destructive_change', errors: [{ path: '/objects/hotel/fields/rating', affectedRecords: 1 }] });
    expect((await liveVersion(t)).version).toBe(v2);

    const rolledBack = await t.admin.post(url(t, '/meta/rollback'), { version: v1, confirmDestructive: true });
    expect(rolledBack.status, rolledBack.text).toBe(200);
    expect(rolledBack.body.version).toBe(v2 + 1);
    const live = await liveVersion(t);
    expect(live).toMatchObject({ version: v2 + 1, document: testDocument() });
    expect((await t.admin.get(url(t, `/records/hotel/${hotel.id}`))).body).not.toHaveProperty('rating');

    // Rolling forward again brings the values back: removing a field never deleted them.
    const forward = await t.admin.post(url(t, '/meta/rollback'), { version: v2 });
    expect(forward.status, forward.text).toBe(200);
    expect((await t.admin.get(url(t, `/records/hotel/${hotel.id}`))).body).toMatchObject({ rating: 9, version: 1 });

    const versions = await t.admin.get(url(t, '/meta/versions'));
    expect(versions.status).toBe(200);
    expect(versions.body.data.map((v: { version: number; kind: string; live: boolean }) => [v.version, v.kind, v.live])).toEqual([
      [v2 + 2, 'rollback', true],
      [v2 + 1, 'rollback', false],
      [v2, 'publish', false],
      [v1, 'publish', false],
      ...(v1 > 1 ? [[1, 'template', false]] : []),
    ]);
    expect(versions.body.data[0]).toMatchObject({ createdAt: expect.any(String), changeCount: 1 });
    const old = await t.admin.get(url(t, `/meta/versions/${v2}`));
    expect(old.body).toMatchObject({ version: v2, document: withRating });
    // With what its publish changed, as reviewed then: the field it added.
    expect(old.body.changes).toEqual([expect.objectContaining({ section: 'fields', action: 'added', key: 'rating', path: '/objects/hotel/fields/rating', classification: 'safe', affectedRecords: 0 })]);
    expect((await t.admin.get(url(t, '/meta/versions/99'))).status).toBe(404);
    expect((await t.admin.get(url(t, '/meta/versions/abc'))).status).toBe(404);
    expect((await t.admin.post(url(t, '/meta/rollback'), { version: 99 })).status).toBe(404);
    expect((await t.admin.post(url(t, '/meta/rollback'), { version: 'one' })).status).toBe(400);
  });

  it('creates an index for an indexed field (after the publish commits), drops it when unmarked', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const initial = await recordIndexes(t);
    // Every indexed field, unique field and lookup of the test document has its index.
    expect(initial.size).toBe(8);
    await create(t, 'hotel', { name: 'H' });

    const marked = doc();
    marked.objects.hotel.fields.externalId = { type: 'integer', indexed: true };
    marked.objects.contract.fields.signedOn = { type: 'integer', indexed: true };
    const res = await publish(t, marked);
    expect(res.status, res.text).toBe(200);
    // Shared indexes cannot fail on data: the publish answers without waiting for their builds
    // (pending), unless another tenant's publish built them already (created).
    const { created, pending = [], dropped: none } = res.body.indexes as { created: string[]; pending?: string[]; dropped: string[] };
    expect(none).toEqual([]);
    expect([...created, ...pending]).toEqual([expect.stringMatching(/^rs_[0-9a-f]{16}$/), expect.stringMatching(/^rs_[0-9a-f]{16}$/)]);
    const indexes = await recordIndexes(t);
    const named = (key: string) => [...indexes].find(([, definition]) => definition.includes(`'${key}'`))![0];
    const name = named('externalId');
    const later = named('signedOn');
    expect([...created, ...pending].sort()).toEqual([name, later].sort());
    expect(indexes.size).toBe(10);
    expect(indexes.get(name)).toContain(`object = 'hotel'::text`);
    expect(indexes.get(name)).toContain('deleted_at IS NULL');
    // Shared (partial) indexes come with extended statistics on their expression: the planner
    // ignores a partial index's own statistics.
    const { rows: statistics } = await ctx().database.storage.executeRaw('SELECT stxname FROM pg_statistic_ext WHERE stxname = $1', [`${name}_s`]);
    expect(statistics).toHaveLength(1);
    expect(indexes.get(later)).toContain(`shoal_float(data, 'signedOn'::text)`);
    expect(indexes.get(later)).toContain(`object = 'contract'::text`);
    const { rows: valid } = await ctx().database.storage.executeRaw(
      'SELECT bool_and(i.indisvalid) AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = ANY($1)', [[name, later]]);
    expect(valid).toEqual([{ valid: true }]);

    const again = structuredClone(marked);
    again.objects.hotel.label = 'Hotels';
    expect((await publish(t, again)).body.indexes).toEqual({ created: [], dropped: [] });

    const unmarked = structuredClone(again);
    delete unmarked.objects.hotel.fields.externalId.indexed;
    delete unmarked.objects.contract.fields.signedOn.indexed;
    const dropped = await publish(t, unmarked);
    expect(dropped.body.indexes.created).toEqual([]);
    expect([...dropped.body.indexes.dropped].sort()).toEqual([name, later].sort());
    await indexWorkSettled(); // nobody else uses them: dropped in the background
    const { rows } = await ctx().database.storage.executeRaw('SELECT 1 FROM pg_class WHERE relname = ANY($1)', [[name, later]]);
    expect(rows).toHaveLength(0);
    expect((await recordIndexes(t)).size).toBe(8);
  });

  it('analyses a new shared index\'s statistics when it builds it, so the planner knows the field from the start', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const document = doc();
    document.objects.hotel.fields.statsKey = { type: 'integer', indexed: true };
    expect((await publish(t, document)).status).toBe(200);
    await create(t, 'hotel', { name: 'Counted', statsKey: 7 });
    const spec = desiredIndexes(new CompiledMetadata(await tenantId(t), 0, document)).find((s) => s.field === 'statsKey')!;
    await indexWorkSettled();
    // As an upgrade that renamed the index finds it: statistics made afresh.
    const { storage } = ctx().database;
    await storage.executeRaw(`DROP STATISTICS IF EXISTS ${spec.name}_s`);
    await createIndex(storage, spec);
    const { rows } = await storage.executeRaw(
      'SELECT d.stxdexpr IS NOT NULL AS analysed FROM pg_statistic_ext s JOIN pg_statistic_ext_data d ON d.stxoid = s.oid WHERE s.stxname = $1', [`${spec.name}_s`]);
    expect(rows).toEqual([{ analysed: true }]);
  });

  // A key is often missing from every record of other objects (the bench's leads all have a
  // city, its visits none). Statistics on the expression alone made "city has no value" look
  // like a share of the leads, and a list of them sorted by score walked the whole score index
  // to find none (5.6 s on a million leads).
  it('knows that no record of an object lacks a field other objects never have (statistics of object and value)', async () => {
    const document = doc();
    document.objects.parcel = { label: { en: 'Parcel', zh: '地块' }, titleField: 'name', fields: { name: { type: 'text' }, district: { type: 'text', indexed: true } } };
    const t = await ctx().createTenantWith(document);
    const id = await tenantId(t);
    const { storage } = ctx().database;
    const n = ctx().database.kind === 'postgres' ? 20000 : 3000;
    await storage.executeRaw(
      `INSERT INTO records (tenant_id, object, id, data)
       SELECT $1::uuid, 'parcel', gen_random_uuid(), jsonb_build_object('name', 'Parcel ' || g, 'district', 'd' || (g % 5)) FROM generate_series(1, $2::int) AS g`, [id, n]);
    await storage.executeRaw(
      `INSERT INTO records (tenant_id, object, id, data)
       SELECT $1::uuid, 'visit', gen_random_uuid(), jsonb_build_object('note', 'Visit ' || g) FROM generate_series(1, $2::int) AS g`, [id, n]);
    await indexWorkSettled();
    await storage.executeRaw('ANALYZE records');
    await new Promise((resolve) => setTimeout(resolve, 100)); // PGlite blocked this thread: let keep-alive timers fire
    const compiled = new CompiledMetadata(id, 0, document);
    const parcel = compiled.object('parcel')!;
    const spec = desiredIndexes(compiled).find((s) => s.object === 'parcel' && s.field === 'district')!;
    const estimate = async () => {
      const predicate = compileFilterSql(parseFilterOrThrow({ district: null }, parcel.scope), parcel.scope, { alias: 'r', now: new Date(), timeZone: 'UTC', user: null as never });
      const query = sql<{ 'QUERY PLAN': unknown }>`EXPLAIN (FORMAT JSON) SELECT r.id FROM records AS r
        WHERE r.tenant_id = ${tenantLiteral(id)} AND r.object = 'parcel' AND r.deleted_at IS NULL AND ${predicate}`.compile(storage.db);
      const { rows } = await storage.executeRaw(query.sql, query.parameters);
      const plan = (rows[0] as { 'QUERY PLAN': unknown })['QUERY PLAN'];
      return (typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan['Plan Rows'] as number;
    };
    // Half the table lacks the key, but none of the parcels do.
    expect(await estimate()).toBeLessThan(n / 100);
    const none = await t.admin.get(url(t, `/records/parcel?where=${encodeURIComponent(JSON.stringify({ district: null }))}`));
    expect(none.body.data).toEqual([]);

    // Statistics made before (the expression alone) are made again by migration 0012.
    await storage.executeRaw(`DROP STATISTICS ${spec.name}_s`);
    await storage.executeRaw(`CREATE STATISTICS ${spec.name}_s ON (shoal_text(data, 'district') COLLATE "C") FROM records`);
    await storage.executeRaw('ANALYZE records');
    expect(await estimate()).toBeGreaterThan(n / 10);
    await objectValueStatistics.up(storage.db as never);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { rows } = await storage.executeRaw('SELECT pg_get_statisticsobjdef(oid) AS definition FROM pg_statistic_ext WHERE stxname = $1', [`${spec.name}_s`]);
    expect((rows[0] as { definition: string }).definition).toMatch(/\(mcv\) ON object, /);
    expect(await estimate()).toBeLessThan(n / 100);
  });

  it('drops, at start, shared indexes no live version wants (a drop lost to a stop), keeping the ones in use', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const used = await recordIndexes(t);
    // The index of a field no tenant indexes, as a stop between a publish and its background drop leaves it.
    const orphaned = doc();
    orphaned.objects.hotel.fields.orphanedKey = { type: 'integer', indexed: true };
    const spec = desiredIndexes(new CompiledMetadata(await tenantId(t), 0, orphaned)).find((s) => s.field === 'orphanedKey')!;
    expect(spec.shared).toBe(true);
    await createIndex(ctx().database.storage, spec);
    const exists = async (name: string) => (await ctx().database.storage.executeRaw('SELECT 1 FROM pg_class WHERE relname = $1', [name])).rows.length === 1;
    expect(await exists(spec.name)).toBe(true);
    expect(await dropOrphanedSharedIndexes(ctx().database.storage)).toContain(spec.name);
    expect(await exists(spec.name)).toBe(false);
    for (const name of used.keys()) expect(await exists(name), name).toBe(true);
  });

  /** A tenant with thousands of hotels and an indexed integer field, analysed; and its index's name. */
  let big: { t: TestTenant; id: string; index: string; compiled: CompiledMetadata } | undefined;
  async function bigTenant() {
    if (big) return big;
    const document = doc();
    document.objects.hotel.fields.externalId = { type: 'integer', indexed: true };
    const t = await ctx().createTenantWith(document);
    const id = await tenantId(t);
    const before = await storedRecords(t);
    // Enough rows that a scan costs more than the index; fewer on PGlite, which blocks this thread.
    const rows = ctx().database.kind === 'postgres' ? 20000 : 3000;
    await ctx().database.storage.executeRaw(
      `INSERT INTO records (tenant_id, object, id, data)
       SELECT $1::uuid, 'hotel', gen_random_uuid(), jsonb_build_object('name', 'Hotel ' || g, 'externalId', g) FROM generate_series(1, $2::int) AS g`,
      [id, rows],
    );
    await indexWorkSettled(); // ANALYZE and a concurrent index build on records would deadlock
    await ctx().database.storage.executeRaw('ANALYZE records');
    // PGlite runs in this thread: after seconds of blocking work, let the HTTP keep-alive timers
    // fire before the next request, or it may go out on a socket the server is closing.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(before).toEqual([]);
    const index = [...(await recordIndexes(t))].find(([, definition]) => definition.includes("'externalId'"))![0];
    big = { t, id, index, compiled: new CompiledMetadata(id, 0, document) };
    return big;
  }

  /** The plan of the records query an equality filter on externalId compiles to. */
  function equalityQuery(b: NonNullable<typeof big>) {
    const hotel = b.compiled.object('hotel')!;
    const predicate = compileFilterSql(parseFilterOrThrow({ externalId: 1234 }, hotel.scope), hotel.scope, { alias: 'r', now: new Date(), timeZone: 'UTC', user: null as never });
    return sql<{ 'QUERY PLAN': string }>`
      EXPLAIN SELECT r.id FROM records AS r
       WHERE r.tenant_id = ${tenantLiteral(b.id)} AND r.object = 'hotel' AND r.deleted_at IS NULL AND ${predicate}`;
  }

  it('serves an equality filter on an indexed field from its index (the expression matches the filter compiler)', async () => {
    const b = await bigTenant();
    const compiled = equalityQuery(b).compile(ctx().database.storage.db);
    const { rows } = await ctx().database.storage.executeRaw(compiled.sql, compiled.parameters);
    const plan = (rows as Array<{ 'QUERY PLAN': string }>).map((r) => r['QUERY PLAN']).join('\n');
    expect(plan, plan).toContain(b.index);
    const found = await b.t.admin.get(url(b.t, `/records/hotel?where=${encodeURIComponent(JSON.stringify({ externalId: 1234 }))}`));
    expect(found.body.data.map((h: { name: string }) => h.name)).toEqual(['Hotel 1234']);
  });

  // Inside a tenant transaction (role shoal_app, row-level security on) PostgreSQL uses a qual as
  // an index condition only if its functions are LEAKPROOF: indexed fields are read through the
  // accessors of migration 0005 for that.
  it('serves the same filter from its index inside a tenant transaction (row-level security on)', async () => {
    const b = await bigTenant();
    const rows = await ctx().database.storage.inTenant(b.id, async (tx) => (await equalityQuery(b).execute(tx)).rows);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan, plan).toContain(b.index);
  });

  // Shared indexes hold only the records with a value (a tenant without the field pays nothing
  // for it): a sorted list reads those first, from the index, and the rest after.
  it('sorts by an indexed field from its index, and still finds and lists last the records without a value', async () => {
    const b = await bigTenant();
    expect((await recordIndexes(b.t)).get(b.index)).toMatch(/IS NOT NULL\)+$/);
    const expression = fieldSql(b.compiled.object('hotel')!.scope.field('externalId')!, 'r');
    const sorted = sql<{ 'QUERY PLAN': string }>`
      EXPLAIN SELECT r.id FROM records AS r
       WHERE r.tenant_id = ${tenantLiteral(b.id)} AND r.object = 'hotel' AND r.deleted_at IS NULL AND ${expression} IS NOT NULL
       ORDER BY ${expression} DESC, r.id DESC LIMIT 50`;
    const plan = (await ctx().database.storage.inTenant(b.id, async (tx) => (await sorted.execute(tx)).rows)).map((r) => r['QUERY PLAN']).join('\n');
    expect(plan, plan).toContain(b.index);

    const without = await create(b.t, 'hotel', { name: 'No number yet' });
    const found = await b.t.admin.get(url(b.t, `/records/hotel?where=${encodeURIComponent(JSON.stringify({ externalId: null }))}`));
    expect(found.body.data.map((h: { id: string }) => h.id)).toEqual([without.id]);
    // The two highest numbers, then the hotel without one (a second page, through the cursor).
    const n = ctx().database.kind === 'postgres' ? 20000 : 3000;
    const where = encodeURIComponent(JSON.stringify({ $or: [{ externalId: { $gte: n - 1 } }, { externalId: null }] }));
    const first = await b.t.admin.get(url(b.t, `/records/hotel?where=${where}&orderBy=-externalId&limit=2`));
    expect(first.status, first.text).toBe(200);
    expect(first.body.data.map((h: { name: string }) => h.name)).toEqual([`Hotel ${n}`, `Hotel ${n - 1}`]);
    const second = await b.t.admin.get(url(b.t, `/records/hotel?where=${where}&orderBy=-externalId&limit=2&cursor=${first.body.nextCursor}`));
    expect(second.body.data.map((h: { name: string }) => h.name)).toEqual(['No number yet']);
    await b.t.admin.delete(url(b.t, `/records/hotel/${without.id}`));
  });

  it('refuses to make a field unique while records share a value, enforces it once they do not, and frees it when unmarked', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const first = await create(t, 'hotel', { name: 'Twin' });
    await create(t, 'hotel', { name: 'Twin' });
    const unique = doc();
    unique.objects.hotel.fields.name.unique = true;
    const refused = await publish(t, unique);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'migration_required', errors: [{ path: '/objects/hotel/fields/name/unique', affectedRecords: 2 }] });
    expect((await t.admin.patch(url(t, `/records/hotel/${first.id}`), { name: 'Twin East' })).status).toBe(200);
    const accepted = await t.admin.post(url(t, '/meta/publish'), {});
    expect(accepted.status, accepted.text).toBe(200);
    // The rule holds from the commit; the (shared) index that serves queries on the field is
    // built in the background unless another tenant's publish built it already.
    const { created, pending = [] } = accepted.body.indexes as { created: string[]; pending?: string[] };
    expect([...created, ...pending]).toEqual([expect.stringMatching(/^rs_[0-9a-f]{16}$/)]);
    const duplicate = await t.admin.post(url(t, '/records/hotel'), { name: 'Twin' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ code: 'duplicate', errors: [{ path: '/name' }] });

    // No longer unique: the value may be shared again.
    expect((await publish(t, doc())).status).toBe(200);
    expect((await t.admin.post(url(t, '/records/hotel'), { name: 'Twin' })).status).toBe(201);
  });

  it('moves, at start, a unique field enforced by an index of the tenant (before migration 0009) to the values table', async () => {
    const t = await ctx().createTenantWith(testDocument());
    await create(t, 'hotel', { name: 'A', code: 'OLD' });
    const id = await tenantId(t);
    const { storage } = ctx().database;
    // As an upgraded database has it: no values yet, and a unique index of the tenant's own.
    await storage.inTenant(id, async (tx) => {
      await sql`DELETE FROM record_unique_values`.execute(tx);
      await sql`DELETE FROM unique_fields`.execute(tx);
    });
    const legacy = `rx_${id.replace(/-/g, '')}_0123456789abcdef`;
    await indexWorkSettled(); // a background build and this one would deadlock
    await storage.executeRaw(`CREATE UNIQUE INDEX ${legacy} ON records ((shoal_text(data, 'code') COLLATE "C")) WHERE tenant_id = '${id}'::uuid AND object = 'hotel' AND deleted_at IS NULL`);
    const result = await reconcileLiveIndexes(storage, id);
    expect(result.failed).toEqual([]);
    expect(result.dropped).toEqual([legacy]);
    const duplicate = await t.admin.post(url(t, '/records/hotel'), { name: 'B', code: 'OLD' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ code: 'duplicate', errors: [{ path: '/code', message: 'must be unique' }] });
  });

  it('makes a field unique without letting a write in flight slip past the check', async () => {
    // PGlite is one session: no other write can be in flight there.
    if (ctx().database.kind !== 'postgres') return;
    const t = await ctx().createTenantWith(testDocument());
    await create(t, 'hotel', { name: 'Twin' });
    const id = await tenantId(t);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedNow = new Promise<void>((resolve) => (inserted = resolve));
    // A second Twin, written but not committed when the publish starts.
    const writer = ctx().database.storage.inTenant(id, async (tx) => {
      await sql`INSERT INTO records (tenant_id, object, id, data) VALUES (${tenantLiteral(id)}, 'hotel', gen_random_uuid(), '{"name": "Twin"}')`.execute(tx);
      inserted();
      await held;
    });
    await insertedNow;
    const unique = doc();
    unique.objects.hotel.fields.name.unique = true;
    const publishing = publish(t, unique);
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await writer;
    const res = await publishing;
    expect(res.status, res.text).toBe(409);
    expect(res.body).toMatchObject({ code: 'migration_required', errors: [{ path: '/objects/hotel/fields/name/unique', affectedRecords: 2 }] });
  });

  it('runs a publish that migrates records after a record edit in flight, without a deadlock', async () => {
    // PGlite is one session: no other write can be in flight there.
    if (ctx().database.kind !== 'postgres') return;
    const t = await ctx().createTenantWith(testDocument());
    const lead = await create(t, 'lead', { name: 'L1', notes: 'first note' });
    const id = await tenantId(t);
    const where = sql`tenant_id = ${tenantLiteral(id)} AND object = 'lead' AND id = ${lead.id}::uuid`;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockedNow = new Promise<void>((resolve) => (locked = resolve));
    // An edit that has locked its record, and writes it once the publish has started.
    const edit = ctx().database.storage.inTenant(id, async (tx) => {
      await sql`SELECT 1 FROM records WHERE ${where} FOR UPDATE`.execute(tx);
      locked();
      await held;
      await sql`UPDATE records SET data = data || '{"notes": "edited"}' WHERE ${where}`.execute(tx);
    });
    await lockedNow;
    const draft = doc();
    const { notes, ...rest } = draft.objects.lead.fields;
    draft.objects.lead.fields = { ...rest, remarks: { ...notes, label: 'Remarks' } };
    draft.roles.bd[2].fields = draft.roles.bd[2].fields.map((f: string) => (f === 'notes' ? 'remarks' : f));
    const publishing = publish(t, draft, { migrations: [{ op: 'renameField', object: 'lead', from: 'notes', to: 'remarks' }] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await edit;
    const res = await publishing;
    expect(res.status, res.text).toBe(200);
    // The publish waited for the edit, then migrated what it wrote.
    expect((await t.admin.get(url(t, `/records/lead/${lead.id}`))).body).toMatchObject({ remarks: 'edited' });
  });

  it('serves no pool endpoints for a tenant whose components leave pools out', async () => {
    const t = await ctx().createTenantWith(testDocument({ components: { enabled: ['reports', 'import'] } }));
    expect((await t.admin.get(url(t, '/pools/leadPool/public'))).status).toBe(404);
    expect((await t.admin.get(url(t, '/pools/leadPool/mine'))).status).toBe(404);
    const lead = await create(t, 'lead', { name: 'L' });
    expect((await t.admin.post(url(t, '/pools/leadPool/claim'), { id: lead.id })).status).toBe(404);
    expect((await t.admin.get(url(t, '/records/lead'))).status).toBe(200);

    const enabled = doc({ components: { enabled: ['reports', 'import', 'pools', 'visits'] } });
    expect((await publish(t, enabled)).status).toBe(200);
    expect((await t.admin.get(url(t, '/pools/leadPool/public'))).status).toBe(200);
  });

  it('serves no funnel (and documents none) for a tenant whose components leave reports out', async () => {
    const t = await ctx().createTenantWith(testDocument({ components: { enabled: ['pools', 'visits', 'import'] } }));
    const funnel = await t.admin.get(url(t, '/pipelines/leadFunnel/funnel'));
    expect(funnel.status).toBe(404);
    expect(funnel.body.code).toBe('not_found');
    expect(Object.keys((await t.admin.get(url(t, '/openapi.json'))).body.paths)).not.toContain('/pipelines/leadFunnel/funnel');
    expect((await publish(t, doc({ components: { enabled: ['pools', 'visits', 'import', 'reports'] } }))).status).toBe(200);
    expect((await t.admin.get(url(t, '/pipelines/leadFunnel/funnel'))).status).toBe(200);
    expect(Object.keys((await t.admin.get(url(t, '/openapi.json'))).body.paths)).toContain('/pipelines/leadFunnel/funnel');
  });
});
