import { ShoalError } from '../errors.ts';
import { isUuid } from '../storage/storage.ts';

/** What a keyset cursor remembers: the sort it belongs to, the null phase, the last row's keys. */
export interface CursorState {
  order: string;
  phase: 0 | 1;
  values: unknown[];
  id: string;
}

/** Cursors are opaque to clients: base64url of a small JSON object. */
export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify([state.order, state.phase, state.values, state.id])).toString('base64url');
}

export function decodeCursor(cursor: string, order: string): CursorState {
  const invalid = () => new ShoalError('invalid_cursor', 'The cursor is not valid for this list (use the nextCursor of the previous page with the same orderBy)');
  if (cursor.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw invalid();
  const [o, phase, values, id] = parsed;
  if (o !== order || (phase !== 0 && phase !== 1) || !Array.isArray(values) || typeof id !== 'string') throw invalid();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) throw invalid();
  if (values.some((v) => v !== null && !['string', 'number', 'boolean'].includes(typeof v))) throw invalid();
  if (values.some((v) => typeof v === 'string' && v.includes('\u0000'))) throw invalid();
  return { order, phase, values, id };
}

const invalidCursor = () => new ShoalError('invalid_cursor', 'The cursor is not valid for this list');

/** A cursor of the last row's keys (queues, run logs): base64url of a JSON array, opaque to clients. */
export function encodeValuesCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The keys of a cursor made by `encodeValuesCursor`; 400 `invalid_cursor` for anything else. */
export function decodeValuesCursor(cursor: string): unknown[] {
  if (cursor.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor();
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed)) return parsed;
  } catch {
    // falls through
  }
  throw invalidCursor();
}

/** A newest-first list's cursor: the last row's time and id. */
export function decodeTimeIdCursor(cursor: string): [string, string] {
  const values = decodeValuesCursor(cursor);
  if (values.length !== 2 || !isTime(values[0]) || !isUuid(values[1])) throw invalidCursor();
  return [values[0], values[1]];
}

/** A cursor of a list ordered by a time that may be empty (nulls last), then id: the last row's time or null, and id. */
export function decodeOptionalTimeIdCursor(cursor: string): [string | null, string] {
  const values = decodeValuesCursor(cursor);
  if (values.length !== 2 || (values[0] !== null && !isTime(values[0])) || !isUuid(values[1])) throw invalidCursor();
  return [values[0], values[1]];
}

/**
 * The queue keys of a decoded work-order cursor, after its rule: [priority (null for Infinity,
 * which JSON cannot carry), created at, rank, id].
 */
export function queueCursorValues(values: unknown[]): [number, string, number, string] {
  if (values.length !== 4 || (values[0] !== null && (typeof values[0] !== 'number' || !Number.isFinite(values[0])))
    || !isTime(values[1]) || !isInt4(values[2]) || !isUuid(values[3])) throw invalidCursor();
  return [(values[0] as number | null) ?? Infinity, values[1], values[2] as number, values[3]];
}

/**
 * A time exactly as the server writes it (toISOString), in years 1–9999: anything else could fail
 * in the database (PostgreSQL has no year 0, which JavaScript writes as 0000).
 */
function isTime(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) || value.startsWith('0000')) return false;
  const time = new Date(value);
  return !Number.isNaN(time.getTime()) && time.toISOString() === value;
}

function isInt4(value: unknown): value is number {
  return Number.isInteger(value) && Math.abs(value as number) <= 2_147_483_647;
}
