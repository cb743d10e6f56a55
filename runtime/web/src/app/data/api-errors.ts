import { ApiError } from '../../shared/api-client.ts';
import type { UiLocale } from '../../shared/labels.ts';
import { maybeTranslate, translate } from '../i18n/translate.ts';

/** A 404 from the router rather than from a resource: the server does not have this endpoint yet. */
export function isMissingEndpoint(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404 && /^No route for /.test(error.message);
}

export function isStatus(error: unknown, ...statuses: number[]): error is ApiError {
  return error instanceof ApiError && statuses.includes(error.status);
}

/** What to tell the user about a failed request, in their language where the code is known. */
export function errorText(error: unknown, locale: UiLocale): string {
  if (error instanceof ApiError) {
    const known = maybeTranslate(`claimError_${error.code}`, locale);
    if (known) return known;
    if (error.code === 'extension_limit_reached') return translate('extendUsedUp', locale);
    if (error.status === 429) return translate('tooManyAttempts', locale);
    if (error.status === 412) return translate('conflict', locale);
    return error.message || translate('error', locale);
  }
  if (error instanceof Error) return error.message;
  return translate('error', locale);
}
