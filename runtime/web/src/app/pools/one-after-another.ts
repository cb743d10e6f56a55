import { ApiError } from '../../shared/api-client.ts';
import type { UiLocale } from '../../shared/labels.ts';
import { errorText } from '../data/api-errors.ts';
import { dateTime, recordTitle, type FormatContext } from '../metadata/format-value.ts';
import type { ObjectInfo } from '../metadata/object-info.ts';
import type { ApiRecord } from '../lists/use-record-pages.ts';

/**
 * Refusals about one record only (someone claimed it first, a cooldown, not yours): the next
 * record may still go through. Any other (a limit reached, the session ended, the server down)
 * would refuse every record after it too.
 */
const oneRecordCodes = new Set(['already_claimed', 'cooldown', 'not_claimable', 'not_found', 'conflict', 'version_mismatch', 'forbidden']);

export interface InTurn {
  /** The records acted on, as the server returned them. */
  done: ApiRecord[];
  /** Records refused for a reason of their own. */
  refused: Array<{ record: ApiRecord; error: unknown }>;
  /** Where a refusal stopped the run: the refusal, and the records it left undone (the refused one first). */
  stopped?: { error: unknown; left: ApiRecord[] };
}

/**
 * Acts on `records` one after another, in their order (the pool API takes one record a call,
 * and each claim counts against the limit the one before it left): a refusal about one record
 * skips it, any other stops the run there.
 *
 * @example await oneAfterAnother(ticked, (r) => pool.claim(r.id)) // { done: [a, b], refused: [], stopped: { error: claim_limit_reached, left: [c] } }
 */
export async function oneAfterAnother(records: readonly ApiRecord[], act: (record: ApiRecord) => Promise<ApiRecord>): Promise<InTurn> {
  const run: InTurn = { done: [], refused: [] };
  for (const [at, record] of records.entries()) {
    try {
      run.done.push(await act(record));
    } catch (error) {
      if (!(error instanceof ApiError && oneRecordCodes.has(error.code))) return { ...run, stopped: { error, left: records.slice(at) } };
      run.refused.push({ record, error });
    }
  }
  return run;
}

/** Refused because the record is not there to act on any more (claimed by someone first, deleted): the list drops it. */
export function isGone(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'already_claimed' || error.code === 'not_found');
}

/** Every record the run did not act on, with its refusal: for the report, by reason. */
export function refusalsOf(run: InTurn): Array<{ record: ApiRecord; error: unknown }> {
  return [...run.refused, ...(run.stopped?.left.map((record) => ({ record, error: run.stopped!.error })) ?? [])];
}

/** The refusals of a run as a report lists them: each record by its title, its reason in the reader's words. */
export function refusalLines(run: InTurn, object: ObjectInfo, format: FormatContext, locale: UiLocale): Array<{ title: string; reason: string }> {
  return refusalsOf(run).map(({ record, error }) => ({ title: recordTitle(object, record, format), reason: errorText(error, locale, (iso) => dateTime(iso, format)) }));
}
