import { createHash } from 'node:crypto';
import { accessPolicyFor, AccessPolicy } from '../access/access-policy.ts';
import { ShoalError } from '../errors.ts';
import type { Row } from '../filter/evaluate-filter.ts';
import type { CompiledMetadata, CompiledObject } from '../metadata/compile-metadata.ts';
import type { MetadataCache } from '../metadata/metadata-cache.ts';
import type { Principal } from '../principal.ts';
import { sqlState } from '../storage/database-errors.ts';
import { statementReads, type Storage, type Tx } from '../storage/storage.ts';
import type { TenantInfo } from '../tenants/tenant-directory.ts';
import { objectOf, type RecordContext } from './record-context.ts';
import { getUserRecord, listUserRecords } from '../users/user-records.ts';
import { listHistory, type HistoryEntry } from './record-history.ts';
import { RecordHooks } from './record-hooks.ts';
import { getForCaller, listForCaller, parseFieldsAndExpand, parseListRequest, type ListRequest } from './read-records.ts';
import { toApiRecord, type RecordRow } from './record-shape.ts';
import { createRecord, deleteRecord, restoreRecord, updateRecord, type AcceptedVersions } from './write-records.ts';
import { relatedCreates } from './related-creates.ts';
import { relatedResolver } from './write-checks.ts';

/**
 * The generic records runtime: every object of the live metadata gets list, get, create,
 * update, delete, restore and history, each permission-checked; a write is one tenant
 * transaction, a read one read-only tenant transaction per statement (`statementReads`).
 */
export class RecordsService {
  readonly hooks = new RecordHooks();

  constructor(
    private readonly storage: Storage,
    private readonly metadata: MetadataCache,
    private readonly clock: () => Date,
  ) {}

  /** The context of a caller's request: live metadata and their compiled access policy. */
  async context(tenant: TenantInfo, principal: Principal): Promise<RecordContext> {
    const compiled = await this.metadata.live(tenant);
    const now = this.clock();
    return { tenantId: tenant.id, compiled, policy: accessPolicyFor(compiled, principal, now), actorId: principal.user.id, now };
  }

  /** The system acting on a tenant (sweeps, seeds, rules): every permission. */
  systemContext(compiled: CompiledMetadata, actorId: string | null = null): RecordContext {
    const now = this.clock();
    return { tenantId: compiled.tenantId, compiled, policy: AccessPolicy.system(compiled, now), actorId, now };
  }

  async list(ctx: RecordContext, objectKey: string, request: ListRequest) {
    if (objectKey === 'user') {
      if (request.orderBy || request.fields?.length || request.expand?.length) throw new ShoalError('bad_request', 'The user object lists by name; orderBy, fields and expand do not apply');
      return this.storage.inTenant(ctx.tenantId, (tx) => listUserRecords(tx, ctx, request), statementReads);
    }
    const object = objectOf(ctx, objectKey);
    if (!ctx.policy.mayEver('read', object.key)) throw new ShoalError('not_found', `There is no object called ${objectKey}`);
    const parsed = parseListRequest(ctx, object, request, { orderBy: '-createdAt' });
    return this.storage.inTenant(ctx.tenantId, (tx) => listForCaller(tx, ctx, object, parsed), statementReads);
  }

  /**
   * One record and what the caller may do to it besides reading (people are read-only here).
   * With `creatable`, also which related records they may create pointing at it (`visit.lead`,
   * see `relatedCreates`): a check per related object, so only a screen that offers "Add" asks.
   */
  async get(ctx: RecordContext, objectKey: string, id: string, options: { fields?: string[]; expand?: string[]; creatable?: boolean } = {}): Promise<{ record: Row; allowed: Array<'update' | 'delete'>; relatedCreates?: string[] }> {
    if (objectKey === 'user') return { record: await this.storage.inTenant(ctx.tenantId, (tx) => getUserRecord(tx, ctx, id), statementReads), allowed: [], ...(options.creatable ? { relatedCreates: [] } : {}) };
    const object = objectOf(ctx, objectKey);
    const parsed = parseFieldsAndExpand(object, options);
    const read = (tx: Tx) => getForCaller(tx, ctx, object, id, { ...(parsed.fields ? { fields: parsed.fields } : {}), expand: parsed.expand });
    if (!options.creatable) return this.storage.inTenant(ctx.tenantId, read, statementReads);
    return this.storage.inTenant(ctx.tenantId, async (tx) => ({ ...(await read(tx)), relatedCreates: await relatedCreates(tx, ctx, this.hooks, object, id) }), statementReads);
  }

  /**
   * Creates a record. With an idempotency key, a retry of the same request returns the first
   * result (for 24 h); the same key with a different body is a 409.
   */
  async create(ctx: RecordContext, objectKey: string, body: unknown, options: { idempotencyKey?: string } = {}): Promise<{ status: number; record: Row }> {
    const object = objectOf(ctx, objectKey);
    const key = options.idempotencyKey;
    if (!key) {
      const record = await this.storage.inTenant(ctx.tenantId, async (tx) => this.#shape(tx, ctx, object, await createRecord(tx, ctx, this.hooks, object, body)));
      return { status: 201, record };
    }
    if (key.length > 200) throw new ShoalError('bad_request', 'Idempotency-Key is longer than 200 characters');
    const requestHash = createHash('sha256').update(`${objectKey}\u0000${JSON.stringify(body)}`).digest('base64url');
    const replay = async () => this.storage.inTenant(ctx.tenantId, (tx) => findIdempotent(tx, ctx, key, requestHash), { readOnly: true });
    const earlier = await replay();
    if (earlier) return earlier;
    try {
      return await this.storage.inTenant(ctx.tenantId, async (tx) => {
        await tx.deleteFrom('idempotency_keys').where('user_id', '=', ctx.actorId!).where('key', '=', key)
          .where('created_at', '<', new Date(ctx.now.getTime() - 24 * 3600_000)).execute();
        const record = await this.#shape(tx, ctx, object, await createRecord(tx, ctx, this.hooks, object, body));
        await tx.insertInto('idempotency_keys').values({
          tenant_id: ctx.tenantId, user_id: ctx.actorId!, key, request_hash: requestHash, status: 201, body: JSON.stringify(record), created_at: ctx.now,
        }).execute();
        return { status: 201, record };
      });
    } catch (error) {
      // A concurrent request with the same key won the race: answer with its result.
      if (sqlState(error) === '23505') {
        const winner = await replay();
        if (winner) return winner;
      }
      throw error;
    }
  }

  async update(ctx: RecordContext, objectKey: string, id: string, body: unknown, options: { ifMatch?: AcceptedVersions } = {}): Promise<Row> {
    const object = objectOf(ctx, objectKey);
    return this.storage.inTenant(ctx.tenantId, async (tx) => this.#shape(tx, ctx, object, await updateRecord(tx, ctx, this.hooks, object, id, body, options)));
  }

  async delete(ctx: RecordContext, objectKey: string, id: string, options: { ifMatch?: AcceptedVersions } = {}): Promise<void> {
    const object = objectOf(ctx, objectKey);
    await this.storage.inTenant(ctx.tenantId, (tx) => deleteRecord(tx, ctx, this.hooks, object, id, options));
  }

  async restore(ctx: RecordContext, objectKey: string, id: string): Promise<Row> {
    const object = objectOf(ctx, objectKey);
    return this.storage.inTenant(ctx.tenantId, async (tx) => this.#shape(tx, ctx, object, await restoreRecord(tx, ctx, this.hooks, object, id)));
  }

  async history(ctx: RecordContext, objectKey: string, id: string, options: { limit: number; before?: string }): Promise<{ data: HistoryEntry[]; nextCursor: string | null }> {
    const object = objectOf(ctx, objectKey);
    return this.storage.inTenant(ctx.tenantId, (tx) => listHistory(tx, ctx, object, id, options), statementReads);
  }

  /** A written record as the caller may see it. */
  async #shape(tx: Tx, ctx: RecordContext, object: CompiledObject, row: RecordRow): Promise<Row> {
    return shapeForCaller(tx, ctx, object, row);
  }
}

/** A row as the caller may read it (fields per their read rules; system fields only if none apply). */
export async function shapeForCaller(tx: Tx, ctx: RecordContext, object: CompiledObject, row: RecordRow): Promise<Row> {
  if (ctx.policy.isAdmin) return toApiRecord(row, object, 'all');
  const full = toApiRecord(row, object, 'all');
  const resolve = await relatedResolver(tx, ctx, object, [full], 'read');
  const readable = ctx.policy.can('read', object.key, full, resolve) ? ctx.policy.fieldsFor('read', object.key, full, resolve) : new Set<string>();
  return toApiRecord(row, object, readable);
}

async function findIdempotent(tx: Tx, ctx: RecordContext, key: string, requestHash: string): Promise<{ status: number; record: Row } | undefined> {
  const row = await tx.selectFrom('idempotency_keys').select(['request_hash', 'status', 'body', 'created_at'])
    .where('user_id', '=', ctx.actorId!).where('key', '=', key).executeTakeFirst();
  if (!row || row.created_at.getTime() < ctx.now.getTime() - 24 * 3600_000) return undefined;
  if (row.request_hash !== requestHash) {
    throw new ShoalError('idempotency_conflict', 'This Idempotency-Key was used for a different request');
  }
  return { status: row.status, record: row.body as Row };
}
