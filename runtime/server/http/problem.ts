import { errorStatus, ShoalError, type ErrorCode } from '../../../platform/errors.ts';
import { isConnectionError, isTransientError } from '../../../platform/storage/database-errors.ts';

export interface ProblemResponse {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

/** Turns any error into an RFC 9457 problem. Unknown errors become a 500 without details. */
export function toProblem(error: unknown, instance?: string): ProblemResponse {
  let shoal: ShoalError;
  if (error instanceof ShoalError) shoal = error;
  else if (isConnectionError(error)) shoal = new ShoalError('database_unavailable', 'The database is not available; try again shortly');
  else if (isTransientError(error)) shoal = new ShoalError('database_busy', 'The database could not finish this in time (a time limit, a deadlock or a conflicting lock); try again shortly');
  else shoal = new ShoalError('internal', 'Something went wrong on our side; it has been logged');
  const { status, title } = errorStatus[shoal.code];
  const body: Record<string, unknown> = {
    type: problemType(shoal.code),
    title,
    status,
    code: shoal.code,
    detail: shoal.message,
  };
  if (instance) body.instance = instance;
  if (shoal.errors) body.errors = shoal.errors;
  const headers: Record<string, string> = { 'content-type': 'application/problem+json; charset=utf-8' };
  const retryAfter = shoal.extra?.retryAfter;
  if (typeof retryAfter === 'number') headers['retry-after'] = String(retryAfter);
  if (status === 503) headers['retry-after'] ??= '2';
  // RFC 9110 §15.5.2: a 401 names the scheme that would be accepted.
  if (status === 401) headers['www-authenticate'] = 'Bearer realm="shoal"';
  // A refused write says which version it is refused against (as a GET would), so a client can
  // read the change it missed, or retry on that version, without a round trip to learn it.
  const current = shoal.extra?.currentVersion ?? shoal.extra?.currentETag;
  if (status === 412 && (typeof current === 'number' || typeof current === 'string')) headers.etag = typeof current === 'number' ? `"${current}"` : current;
  if (shoal.extra) for (const [k, v] of Object.entries(shoal.extra)) if (k !== 'retryAfter') body[k] = v;
  return { status, body, headers };
}

/**
 * A problem's `type` URI: its code in kebab case, except `validation_failed`, whose URI is the one
 * api.md's example gives (…/problems/validation), since integrators match on it. (Also for the
 * refusals Node makes before the app, whose codes are not the kernel's.)
 */
export function problemType(code: ErrorCode | 'headers_too_large' | 'request_timeout'): string {
  return `https://shoal.dev/problems/${code === 'validation_failed' ? 'validation' : code.replace(/_/g, '-')}`;
}

export function statusOf(code: ErrorCode): number {
  return errorStatus[code].status;
}
