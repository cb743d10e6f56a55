import type { Row } from '../filter/evaluate-filter.ts';
import type { CompiledObject } from '../metadata/compile-metadata.ts';
import type { Tx } from '../storage/storage.ts';
import type { RecordContext } from './record-context.ts';

/** System columns a module may set on a record being created (pool membership, owner). */
export interface CreateColumns {
  owner?: string | null;
  pool?: string | null;
  poolState?: 'public' | 'private' | null;
  claimedAt?: Date | null;
  holdExpiresAt?: Date | null;
}

export type RecordAction = 'create' | 'update' | 'delete' | 'restore' | 'transition' | 'claim' | 'release' | 'assign' | 'extend';

export interface RecordEvent {
  action: RecordAction;
  object: CompiledObject;
  id: string;
  /** The full record before and after (every field, as stored). */
  before?: Row;
  after?: Row;
}

/**
 * Extension points of the records runtime, so modules (pools, visits, webhooks) act on record
 * writes without the runtime knowing them. Hooks run inside the writing transaction.
 */
export class RecordHooks {
  readonly #prepareCreate: Array<(tx: Tx, ctx: RecordContext, object: CompiledObject, record: Row) => Promise<CreateColumns> | CreateColumns> = [];
  readonly #afterWrite: Array<(tx: Tx, ctx: RecordContext, events: RecordEvent[]) => Promise<void>> = [];

  /** Decides system columns of new records (e.g. which pool a lead falls into). Later hooks win. */
  onPrepareCreate(hook: (tx: Tx, ctx: RecordContext, object: CompiledObject, record: Row) => Promise<CreateColumns> | CreateColumns): void {
    this.#prepareCreate.push(hook);
  }

  /** Runs after records were written (batched for bulk writes). */
  onAfterWrite(hook: (tx: Tx, ctx: RecordContext, events: RecordEvent[]) => Promise<void>): void {
    this.#afterWrite.push(hook);
  }

  async prepareCreate(tx: Tx, ctx: RecordContext, object: CompiledObject, record: Row): Promise<CreateColumns> {
    let columns: CreateColumns = {};
    for (const hook of this.#prepareCreate) columns = { ...columns, ...(await hook(tx, ctx, object, record)) };
    return columns;
  }

  async afterWrite(tx: Tx, ctx: RecordContext, events: RecordEvent[]): Promise<void> {
    if (events.length === 0) return;
    for (const hook of this.#afterWrite) await hook(tx, ctx, events);
  }
}
