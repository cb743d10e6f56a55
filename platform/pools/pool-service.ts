import type { Row } from '../filter/evaluate-filter.ts';
import { assertRunNotAhead, type RecordContext } from '../records/record-context.ts';
import type { ListRequest } from '../records/read-records.ts';
import { shapeForCaller, type RecordsService } from '../records/records-service.ts';
import { ShoalError } from '../errors.ts';
import { statementReads, writesAt, type Storage, type Tx } from '../storage/storage.ts';
import type { RecordRow } from '../records/record-shape.ts';
import { compiledPools, type CompiledPool } from './compiled-pools.ts';
import { assignRecord, claimRecord, extendHold, poolHoldings, releaseRecord } from './pool-actions.ts';
import { isPoolAdmin, poolFor } from './pool-common.ts';
import { listMine, listPublic, type MineRequest } from './pool-lists.ts';
import { sweepPool, type SweepResult } from './pool-sweeper.ts';

/** Connections a sweep releases on at once (PostgreSQL). */
const sweepWorkers = 2;

/** The public/private sea of every pool: lists, claim, release, assign, extend and the sweep. */
export class PoolService {
  #parallelSweep = false;

  constructor(
    private readonly storage: Storage,
    private readonly records: RecordsService,
  ) {}

  async listPublic(ctx: RecordContext, poolKey: string, request: ListRequest) {
    const pool = poolFor(ctx, poolKey);
    return this.storage.inTenant(ctx.tenantId, (tx) => listPublic(tx, ctx, pool, request), statementReads);
  }

  /** The caller's holdings; pool admins may look at another member's with `owner`. */
  async listMine(ctx: RecordContext, poolKey: string, request: MineRequest) {
    const pool = poolFor(ctx, poolKey);
    if (request.owner && request.owner !== ctx.actorId && !isPoolAdmin(ctx, pool)) throw new ShoalError('forbidden', 'Only pool administrators may look at another person’s private pool');
    return this.storage.inTenant(ctx.tenantId, (tx) => listMine(tx, ctx, pool, request), statementReads);
  }

  /** What people hold against the pool's limit: everyone's for pool administrators, one's own otherwise. */
  async holdings(ctx: RecordContext, poolKey: string) {
    const pool = poolFor(ctx, poolKey);
    return this.storage.inTenant(ctx.tenantId, (tx) => poolHoldings(tx, ctx, pool), statementReads);
  }

  async claim(ctx: RecordContext, poolKey: string, id: string): Promise<Row> {
    const pool = poolFor(ctx, poolKey);
    return this.#write(ctx, pool.object, (tx) => claimRecord(tx, ctx, this.records.hooks, pool, id));
  }

  async release(ctx: RecordContext, poolKey: string, id: string, reason: string): Promise<Row> {
    const pool = poolFor(ctx, poolKey);
    return this.#write(ctx, pool.object, (tx) => releaseRecord(tx, ctx, this.records.hooks, pool, id, reason));
  }

  async assign(ctx: RecordContext, poolKey: string, id: string, userId: string, options: { force?: boolean; reason?: string }): Promise<Row> {
    const pool = poolFor(ctx, poolKey);
    return this.#write(ctx, pool.object, (tx) => assignRecord(tx, ctx, this.records.hooks, pool, id, userId, options));
  }

  async extend(ctx: RecordContext, poolKey: string, id: string): Promise<Row> {
    const pool = poolFor(ctx, poolKey);
    return this.#write(ctx, pool.object, (tx) => extendHold(tx, ctx, this.records.hooks, pool, id));
  }

  /**
   * Runs (or previews) the release sweep of one pool; only pool admins may. A preview may look
   * ahead to any `asOf`; a real run releases what is due by `asOf`, never later than the
   * server's clock (not even for a tenant admin), because what it writes (released at,
   * cooldowns, history, notices) is dated now. A caller who is not a tenant admin sweeps only
   * the holds they may read.
   *
   * @example
   * await pools.sweep(ctx, 'leadPool', { asOf: ctx.now, dryRun: false }) // { released: 3, … }
   */
  async sweep(ctx: RecordContext, poolKey: string, options: { asOf: Date; dryRun: boolean }): Promise<SweepResult> {
    const pool = poolFor(ctx, poolKey);
    if (!isPoolAdmin(ctx, pool)) throw new ShoalError('forbidden', 'Only pool administrators may run the sweep');
    assertRunNotAhead(ctx, options, 'A sweep that releases');
    return this.storage.inTenant(ctx.tenantId, (tx) => this.sweepIn(tx, ctx, pool, options));
  }

  /** The scheduled sweep of every pool of a tenant (the system acting). */
  async sweepAll(ctx: RecordContext, asOf: Date): Promise<SweepResult[]> {
    const results: SweepResult[] = [];
    for (const pool of compiledPools(ctx.compiled)) {
      results.push(await this.storage.inTenant(ctx.tenantId, (tx) => this.sweepIn(tx, ctx, pool, { asOf, dryRun: false })));
    }
    return results;
  }

  /**
   * Sweeps one pool from `tx` (the scheduler's slot transaction, or a request's). On PostgreSQL
   * the releases run on two more connections at once; one such sweep at a time per process, so
   * sweeps waiting for connections can never hold every connection of the pool (any further
   * sweep meanwhile releases in `tx`). `tx` holds the tenant's write lock, and the parts run
   * within it (it waits for them), so they do not ask for the lock again.
   */
  async sweepIn(tx: Tx, ctx: RecordContext, pool: CompiledPool, options: { asOf: Date; dryRun: boolean }): Promise<SweepResult> {
    if (options.dryRun || this.storage.kind !== 'postgres' || this.#parallelSweep) return sweepPool({ tx, hooks: this.records.hooks }, ctx, pool, options);
    this.#parallelSweep = true;
    try {
      return await sweepPool({ tx, hooks: this.records.hooks, parallel: { workers: sweepWorkers, inTenant: (work) => this.storage.inTenant(ctx.tenantId, work, { writeLockHeldByCaller: true }) } }, ctx, pool, options);
    } finally {
      this.#parallelSweep = false;
    }
  }

  async #write(ctx: RecordContext, objectKey: string, work: (tx: Tx) => Promise<RecordRow>): Promise<Row> {
    const object = ctx.compiled.objects.get(objectKey)!;
    return this.storage.inTenant(ctx.tenantId, async (tx) => shapeForCaller(tx, ctx, object, await work(tx)), writesAt(ctx.compiled));
  }
}
