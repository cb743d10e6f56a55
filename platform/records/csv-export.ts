import { stringify } from 'csv-stringify/sync';
import type { Storage } from '../storage/storage.ts';
import type { CompiledObject } from '../metadata/compile-metadata.ts';
import { headerOf, toCell } from './csv-values.ts';
import type { RecordContext } from './record-context.ts';
import { listForCaller, parseListRequest, type ListRequest } from './read-records.ts';

const pageSize = 2000;

/**
 * Streams the records the caller may read as CSV: UTF-8 with a byte-order mark (Excel opens it
 * correctly), a header row of field keys or labels, and keyset pages of 2,000 rows each read in
 * its own short transaction — constant memory, no row cap.
 */
export async function* exportCsv(storage: Storage, ctx: RecordContext, object: CompiledObject, request: ListRequest & { header?: 'keys' | 'labels' }): AsyncGenerator<string> {
  const parsed = parseListRequest(ctx, object, { ...request, limit: pageSize }, { maxLimit: pageSize });
  const readableKeys = new Set(object.customFields.filter((f) => !parsed.fields || parsed.fields.has(f.key)).map((f) => f.key));
  const system = ['id', 'version', 'createdAt', 'updatedAt', 'owner', ...(object.poolKeys.length ? ['poolState', 'claimedAt', 'holdExpiresAt'] : [])];
  const fields = object.customFields.filter((f) => readableKeys.has(f.key));
  const locale = ctx.compiled.locale;
  const header = [...system, ...fields.map((f) => headerOf(f, request.header ?? 'keys', locale))];
  yield '\uFEFF' + stringify([header]);
  let cursor: string | undefined = parsed.cursor;
  for (;;) {
    const page = await storage.inTenant(ctx.tenantId, (tx) => listForCaller(tx, ctx, object, { ...parsed, ...(cursor ? { cursor } : {}), count: false, expand: [] }), { readOnly: true });
    if (page.data.length > 0) {
      yield stringify(page.data.map((record) => [...system.map((k) => toCell(record[k])), ...fields.map((f) => toCell(record[f.key]))]));
    }
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
