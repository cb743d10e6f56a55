import { sql, type RawBuilder } from 'kysely';
import type { Row } from '../filter/evaluate-filter.ts';
import type { CompiledObject } from '../metadata/compile-metadata.ts';
import { tenantLiteral, type Tx } from '../storage/storage.ts';
import type { RecordContext } from './record-context.ts';
import { recordColumns, type RecordRow } from './record-shape.ts';

/** System columns a module may set on a record being created (pool membership, owner). */
export interface CreateColumns {
  owner?: string | null;
  pool?: string | null;
  poolState?: 'public' | 'private' | null;
  claimedAt?: Date | null;
  holdExpiresAt?: Date | null;
}

/**
 * System columns a module moves when an update changes what decides them: a record whose new
 * values match another pool's filter moves there (see pool-membership.ts for its hold), and one
 * leaving every pool unheld gets an owner and loses what only a pool gives (its hold's clocks,
 * extensions and last release).
 */
export interface MovedColumns {
  pool: string | null;
  poolState: 'public' | 'private' | null;
  owner?: string | null;
  claimedAt?: Date | null;
  holdExpiresAt?: Date | null;
  extendedTimes?: number;
  extendedDays?: number;
  releasedAt?: Date | null;
  releaseReason?: string | null;
  releasedBy?: string | null;
}

/** Decides the moved columns of a record about to be written with `after` (the fields in `changed` differ from `row`). */
export type PrepareUpdate = (tx: Tx, ctx: RecordContext, object: CompiledObject, row: RecordRow, after: Row, changed: string[]) => Promise<MovedColumns | undefined>;

export type RecordAction = 'create' | 'update' | 'delete' | 'restore' | 'transition' | 'claim' | 'release' | 'assign' | 'extend';

export interface RecordEvent {
  action: RecordAction;
  object: CompiledObject;
  id: string;
  /** The full record before and after (every field, as stored). */
  before?: Row;
  after?: Row;
}

/** Whether an after-write hook acts on events of `action` on `object`. */
export type WantsEvents = (tx: Tx, ctx: RecordContext, action: RecordAction, object: CompiledObject) => Promise<boolean> | boolean;

/**
 * Extension points of the records runtime, so modules (pools, visits, webhooks) act on record
 * writes without the runtime knowing them. Hooks run inside the writing transaction.
 */
export class RecordHooks {
  readonly #prepareCreate: Array<(tx: Tx, ctx: RecordContext, object: CompiledObject, record: Row) => Promise<CreateColumns> | CreateColumns> = [];
  readonly #prepareUpdate: PrepareUpdate[] = [];
  readonly #afterWrite: Array<{ hook: (tx: Tx, ctx: RecordContext, events: RecordEvent[]) => Promise<void>; wants?: WantsEvents }> = [];

  /** Decides system columns of new records (e.g. which pool a lead falls into). Later hooks win. */
  onPrepareCreate(hook: (tx: Tx, ctx: RecordContext, object: CompiledObject, record: Row) => Promise<CreateColumns> | CreateColumns): void {
    this.#prepareCreate.push(hook);
  }

  /** Moves system columns of a record an update or a stage move changes (e.g. into the pool its new values match). */
  onPrepareUpdate(hook: PrepareUpdate): void {
    this.#prepareUpdate.push(hook);
  }

  /**
   * Runs after records were written (batched for bulk writes). `wants` says which events the
   * hook acts on at all; without it, every event.
   */
  onAfterWrite(hook: (tx: Tx, ctx: RecordContext, events: RecordEvent[]) => Promise<void>, wants?: WantsEvents): void {
    this.#afterWrite.push({ hook, ...(wants ? { wants } : {}) });
  }

  /**
   * Whether any hook acts on `action` events of `object`. Set-based writers (an assignment run
   * of 100,000 records) read the records' full rows for events only when one does.
   */
  async wants(tx: Tx, ctx: RecordContext, action: RecordAction, object: CompiledObject): Promise<boolean> {
    for (const entry of this.#afterWrite) {
      if (!entry.wants || (await entry.wants(tx, ctx, action, object))) return true;
    }
    return false;
  }

  async prepareCreate(tx: Tx, ctx: RecordContext, object: CompiledObject, record: Row): Promise<CreateColumns> {
    let columns: CreateColumns = {};
    for (const hook of this.#prepareCreate) columns = { ...columns, ...(await hook(tx, ctx, object, record)) };
    return columns;
  }

  async prepareUpdate(tx: Tx, ctx: RecordContext, object: CompiledObject, row: RecordRow, after: Row, changed: string[]): Promise<MovedColumns | undefined> {
    let moved: MovedColumns | undefined;
    for (const hook of this.#prepareUpdate) {
      const columns = await hook(tx, ctx, object, row, after, changed);
      if (columns) moved = { ...moved, ...columns };
    }
    return moved;
  }

  async afterWrite(tx: Tx, ctx: RecordContext, events: RecordEvent[]): Promise<void> {
    if (events.length === 0) return;
    for (const { hook } of this.#afterWrite) await hook(tx, ctx, events);
  }
}

/**
 * Full rows of a tenant's records by id, for the events of a set-based write (assignment runs,
 * sweeps), which change records with one statement and build events only when a hook listens.
 * `condition` selects the rows of `records AS r` (and may end with a locking clause).
 */
export async function rowsForEvents(tx: Tx, tenantId: string, condition: RawBuilder<unknown>): Promise<Map<string, RecordRow>> {
  const rows = (await sql<RecordRow>`
    SELECT ${sql.join(recordColumns.map((c) => sql.ref(c)))} FROM records AS r WHERE r.tenant_id = ${tenantLiteral(tenantId)} AND ${condition}`.execute(tx)).rows;
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Runs `work` over ids in chunks of 1,000, so the events of a 100,000-record write are built,
 * serialised (a webhook delivery row each) and sent to the database a thousand at a time.
 */
export async function eventsInChunks(ids: string[], work: (chunk: string[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000) await work(ids.slice(i, i + 1000));
}

/** The optional moved columns: their key, column and SQL type; `history` when the record's history shows their change (as `key`: `releasedBy` goes with `releasedAt`). */
const optionalMoved: Array<{ key: keyof MovedColumns; column: keyof RecordRow; type: string; history: boolean }> = [
  { key: 'owner', column: 'owner', type: 'uuid', history: true },
  { key: 'claimedAt', column: 'claimed_at', type: 'timestamptz', history: true },
  { key: 'holdExpiresAt', column: 'hold_expires_at', type: 'timestamptz', history: true },
  { key: 'extendedTimes', column: 'extended_times', type: 'int', history: false },
  { key: 'extendedDays', column: 'extended_days', type: 'int', history: false },
  { key: 'releasedAt', column: 'released_at', type: 'timestamptz', history: true },
  { key: 'releaseReason', column: 'release_reason', type: 'text', history: true },
  { key: 'releasedBy', column: 'released_by', type: 'uuid', history: false },
];

const stored = (value: unknown) => (value instanceof Date ? value.toISOString() : value ?? null);

/** The SET items of moved columns (`, pool = …`), empty when nothing moves. */
export function movedColumnsSql(moved: MovedColumns | undefined): RawBuilder<unknown> {
  if (!moved) return sql``;
  const optional = optionalMoved.filter(({ key }) => moved[key] !== undefined)
    .map(({ key, column, type }) => sql`, ${sql.ref(column)} = ${stored(moved[key])}::${sql.raw(type)}`);
  return sql`, pool = ${moved.pool}, pool_state = ${moved.poolState}${sql.join(optional, sql``)}`;
}

/** The history changes of moved columns (API keys, before and after), those that differ from `row`. */
export function movedChanges(row: RecordRow, moved: MovedColumns | undefined): Record<string, [unknown, unknown]> {
  if (!moved) return {};
  const pairs: Array<[string, unknown, unknown]> = [
    ['pool', row.pool, moved.pool],
    ['poolState', row.pool_state, moved.poolState],
    ...optionalMoved.filter(({ key, history }) => history && moved[key] !== undefined)
      .map(({ key, column }): [string, unknown, unknown] => [key, stored(row[column]), stored(moved[key])]),
  ];
  return Object.fromEntries(pairs.filter(([, before, after]) => before !== after).map(([key, before, after]) => [key, [before, after]]));
}
