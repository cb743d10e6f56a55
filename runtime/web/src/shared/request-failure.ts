import { ApiError, networkErrorCode, unexpectedAnswerCode } from './api-client.ts';

/**
 * What a failed request came to when the server did not say it with a problem code: no answer at
 * all (`offline`), or an answer that is none of the server's problems (a proxy's page for a 502)
 * by its status. The app and the studio each have words for every one.
 */
export type RequestFailure = 'offline' | 'unavailable' | 'signedOut' | 'forbidden' | 'notFound' | 'tooLarge' | 'rateLimited' | 'serverFailed' | 'refused';

const byStatus: Record<number, RequestFailure> = {
  401: 'signedOut', 403: 'forbidden', 404: 'notFound', 413: 'tooLarge', 429: 'rateLimited', 502: 'unavailable', 503: 'unavailable', 504: 'unavailable',
};

/**
 * The failure of a request the server did not explain, or undefined for a problem with its own code.
 *
 * @example requestFailure(new ApiError(504, unexpectedAnswerCode, 'Gateway Timeout')) // 'unavailable'
 */
export function requestFailure(error: unknown): RequestFailure | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.code === networkErrorCode) return 'offline';
  if (error.code !== unexpectedAnswerCode) return undefined;
  return byStatus[error.status] ?? (error.status >= 500 ? 'serverFailed' : 'refused');
}
