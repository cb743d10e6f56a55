import { expect, it } from 'vitest';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { describeEachServer, publish } from '../../testing/test-server.ts';

describeEachServer('pipelines', (ctx) => {
  it('moves forward only, asks for required fields and notes, and reaches won or lost from any open stage', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const hotel = await t.admin.post(p('/records/hotel'), { name: 'H' });
    const lead = (await t.admin.post(p('/records/lead'), { name: 'L', hotel: hotel.body.id })).body;
    expect(lead.stage).toBe('new');
    const move = (id: string, body: Record<string, unknown>) => t.admin.post(p(`/records/lead/${id}/transition`), body);

    const missing = await move(lead.id, { to: 'contacted' });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ code: 'stage_requirements' });
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['contactName', 'contactPhone']);
    const moved = await move(lead.id, { to: 'contacted', values: { contactName: '李雷', contactPhone: '+86 138 0000 0001' } });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({ stage: 'contacted', contactName: '李雷', version: 3 });
    const backwards = await move(lead.id, { to: 'new' });
    expect(backwards.status).toBe(422);
    expect(backwards.body).toMatchObject({ code: 'transition_not_allowed', from: 'contacted', allowed: ['negotiating', 'signed', 'lost'] });
    expect((await move(lead.id, { to: 'nowhere' })).status).toBe(422);

    const lost = await move(lead.id, { to: 'lost' });
    expect(lost.body.errors).toEqual([{ path: '/note', message: 'a note is required to enter lost', field: 'note' }]);
    expect((await move(lead.id, { to: 'lost', note: 'chose a competitor' })).status).toBe(200);
    // Closed: nothing moves on from lost in a forward pipeline.
    expect((await move(lead.id, { to: 'negotiating' })).status).toBe(422);
    const history = await t.admin.get(p(`/records/lead/${lead.id}/history`));
    expect(history.body.data[0]).toMatchObject({ action: 'transition', changes: { stage: ['contacted', 'lost'] }, note: 'chose a competitor' });
  });

  it('asks for what the stages a move skips require: a lead signed from new has its contact and revenue, and so has its contract', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const lead = (await t.admin.post(p('/records/lead'), { name: 'L' })).body;
    const move = (body: Record<string, unknown>) => t.admin.post(p(`/records/lead/${lead.id}/transition`), body);
    const fields = (answer: { body: { errors: Array<{ field: string }> } }) => answer.body.errors.map((e) => e.field);

    const skipped = await move({ to: 'negotiating', values: { expectedRevenue: 50_000 } });
    expect([skipped.status, skipped.body.code]).toEqual([422, 'stage_requirements']);
    expect(fields(skipped)).toEqual(['contactName', 'contactPhone']);
    const signed = await move({ to: 'signed' });
    expect(fields(signed)).toEqual(['contactName', 'contactPhone', 'expectedRevenue']);
    // Nothing moved, and no contract was made.
    expect((await t.admin.get(p(`/records/lead/${lead.id}`))).body).toMatchObject({ stage: 'new' });
    expect((await t.admin.get(p('/records/contract'))).body.data).toEqual([]);
    // A lead can be lost from anywhere with only the note lost asks for.
    const other = (await t.admin.post(p('/records/lead'), { name: 'M' })).body;
    expect((await t.admin.post(p(`/records/lead/${other.id}/transition`), { to: 'lost', note: 'closed down' })).status).toBe(200);

    const done = await move({ to: 'signed', values: { contactName: '李雷', contactPhone: '+86 138 0000 0001', expectedRevenue: 80_000 } });
    expect(done.status, done.text).toBe(200);
    expect(done.body).toMatchObject({ stage: 'signed', contactName: '李雷', expectedRevenue: 80_000 });
    expect((await t.admin.get(p('/records/contract'))).body.data).toEqual([expect.objectContaining({ amount: 80_000, lead: lead.id })]);
  });

  it('moves a record only from the version the client saw when it sends If-Match', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const lead = (await t.admin.post(p('/records/lead'), { name: 'L' })).body;
    const move = (body: Record<string, unknown>, version: number) => t.admin.post(p(`/records/lead/${lead.id}/transition`), body, { headers: { 'if-match': `"${version}"` } });
    // Someone else saved a change meanwhile: the client that saw version 1 is refused, nothing moves.
    expect((await t.admin.patch(p(`/records/lead/${lead.id}`), { contactName: '李雷' })).status).toBe(200);
    for (const body of [{ to: 'contacted', values: { contactPhone: '+86 138 0000 0001' } }, { to: 'lost', note: 'gone' }]) {
      const stale = await move(body, 1);
      expect(stale.status, stale.text).toBe(412);
      expect(stale.body).toMatchObject({ code: 'version_mismatch', currentVersion: 2 });
    }
    expect((await t.admin.get(p(`/records/lead/${lead.id}`))).body).toMatchObject({ stage: 'new', version: 2, contactPhone: null });
    const moved = await move({ to: 'contacted', values: { contactPhone: '+86 138 0000 0001' } }, 2);
    expect(moved.status, moved.text).toBe(200);
    expect(moved.headers.get('etag')).toBe('"4"');
    expect((await move({ to: 'lost', note: 'gone' }, 4)).body).toMatchObject({ stage: 'lost', version: 5 });
  });

  it('counts in a funnel only the records whose stage the caller may read', async () => {
    const document = testDocument();
    (document.roles as Record<string, unknown>).namesOnly = [{ object: 'lead', actions: ['read'], fields: ['name'] }];
    (document.roles as Record<string, unknown>).stages = [{ object: 'lead', actions: ['read'], fields: ['name', 'stage'], where: { name: 'B' } }];
    const t = await ctx().createTenantWith(document);
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    for (const name of ['A', 'B']) expect((await t.admin.post(p('/records/lead'), { name })).status).toBe(201);
    const current = async (client: typeof t.admin) => {
      const res = await client.get(p('/pipelines/leadFunnel/funnel'));
      expect(res.status, res.text).toBe(200);
      return res.body.stages.find((s: { stage: string }) => s.stage === 'new').current;
    };
    expect(await current(t.admin)).toBe(2);
    expect(await current((await ctx().createUser(t, { email: 'n@t.test', roles: ['namesOnly'] })).client)).toBe(0);
    expect(await current((await ctx().createUser(t, { email: 's@t.test', roles: ['namesOnly', 'stages'] })).client)).toBe(1);
  });

  it("starts new records in the stage field's default stage, else the first open stage", async () => {
    const document = testDocument();
    (document.objects.lead!.fields.stage as { default?: string }).default = 'contacted';
    const t = await ctx().createTenantWith(document);
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const lead = await t.admin.post(p('/records/lead'), { name: 'L', contactName: 'Li', contactPhone: '+86 138 0000 0002' });
    expect(lead.status, lead.text).toBe(201);
    expect(lead.body.stage).toBe('contacted');
    const chosen = await t.admin.post(p('/records/lead'), { name: 'M', stage: 'new' });
    expect(chosen.body.stage).toBe('new');
    // A default stage asks for what it requires, as any starting stage does.
    const bd = await ctx().createUser(t, { email: 'default-stage@t.test', roles: ['bd'] });
    const bare = await bd.client.post(p('/records/lead'), { name: 'O' });
    expect(bare.status).toBe(422);
    expect(bare.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/contactName', '/contactPhone']);
    const bulk = await t.admin.post(p('/records/lead/bulk'), { op: 'create', records: [{ name: 'N', contactName: 'Wu', contactPhone: '+86 138 0000 0003' }] });
    expect(bulk.status, bulk.text).toBe(200);
    const listed = await t.admin.get(p(`/records/lead?where=${encodeURIComponent(JSON.stringify({ name: 'N' }))}`));
    expect(listed.body.data[0].stage).toBe('contacted');
  });

  it('starts a new record only in an open stage with what it requires: won, lost and converting stages are entered by transition', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const bd = await ctx().createUser(t, { email: 'starts@t.test', roles: ['bd'] });
    const hotel = await t.admin.post(p('/records/hotel'), { name: 'H' });
    for (const stage of ['signed', 'lost']) {
      const created = await bd.client.post(p('/records/lead'), { name: `Straight to ${stage}`, hotel: hotel.body.id, contactName: 'A', contactPhone: '+86 1', expectedRevenue: 5, stage });
      expect(created.status, created.text).toBe(422);
      expect(created.body.errors).toEqual([{ path: '/stage', message: expect.stringContaining(`a new record starts in an open stage (new, contacted, negotiating); it enters ${stage} through POST /records/lead/{id}/transition`) }]);
    }
    // negotiating asks for its revenue, and for the contact that contacted (passed over) asks for.
    const bare = await bd.client.post(p('/records/lead'), { name: 'Bare', stage: 'negotiating' });
    expect(bare.status, bare.text).toBe(422);
    expect(bare.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/contactName', '/contactPhone', '/expectedRevenue']);
    const ready = await bd.client.post(p('/records/lead'), { name: 'Ready', contactName: 'A', contactPhone: '+86 1', expectedRevenue: 5, stage: 'negotiating' });
    expect(ready.status, ready.text).toBe(201);
    expect(ready.body.stage).toBe('negotiating');
    // Bulk creates keep the same rule, row by row; nothing was counted as won.
    const bulk = await bd.client.post(p('/records/lead/bulk'), { op: 'create', records: [{ name: 'B1', stage: 'signed' }, { name: 'B2' }] });
    expect(bulk.status, bulk.text).toBe(200);
    expect(bulk.body.results.map((r: { status: number }) => r.status)).toEqual([422, 201]);
    expect((await t.admin.get(p('/records/lead?count=true&where=' + encodeURIComponent(JSON.stringify({ stage: { $in: ['signed', 'lost'] } }))))).body.total).toBe(0);
    // An administrator may bring a signed lead in (a migration), which converts nothing.
    const migrated = await t.admin.post(p('/records/lead'), { name: 'Signed elsewhere', stage: 'signed' });
    expect([migrated.status, migrated.body.stage]).toEqual([201, 'signed']);
    expect((await t.admin.get(p('/records/contract?count=true'))).body.total).toBe(0);
    // The OpenAPI says which stages a record may start in.
    const openapi = await t.admin.get(p('/openapi.json'));
    expect(openapi.body.components.schemas.LeadCreate.properties.stage.description).toContain('A new record may start in `new`, `contacted`, `negotiating`.');
  });

  it('creates the linked record when entering a stage with `creates`, in the same transaction', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const hotel = await t.admin.post(p('/records/hotel'), { name: 'H' });
    const lead = (await t.admin.post(p('/records/lead'), { name: 'Deal', hotel: hotel.body.id, contactName: 'A', contactPhone: '+86 1', expectedRevenue: 88000 })).body;
    for (const stage of ['contacted', 'negotiating']) expect((await t.admin.post(p(`/records/lead/${lead.id}/transition`), { to: stage })).status).toBe(200);
    const signed = await t.admin.post(p(`/records/lead/${lead.id}/transition`), { to: 'signed' });
    expect(signed.status, signed.text).toBe(200);
    expect(signed.body.$created).toMatchObject({ object: 'contract' });
    const contract = await t.admin.get(p(`/records/contract/${signed.body.$created.id}`));
    expect(contract.body).toMatchObject({ hotel: hotel.body.id, amount: 88000, lead: lead.id, number: 'HC-00001' });
    // A BD may move their own leads but the conversion runs as the system on their behalf.
    const bd = await ctx().createUser(t, { email: 'bd@t.test', roles: ['bd'] });
    const own = (await t.admin.post(p('/records/lead'), { name: 'Own', hotel: hotel.body.id, contactName: 'A', contactPhone: '+86 1', expectedRevenue: 5 })).body;
    expect((await bd.client.post(p('/pools/leadPool/claim'), { id: own.id })).status).toBe(200);
    expect((await bd.client.post(p(`/records/lead/${own.id}/transition`), { to: 'signed' })).status).toBe(200);
    expect((await t.admin.get(p('/records/contract?count=true'))).body.total).toBe(2);
    // A public lead the BD can see but does not hold: they may not move it.
    expect((await bd.client.post(p(`/records/lead/${lead.id}/transition`), { to: 'lost', note: 'x' })).status).toBe(403);
  });

  it('links the record a conversion creates back to the converted one by its only lookup to it, as metadata.md writes the map; a map that fills that lookup keeps its value', async () => {
    // metadata.md's signed stage: `map: { hotel: hotel, amount: expectedRevenue }`, no `lead`.
    const document = testDocument();
    document.objects.lead!.fields.referredBy = { type: 'lookup', object: 'lead', onDelete: 'clear' };
    const stages = document.pipelines!.leadFunnel!.stages;
    stages.find((s) => s.key === 'signed')!.creates = { object: 'contract', map: { hotel: 'hotel', amount: 'expectedRevenue' } };
    const t = await ctx().createTenantWith(document);
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const hotel = (await t.admin.post(p('/records/hotel'), { name: 'H' })).body;
    let deals = 0;
    const sign = async (values: Record<string, unknown> = {}) => {
      const lead = (await t.admin.post(p('/records/lead'), { name: `Deal ${++deals}`, hotel: hotel.id, contactName: 'A', contactPhone: '+86 1', expectedRevenue: 88000, ...values })).body;
      const signed = await t.admin.post(p(`/records/lead/${lead.id}/transition`), { to: 'signed' });
      expect(signed.status, signed.text).toBe(200);
      return { lead, contract: (await t.admin.get(p(`/records/contract/${signed.body.$created.id}`))).body };
    };
    const { lead, contract } = await sign();
    expect(contract).toMatchObject({ hotel: hotel.id, amount: 88000, lead: lead.id });

    // The map says where the lookup comes from: the referring lead, not the one signed.
    stages.find((s) => s.key === 'signed')!.creates!.map.lead = 'referredBy';
    expect((await publish(t, document)).status).toBe(200);
    const referred = await sign({ referredBy: lead.id });
    expect(referred.contract.lead).toBe(lead.id);
    expect(referred.contract.lead).not.toBe(referred.lead.id);
    // … also when it is empty: a lookup the map names is not filled by itself.
    expect((await sign()).contract.lead).toBeNull();

    // Two lookups back to the lead and neither mapped: which one is meant is not guessed.
    delete stages.find((s) => s.key === 'signed')!.creates!.map.lead;
    document.objects.contract!.fields.renewalOf = { type: 'lookup', object: 'lead', onDelete: 'clear' };
    expect((await publish(t, document)).status).toBe(200);
    expect((await sign()).contract).toMatchObject({ lead: null, renewalOf: null });
  });

  it("starts a `today` date with the tenant's date and a `now` date-time with the moment of creation, also on a record a stage move creates", async () => {
    const document = testDocument();
    document.timeZone = 'Asia/Shanghai';
    document.objects.contract!.fields.signedAt = { type: 'date', required: true, default: 'today' };
    (document.objects.visit!.fields.visitedAt as { default?: string }).default = 'now';
    const t = await ctx().createTenantWith(document);
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    // 23:30 in London on the 6th is already the 7th in Shanghai.
    ctx().setNow('2026-12-06T23:30:00Z');
    try {
      const hotel = await t.admin.post(p('/records/hotel'), { name: 'H' });
      const lead = (await t.admin.post(p('/records/lead'), { name: 'Deal', hotel: hotel.body.id, contactName: 'A', contactPhone: '+86 1', expectedRevenue: 9000 })).body;
      const visit = await t.admin.post(p('/records/visit'), { lead: lead.id });
      expect(visit.status, visit.text).toBe(201);
      expect(visit.body.visitedAt).toBe('2026-12-06T23:30:00.000Z');
      // A value given wins over the default.
      const given = await t.admin.post(p('/records/visit'), { lead: lead.id, visitedAt: '2026-12-01T02:00:00Z' });
      expect(given.body.visitedAt).toBe('2026-12-01T02:00:00.000Z');
      const signed = await t.admin.post(p(`/records/lead/${lead.id}/transition`), { to: 'signed' });
      expect(signed.status, signed.text).toBe(200);
      const contract = await t.admin.get(p(`/records/contract/${signed.body.$created.id}`));
      expect(contract.body.signedAt).toBe('2026-12-07');
      // The OpenAPI says what the default is in words, not as a value a client would send.
      const openapi = await t.admin.get(p('/openapi.json'));
      const schemas = JSON.stringify(openapi.body.components.schemas);
      expect(schemas).toContain('Default: the moment the record is created.');
      expect(schemas).toContain("Default: the day the record is created, in the tenant's time zone (Asia/Shanghai).");
    } finally {
      ctx().setNow(null);
    }
  });

  it('reads a funnel period ending on a date as ending when that day ends', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    ctx().setNow('2026-12-31T15:00:00Z');
    try {
      const hotel = await t.admin.post(p('/records/hotel'), { name: 'H' });
      expect((await t.admin.post(p('/records/lead'), { name: 'New year’s eve', hotel: hotel.body.id })).status).toBe(201);
    } finally {
      ctx().setNow(null);
    }
    const entered = async (query: string) => {
      const answer = await t.admin.get(p(`/pipelines/leadFunnel/funnel?${query}`));
      expect(answer.status, answer.text).toBe(200);
      return [answer.body.stages.find((s: { stage: string }) => s.stage === 'new').entered, answer.body.to];
    };
    // A BI pull of December asks from the 1st to the 31st: the lead of the 31st is in it.
    expect(await entered('from=2026-12-01&to=2026-12-31')).toEqual([1, '2027-01-01T00:00:00.000Z']);
    expect(await entered('from=2026-12-31&to=2026-12-31')).toEqual([1, '2027-01-01T00:00:00.000Z']);
    expect(await entered('to=2026-12-30')).toEqual([0, '2026-12-31T00:00:00.000Z']);
    // A date-time is the instant it names.
    expect(await entered('to=2026-12-31T15:00:00Z')).toEqual([0, '2026-12-31T15:00:00.000Z']);
    expect(await entered('to=9999-12-31')).toEqual([1, '9999-12-31T23:59:59.999Z']);
    // From noon of the 31st to the 31st is the rest of that day (the lead came at 15:00), not a reversed period.
    expect(await entered('from=2026-12-31T12:00:00Z&to=2026-12-31')).toEqual([1, '2027-01-01T00:00:00.000Z']);
    // Still a mistake: a day that ends before the period starts.
    expect((await t.admin.get(p('/pipelines/leadFunnel/funnel?from=2026-12-02&to=2026-12-01'))).status).toBe(400);
  });

  it('lets a listed move name who may reach a won stage: only managers sign, anyone still loses a lead', async () => {
    const doc = testDocument();
    doc.pipelines!.leadFunnel!.transitions = [
      { from: ['new'], to: ['contacted'] },
      { from: ['contacted'], to: ['signed'], roles: ['manager'] },
    ];
    const t = await ctx().createTenantWith(doc);
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const manager = await ctx().createUser(t, { email: 'm@t.test', roles: ['manager'], attributes: { team: 'north' } });
    const bd = await ctx().createUser(t, { email: 'b@t.test', roles: ['bd'], attributes: { team: 'north' } });
    const lead = async () => {
      const id = (await t.admin.post(p('/records/lead'), { name: 'Signable', contactName: 'a', contactPhone: '+86 1', expectedRevenue: 1 })).body.id as string;
      expect((await t.admin.post(p('/pools/leadPool/assign'), { id, userId: bd.id })).status).toBe(200);
      return id;
    };
    const first = await lead();
    // From 新线索 straight to 已签约: not a listed move, so not even a manager.
    expect((await manager.client.post(p(`/records/lead/${first}/transition`), { to: 'signed' })).status).toBe(422);
    expect((await bd.client.post(p(`/records/lead/${first}/transition`), { to: 'contacted' })).status).toBe(200);
    const refused = await bd.client.post(p(`/records/lead/${first}/transition`), { to: 'signed' });
    expect(refused.status, refused.text).toBe(422);
    expect((await t.admin.get(p(`/records/lead/${first}`))).body.stage).toBe('contacted');
    expect((await manager.client.post(p(`/records/lead/${first}/transition`), { to: 'signed' })).status).toBe(200);
    // Lost is not named by the list: the BD may still close a lead as lost from any open stage.
    const second = await lead();
    expect((await bd.client.post(p(`/records/lead/${second}/transition`), { to: 'lost', note: 'closed for good' })).status).toBe(200);
  });

  it('honours explicit transition lists with roles and reports the funnel', async () => {
    const doc = testDocument();
    doc.pipelines!.leadFunnel!.transitions = [
      { from: ['new'], to: ['contacted'] },
      { from: ['contacted'], to: ['new'], roles: ['manager'] },
    ];
    const t = await ctx().createTenantWith(doc);
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const manager = await ctx().createUser(t, { email: 'm@t.test', roles: ['manager'], attributes: { team: 'north' } });
    const bd = await ctx().createUser(t, { email: 'b@t.test', roles: ['bd'], attributes: { team: 'north' } });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await t.admin.post(p('/records/lead'), { name: `F${i}`, contactName: 'a', contactPhone: '+86 1', expectedRevenue: 1 })).body.id);
    await new Promise((r) => setTimeout(r, 5));
    const created = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    for (const id of ids.slice(0, 3)) expect((await t.admin.post(p(`/records/lead/${id}/transition`), { to: 'contacted' })).status).toBe(200);
    expect((await t.admin.post(p(`/records/lead/${ids[0]}/transition`), { to: 'negotiating' })).status).toBe(422);
    expect((await t.admin.post(p(`/records/lead/${ids[0]}/transition`), { to: 'signed' })).status).toBe(200);
    expect((await t.admin.post(p(`/records/lead/${ids[1]}/transition`), { to: 'lost', note: 'no' })).status).toBe(200);
    // Only a manager may move contacted → new, and only on leads held by their team.
    const lead3 = ids[2]!;
    expect((await t.admin.post(p(`/records/lead/${lead3}/transition`), { to: 'new' })).status).toBe(200); // admins may always
    expect((await t.admin.post(p(`/records/lead/${lead3}/transition`), { to: 'contacted' })).status).toBe(200);
    expect((await manager.client.post(p(`/records/lead/${lead3}/transition`), { to: 'new' })).status).toBe(403);
    expect((await t.admin.post(p('/pools/leadPool/assign'), { id: lead3, userId: bd.id })).status).toBe(200);
    expect((await bd.client.post(p(`/records/lead/${lead3}/transition`), { to: 'new' })).status).toBe(422);
    expect((await manager.client.post(p(`/records/lead/${lead3}/transition`), { to: 'new' })).status).toBe(200);

    const funnel = await t.admin.get(p('/pipelines/leadFunnel/funnel'));
    expect(funnel.status, funnel.text).toBe(200);
    const byStage = Object.fromEntries(funnel.body.stages.map((s: { stage: string }) => [s.stage, s]));
    expect(byStage.new).toMatchObject({ entered: 4, current: 2, converted: 3, conversionRate: 0.75 });
    expect(byStage.contacted).toMatchObject({ entered: 3, current: 0, converted: 1, conversionRate: 0.3333 });
    expect(funnel.body.stages.map((s: { stage: string }) => s.stage)).toEqual(['new', 'contacted', 'negotiating', 'signed', 'lost']);
    expect(byStage.signed).toMatchObject({ entered: 1, current: 1, conversionRate: null });
    expect(byStage.lost).toMatchObject({ entered: 1, current: 1 });
    expect(typeof byStage.new.medianDaysInStage).toBe('number');
    const filtered = await t.admin.get(p(`/pipelines/leadFunnel/funnel?where=${encodeURIComponent(JSON.stringify({ name: 'F0' }))}`));
    expect(filtered.body.stages.find((s: { stage: string }) => s.stage === 'new').entered).toBe(1);
    // A period counts the entries in it; a conversion counts whenever it came.
    const before = await t.admin.get(p(`/pipelines/leadFunnel/funnel?to=${encodeURIComponent(created)}`));
    const beforeBy = Object.fromEntries(before.body.stages.map((s: { stage: string }) => [s.stage, s]));
    expect(beforeBy.new).toMatchObject({ entered: 4, converted: 3 });
    expect(beforeBy.contacted).toMatchObject({ entered: 0, converted: 0 });
    // After the creations, only the lead moved back to new entered it (first at its first move
    // back), and it went on to contacted; contacted was entered by three.
    const after = await t.admin.get(p(`/pipelines/leadFunnel/funnel?from=${encodeURIComponent(created)}`));
    const afterBy = Object.fromEntries(after.body.stages.map((s: { stage: string }) => [s.stage, s]));
    expect(afterBy.new).toMatchObject({ entered: 1, converted: 1, current: 2 });
    expect(afterBy.contacted).toMatchObject({ entered: 3, converted: 1 });
    expect((await t.admin.get(p('/pipelines/nope/funnel'))).status).toBe(404);
    expect((await t.admin.get(p('/pipelines/leadFunnel/funnel?from=yesterday'))).status).toBe(400);
    for (const far of ['from=%2B275760-09-13T00:00:00.000Z', 'to=99999', 'from=2026-02-30', 'to=2026-02-30T10:00:00Z', 'from=2026-04-31T00:00']) {
      const answer = await t.admin.get(p(`/pipelines/leadFunnel/funnel?${far}`));
      expect(answer.status, far).toBe(400);
      expect(answer.body.errors).toEqual([{ path: `?${far.split('=')[0]}`, message: expect.stringContaining('ISO 8601') }]);
    }
    // A window that ends before it starts is a mistake (the two swapped), not an empty funnel.
    const reversed = await t.admin.get(p('/pipelines/leadFunnel/funnel?from=2026-12-01&to=2026-11-01'));
    expect(reversed.status, reversed.text).toBe(400);
    expect(reversed.body.errors).toEqual([{ path: '?to', message: 'must not be before from' }]);
    expect((await t.admin.get(p('/pipelines/leadFunnel/funnel?from=2026-12-01&to=2026-12-01'))).status).toBe(200);
  });
});
