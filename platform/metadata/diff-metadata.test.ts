import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { Kernel } from '../kernel.ts';
import type { RecordContext } from '../records/record-context.ts';
import type { TenantInfo } from '../tenants/tenant-directory.ts';
import { testDocument } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-databases.ts';
import type { DataMigration } from './data-migrations.ts';
import { diffMetadata, type MetadataChange } from './diff-metadata.ts';
import type { FieldDefinition, MetadataDocument } from './metadata-types.ts';
import { planPublish } from './publish.ts';

/** The changes from testDocument() to a copy changed by `change`. */
function diffOf(change: (doc: any) => void, migrations: DataMigration[] = []): MetadataChange[] {
  const draft = structuredClone(testDocument());
  change(draft);
  return diffMetadata(testDocument(), draft, migrations);
}

function only(changes: MetadataChange[]): MetadataChange {
  expect(changes, JSON.stringify(changes)).toHaveLength(1);
  return changes[0]!;
}

describe('diffMetadata classifies each kind of change', () => {
  it('finds nothing between equal documents', () => {
    expect(diffMetadata(testDocument(), testDocument())).toEqual([]);
  });

  it('an added object and an added field are safe (unless records hold values of another type under its key)', () => {
    expect(only(diffOf((d) => { d.objects.brand = { label: 'Brand', fields: { name: { type: 'text' } } }; }))).toMatchObject({
      section: 'objects', action: 'added', path: '/objects/brand', classification: 'safe',
    });
    const added = only(diffOf((d) => { d.objects.hotel.fields.phone = { type: 'phone' }; }));
    expect(added).toMatchObject({ section: 'fields', action: 'added', path: '/objects/hotel/fields/phone', object: 'hotel', classification: 'safe' });
    expect(added).toMatchObject({ ifRecords: 'migration', affects: { object: 'hotel', kind: 'misfits', field: 'phone', jsonType: 'string' } });
  });

  it('a removed field is safe unless records hold a value (then destructive)', () => {
    expect(only(diffOf((d) => { delete d.objects.hotel.fields.stars; }))).toMatchObject({
      section: 'fields', action: 'removed', path: '/objects/hotel/fields/stars', classification: 'safe', ifRecords: 'destructive',
      affects: { object: 'hotel', kind: 'hasField', field: 'stars' },
    });
  });

  it('a removed object is destructive when it has records', () => {
    const removed = diffOf((d) => {
      delete d.objects.contract;
      delete d.pipelines.leadFunnel.stages[3].creates;
    }).find((c) => c.section === 'objects');
    expect(removed).toMatchObject({ action: 'removed', path: '/objects/contract', ifRecords: 'destructive', affects: { object: 'contract', kind: 'all' } });
  });

  it('a type change that not every value survives needs a migration when records hold values', () => {
    expect(only(diffOf((d) => { d.objects.lead.fields.notes.type = 'integer'; }))).toMatchObject({
      path: '/objects/lead/fields/notes', action: 'changed', classification: 'safe', ifRecords: 'migration',
      affects: { object: 'lead', kind: 'hasField', field: 'notes' },
    });
    expect(only(diffOf((d) => { d.objects.lead.fields.score.type = 'text'; delete d.objects.lead.fields.score.min; delete d.objects.lead.fields.score.max; })))
      .toMatchObject({ ifRecords: 'migration' });
  });

  /** The diff of one field `f` of a one-object document going from `from` to `to`. */
  const retype = (from: FieldDefinition, to: FieldDefinition) => diffMetadata(
    { name: 'x', objects: { thing: { label: 'Thing', fields: { f: from } } } },
    { name: 'x', objects: { thing: { label: 'Thing', fields: { f: to } } } },
  );

  it.each([
    ['integer', 'decimal'],
    ['text', 'textarea'],
    ['email', 'text'],
    ['select', 'text'],
    ['integer', 'currency'],
  ] as const)('a widening type change %s → %s is safe', (from, to) => {
    const change = only(retype({ type: from, ...(from === 'select' ? { options: ['a'] } : {}) }, { type: to }));
    expect(change).toMatchObject({ classification: 'safe', detail: expect.stringContaining('every value stays valid') });
    expect(change.ifRecords).toBeUndefined();
  });

  it('decimal → currency and url → text are not widenings (2 decimals; 255 characters)', () => {
    expect(only(retype({ type: 'decimal' }, { type: 'currency' }))).toMatchObject({ ifRecords: 'migration' });
    expect(only(retype({ type: 'url' }, { type: 'text' }))).toMatchObject({ ifRecords: 'migration' });
  });

  it('pointing a lookup at another object is destructive when records hold values', () => {
    expect(only(diffOf((d) => { d.objects.contract.fields.hotel.object = 'lead'; }))).toMatchObject({
      path: '/objects/contract/fields/hotel/object', ifRecords: 'destructive', affects: { object: 'contract', kind: 'hasField', field: 'hotel' },
    });
  });

  it('a removed option is destructive when records use it', () => {
    expect(only(diffOf((d) => { d.objects.lead.fields.source.options = ['crawl', 'bd', 'merchant']; }))).toMatchObject({
      section: 'fields', action: 'removed', key: 'source:crowd', classification: 'safe', ifRecords: 'destructive',
      affects: { object: 'lead', kind: 'hasOption', field: 'source', value: 'crowd', multi: false },
    });
    expect(only(diffOf((d) => { d.objects.lead.fields.tags.options = ['vip', 'chain']; })).affects).toMatchObject({ kind: 'hasOption', value: 'new', multi: true });
  });

  it('an added option or a relabelled option is safe', () => {
    expect(only(diffOf((d) => { d.objects.lead.fields.source.options.push('tv'); }))).toMatchObject({ classification: 'safe', detail: 'options changed' });
    const relabelled = only(diffOf((d) => { d.objects.lead.fields.source.options[0] = { value: 'crawl', label: { en: 'Web crawl', zh: '爬虫' } }; }));
    expect(relabelled).toMatchObject({ classification: 'safe' });
    expect(relabelled.ifRecords).toBeUndefined();
  });

  it('a removed stage is destructive when records are in it', () => {
    const changes = diffOf((d) => {
      d.pipelines.leadFunnel.stages.splice(2, 1);
    });
    expect(changes.find((c) => c.section === 'stages')).toMatchObject({
      action: 'removed', key: 'leadFunnel:negotiating', object: 'lead', classification: 'safe', ifRecords: 'destructive',
      affects: { object: 'lead', kind: 'inStage', stage: 'negotiating' },
    });
    expect(changes.find((c) => c.section === 'pipelines')).toMatchObject({ action: 'changed', classification: 'safe' });
  });

  it('making a field unique needs the duplicates fixed first', () => {
    expect(only(diffOf((d) => { d.objects.hotel.fields.name.unique = true; }))).toMatchObject({
      path: '/objects/hotel/fields/name/unique', classification: 'safe', ifRecords: 'migration', affects: { object: 'hotel', kind: 'duplicates', field: 'name' },
    });
  });

  it('a removed pool is destructive while it holds private records', () => {
    const changes = diffOf((d) => {
      delete d.pools.leadPool;
      // Nothing else may refer to the pool's system fields once it is gone.
      d.roles.manager.splice(1, 1);
      d.roles.bd[1].where = { owner: '$user.id' };
    });
    expect(changes.find((c) => c.section === 'pools')).toMatchObject({
      action: 'removed', key: 'leadPool', ifRecords: 'destructive', affects: { object: 'lead', kind: 'pooled', pool: 'leadPool' },
    });
  });

  it('pools of one object in another order are a change of where records go; other objects’ pools in between are none', () => {
    const withPools = (d: any) => {
      d.pools.cityPool = { object: 'lead', where: { source: 'bd' } };
      d.pools.hotelPool = { object: 'hotel' };
    };
    const before = structuredClone(testDocument()) as any;
    withPools(before);
    const draft = structuredClone(before);
    const { leadPool, cityPool, hotelPool } = draft.pools;
    draft.pools = { cityPool, hotelPool, leadPool };
    expect(only(diffMetadata(before, draft))).toMatchObject({
      section: 'pools', action: 'changed', path: '/pools', key: 'lead:order', object: 'lead', classification: 'safe', detail: 'pools of lead reordered; a record goes to the first it matches',
    });
    draft.pools = { leadPool, hotelPool, cityPool };
    expect(diffMetadata(before, draft)).toEqual([]);
  });

  it('reordering fields and changing labels are safe', () => {
    const reordered = only(diffOf((d) => {
      const { name, city, ...rest } = d.objects.hotel.fields;
      d.objects.hotel.fields = { city, name, ...rest };
    }));
    expect(reordered).toMatchObject({ section: 'fields', key: 'hotel:order', classification: 'safe', detail: 'fields reordered' });
    const labels = diffOf((d) => {
      d.objects.hotel.label = { en: 'Property', zh: '物业' };
      d.objects.hotel.fields.name.label = { en: 'Hotel name', zh: '酒店名称' };
      d.pipelines.leadFunnel.stages[0].label = 'Fresh';
    });
    expect(labels.map((c) => [c.path, c.classification, c.detail])).toEqual([
      ['/objects/hotel/fields/name', 'safe', 'label changed'],
      ['/objects/hotel', 'safe', 'label changed'],
      ['/pipelines/leadFunnel', 'safe', 'stages changed'],
    ]);
    expect(labels.every((c) => c.ifRecords === undefined)).toBe(true);
  });

  it('a field rename with its migration is one migration change, not a removal and an addition', () => {
    const migration: DataMigration = { op: 'renameField', object: 'lead', from: 'notes', to: 'remarks' };
    const changes = diffOf((d) => {
      d.objects.lead.fields.remarks = d.objects.lead.fields.notes;
      delete d.objects.lead.fields.notes;
    }, [migration]);
    expect(changes).toEqual([expect.objectContaining({
      section: 'fields', action: 'renamed', path: '/objects/lead/fields/remarks', classification: 'migration', migration,
      affects: { object: 'lead', kind: 'hasField', field: 'notes' },
    })]);
  });

  it('a renamed field shows what else changed with it (label, required, options), counted under the key its values are stored at', () => {
    const migration: DataMigration = { op: 'renameField', object: 'lead', from: 'source', to: 'channel' };
    const changes = diffOf((d) => {
      d.objects.lead.fields.channel = { ...d.objects.lead.fields.source, label: { en: 'Channel', zh: '渠道' }, required: true, options: ['crawl', 'bd', 'merchant'] };
      delete d.objects.lead.fields.source;
    }, [migration]);
    expect(changes).toEqual([
      expect.objectContaining({ action: 'renamed', path: '/objects/lead/fields/channel', migration }),
      expect.objectContaining({
        action: 'removed', path: '/objects/lead/fields/channel/options', key: 'channel:crowd', ifRecords: 'destructive',
        affects: { object: 'lead', kind: 'hasOption', field: 'source', value: 'crowd', multi: false },
      }),
      expect.objectContaining({
        action: 'changed', path: '/objects/lead/fields/channel', key: 'channel', detail: 'label, required changed',
        affects: { object: 'lead', kind: 'breaks', field: 'source', rules: { required: true } },
      }),
    ]);
  });

  it('a renamed option or stage with its migration is a migration change', () => {
    const option: DataMigration = { op: 'renameOption', object: 'lead', field: 'source', from: 'crowd', to: 'crowdsourced' };
    expect(only(diffOf((d) => { d.objects.lead.fields.source.options[3] = 'crowdsourced'; }, [option]))).toMatchObject({
      action: 'renamed', classification: 'migration', migration: option, detail: 'option crowd renamed to crowdsourced',
    });
    const stage: DataMigration = { op: 'renameOption', object: 'lead', field: 'stage', from: 'negotiating', to: 'proposal' };
    const changes = diffOf((d) => { d.pipelines.leadFunnel.stages[2].key = 'proposal'; }, [stage]);
    expect(changes.find((c) => c.section === 'stages')).toMatchObject({ action: 'renamed', classification: 'migration', migration: stage });
  });

  it('a release reason a pool stops offering is a removal counted over the pool’s records released for it; with a move, a migration', () => {
    const budget = { key: 'budget_frozen', label: { en: 'Budget frozen', zh: '预算冻结' } };
    const own = [budget, { key: 'moved_away', label: '客户已搬走' }];
    const live = testDocument();
    live.pools!.leadPool!.releaseReasons = own;
    const draft = structuredClone(live);
    draft.pools!.leadPool!.releaseReasons = own.slice(1);
    const removed = diffMetadata(live, draft).find((c) => c.section === 'releaseReasons');
    expect(removed).toEqual({
      section: 'releaseReasons', action: 'removed', path: '/pools/leadPool/releaseReasons', key: 'leadPool:budget_frozen', object: 'lead',
      classification: 'safe', ifRecords: 'destructive', affects: { object: 'lead', kind: 'releasedFor', pool: 'leadPool', reasons: ['budget_frozen'] },
      detail: 'release reason budget_frozen of leadPool removed; records released for it keep it, read by its last words',
    });
    const move: DataMigration = { op: 'moveReleaseReason', pool: 'leadPool', from: 'budget_frozen', to: 'moved_away' };
    expect(diffMetadata(live, draft, [move]).find((c) => c.section === 'releaseReasons')).toMatchObject({
      action: 'renamed', classification: 'migration', migration: move, detail: 'release reason budget_frozen of leadPool moved to moved_away',
    });
    // A pool offering the built-in four that names its own: the built-in ones it leaves out, counted in their old words too.
    const builtIn = diffOf((d) => { d.pools.leadPool.releaseReasons = [{ key: 'no_interest', label: '暂不考虑' }]; }).filter((c) => c.section === 'releaseReasons');
    expect(builtIn.map((c) => c.key)).toEqual(['leadPool:kp_unreachable', 'leadPool:competitor_signed', 'leadPool:wrong_info']);
    expect(builtIn[2]!.affects).toMatchObject({ reasons: ['wrong_info', '信息有误', 'Wrong information'] });
  });

  it('layouts, views, roles, assignment rules, components and the document name are safe', () => {
    const changes = diffOf((d) => {
      d.name = 'Renamed CRM';
      d.layouts = { hotel: { list: { columns: ['name'] } } };
      d.views = { all: { object: 'hotel' } };
      d.roles.bd.pop();
      d.components = { enabled: ['pools'] };
    });
    expect(changes.map((c) => [c.section, c.action, c.classification])).toEqual([
      ['document', 'changed', 'safe'],
      ['layouts', 'added', 'safe'],
      ['views', 'added', 'safe'],
      ['roles', 'changed', 'safe'],
      ['components', 'changed', 'safe'],
    ]);
  });
});

describeEachDatabase('planPublish counts the records each change affects', (db) => {
  let kernel: Kernel;
  let tenant: TenantInfo;
  let ctx: RecordContext;
  let live: MetadataDocument;

  const plan = async (change: (doc: any) => void, migrations: DataMigration[] = []) => {
    const draft = structuredClone(live) as any;
    change(draft);
    return (await planPublish(db().storage, tenant.id, draft, migrations)).changes;
  };

  beforeAll(async () => {
    kernel = new Kernel({ storage: db().storage });
    const slug = `diff-${randomBytes(3).toString('hex')}`;
    const created = await kernel.tenantService.create({ slug, name: 'Diff', admin: { email: `admin@${slug}.test`, password: 'admin-password-1' } });
    live = testDocument();
    await kernel.metadata.publishDocument(created.tenant, live, { actorId: null, kind: 'publish' });
    tenant = (await kernel.tenants.bySlugFresh(slug))!;
    ctx = kernel.records.systemContext(await kernel.metadataCache.live(tenant));
    const hotels = [];
    for (const [i, h] of [['A', 'beijing', 5], ['B', 'beijing', 4], ['A', 'nanjing', null], ['C', null, 3]].entries()) {
      hotels.push((await kernel.records.create(ctx, 'hotel', { name: h[0], ...(h[1] ? { city: h[1] } : {}), ...(h[2] ? { stars: h[2] } : {}), code: `H${i}` })).record);
    }
    const deleted = (await kernel.records.create(ctx, 'hotel', { name: 'A', stars: 1 })).record;
    await kernel.records.delete(ctx, 'hotel', deleted.id as string);
    const leads = [
      { name: 'L1', source: 'crowd', tags: ['new'], notes: '12' },
      { name: 'L2', source: 'crowd', tags: ['vip', 'new'] },
      { name: 'L3', source: 'bd', notes: 'call back' },
    ];
    const leadIds: string[] = [];
    for (const lead of leads) leadIds.push((await kernel.records.create(ctx, 'lead', { ...lead, hotel: hotels[0]!.id })).record.id as string);
    await kernel.records.create(ctx, 'visit', { lead: leadIds[1], visitedAt: '2026-03-01T10:00:00Z' });
    const admin = await db().storage.inTenant(tenant.id, (tx) => tx.selectFrom('users').select('id').executeTakeFirstOrThrow());
    await kernel.pools.assign(ctx, 'leadPool', leadIds[0]!, admin.id, { force: true });
  });

  it('a removed field: destructive with the count of records holding a value, safe when none does', async () => {
    const stars = only(await plan((d) => { delete d.objects.hotel.fields.stars; }));
    expect(stars).toMatchObject({ classification: 'destructive', affectedRecords: 3 }); // the deleted hotel does not count
    const contactName = only(await plan((d) => {
      delete d.objects.lead.fields.contactName;
      d.pipelines.leadFunnel.stages[1].requires = ['contactPhone'];
    }).then((cs) => cs.filter((c) => c.section === 'fields')));
    expect(contactName).toMatchObject({ classification: 'safe', affectedRecords: 0 });
  });

  it('a type change: needs a migration with values present, safe without; a widening is safe', async () => {
    expect(only(await plan((d) => { d.objects.lead.fields.notes.type = 'integer'; }))).toMatchObject({ classification: 'migration', affectedRecords: 2 });
    expect(only(await plan((d) => { d.objects.lead.fields.contactName.type = 'integer'; }))).toMatchObject({ classification: 'safe', affectedRecords: 0 });
    const widened = only(await plan((d) => { d.objects.hotel.fields.stars.type = 'decimal'; }));
    expect(widened.classification).toBe('safe');
    expect(widened.affectedRecords).toBeUndefined();
  });

  it('a removed option: destructive with the records using it (select and multi-select)', async () => {
    expect(only(await plan((d) => { d.objects.lead.fields.source.options = ['crawl', 'bd', 'merchant']; }))).toMatchObject({ classification: 'destructive', affectedRecords: 2 });
    expect(only(await plan((d) => { d.objects.lead.fields.tags.options = ['vip', 'chain']; }))).toMatchObject({ classification: 'destructive', affectedRecords: 2 });
    expect(only(await plan((d) => { d.objects.lead.fields.tags.options = ['chain', 'new']; }))).toMatchObject({ classification: 'destructive', affectedRecords: 1 });
    expect(only(await plan((d) => { d.objects.lead.fields.source.options = ['crawl', 'bd', 'crowd']; }))).toMatchObject({ classification: 'safe', affectedRecords: 0 });
  });

  it('a removed stage: destructive with the records in it, safe for an empty stage', async () => {
    const inNew = (await plan((d) => {
      d.pipelines.leadFunnel.stages.splice(0, 1);
    })).find((c) => c.section === 'stages');
    expect(inNew).toMatchObject({ classification: 'destructive', affectedRecords: 3 });
    const empty = (await plan((d) => { d.pipelines.leadFunnel.stages.splice(2, 1); })).find((c) => c.section === 'stages');
    expect(empty).toMatchObject({ classification: 'safe', affectedRecords: 0 });
  });

  it('unique on a field with duplicates needs a migration, counting the duplicated records', async () => {
    expect(only(await plan((d) => { d.objects.hotel.fields.name.unique = true; }))).toMatchObject({ classification: 'migration', affectedRecords: 2 });
    expect(only(await plan((d) => { d.objects.lead.fields.contactName.unique = true; }))).toMatchObject({ classification: 'safe', affectedRecords: 0 });
  });

  it('a removed pool: destructive while it holds private records', async () => {
    const changes = await plan((d) => {
      delete d.pools.leadPool;
      d.roles.manager.splice(1, 1);
      d.roles.bd[1].where = { owner: '$user.id' };
    });
    expect(changes.find((c) => c.section === 'pools')).toMatchObject({ classification: 'destructive', affectedRecords: 1 });
  });

  it('a removed object: destructive with its live records, safe without', async () => {
    const withoutVisits = (d: any) => {
      delete d.objects.visit;
      delete d.pools.leadPool.visit;
      delete d.pools.leadPool.releaseIfNoVisitDays;
      d.roles.bd.pop();
      d.roles.manager[2].object = ['hotel', 'contract'];
    };
    expect((await plan(withoutVisits)).find((c) => c.section === 'objects')).toMatchObject({ key: 'visit', classification: 'destructive', affectedRecords: 1 });
    const withoutContracts = await plan((d) => {
      delete d.objects.contract;
      delete d.pipelines.leadFunnel.stages[3].creates;
      d.roles.manager[2].object = ['hotel', 'visit'];
    });
    expect(withoutContracts.find((c) => c.section === 'objects')).toMatchObject({ key: 'contract', classification: 'safe', affectedRecords: 0 });
  });

  it('reordering fields and relabelling are safe whatever the data', async () => {
    const changes = await plan((d) => {
      const { name, ...rest } = d.objects.hotel.fields;
      d.objects.hotel.fields = { ...rest, name: { ...name, label: 'Hotel name' } };
    });
    expect(changes.map((c) => c.classification)).toEqual(['safe', 'safe']);
  });

  it('a removed release reason: destructive with the records of that pool released for it (kept as words), safe when none is', async () => {
    // Leads released for a reason, one in the words the release dialog stored before reasons were
    // keys; deleted again at the end, so that the other counts stay as they are.
    const admin = await db().storage.inTenant(tenant.id, (tx) => tx.selectFrom('users').select('id').executeTakeFirstOrThrow());
    const ids: string[] = [];
    for (const reason of ['wrong_info', '信息有误', 'wrong_info', 'no_interest']) {
      const id = (await kernel.records.create(ctx, 'lead', { name: `Released ${reason}` })).record.id as string;
      await kernel.pools.assign(ctx, 'leadPool', id, admin.id, { force: true });
      await kernel.pools.release(ctx, 'leadPool', id, reason);
      ids.push(id);
    }
    await kernel.records.delete(ctx, 'lead', ids[2]!);
    const released = await plan((d) => { d.pools.leadPool.releaseReasons = [{ key: 'no_interest', label: '暂不考虑' }, { key: 'kp_unreachable', label: '联系不上' }]; });
    const reasons = released.filter((c) => c.section === 'releaseReasons');
    expect(reasons.map((c) => [c.key, c.classification, c.affectedRecords])).toEqual([
      ['leadPool:competitor_signed', 'safe', 0],
      ['leadPool:wrong_info', 'destructive', 2], // one stored as its key, one in its old words; the deleted lead does not count
    ]);
    for (const id of [ids[0]!, ids[1]!, ids[3]!]) await kernel.records.delete(ctx, 'lead', id);
  });

  it('a given migration makes a change a migration, whatever the count', async () => {
    const migration: DataMigration = { op: 'renameField', object: 'lead', from: 'notes', to: 'remarks' };
    const renamed = only(await plan((d) => {
      d.objects.lead.fields.remarks = d.objects.lead.fields.notes;
      delete d.objects.lead.fields.notes;
    }, [migration]));
    expect(renamed).toMatchObject({ classification: 'migration', affectedRecords: 2, migration });
  });
});
