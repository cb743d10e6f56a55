import { requestFailure } from '../../../runtime/web/src/shared/request-failure.ts';
import type { Translate } from '../i18n/i18n.tsx';

/**
 * What to tell the owner about a failed request: in the studio's words when no answer came or the
 * answer was none of the server's problems (a proxy's 502 page), else the server's own message.
 */
export function errorMessage(error: unknown, t: Translate): string {
  const failure = requestFailure(error);
  if (failure) return t(`request.${failure}`);
  return error instanceof Error ? error.message : String(error);
}
