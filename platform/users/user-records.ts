import { sql } from 'kysely';
import { ShoalError } from '../errors.ts';
import { compileFilterSql } from '../filter/compile-filter-sql.ts';
import { userScope } from '../filter/filter-fields.ts';
import { parseFilterOrThrow } from '../filter/parse-filter.ts';
import type { Row } from '../filter/evaluate-filter.ts';
import type { RecordContext } from '../records/record-context.ts';
import { isUuid, tenantLiteral, type Tx } from '../storage/storage.ts';
import { refuseAttributeConditions } from './attribute-filters.ts';

const scope = userScope();

/**
 * Users as the read-only object `user` of the records API: what lookups, owner pickers and
 * assignment dialogs need. Everyone signed in sees colleagues' names, e-mails, roles and
 * managers; attributes are shown to administrators only.
 */
export async function listUserRecords(tx: Tx, ctx: RecordContext, request: { where?: unknown; limit?: number; cursor?: string; count?: boolean }): Promise<{ data: Row[]; nextCursor: string | null; total?: number }> {
  const limit = request.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new ShoalError('bad_request', 'limit must be an integer from 1 to 500');
  const conditions = [sql`u.tenant_id = ${tenantLiteral(ctx.tenantId)}`];
  if (request.where) {
    const node = parseFilterOrThrow(request.where, scope);
    // Conditions on attributes (also through managerId.attributes.*), not any text that mentions them.
    refuseAttributeConditions(ctx, node, 'Filtering users by attributes is for administrators');
    conditions.push(compileFilterSql(node, scope, { ...ctx.policy.context, alias: 'u' }));
  }
  const where = sql.join(conditions, sql` AND `);
  let after: [string, string] | undefined;
  if (request.cursor) {
    try {
      after = JSON.parse(Buffer.from(request.cursor, 'base64url').toString('utf8')) as [string, string];
      if (!Array.isArray(after) || typeof after[0] !== 'string' || !isUuid(after[1])) throw new Error();
    } catch {
      throw new ShoalError('invalid_cursor', 'The cursor is not valid for this list');
    }
  }
  const rows = (await sql<{ id: string; email: string; name: string; roles: string[]; attributes: Record<string, unknown>; manager_id: string | null; active: boolean }>`
    SELECT u.id, u.email, u.name, u.roles, u.attributes, u.manager_id, u.active FROM users AS u
     WHERE ${where} ${after ? sql`AND (u.name COLLATE "C", u.id) > (${after[0]} COLLATE "C", ${after[1]}::uuid)` : sql``}
     ORDER BY u.name COLLATE "C", u.id LIMIT ${limit + 1}`.execute(tx)).rows;
  const page = rows.slice(0, limit);
  const data = page.map((u) => ({
    id: u.id, email: u.email, name: u.name, roles: u.roles, managerId: u.manager_id, active: u.active,
    ...(ctx.policy.isAdmin ? { attributes: u.attributes } : {}),
  }));
  const last = page[page.length - 1];
  const result: { data: Row[]; nextCursor: string | null; total?: number } = {
    data, nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify([last.name, last.id])).toString('base64url') : null,
  };
  if (request.count) result.total = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM users AS u WHERE ${where}`.execute(tx)).rows[0]!.n);
  return result;
}

export async function getUserRecord(tx: Tx, ctx: RecordContext, id: string): Promise<Row> {
  if (!isUuid(id)) throw new ShoalError('not_found', `user ${id} was not found`);
  const page = await listUserRecords(tx, ctx, { where: { id: id.toLowerCase() }, limit: 1 });
  if (!page.data[0]) throw new ShoalError('not_found', `user ${id} was not found`);
  return page.data[0];
}
