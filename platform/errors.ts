/**
 * The one error type of the kernel. Every domain failure carries a stable string `code`;
 * the HTTP layer maps codes to statuses in one table (`runtime/server/problem.ts`).
 *
 * @example
 * throw new ShoalError('claim_limit_reached', 'You already hold 200 private leads (the limit is 200)');
 */
export class ShoalError extends Error {
  readonly code: ErrorCode;
  readonly errors: ProblemItem[] | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { errors?: ProblemItem[]; extra?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ShoalError';
    this.code = code;
    this.errors = options.errors;
    this.extra = options.extra;
  }
}

/** One problem in a list of problems: a JSON pointer into the input and a readable message. */
export interface ProblemItem {
  path: string;
  message: string;
  [key: string]: unknown;
}

/**
 * Every code the kernel and the HTTP layer raise. Adding a code is adding a line here and a
 * line in the status table; the compiler refuses a code that has no status.
 */
export const errorCodes = [
  'bad_request',
  'invalid_json',
  'unknown_parameter',
  'invalid_filter',
  'invalid_cursor',
  'unauthenticated',
  'csrf_failed',
  'forbidden',
  'field_forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'duplicate',
  'already_claimed',
  'claim_limit_reached',
  'daily_claim_limit_reached',
  'cooldown',
  'not_claimable',
  'extension_limit_reached',
  'view_limit_reached',
  'rule_inactive',
  'run_in_progress',
  'destructive_change',
  'migration_required',
  'referenced',
  'refers_to_deleted',
  'idempotency_conflict',
  'metadata_changed',
  'version_mismatch',
  'payload_too_large',
  'unsupported_media_type',
  'validation_failed',
  'invalid_metadata',
  'transition_not_allowed',
  'stage_requirements',
  'rate_limited',
  'database_unavailable',
  'database_busy',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/**
 * The one table from error codes to HTTP statuses and problem titles. It lives with the codes
 * (the compiler makes it exhaustive); the HTTP layer and per-row bulk results both read it.
 */
export const errorStatus: Record<ErrorCode, { status: number; title: string }> = {
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
  view_limit_reached: { status: 409, title: 'View limit reached' },
  rule_inactive: { status: 409, title: 'Assignment rule not active' },
  run_in_progress: { status: 409, title: 'A run of this rule is under way' },
  destructive_change: { status: 409, title: 'Destructive change not confirmed' },
  migration_required: { status: 409, title: 'Data migration required' },
  referenced: { status: 409, title: 'Record is referenced' },
  refers_to_deleted: { status: 409, title: 'Record refers to a deleted record' },
  idempotency_conflict: { status: 409, title: 'Idempotency key reused' },
  metadata_changed: { status: 409, title: 'Metadata changed' },
  version_mismatch: { status: 412, title: 'Version mismatch' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  validation_failed: { status: 422, title: 'Validation failed' },
  invalid_metadata: { status: 422, title: 'Invalid metadata' },
  transition_not_allowed: { status: 422, title: 'Transition not allowed' },
  stage_requirements: { status: 422, title: 'Stage requirements not met' },
  rate_limited: { status: 429, title: 'Too many requests' },
  database_unavailable: { status: 503, title: 'Database unavailable' },
  database_busy: { status: 503, title: 'Database busy' },
  internal: { status: 500, title: 'Internal error' },
};

export function isShoalError(error: unknown): error is ShoalError {
  return error instanceof ShoalError;
}

export function notFound(what: string): ShoalError {
  return new ShoalError('not_found', `${what} was not found`);
}

export function validationFailed(errors: ProblemItem[]): ShoalError {
  const count = errors.length;
  return new ShoalError('validation_failed', `${count} ${count === 1 ? 'problem' : 'problems'} found`, { errors });
}

export function badRequest(message: string, errors?: ProblemItem[]): ShoalError {
  return new ShoalError('bad_request', message, errors ? { errors } : {});
}
