import { ShoalError } from '../errors.ts';

const connectionCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN',
  '57P01', '57P02', '57P03', // admin shutdown, crash shutdown, cannot connect now
  '08000', '08001', '08003', '08004', '08006', // connection exceptions
  '53300', // too many connections
]);

const connectionMessages = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection ended',
  'not queryable',
];

/** True when the error means the database is unreachable rather than the query being wrong. */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && connectionCodes.has(code)) return true;
  return connectionMessages.some((m) => error.message.includes(m));
}

/**
 * Statement timeout (57014), deadlock (40P01), serialization failure (40001) and lock timeout
 * (55P03): nothing wrong with the request, the same request may well succeed in a moment.
 */
const transientCodes = new Set(['57014', '40P01', '40001', '55P03']);

export function isTransientError(error: unknown): boolean {
  return transientCodes.has(sqlState(error) ?? '');
}

/**
 * The SQLSTATE a writing tenant transaction fails with when the metadata version it was resolved
 * against is no longer live (`TenantTransactionOptions.metadataVersion`; raised by
 * `shoal_write_lock_at_version`, migration 0026). Class `SH` is none of PostgreSQL's.
 */
export const metadataChangedState = 'SHM01';

/** A write refused because a publish made another metadata version live before it could lock. */
export function metadataChanged(cause?: unknown): ShoalError {
  return new ShoalError('metadata_changed',
    'The tenant published new metadata while this change waited; nothing was written. Send it again: it is checked against the new version',
    cause === undefined ? {} : { cause });
}

/** Turns "the database is gone" into the 503 problem and a stale-metadata write into its 409; everything else passes through. */
export function mapDatabaseError(error: unknown): unknown {
  if (isConnectionError(error)) {
    return new ShoalError('database_unavailable', 'The database is not available; try again shortly', { cause: error });
  }
  if (sqlState(error) === metadataChangedState) return metadataChanged(error);
  return error;
}

/** PostgreSQL's SQLSTATE of a failed statement, if any. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The name of the violated constraint or index of a unique/foreign-key violation. */
export function violatedConstraint(error: unknown): string | undefined {
  const c = (error as { constraint?: unknown } | null)?.constraint;
  if (typeof c === 'string') return c;
  // PGlite reports the constraint in the message only.
  const m = error instanceof Error ? /constraint "([^"]+)"/.exec(error.message) : null;
  return m?.[1];
}
