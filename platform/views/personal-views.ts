import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import { ShoalError } from '../errors.ts';
import { sqlState } from '../storage/database-errors.ts';
import type { PersonalViewsTable } from '../storage/database-schema.ts';
import type { Tx } from '../storage/storage.ts';
import { isUuid } from '../storage/storage.ts';
import type { ViewDefinition } from './view-definition.ts';

/** Whose views of which object: every operation is confined to one user's views of one object. */
export interface ViewOwner {
  tenantId: string;
  userId: string;
  object: string;
}

/** A personal view as the API answers it. */
export interface PersonalView {
  id: string;
  object: string;
  label: string;
  definition: ViewDefinition;
  /** The user's order, from 0. */
  position: number;
  /** Counts changes of label and definition (not of the order): the ETag and `If-Match`. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** How many views one user may keep of one object. */
export const maxViewsPerObject = 100;

const columns = ['id', 'object', 'label', 'definition', 'position', 'version', 'created_at', 'updated_at'] as const;
type ViewRow = Pick<Selectable<PersonalViewsTable>, (typeof columns)[number]>;

function toView(row: ViewRow): PersonalView {
  return {
    id: row.id, object: row.object, label: row.label, definition: row.definition as ViewDefinition, position: row.position, version: row.version,
    createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
  };
}

/** Another user's view is no view of this one's: the same 404 as an id that never existed. */
function viewNotFound(): ShoalError {
  return new ShoalError('not_found', 'There is no such view of yours');
}

function duplicateLabel(label: string): ShoalError {
  return new ShoalError('duplicate', `You already have a view called ${JSON.stringify(label)} here`, { errors: [{ path: '/label', message: 'is already the name of another of your views' }] });
}

/** Runs a write, turning the label index's violation (two views of one name, also when racing) into a 409. */
async function uniqueLabel<T>(label: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (label !== undefined && sqlState(error) === '23505') throw duplicateLabel(label);
    throw error;
  }
}

/**
 * Locks one of the owner's views for a change, checking `If-Match` (the versions it names) as a
 * record's is checked: 412 when the view changed since. Without `ifMatch` the last write wins.
 */
async function lockView(tx: Tx, owner: ViewOwner, id: string, ifMatch: number[] | undefined): Promise<void> {
  if (!isUuid(id)) throw viewNotFound();
  const current = await mine(tx, owner).select('version').where('id', '=', id).forUpdate().executeTakeFirst();
  if (!current) throw viewNotFound();
  if (ifMatch && !ifMatch.includes(current.version)) {
    throw new ShoalError('version_mismatch', `The view is at version ${current.version}; read it again`, { extra: { currentVersion: current.version } });
  }
}

function mine(tx: Tx, owner: ViewOwner) {
  return tx.selectFrom('personal_views').where('tenant_id', '=', owner.tenantId).where('user_id', '=', owner.userId).where('object', '=', owner.object);
}

/**
 * A user's views of an object, in their order.
 *
 * @example
 * await listViews(tx, { tenantId, userId: me.id, object: 'lead' }); // [{ label: '我的杭州线索', position: 0, … }]
 */
export async function listViews(tx: Tx, owner: ViewOwner): Promise<PersonalView[]> {
  const rows = await mine(tx, owner).select(columns).orderBy('position').orderBy('created_at').orderBy('id').execute();
  return rows.map(toView);
}

/** One of the user's views of the object; a view of anyone else is a 404, as one that never was. */
export async function getView(tx: Tx, owner: ViewOwner, id: string): Promise<PersonalView> {
  if (!isUuid(id)) throw viewNotFound();
  const row = await mine(tx, owner).select(columns).where('id', '=', id).executeTakeFirst();
  if (!row) throw viewNotFound();
  return toView(row);
}

/**
 * Saves a new view after the user's others. The user's row is locked first, so two saves at
 * once neither both pass the limit nor take the same position.
 */
export async function createView(tx: Tx, owner: ViewOwner, input: { label: string; definition: ViewDefinition }, now: Date): Promise<PersonalView> {
  await sql`SELECT 1 FROM users WHERE tenant_id = ${owner.tenantId}::uuid AND id = ${owner.userId}::uuid FOR NO KEY UPDATE`.execute(tx);
  const taken = await mine(tx, owner).select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.max('position').as('last')]).executeTakeFirstOrThrow();
  if (Number(taken.count) >= maxViewsPerObject) {
    throw new ShoalError('view_limit_reached', `You already keep ${maxViewsPerObject} views of ${owner.object}; delete one first`, { extra: { limit: maxViewsPerObject } });
  }
  const row = await uniqueLabel(input.label, () => tx.insertInto('personal_views').values({
    tenant_id: owner.tenantId, user_id: owner.userId, object: owner.object, id: randomUUID(), label: input.label,
    definition: JSON.stringify(input.definition), position: taken.last === null ? 0 : Number(taken.last) + 1,
    created_at: now, updated_at: now,
  }).returning(columns).executeTakeFirstOrThrow());
  return toView(row);
}

/** Renames a view or replaces its definition (`If-Match` as in `lockView`). */
export async function changeView(tx: Tx, owner: ViewOwner, id: string, change: { label?: string; definition?: ViewDefinition }, options: { ifMatch?: number[]; now: Date }): Promise<PersonalView> {
  await lockView(tx, owner, id, options.ifMatch);
  const row = await uniqueLabel(change.label, () => tx.updateTable('personal_views')
    .set((eb) => ({
      ...(change.label !== undefined ? { label: change.label } : {}),
      ...(change.definition !== undefined ? { definition: JSON.stringify(change.definition) } : {}),
      version: eb('version', '+', 1), updated_at: options.now,
    }))
    .where('tenant_id', '=', owner.tenantId).where('user_id', '=', owner.userId).where('object', '=', owner.object).where('id', '=', id)
    .returning(columns).executeTakeFirstOrThrow());
  return toView(row);
}

/**
 * Puts a user's views in the order of `ids`, which must name each of them once: a list read
 * before a view was added or deleted elsewhere is a 409, not an order that loses one.
 */
export async function reorderViews(tx: Tx, owner: ViewOwner, ids: string[]): Promise<PersonalView[]> {
  const held = await mine(tx, owner).select('id').forUpdate().execute();
  const known = new Set(held.map((r) => r.id));
  if (ids.length !== known.size || ids.some((id) => !known.has(id))) {
    throw new ShoalError('conflict', 'The order must name each of your views of this object once; they changed since you read them', {
      errors: [{ path: '/ids', message: `must list the ${known.size} views you have now` }],
    });
  }
  if (ids.length > 0) {
    await sql`
      UPDATE personal_views AS v SET position = o.position - 1
        FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS o(id, position)
       WHERE v.tenant_id = ${owner.tenantId}::uuid AND v.user_id = ${owner.userId}::uuid AND v.object = ${owner.object} AND v.id = o.id`.execute(tx);
  }
  return listViews(tx, owner);
}

export async function deleteView(tx: Tx, owner: ViewOwner, id: string, options: { ifMatch?: number[] } = {}): Promise<void> {
  await lockView(tx, owner, id, options.ifMatch);
  await tx.deleteFrom('personal_views')
    .where('tenant_id', '=', owner.tenantId).where('user_id', '=', owner.userId).where('object', '=', owner.object).where('id', '=', id).execute();
}
