import { stringify } from 'csv-stringify/sync';
import type { Storage } from '../storage/storage.ts';
import type { CompiledObject } from '../metadata/compile-metadata.ts';
import { labelText } from '../metadata/metadata-types.ts';
import type { ModelField } from '../metadata/object-model.ts';
import { releaseReasonsOf } from '../pools/release-reasons.ts';
import { headerOf, toCell, toLabelledCell } from './csv-values.ts';
import type { RecordContext } from './record-context.ts';
import { listForCaller, parseListRequest, type ListRequest } from './read-records.ts';

const pageSize = 2000;

/**
 * Streams the records the caller may read as CSV: UTF-8 with a byte-order mark (Excel opens it
 * correctly), a header row of field keys or labels, and keyset pages of 2,000 rows each read in
 * its own short transaction — constant memory, no row cap.
 *
 * `header: 'labels'` writes it for people, in `lang` (default the tenant's language): columns by
 * label, options and stages by label, yes/no, lookups by their record's title, people by name and
 * dates and times on the tenant's clock (`keys` writes them as UTC instants, for programs).
 * The import reads it back (labels, titles and names are what it accepts; system columns are skipped).
 */
export async function* exportCsv(storage: Storage, ctx: RecordContext, object: CompiledObject, request: ListRequest & { header?: 'keys' | 'labels'; lang?: 'en' | 'zh' }): AsyncGenerator<string> {
  const parsed = parseListRequest(ctx, object, { ...request, limit: pageSize }, { maxLimit: pageSize });
  const readableKeys = new Set(object.customFields.filter((f) => !parsed.fields || parsed.fields.has(f.key)).map((f) => f.key));
  // A pool's records with when they were last visited, as the lists show (what a manager checks a team's work by).
  const systemKeys = ['id', 'version', 'createdAt', 'updatedAt', 'owner', ...(object.poolKeys.length ? ['poolState', 'claimedAt', 'holdExpiresAt', 'lastVisitAt', 'releasedAt', 'releaseReason'] : [])];
  const columns = [...systemKeys.map((k) => object.fields.get(k)!), ...object.customFields.filter((f) => readableKeys.has(f.key))];
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
    const page = await storage.inTenant(ctx.tenantId, (tx) => listForCaller(tx, ctx, object, { ...parsed, ...(cursor ? { cursor } : {}), count: false, expand }), { readOnly: true });
    if (page.data.length > 0) yield stringify(page.data.map((record) => columns.map((f) => cell(f, record))));
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
