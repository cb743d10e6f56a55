import { createHash } from 'node:crypto';
import { accessPolicyFor, AccessPolicy } from '../access/access-policy.ts';
import { ShoalError } from '../errors.ts';
import type { Row } from '../filter/evaluate-filter.ts';
import type { CompiledMetadata, CompiledObject } from '../metadata/compile-metadata.ts';
import type { MetadataCache } from '../metadata/metadata-cache.ts';
import type { Principal } from '../principal.ts';
import { sqlState } from '../storage/database-errors.ts';
import { statementReads, writesAt, type Storage, type Tx } from '../storage/storage.ts';
import type { TenantInfo } from '../tenants/tenant-directory.ts';
import { objectOf, type RecordContext } from './record-context.ts';
import { getUserRecord, listUserRecords } from '../users/user-records.ts';
import { listHistory, type HistoryEntry } from './record-history.ts';
import { RecordHooks } from './record-hooks.ts';
import { getForCaller, listForCaller, parseFieldsAndExpand, parseListRequest, withoutHiddenWhilePublic, type ListRequest } from './read-records.ts';
import { toApiRecord, type RecordRow } from './record-shape.ts';
import { createRecord, deleteRecord, restoreRecord, updateRecord, type AcceptedVersions } from './write-records.ts';
import { listLinkable, parseLinkable, relatedCreates } from './related-creates.ts';
import { bulkWrite, type BulkRequest, type BulkResult } from './bulk-records.ts';
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
      if (request.linkable !== undefined) throw new ShoalError('bad_request', 'linkable does not apply to the user object (nothing is created on a colleague)', { errors: [{ path: '?linkable', message: 'does not apply to user' }] });
      return this.storage.inTenant(ctx.tenantId, (tx) => listUserRecords(tx, ctx, request), statementReads);
    }
    const object = objectOf(ctx, objectKey);
    if (!ctx.policy.mayEver('read', object.key)) throw new ShoalError('not_found', `There is no object called ${objectKey}`);
    const parsed = parseListRequest(ctx, object, request, { orderBy: '-createdAt' });
    if (request.linkable !== undefined) {
      const linkable = parseLinkable(ctx, object, request.linkable);
      return this.storage.inTenant(ctx.tenantId, (tx) => listLinkable(tx, ctx, this.hooks, object, parsed, linkable), statementReads);
    }
    return this.storage.inTenant(ctx.tenantId, (tx) => listForCaller(tx, ctx, object, parsed), statementReads);
  }

  /**
   * One record and what the caller may do to it besides reading (people are read-only here).
   * With `creatable`, also which related records they may create pointing at it (`visit.lead`,
   * see `relatedCreates`): a check per related object, so only a screen that offers "Add" asks.
   */
  async get(ctx: RecordContext, objectKey: string, id: string, options: { fields?: string[]; expand?: string[]; creatable?: boolean } = {}): Promise<{ record: Row; allowed: Array<'update' | 'delete'>; relatedCreates?: string[] }> {
    if (objectKey === 'user') return { record: await this.storage.inTenant(ctx.tenantId, (tx) => getUserRecord(tx, ctx, id, options), statementReads), allowed: [], ...(options.creatable ? { relatedCreates: [] } : {}) };
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
    const { status, body: record } = await this.#once(ctx, options.idempotencyKey, objectKey, body, async (tx) => ({
      status: 201, body: await this.#shape(tx, ctx, object, await createRecord(tx, ctx, this.hooks, object, body)),
    }));
    return { status, record: record as Row };
  }

  /**
   * Writes up to 1,000 records (`bulkWrite`). With an idempotency key, a retry of the same call
   * answers the first call's results (for 24 h) instead of writing again; the key with another
   * call is a 409. An atomic call that failed wrote nothing and keeps no result: it may be retried.
   */
  async bulk(ctx: RecordContext, objectKey: string, request: BulkRequest, options: { idempotencyKey?: string } = {}): Promise<{ results: BulkResult[] }> {
    const object = objectOf(ctx, objectKey);
    const { body } = await this.#once(ctx, options.idempotencyKey, `${objectKey}/bulk`, request, async (tx) => ({
      status: 200, body: { results: await bulkWrite(tx, ctx, this.hooks, object, request) },
    }));
    return body as { results: BulkResult[] };
  }

  /**
   * Runs a write once per idempotency key: the first request's answer is kept with the key (in
   * the write's transaction) and a retry within 24 h gets it back; a concurrent retry that loses
   * the race for the key answers with the winner's. `scope` and `body` identify the request.
   */
  async #once(ctx: RecordContext, key: string | undefined, scope: string, body: unknown, write: (tx: Tx) => Promise<{ status: number; body: unknown }>): Promise<{ status: number; body: unknown }> {
    if (!key) return this.storage.inTenant(ctx.tenantId, write, writesAt(ctx.compiled));
    if (key.length > 200) throw new ShoalError('bad_request', 'Idempotency-Key is longer than 200 characters');
    const requestHash = createHash('sha256').update(`${scope}\u0000${canonicalJson(body)}`).digest('base64url');
    // Keys kept before the hash ignored key order (within their 24 h) hold the hash of the body as sent.
    const asSent = createHash('sha256').update(`${scope}\u0000${JSON.stringify(body)}`).digest('base64url');
    const replay = async () => this.storage.inTenant(ctx.tenantId, (tx) => findIdempotent(tx, ctx, key, [requestHash, asSent]), { readOnly: true });
    const earlier = await replay();
    if (earlier) return earlier;
    try {
      return await this.storage.inTenant(ctx.tenantId, async (tx) => {
        await tx.deleteFrom('idempotency_keys').where('tenant_id', '=', ctx.tenantId).where('user_id', '=', ctx.actorId!).where('key', '=', key)
          .where('created_at', '<', new Date(ctx.now.getTime() - 24 * 3600_000)).execute();
        const answer = await write(tx);
        await tx.insertInto('idempotency_keys').values({
          tenant_id: ctx.tenantId, user_id: ctx.actorId!, key, request_hash: requestHash, status: answer.status, body: keptAnswer(answer.body), created_at: ctx.now,
        }).execute();
        return answer;
      }, writesAt(ctx.compiled));
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
    return this.storage.inTenant(ctx.tenantId, async (tx) => this.#shape(tx, ctx, object, await updateRecord(tx, ctx, this.hooks, object, id, body, options)), writesAt(ctx.compiled));
  }

  async delete(ctx: RecordContext, objectKey: string, id: string, options: { ifMatch?: AcceptedVersions } = {}): Promise<void> {
    const object = objectOf(ctx, objectKey);
    await this.storage.inTenant(ctx.tenantId, (tx) => deleteRecord(tx, ctx, this.hooks, object, id, options), writesAt(ctx.compiled));
  }

  async restore(ctx: RecordContext, objectKey: string, id: string): Promise<Row> {
    const object = objectOf(ctx, objectKey);
    return this.storage.inTenant(ctx.tenantId, async (tx) => this.#shape(tx, ctx, object, await restoreRecord(tx, ctx, this.hooks, object, id)), writesAt(ctx.compiled));
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

/**
 * A row as the caller may read it (fields per their read rules, less those its pool hides while
 * it is public; system fields only if none apply), as a read of it would show it.
 */
export async function shapeForCaller(tx: Tx, ctx: RecordContext, object: CompiledObject, row: RecordRow): Promise<Row> {
  if (ctx.policy.isAdmin) return toApiRecord(row, object, 'all');
  const full = toApiRecord(row, object, 'all');
  const resolve = await relatedResolver(tx, ctx, object, [full], 'read');
  const readable = ctx.policy.can('read', object.key, full, resolve) ? ctx.policy.fieldsFor('read', object.key, full, resolve) : new Set<string>();
  return toApiRecord(row, object, withoutHiddenWhilePublic(ctx, object, readable, row));
}

async function findIdempotent(tx: Tx, ctx: RecordContext, key: string, requestHashes: string[]): Promise<{ status: number; body: unknown } | undefined> {
  const row = await tx.selectFrom('idempotency_keys').select(['request_hash', 'status', 'body', 'created_at'])
    .where('tenant_id', '=', ctx.tenantId).where('user_id', '=', ctx.actorId!).where('key', '=', key).executeTakeFirst();
  if (!row || row.created_at.getTime() < ctx.now.getTime() - 24 * 3600_000) return undefined;
  if (!requestHashes.includes(row.request_hash)) {
    throw new ShoalError('idempotency_conflict', 'This Idempotency-Key was used for a different request');
  }
  return { status: row.status, body: typeof row.body === 'string' ? JSON.parse(row.body) : row.body };
}

/**
 * JSON with every object's keys in order: a retry that re-serialises the same body from a map
 * (keys in another order) is the same request.
 */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The answer kept with an idempotency key, as a JSON string inside the jsonb column: jsonb
 * reorders an object's keys, and a replay must be the first answer byte for byte. (Rows kept
 * before hold the object itself; `findIdempotent` reads both.)
 */
function keptAnswer(body: unknown): string {
  return JSON.stringify(JSON.stringify(body));
}
