import { ShoalError, type ErrorCode } from '../../../platform/errors.ts';
import { isConnectionError } from '../../../platform/storage/database-errors.ts';

/** The one table from error codes to HTTP: status and title of the problem response. */
const problems: Record<ErrorCode, { status: number; title: string }> = {
  bad_request: { status: 400, title: 'Bad request' },
  invalid_json: { status: 400, title: 'Malformed JSON' },
  unknown_parameter: { status: 400, title: 'Unknown parameter' },
  invalid_filter: { status: 400, title: 'Invalid filter' },
  invalid_cursor: { status: 400, title: 'Invalid cursor' },
  unauthenticated: { status: 401, title: 'Not authenticated' },
  csrf_failed: { status: 403, title: 'CSRF check failed' },
  forbidden: { status: 403, title: 'Forbidden' },
  field_forbidden: { status: 403, title: 'Field not writable' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  duplicate: { status: 409, title: 'Duplicate' },
  already_claimed: { status: 409, title: 'Already claimed' },
  claim_limit_reached: { status: 409, title: 'Claim limit reached' },
  daily_claim_limit_reached: { status: 409, title: 'Daily claim limit reached' },
  cooldown: { status: 409, title: 'Re-claim cooldown' },
  not_claimable: { status: 409, title: 'Not claimable' },
  extension_limit_reached: { status: 409, title: 'Extension limit reached' },
  destructive_change: { status: 409, title: 'Destructive change not confirmed' },
  migration_required: { status: 409, title: 'Data migration required' },
  referenced: { status: 409, title: 'Record is referenced' },
  idempotency_conflict: { status: 409, title: 'Idempotency key reused' },
  version_mismatch: { status: 412, title: 'Version mismatch' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  validation_failed: { status: 422, title: 'Validation failed' },
  invalid_metadata: { status: 422, title: 'Invalid metadata' },
  transition_not_allowed: { status: 422, title: 'Transition not allowed' },
  stage_requirements: { status: 422, title: 'Stage requirements not met' },
  rate_limited: { status: 429, title: 'Too many requests' },
  database_unavailable: { status: 503, title: 'Database unavailable' },
  internal: { status: 500, title: 'Internal error' },
};

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
  else shoal = new ShoalError('internal', 'Something went wrong on our side; it has been logged');
  const { status, title } = problems[shoal.code];
  const body: Record<string, unknown> = {
    type: `https://shoal.dev/problems/${shoal.code.replace(/_/g, '-')}`,
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
  if (shoal.extra) for (const [k, v] of Object.entries(shoal.extra)) if (k !== 'retryAfter') body[k] = v;
  return { status, body, headers };
}

export function statusOf(code: ErrorCode): number {
  return problems[code].status;
}
