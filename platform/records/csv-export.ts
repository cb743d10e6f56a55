import { stringify } from 'csv-stringify/sync';
import { sql } from 'kysely';
import { ShoalError } from '../errors.ts';
import { tenantLiteral, type Storage, type Tx } from '../storage/storage.ts';
import type { CompiledObject } from '../metadata/compile-metadata.ts';
import { labelText } from '../metadata/metadata-types.ts';
import type { ModelField } from '../metadata/object-model.ts';
import { releaseReasonsOf } from '../pools/release-reasons.ts';
import { headerOf, toCell, toLabelledCell } from './csv-values.ts';
import type { RecordContext } from './record-context.ts';
import { actionFlags, allowedFromFlags, listForCaller, parseListRequest, type ListRequest } from './read-records.ts';

const pageSize = 2000;

/**
 * Streams the records the caller may read as CSV: UTF-8 with a byte-order mark (Excel opens it
 * correctly), a header row of field keys or labels, and keyset pages of 2,000 rows each read in
 * its own short transaction — constant memory, no row cap.
 *
 * `header: 'labels'` writes it for people, in `lang` (default the tenant's language): columns by
 * label, options and stages by label, yes/no, lookups by their record's title, people by name and
 * dates and times on the tenant's clock (`keys` writes them as UTC instants, for programs).
 * The import reads it back (labels, titles and names are what it accepts; its id and version say which record a row updates, at which version; other system columns are skipped).
 */
export async function* exportCsv(storage: Storage, ctx: RecordContext, object: CompiledObject, request: ExportRequest): AsyncGenerator<string> {
  if (request.columns && request.fields) throw new ShoalError('bad_request', 'Give either columns or fields, not both', { errors: [{ path: '?columns', message: 'is given with fields' }] });
  const chosen = request.columns ? chosenColumns(object, request.columns) : undefined;
  const parsed = parseListRequest(ctx, object, { ...request, ...(chosen ? { fields: chosen.map((f) => f.key) } : {}), limit: pageSize }, { maxLimit: pageSize });
  // The export rules narrow what is read: their conditions pick the rows, their field lists the
  // columns (a field some rule lists) and, row by row, the cells (the fields a rule that matches
  // the row lists).
  const exportRules = ctx.policy.isAdmin ? undefined : ctx.policy.fieldRules('export', object.key, 'r');
  const exportable = exportRules && !exportRules.some((r) => r.fields === 'all') ? new Set(exportRules.flatMap((r) => r.fields as string[])) : undefined;
  const exportCondition = ctx.policy.isAdmin ? [] : [ctx.policy.predicate('export', object.key, 'r')];
  const columns = (chosen ?? defaultColumns(object, parsed.fields)).filter((f) => f.system || !exportable || exportable.has(f.key));
  const forPeople = request.header === 'labels';
  const lang = request.lang ?? (ctx.compiled.locale.startsWith('zh') ? 'zh' : 'en');
  const header = columns.map((f) => (f.system ? (forPeople ? labelText(f.label, lang, f.key) : f.key) : headerOf(f, request.header ?? 'keys', lang)));
  // For people, lookups and people are read with their titles and names.
  const expand = forPeople ? columns.filter((f) => f.target && f.key !== 'id').map((f) => f.key) : [];
  const titleOf = (target: string, record: Record<string, unknown>) => {
    const titleField = ctx.compiled.objects.get(target)?.titleField;
    const title = titleField ? record[titleField] : undefined;
    return title === undefined || title === null ? undefined : String(title);
  };
  // A release reason by the words of the record's pool (商家已闭店 for shop_closed).
  // Worked out once per pool of the export, not for every row.
  const reasonsByPool = new Map<string | undefined, ReturnType<typeof releaseReasonsOf>>();
  const reasons = (record: Record<string, unknown>) => {
    const pool = typeof record.pool === 'string' ? record.pool : undefined;
    let found = reasonsByPool.get(pool);
    if (!found) reasonsByPool.set(pool, found = releaseReasonsOf(ctx.compiled.document.pools, pool, object.key));
    return found;
  };
  const cell = (field: ModelField, record: Record<string, unknown>) => (forPeople
    ? toLabelledCell(field, record[field.key], lang, titleOf, ctx.compiled.timeZone, field.key === 'releaseReason' ? reasons(record) : [])
    : toCell(record[field.key]));
  yield '\uFEFF' + stringify([header]);
  let cursor: string | undefined = parsed.cursor;
  for (;;) {
    const { page, allowed } = await storage.inTenant(ctx.tenantId, async (tx) => {
      const page = await listForCaller(tx, ctx, object, { ...parsed, ...(cursor ? { cursor } : {}), count: false, expand }, exportCondition);
      return { page, allowed: exportRules && page.data.length > 0 ? await exportableFields(tx, ctx, object, page.data.map((r) => r.id as string)) : undefined };
    }, { readOnly: true });
    const exported = (field: ModelField, i: number) => {
      if (field.system || !allowed) return true;
      const fields = allowed.get(page.data[i]!.id as string);
      return fields === 'all' || (fields?.has(field.key) ?? false);
    };
    if (page.data.length > 0) yield stringify(page.data.map((record, i) => columns.map((f) => (exported(f, i) ? cell(f, record) : ''))));
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

/** An export's list request, with the header's kind and language, and optionally its exact columns. */
export type ExportRequest = ListRequest & { header?: 'keys' | 'labels'; lang?: 'en' | 'zh'; columns?: string[] };

/**
 * Without `columns`: the id, the version and the other system columns a person checks (a pool's
 * records with when they were last visited, as the lists show), then the custom fields in the
 * document's order (those in `fields` when it is given).
 */
function defaultColumns(object: CompiledObject, fields: Set<string> | undefined): ModelField[] {
  const systemKeys = ['id', 'version', 'createdAt', 'updatedAt', 'owner', ...(object.poolKeys.length ? ['poolState', 'claimedAt', 'holdExpiresAt', 'lastVisitAt', 'releasedAt', 'releaseReason'] : [])];
  return [...systemKeys.map((k) => object.fields.get(k)!), ...object.customFields.filter((f) => !fields || fields.has(f.key))];
}

/**
 * `columns`: the id and the version first (what an import of the file back updates a record by,
 * and at which version), then the columns named, in their order (a list's columns as on screen).
 */
function chosenColumns(object: CompiledObject, keys: string[]): ModelField[] {
  const unknown = keys.filter((k) => !object.fields.has(k));
  if (unknown.length > 0) throw new ShoalError('bad_request', `columns: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a field' : 'are not fields'} of ${object.key}`, { errors: unknown.map((k) => ({ path: '?columns', message: `${k} is not a field` })) });
  return [...new Set(['id', 'version', ...keys])].map((k) => object.fields.get(k)!);
}

/**
 * The fields each record's export rules allow, by id: the rules' conditions evaluated in SQL on
 * the stored records (not on the rows as read, which `fields=` and read field lists trim).
 */
async function exportableFields(tx: Tx, ctx: RecordContext, object: CompiledObject, ids: string[]): Promise<Map<string, 'all' | Set<string>>> {
  const { flags, rules } = actionFlags(ctx, object, 'export');
  const { rows } = await sql<Record<string, unknown> & { id: string }>`
    SELECT r.id, ${sql.join(Object.entries(flags).map(([name, condition]) => sql`(${condition}) AS ${sql.id(name)}`))}
      FROM records AS r
     WHERE r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(object.key)} AND r.id = ANY(${ids}::uuid[])`.execute(tx);
  return new Map(rows.map((row) => [row.id, allowedFromFlags('export', rules, row) ?? new Set<string>()]));
}
