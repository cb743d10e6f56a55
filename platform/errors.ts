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
  'destructive_change',
  'migration_required',
  'referenced',
  'idempotency_conflict',
  'version_mismatch',
  'payload_too_large',
  'unsupported_media_type',
  'validation_failed',
  'invalid_metadata',
  'transition_not_allowed',
  'stage_requirements',
  'rate_limited',
  'database_unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

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
