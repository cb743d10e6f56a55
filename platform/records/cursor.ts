import { ShoalError } from '../errors.ts';

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
