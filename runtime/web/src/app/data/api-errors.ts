import { ApiError } from '../../shared/api-client.ts';
import type { UiLocale } from '../../shared/labels.ts';
import { fillTemplate } from '../../shared/fill-template.ts';
import { requestFailure } from '../../shared/request-failure.ts';
import { errorWords, failureStrings } from '../i18n/error-strings.ts';
import { translate } from '../i18n/translate.ts';

/** A 404 from the router rather than from a resource: the server does not have this endpoint yet. */
export function isMissingEndpoint(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404 && /^No route for /.test(error.message);
}

export function isStatus(error: unknown, ...statuses: number[]): error is ApiError {
  return error instanceof ApiError && statuses.includes(error.status);
}

/**
 * What to tell the user about a failed request, in their language: the words for its `code`
 * (with the problem's specifics: a limit, the number of problems, and with `formatTime` the date
 * a cooldown ends); for no answer, or an answer that is no problem (a proxy's 502 page), words by
 * its status; the server's own text only for a code this app does not know.
 */
export function errorText(error: unknown, locale: UiLocale, formatTime?: (iso: string) => string): string {
  const failure = requestFailure(error);
  if (failure) return failureStrings[failure][locale];
  if (error instanceof ApiError) {
    const words = errorWords(error.code);
    if (words) {
      const params = problemParams(error, formatTime);
      const detailed = words.detailed?.[locale];
      return detailed && templateParams(detailed).every((name) => name in params) ? fillTemplate(detailed, params) : words[locale];
    }
    if (error.status === 429) return translate('tooManyAttempts', locale);
    if (error.status === 412) return translate('conflict', locale);
    return error.message || translate('error', locale);
  }
  if (error instanceof Error) return error.message;
  return translate('error', locale);
}

function problemParams(error: ApiError, formatTime?: (iso: string) => string): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  if (error.errors.length > 0) params.count = error.errors.length;
  if (typeof error.problem.limit === 'number') params.limit = error.problem.limit;
  if (formatTime && typeof error.problem.availableAt === 'string') params.at = formatTime(error.problem.availableAt);
  return params;
}

function templateParams(text: string): string[] {
  return [...text.matchAll(/\{(\w+)[}:]/g)].map((m) => m[1]!);
}
