import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { ShoalError } from '../errors.ts';
import type { UserInfo } from '../principal.ts';
import { hashPassword } from '../auth/passwords.ts';
import { sqlState } from '../storage/database-errors.ts';
import { managersLockSql, tenantLiteral, type Tx } from '../storage/storage.ts';
import { envelopeParser } from '../validation/ajv.ts';

export interface NewUser {
  email: string;
  name: string;
  password?: string;
  /** A hash made before the transaction (hashing takes ~100 ms; no connection should wait on it). */
  passwordHash?: string;
  roles: string[];
  attributes?: Record<string, unknown>;
  managerId?: string | null;
}

export interface UserPatch {
  email?: string;
  name?: string;
  password?: string;
  passwordHash?: string;
  roles?: string[];
  attributes?: Record<string, unknown>;
  managerId?: string | null;
  active?: boolean;
}

const roleKey = { type: 'string', pattern: '^[a-z][a-zA-Z0-9_-]{0,39}$' };
const userProperties = {
  email: { type: 'string', format: 'email', maxLength: 254 },
  name: { type: 'string', minLength: 1, maxLength: 200 },
  password: { type: 'string', minLength: 8, maxLength: 200 },
  roles: { type: 'array', items: roleKey, maxItems: 50, uniqueItems: true },
  attributes: { type: 'object', maxProperties: 100 },
  managerId: { type: ['string', 'null'], format: 'uuid' },
};

export const parseNewUser = envelopeParser<NewUser>({
  type: 'object',
  required: ['email', 'name', 'roles'],
  additionalProperties: false,
  properties: userProperties,
});

export const parseUserPatch = envelopeParser<UserPatch>({
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { ...userProperties, active: { type: 'boolean' } },
});

type UserRow = {
  id: string;
  email: string;
  name: string;
  roles: string[];
  attributes: Record<string, unknown>;
  manager_id: string | null;
  active: boolean;
};

export function toUserInfo(row: UserRow): UserInfo {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles,
    attributes: row.attributes ?? {},
    managerId: row.manager_id,
    active: row.active,
  };
}

const userColumns = ['id', 'email', 'name', 'roles', 'attributes', 'manager_id', 'active'] as const;

/**
 * Creates a user in the tenant of the transaction. E-mails are unique per tenant
 * (case-insensitively): a duplicate is a 409.
 */
export async function insertUser(tx: Tx, tenantId: string, input: NewUser, id: string = randomUUID()): Promise<UserInfo> {
  if (input.managerId) await requireUser(tx, tenantId, input.managerId, '/managerId');
  const passwordHash = input.passwordHash ?? (input.password ? await hashPassword(input.password) : null);
  try {
    const row = await tx
      .insertInto('users')
      .values({
        tenant_id: tenantId,
        id,
        email: input.email.trim(),
        name: input.name.trim(),
        password_hash: passwordHash,
        roles: input.roles,
        attributes: JSON.stringify(input.attributes ?? {}),
        manager_id: input.managerId ?? null,
      })
      .returning(userColumns)
      .executeTakeFirstOrThrow();
    return toUserInfo(row);
  } catch (error) {
    if (sqlState(error) === '23505') {
      throw new ShoalError('duplicate', `A user with the e-mail ${input.email} already exists`, {
        errors: [{ path: '/email', message: 'is already taken' }],
      });
    }
    throw error;
  }
}

export async function getUser(tx: Tx, tenantId: string, id: string): Promise<UserInfo | undefined> {
  const row = await tx.selectFrom('users').select(userColumns).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return row ? toUserInfo(row) : undefined;
}

export async function findUserForLogin(tx: Tx, tenantId: string, email: string): Promise<(UserInfo & { passwordHash: string | null }) | undefined> {
  const row = await tx
    .selectFrom('users')
    .select([...userColumns, 'password_hash'])
    .where('tenant_id', '=', tenantId)
    .where(sql<string>`lower(email)`, '=', email.trim().toLowerCase())
    .executeTakeFirst();
  return row ? { ...toUserInfo(row), passwordHash: row.password_hash } : undefined;
}

export interface UserListOptions {
  limit: number;
  /** Case-insensitive match on name or e-mail. */
  search?: string;
  active?: boolean;
  after?: string;
}

export async function listUsers(tx: Tx, tenantId: string, options: UserListOptions): Promise<UserInfo[]> {
  let query = tx.selectFrom('users').select(userColumns).where('tenant_id', '=', tenantId).orderBy('name').orderBy('id').limit(options.limit);
  if (options.search) {
    const pattern = `%${escapeLike(options.search)}%`;
    query = query.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('email', 'ilike', pattern)]));
  }
  if (options.active !== undefined) query = query.where('active', '=', options.active);
  if (options.after) {
    const after = options.after;
    query = query.where((eb) =>
      eb(eb.refTuple('name', 'id'), '>', eb.tuple(eb.selectFrom('users').select('name').where('tenant_id', '=', tenantId).where('id', '=', after), after)),
    );
  }
  const rows = await query.execute();
  return rows.map(toUserInfo);
}

export async function updateUser(tx: Tx, tenantId: string, id: string, patch: UserPatch): Promise<UserInfo> {
  // A manager sent back unchanged (a form saving every field) is not a change of the reporting
  // line: a loop saved before loops were refused must not block editing the user's name.
  if (patch.managerId && patch.managerId !== (await getUser(tx, tenantId, id))?.managerId) {
    if (patch.managerId === id) throw new ShoalError('validation_failed', 'A user cannot be their own manager', { errors: [{ path: '/managerId', message: 'cannot be the user themself' }] });
    await requireUser(tx, tenantId, patch.managerId, '/managerId');
    await refuseManagerCycle(tx, tenantId, id, patch.managerId);
  }
  const values: Record<string, unknown> = { updated_at: new Date() };
  if (patch.email !== undefined) values.email = patch.email.trim();
  if (patch.name !== undefined) values.name = patch.name.trim();
  if (patch.roles !== undefined) values.roles = patch.roles;
  if (patch.attributes !== undefined) values.attributes = JSON.stringify(patch.attributes);
  if (patch.managerId !== undefined) values.manager_id = patch.managerId;
  if (patch.active !== undefined) values.active = patch.active;
  if (patch.passwordHash !== undefined) values.password_hash = patch.passwordHash;
  else if (patch.password !== undefined) values.password_hash = await hashPassword(patch.password);
  try {
    const row = await tx.updateTable('users').set(values).where('tenant_id', '=', tenantId).where('id', '=', id).returning(userColumns).executeTakeFirst();
    if (!row) throw new ShoalError('not_found', 'User was not found');
    return toUserInfo(row);
  } catch (error) {
    if (sqlState(error) === '23505') {
      throw new ShoalError('duplicate', `A user with the e-mail ${patch.email} already exists`, {
        errors: [{ path: '/email', message: 'is already taken' }],
      });
    }
    throw error;
  }
}

/**
 * Refuses a manager whose chain of managers leads back to the user: 'my team' follows the chain
 * and a loop would make everyone in it their own report. Changes of managers in the tenant take
 * turns (an advisory lock), so two concurrent changes cannot each close half of a loop.
 */
async function refuseManagerCycle(tx: Tx, tenantId: string, id: string, managerId: string): Promise<void> {
  await managersLockSql(tenantId).execute(tx);
  const { rows } = await sql<{ id: string; name: string }>`
    WITH RECURSIVE chain (id, name, manager_id, depth, seen) AS (
      SELECT id, name, manager_id, 1, ARRAY[id] FROM users WHERE tenant_id = ${tenantLiteral(tenantId)} AND id = ${managerId}
      UNION ALL
      SELECT u.id, u.name, u.manager_id, c.depth + 1, c.seen || u.id
      FROM users u JOIN chain c ON u.id = c.manager_id
      WHERE u.tenant_id = ${tenantLiteral(tenantId)} AND u.id <> ALL (c.seen)
    )
    SELECT id, name FROM chain ORDER BY depth`.execute(tx);
  const back = rows.findIndex((row) => row.id === id);
  if (back < 0) return;
  const self = rows[back]!.name;
  const loop = [self, ...rows.slice(0, back + 1).map((row) => row.name)].join(' → ');
  throw new ShoalError('validation_failed', `This manager would make a reporting cycle: ${loop}`, {
    errors: [{ path: '/managerId', message: `would make a reporting cycle (${loop})` }],
  });
}

async function requireUser(tx: Tx, tenantId: string, id: string, path: string): Promise<void> {
  if (!(await getUser(tx, tenantId, id))) {
    throw new ShoalError('validation_failed', 'The manager does not exist', { errors: [{ path, message: 'is not a user of this tenant' }] });
  }
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The languages a person may choose for the screens. */
export const userLocales = ['zh', 'en'] as const;
export type UserLocale = (typeof userLocales)[number];

/** The language the person chose for the screens, or null until they choose (the tenant's default applies). */
export async function getUserLocale(tx: Tx, tenantId: string, userId: string): Promise<UserLocale | null> {
  const row = await tx.selectFrom('users').select('locale').where('tenant_id', '=', tenantId).where('id', '=', userId).executeTakeFirst();
  return row?.locale ?? null;
}

/** Sets (or, with null, clears) the person's language for the screens. */
export async function setUserLocale(tx: Tx, tenantId: string, userId: string, locale: UserLocale | null): Promise<void> {
  await tx.updateTable('users').set({ locale }).where('tenant_id', '=', tenantId).where('id', '=', userId).execute();
}
