import { randomUUID } from 'node:crypto';
import { CsvError, parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { sql } from 'kysely';
import { notify } from '../notifications/notifications.ts';
import { ShoalError } from '../errors.ts';
import { openJob, starterContext } from '../jobs/open-job.ts';
import type { CompiledObject } from '../metadata/compile-metadata.ts';
import type { MetadataCache } from '../metadata/metadata-cache.ts';
import { isUuid, tenantLiteral, type Storage, type Tx } from '../storage/storage.ts';
import type { TenantDirectory } from '../tenants/tenant-directory.ts';
import { bulkWrite, type BulkResult } from './bulk-records.ts';
import { CellError, fromCell, matchHeaders, quoted, type ImportColumn } from './csv-values.ts';
import { readableWithFieldSql } from './read-records.ts';
import type { RecordContext } from './record-context.ts';
import type { RecordHooks } from './record-hooks.ts';

const chunkBytes = 1024 * 1024;
const batchRows = 1000;
const maxStoredErrors = 1000;
/** The longest row an import takes, in bytes (and characters, for the parser). */
export const maxRowBytes = 2 * 1024 * 1024;

export interface ImportOptions {
  upsertKey?: string;
  roles: string[];
}

export interface JobView {
  id: string;
  kind: string;
  object: string | null;
  state: string;
  processed: number;
  total: number | null;
  created: number;
  updated: number;
  /** Rows that matched a record and changed nothing. */
  unchanged: number;
  /** Per-row problems of an import; a failed assignment run's one reason (row 0), with its `code` (and, for `run_failed`, the error as `detail`). */
  errors: Array<{ row: number; message: string; code?: string; detail?: string }>;
  /** What the job produced beyond its counts: an assignment run's id and counts; null for an import. */
  result: Record<string, unknown> | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/**
 * Receives a CSV upload: checks its header against the object's fields (422 naming unknown
 * columns), stores the file in chunks next to a job row so any process can run it, counts its
 * rows, and returns the job id. The rows are imported in the background (`runImport`).
 */
export async function createImportJob(storage: Storage, ctx: RecordContext, object: CompiledObject, body: AsyncIterable<Uint8Array>, options: ImportOptions): Promise<string> {
  if (!ctx.policy.mayEver('create', object.key) && !ctx.policy.mayEver('update', object.key)) throw new ShoalError('forbidden', `You may not import ${object.key} records`);
  if (!ctx.policy.isAdmin && !ctx.policy.mayEver('import', object.key)) throw new ShoalError('forbidden', `You may not import ${object.key} records (the import permission is needed)`);
  const id = randomUUID();
  await storage.inTenant(ctx.tenantId, async (tx) => {
    let chunk = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const rows = new RowCounter();
    let headerChecked = false;
    const flush = async () => {
      if (pendingBytes === 0) return;
      const data = Buffer.concat(pending);
      if (!headerChecked) {
        checkHeader(object, data, options);
        headerChecked = true;
      }
      await sql`INSERT INTO job_blobs (tenant_id, job_id, chunk, data) VALUES (${tenantLiteral(ctx.tenantId)}, ${id}::uuid, ${chunk++}, ${data})`.execute(tx);
      pending = [];
      pendingBytes = 0;
    };
    const text = new CsvText();
    const store = async (buffers: Buffer[]) => {
      for (const buffer of buffers) {
        rows.feed(buffer);
        pending.push(buffer);
        pendingBytes += buffer.length;
        if (pendingBytes >= chunkBytes) await flush();
      }
    };
    for await (const piece of body) await store(text.push(Buffer.from(piece)));
    await store(text.end());
    await flush();
    if (!headerChecked) throw new ShoalError('bad_request', 'The CSV is empty; send a header row and data rows');
    await sql`INSERT INTO jobs (tenant_id, id, kind, state, object, total, options, created_by, created_at)
              VALUES (${tenantLiteral(ctx.tenantId)}, ${id}::uuid, 'import', 'queued', ${object.key}, ${Math.max(0, rows.count() - 1)},
                      ${JSON.stringify(options)}::jsonb, ${ctx.actorId}::uuid, ${ctx.now.toISOString()}::timestamptz)`.execute(tx);
  });
  return id;
}

function checkHeader(object: CompiledObject, firstChunk: Buffer, options: ImportOptions): void {
  const text = firstChunk.toString('utf8');
  const firstLine = text.slice(0, text.search(/\r?\n/) === -1 ? text.length : text.search(/\r?\n/));
  let headers: string[];
  try {
    headers = (parseSync(firstLine, { bom: true, relax_column_count: true }) as string[][])[0] ?? [];
  } catch (error) {
    throw new ShoalError('bad_request', `The CSV header cannot be read: ${(error as Error).message}`);
  }
  const { fields, unknown } = matchHeaders(object, headers);
  if (unknown.length > 0) {
    throw new ShoalError('validation_failed', `${unknown.length} ${unknown.length === 1 ? 'column is' : 'columns are'} not fields of ${object.key}: ${unknown.map((u) => u.header).join(', ')}`, {
      errors: unknown.map((u) => ({ path: `/header/${u.index}`, message: `"${u.header}" is not a field key or label of ${object.key}` })),
    });
  }
  if (options.upsertKey && !fields.some((f) => typeof f !== 'string' && f.key === options.upsertKey)) {
    throw new ShoalError('validation_failed', `The CSV has no ${options.upsertKey} column to upsert by`, { errors: [{ path: '?upsertKey', message: 'is not a column of the CSV' }] });
  }
}

/**
 * The uploaded file as UTF-8, whichever of the two encodings Chinese users' files come in: UTF-8,
 * or GBK (GB18030), which Excel on a Chinese Windows writes when asked for "CSV". The first
 * megabyte decides: UTF-8 if it is UTF-8 (the bytes are kept as they are), else GB18030 if it reads
 * as that (each piece is converted as it streams in), else neither, and the file is refused at its
 * first row that is not UTF-8. A file whose first megabyte is plain ASCII is taken as UTF-8, so GBK
 * text only further down is refused there, as before.
 */
class CsvText {
  #head: Buffer[] = [];
  #headBytes = 0;
  #gbk: TextDecoder | undefined;
  #decided = false;

  push(piece: Buffer): Buffer[] {
    if (this.#decided) return [this.#convert(piece)];
    this.#head.push(piece);
    this.#headBytes += piece.length;
    return this.#headBytes >= chunkBytes ? this.#decide() : [];
  }

  end(): Buffer[] {
    const rest = this.#decided ? [] : this.#decide();
    if (!this.#gbk) return rest;
    try {
      return [...rest, Buffer.from(this.#gbk.decode(), 'utf8')];
    } catch {
      throw notGbk();
    }
  }

  #decide(): Buffer[] {
    this.#decided = true;
    const head = Buffer.concat(this.#head);
    this.#head = [];
    // A character cut at the end of the first megabyte is not a fault: `stream` keeps it for the next piece.
    if (readsAs('utf-8', head)) return [head];
    if (!mostlyNotUtf8(head) || !readsAsChinese(head)) {
      // Neither (or UTF-8 with a stray byte, which GBK would read as other characters): refused at
      // the first row that is not UTF-8, as any such file.
      new RowCounter().feed(head);
      throw notGbk();
    }
    this.#gbk = new TextDecoder('gb18030', { fatal: true });
    return [this.#convert(head)];
  }

  #convert(piece: Buffer): Buffer {
    if (!this.#gbk) return piece;
    try {
      return Buffer.from(this.#gbk.decode(piece, { stream: true }), 'utf8');
    } catch {
      throw notGbk();
    }
  }
}

/**
 * True when most of the text's non-ASCII bytes are not UTF-8: GBK text, not UTF-8 text with a few
 * bytes of another encoding in it (GB18030 reads almost any bytes, so that alone proves little).
 */
function mostlyNotUtf8(bytes: Buffer): boolean {
  let broken = 0;
  let fine = 0;
  for (const char of bytes.toString('utf8')) {
    if (char === '\uFFFD') broken++;
    else if (char.charCodeAt(0) > 0x7f) fine++;
  }
  return broken > fine;
}

function readsAs(encoding: 'utf-8', bytes: Buffer): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * True when the bytes read as GB18030 and what they say is Chinese: of the characters beyond
 * ASCII, at least nine in ten are Chinese characters, Chinese punctuation or full-width forms.
 * Bytes of another kind that GB18030 happens to read (a lone 0x80 is €, unassigned pairs are
 * private-use characters) do not pass.
 */
function readsAsChinese(bytes: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('gb18030', { fatal: true }).decode(bytes, { stream: true });
  } catch {
    return false;
  }
  let chinese = 0;
  let other = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) continue;
    if (chineseRanges.some(([from, to]) => code >= from && code <= to)) chinese++;
    else other++;
  }
  return chinese > 0 && other * 10 <= chinese;
}

/** CJK punctuation, ideographs (with extension A), full-width forms, and the dashes, quotes and dots Chinese text uses. */
const chineseRanges: Array<[number, number]> = [[0x3000, 0x303f], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xff00, 0xffef], [0x2014, 0x2026], [0xb7, 0xb7]];

function notGbk(): ShoalError {
  return new ShoalError('bad_request', 'The CSV began as GBK text but holds bytes further down that are not GBK: save it as "CSV UTF-8" (Excel: CSV UTF-8 (Comma delimited) / CSV UTF-8（逗号分隔）) or convert it, then upload it again', {
    errors: [{ path: '/', message: 'the file holds bytes that are neither UTF-8 nor GBK' }],
  });
}

/**
 * Counts CSV records (newlines outside quotes) while the file streams in, and refuses a row
 * longer than `maxRowBytes`: the parser holds a whole row in memory, so one enormous cell (or a
 * quote never closed) would otherwise be read into a single string of up to the file's size.
 * It also refuses a file that is not UTF-8 (Excel on a Chinese Windows saves "CSV" in GBK),
 * whose text would otherwise be stored as replacement characters.
 */
class RowCounter {
  #rows = 0;
  #rowBytes = 0;
  #inQuotes = false;
  #lastWasNewline = true;
  /** Continuation bytes the current UTF-8 character still needs. */
  #pending = 0;
  /** The range the next continuation byte must be in (narrower after some lead bytes). */
  #low = 0x80;
  #high = 0xbf;
  feed(buffer: Buffer): void {
    for (const byte of buffer) {
      if (this.#pending > 0) {
        if (byte < this.#low || byte > this.#high) throw this.#notUtf8();
        this.#pending--;
        this.#low = 0x80;
        this.#high = 0xbf;
      } else if (byte >= 0x80) {
        // Lead bytes of 2-, 3- and 4-byte characters; anything else (a stray continuation, C0/C1, F5–FF) is no UTF-8.
        this.#pending = byte >= 0xc2 && byte <= 0xdf ? 1 : byte >= 0xe0 && byte <= 0xef ? 2 : byte >= 0xf0 && byte <= 0xf4 ? 3 : -1;
        if (this.#pending < 0) throw this.#notUtf8();
        // RFC 3629's table: no overlong forms (E0 80–9F, F0 80–8F), no surrogates (ED A0–BF), nothing past U+10FFFF (F4 90–BF).
        if (byte === 0xe0) this.#low = 0xa0;
        else if (byte === 0xed) this.#high = 0x9f;
        else if (byte === 0xf0) this.#low = 0x90;
        else if (byte === 0xf4) this.#high = 0x8f;
      }
      if (byte === 0x22) this.#inQuotes = !this.#inQuotes;
      if (byte === 0x0a && !this.#inQuotes) {
        if (!this.#lastWasNewline) this.#rows++;
        this.#lastWasNewline = true;
        this.#rowBytes = 0;
      } else if (byte !== 0x0d) this.#lastWasNewline = false;
      if (++this.#rowBytes > maxRowBytes) {
        throw new ShoalError('payload_too_large', `Row ${this.#rows + 1} of the CSV is larger than ${maxRowBytes / 1024 / 1024} MB (a quote left open makes the rest of the file one row)`);
      }
    }
  }
  count(): number {
    if (this.#pending > 0) throw this.#notUtf8();
    return this.#rows + (this.#lastWasNewline ? 0 : 1);
  }
  #notUtf8(): ShoalError {
    return new ShoalError('bad_request', 'The CSV is not UTF-8 text: save it as "CSV UTF-8" (Excel: CSV UTF-8 (Comma delimited) / CSV UTF-8（逗号分隔）) or convert it, then upload it again', {
      errors: [{ path: '/', message: `row ${this.#rows + 1} holds bytes that are not UTF-8` }],
    });
  }
}

/**
 * Runs an import job: streams the stored file through the CSV parser and writes it in batches
 * of 1,000 rows, each batch and the job's progress in one transaction — so a job interrupted by
 * a crash resumes after the last committed batch without duplicating a row. Rows that fail are
 * listed with their CSV row number; the others are kept.
 */
export async function runImport(storage: Storage, tenants: TenantDirectory, cache: MetadataCache, hooks: RecordHooks, tenantId: string, jobId: string, clock: () => Date): Promise<void> {
  const job = await openJob<ImportOptions>(storage, tenants, cache, tenantId, jobId, 'import');
  if (!job) return;
  const { compiled, starter } = job;
  const object = job.object ? compiled.objects.get(job.object) : undefined;
  if (!object || !starter) {
    await finish(storage, tenantId, jobId, 'failed', [{ row: 0, message: !object ? `${job.object} no longer exists` : 'The user who started the import is no longer active' }], clock);
    return;
  }
  await storage.inTenant(tenantId, (tx) => sql`UPDATE jobs SET state = 'running', started_at = coalesce(started_at, ${clock().toISOString()}::timestamptz) WHERE tenant_id = ${tenantLiteral(tenantId)} AND id = ${jobId}::uuid`.execute(tx));

  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: maxRowBytes });
  void feedParser(storage, tenantId, jobId, parser);
  let columns: ImportColumn[] | undefined;
  let batch: Array<{ line: number; cells: string[] }> = [];
  let line = 0;
  let skip = job.processed;
  // Rows this runner has committed so far. A batch commits only if the job's progress is still
  // exactly this (checked under the job row's lock): when a job whose process seemed dead is
  // run a second time while the first run is in fact alive, one of them stops at its next
  // batch instead of both writing the same rows.
  let committed = job.processed;
  let superseded = false;
  const flush = async () => {
    if (batch.length === 0 || superseded) return;
    const now = clock();
    // Each row is written as its starter would write it by hand, and within their import rules.
    const ctx: RecordContext = { ...starterContext(compiled, starter, now), writesAlso: 'import' };
    superseded = !(await storage.inTenant(tenantId, async (tx) => {
      const current = await sql<{ processed: number; state: string }>`
        SELECT processed, state FROM jobs WHERE tenant_id = ${tenantLiteral(tenantId)} AND id = ${jobId}::uuid FOR UPDATE`.execute(tx);
      if (current.rows[0]?.processed !== committed || current.rows[0]?.state !== 'running') return false;
      await importBatch(tx, ctx, hooks, object, columns!, batch, jobId, job.options.upsertKey);
      return true;
    }));
    committed += batch.length;
    batch = [];
  };
  let malformed: { row: number; message: string } | undefined;
  try {
    for await (const cells of parsedRows(parser)) {
      line++;
      if (!columns) {
        columns = matchHeaders(object, cells).fields;
        continue;
      }
      if (skip > 0) {
        skip--;
        continue;
      }
      batch.push({ line, cells });
      if (batch.length >= batchRows) await flush();
      if (superseded) break;
    }
  } catch (error) {
    // Broken quoting further down the file: keep the rows before it, and say where it broke
    // (the job must finish either way; rethrowing left it "running" for ever).
    if (!isCsvError(error)) throw error;
    // Every row parsed before the break was handed over (and imported): the next is the broken one.
    malformed = { row: line + 1, message: `The CSV cannot be read from this row on: ${(error as Error).message}` };
  }
  await flush();
  if (superseded) {
    parser.destroy();
    return;
  }
  await finish(storage, tenantId, jobId, malformed ? 'failed' : 'done', malformed ? [malformed] : [], clock);
  // A large load leaves the planner's statistics behind (it would pick the wrong index until
  // autovacuum catches up): refresh them now.
  if (line > 5000) await storage.executeRaw('ANALYZE records').catch(() => undefined);
}

/**
 * The parser's rows, and then its error if it fails. Its own async iterator throws as soon as the
 * parser fails and drops the rows parsed but not yet read (an unclosed quote runs to the end of
 * the file, so those could be thousands): reading the buffer dry before rethrowing keeps them.
 */
async function* parsedRows(parser: ReturnType<typeof parse>): AsyncGenerator<string[]> {
  let failure: unknown;
  let ended = false;
  let wake: (() => void) | undefined;
  const signal = () => { wake?.(); };
  parser.on('readable', signal);
  parser.on('end', () => { ended = true; signal(); });
  parser.on('error', (error) => { failure = error; signal(); });
  for (;;) {
    let cells: string[] | null;
    while ((cells = parser.read() as string[] | null) !== null) yield cells;
    if (failure !== undefined) throw failure;
    if (ended) return;
    await new Promise<void>((resolve) => { wake = resolve; });
    wake = undefined;
  }
}

function isCsvError(error: unknown): boolean {
  return error instanceof CsvError;
}

async function feedParser(storage: Storage, tenantId: string, jobId: string, parser: ReturnType<typeof parse>): Promise<void> {
  try {
    for (let chunk = 0; ; chunk++) {
      const blob = await storage.inTenant(tenantId, (tx) => sql<{ data: Uint8Array }>`
        SELECT data FROM job_blobs WHERE tenant_id = ${tenantLiteral(tenantId)} AND job_id = ${jobId}::uuid AND chunk = ${chunk}`.execute(tx), { readOnly: true });
      const data = blob.rows[0]?.data;
      if (!data) break;
      if (!parser.write(Buffer.from(data))) await new Promise((resolve) => parser.once('drain', resolve));
    }
    parser.end();
  } catch (error) {
    parser.destroy(error as Error);
  }
}

async function importBatch(tx: Tx, ctx: RecordContext, hooks: RecordHooks, object: CompiledObject, columns: ImportColumn[], batch: Array<{ line: number; cells: string[] }>, jobId: string, upsertKey: string | undefined): Promise<void> {
  const errors: Array<{ row: number; message: string; code?: string }> = [];
  const records: Array<{ line: number; values: Record<string, unknown>; version?: number }> = [];
  for (const { line, cells } of batch) {
    const values: Record<string, unknown> = {};
    const problems: string[] = [];
    const unreadable = new Set<string>();
    let versionCell = '';
    columns.forEach((field, i) => {
      if (field === 'skip') return;
      const cell = cells[i] ?? '';
      if (field === 'version') {
        versionCell = cell.trim();
        return;
      }
      if (cell.includes('\u0000')) {
        // PostgreSQL stores NUL in neither text nor jsonb: a row error, not a failed batch.
        problems.push(`${field === 'id' ? 'id' : field.key}: contains a NUL character`);
        if (field !== 'id') unreadable.add(field.key);
        return;
      }
      if (field === 'id') {
        // Matched by a unique field instead, the id column (an export's) is read-only.
        if (cell.trim() && !upsertKey) values.id = cell.trim();
        return;
      }
      try {
        const value = fromCell(field, cell, ctx.compiled.timeZone);
        if (value !== null) values[field.key] = value;
      } catch (error) {
        if (error instanceof CellError) {
          problems.push(`${field.key}: ${error.message}`);
          unreadable.add(field.key);
        }
        else throw error;
      }
    });
    // The export's version of a row updating by id is its If-Match; an empty cell, no condition.
    const version = values.id !== undefined && versionCell !== '' ? exportedVersion(versionCell) : undefined;
    if (Number.isNaN(version)) problems.push(`version: ${quoted(versionCell)} is not a version (a whole number, as the export wrote it; empty for none)`);
    if (problems.length) errors.push({ row: line, message: [...problems, ...otherProblems(object, values, unreadable, upsertKey !== undefined || values.id !== undefined)].join('; ') });
    else records.push({ line, values, ...(version === undefined ? {} : { version }) });
  }
  await resolveLookupTitles(tx, ctx, object, records, errors);
  const valid = records.filter((r) => !errors.some((e) => e.row === r.line));
  const upsert = upsertKey ? { op: 'upsert' as const, upsertKey } : valid.some((r) => r.values.id) ? { op: 'upsert' as const, upsertKey: undefined } : { op: 'create' as const };
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  if (valid.length > 0) {
    const byId = upsert.op === 'upsert' && !upsert.upsertKey;
    const results = byId
      ? await bulkByIds(tx, ctx, hooks, object, valid.map((r) => (r.version === undefined ? r.values : { ...r.values, version: r.version })))
      : await bulkWrite(tx, ctx, hooks, object, { op: upsert.op, records: valid.map((r) => r.values), ...(upsert.upsertKey ? { upsertKey: upsert.upsertKey } : {}) }, asExported);
    results.forEach((result, i) => {
      if (result.status === 201) created++;
      else if (result.status === 200 && result.unchanged) unchanged++;
      else if (result.status === 200) updated++;
      else errors.push(rowError(valid[i]!.line, result.error, valid[i]!.version));
    });
  }
  errors.sort((a, b) => a.row - b.row);
  await sql`
    UPDATE jobs SET processed = processed + ${batch.length}, created = created + ${created}, updated = updated + ${updated}, unchanged = unchanged + ${unchanged},
           errors = CASE WHEN jsonb_array_length(errors) >= ${maxStoredErrors} THEN errors ELSE errors || ${JSON.stringify(errors)}::jsonb END
     WHERE tenant_id = ${tenantLiteral(ctx.tenantId)} AND id = ${jobId}::uuid`.execute(tx);
}

/** An exported file names each record's stage, autonumber and read-only values: left as they were, they are no change (updateRecord). */
const asExported = { unchangedIsNoChange: true };

/** Rows carrying an `id` update that record (a round trip of an export), others are created. */
async function bulkByIds(tx: Tx, ctx: RecordContext, hooks: RecordHooks, object: CompiledObject, records: Array<Record<string, unknown>>) {
  const updates = records.map((r, i) => ({ r, i })).filter(({ r }) => r.id);
  const creates = records.map((r, i) => ({ r, i })).filter(({ r }) => !r.id);
  const results = new Array(records.length);
  const updated = await bulkWrite(tx, ctx, hooks, object, { op: 'update', records: updates.map(({ r }) => r) }, asExported);
  updated.forEach((res, k) => (results[updates[k]!.i] = res));
  const created = await bulkWrite(tx, ctx, hooks, object, { op: 'create', records: creates.map(({ r }) => r) });
  created.forEach((res, k) => (results[creates[k]!.i] = res));
  return results as Awaited<ReturnType<typeof bulkWrite>>;
}

/** A lookup cell may hold the target's title ("Hilton Pudong") instead of its id. */
async function resolveLookupTitles(tx: Tx, ctx: RecordContext, object: CompiledObject, records: Array<{ line: number; values: Record<string, unknown> }>, errors: Array<{ row: number; message: string }>): Promise<void> {
  for (const field of object.lookupFields) {
    const target = field.target ? ctx.compiled.objects.get(field.target) : undefined;
    const titles = [...new Set(records.map((r) => r.values[field.key]).filter((v): v is string => typeof v === 'string' && !isUuid(v)))];
    if (titles.length === 0) continue;
    const found = new Map<string, string[]>();
    if (field.target === 'user') {
      const users = await tx.selectFrom('users').select(['id', 'email', 'name']).where('tenant_id', '=', ctx.tenantId).execute();
      for (const u of users) for (const key of [u.email, u.name]) found.set(key, [...(found.get(key) ?? []), u.id]);
    } else if (target?.titleField && target.fields.get(target.titleField)) {
      // Only records whose title the importer may read: others are not there for them.
      const rows = (await sql<{ id: string; title: string }>`
        SELECT r.id, r.data ->> ${target.titleField}::text AS title FROM records AS r
         WHERE r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(target.key)} AND r.deleted_at IS NULL
           AND (shoal_text(r.data, ${sql.lit(target.titleField)}) COLLATE "C") IN (${sql.join(titles)})
           AND ${readableWithFieldSql(ctx, target, target.fields.get(target.titleField)!)}`.execute(tx)).rows;
      for (const r of rows) found.set(r.title, [...(found.get(r.title) ?? []), r.id]);
    }
    for (const record of records) {
      const value = record.values[field.key];
      if (typeof value !== 'string' || isUuid(value)) continue;
      const ids = found.get(value) ?? [];
      if (ids.length === 1) record.values[field.key] = ids[0];
      else errors.push({ row: record.line, message: `${field.key}: ${ids.length === 0 ? `no ${field.target} called ${quoted(value)}` : `${ids.length} ${field.target} records are called ${quoted(value)}; use the id`}` });
    }
  }
}

/**
 * What else is wrong with a row that has a cell that cannot be read, so one corrected file fixes
 * it, not one problem per attempt: the metadata's checks of the values that were read (options,
 * bounds, formats, and a required field left empty when the row creates a record). The unread
 * cells are left out, as the row has already said why. A row that may update an existing record
 * (matched by a unique field or an id) is not held to required fields.
 */
function otherProblems(object: CompiledObject, values: Record<string, unknown>, unreadable: ReadonlySet<string>, mayUpdate: boolean): string[] {
  const problems = mayUpdate ? object.validator.validateUpdate(values) : object.validator.validateCreate(values);
  // A lookup given by its target's title ("Grand Hyatt") is looked up only for rows that are
  // written, so it is not an id yet: not a problem of the row.
  const byTitle = new Set(object.lookupFields.filter((f) => typeof values[f.key] === 'string' && !isUuid(values[f.key] as string)).map((f) => f.key));
  return problems
    // Field keys are identifiers (no `/` or `~`): a pointer's first token is the key as it is.
    .map((p) => ({ key: p.path.replace(/^\//, '').split('/')[0] ?? '', message: p.message }))
    .filter((p) => !unreadable.has(p.key) && !byTitle.has(p.key))
    .map((p) => `${p.key || 'record'}: ${p.message}`);
}

/** A version cell as the export wrote it (a whole number); NaN for anything else. */
function exportedVersion(cell: string): number {
  return /^\d{1,15}$/.test(cell) ? Number(cell) : Number.NaN;
}

/**
 * A row the write refused. One whose record has moved on from the version the file holds says
 * so in words an importer can act on (the app translates them), with the problem's code: the
 * row would have undone someone's change made since the export.
 */
function rowError(row: number, error: BulkResult['error'], version: number | undefined): { row: number; message: string; code?: string } {
  if (error?.code === 'version_mismatch' && version !== undefined) {
    return { row, code: error.code, message: `Changed since the file was exported (the record is at version ${error.currentVersion}, the row's is ${version}); export again and make this row's change in the new file` };
  }
  return { row, message: describeError(error) };
}

function describeError(error: { code: string; detail: string; errors?: Array<{ path: string; message: string }> } | undefined): string {
  if (!error) return 'failed';
  if (error.errors?.length) return error.errors.map((e) => `${e.path.replace(/^\//, '') || 'record'}: ${e.message}`).join('; ');
  return error.detail;
}

/**
 * Ends the job and tells whoever started it, in the same transaction: an import of thousands of
 * rows runs for minutes, and its starter has usually left the list it was started from (the
 * notification names the counts and leads back to the results; one per job, however often a
 * retried job finishes).
 */
async function finish(storage: Storage, tenantId: string, jobId: string, state: 'done' | 'failed', errors: Array<{ row: number; message: string }>, clock: () => Date): Promise<void> {
  await storage.inTenant(tenantId, async (tx) => {
    const ended = (await sql<{ object: string | null; created_by: string | null; created: number; updated: number; unchanged: number; refused: number }>`
      UPDATE jobs SET state = ${state}, finished_at = ${clock().toISOString()}::timestamptz, errors = errors || ${JSON.stringify(errors)}::jsonb
       WHERE tenant_id = ${tenantLiteral(tenantId)} AND id = ${jobId}::uuid
      RETURNING object, created_by, created, updated, unchanged,
                (SELECT count(*)::int FROM jsonb_array_elements(errors) AS e WHERE (e->>'row')::int > 0) AS refused`.execute(tx)).rows[0];
    if (state === 'done') await sql`DELETE FROM job_blobs WHERE tenant_id = ${tenantLiteral(tenantId)} AND job_id = ${jobId}::uuid`.execute(tx);
    if (!ended?.created_by) return;
    const { created, updated, unchanged, refused } = ended;
    await notify(tx, tenantId, [{
      userId: ended.created_by, kind: 'import_finished', dedupeKey: `import:${jobId}`, ...(ended.object ? { object: ended.object } : {}),
      title: state === 'failed' ? `The import of ${ended.object} stopped` : `The import of ${ended.object} is done`,
      body: { job: jobId, state, created, updated, unchanged, refused },
    }], clock());
  });
}

/** A job of the tenant as its creator (or an admin) sees it; 404 for anyone else (also by the tenant, not only by row-level security). */
export async function getJob(tx: Tx, tenantId: string, jobId: string, viewer: { userId: string; isAdmin: boolean }): Promise<JobView> {
  if (!isUuid(jobId)) throw new ShoalError('not_found', 'Job was not found');
  const row = (await sql<{ id: string; kind: string; object: string | null; state: string; processed: number; total: number | null; created: number; updated: number; unchanged: number; errors: JobView['errors']; result: Record<string, unknown> | null; created_by: string | null; created_at: Date; started_at: Date | null; finished_at: Date | null }>`
    SELECT id, kind, object, state, processed, total, created, updated, unchanged, errors, result, created_by, created_at, started_at, finished_at FROM jobs
     WHERE tenant_id = ${tenantLiteral(tenantId)} AND id = ${jobId}::uuid`.execute(tx)).rows[0];
  if (!row || (!viewer.isAdmin && row.created_by !== viewer.userId)) throw new ShoalError('not_found', 'Job was not found');
  return {
    id: row.id, kind: row.kind, object: row.object, state: row.state, processed: row.processed, total: row.total,
    created: row.created, updated: row.updated, unchanged: row.unchanged, errors: row.errors, result: row.result,
    createdAt: row.created_at.toISOString(), startedAt: row.started_at?.toISOString() ?? null, finishedAt: row.finished_at?.toISOString() ?? null,
  };
}
