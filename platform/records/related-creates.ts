import { ShoalError } from '../errors.ts';
import type { Row } from '../filter/evaluate-filter.ts';
import type { CompiledObject } from '../metadata/compile-metadata.ts';
import type { Tx } from '../storage/storage.ts';
import { listForCaller, type ParsedListRequest } from './read-records.ts';
import type { RecordContext } from './record-context.ts';
import type { RecordHooks } from './record-hooks.ts';
import { relatedResolver } from './write-checks.ts';
import { newRecordId, recordAsCreated } from './write-records.ts';

/**
 * The lookups through which the caller may create a record pointing at record `id` of `object`,
 * as `related.field` (`visit.lead`: a visit whose lead is this record passes their create rules).
 * A screen offers "Add visit" on a lead only where the visit would be accepted: a BD whose rule
 * is `{ "lead.owner": "$user.id" }` may add one to their own leads, not to a public one.
 *
 * Each candidate is checked as a create form opened from the record starts: the link and the
 * fields' defaults, with the stage, owner and pool state a create would give it.
 *
 * @example
 *   await relatedCreates(tx, ctx, hooks, leadObject, leadId) // → ['visit.lead']
 */
export async function relatedCreates(tx: Tx, ctx: RecordContext, hooks: RecordHooks, object: CompiledObject, id: string): Promise<string[]> {
  const creatable: string[] = [];
  for (const related of ctx.compiled.objects.values()) {
    if (!ctx.policy.mayEver('create', related.key)) continue;
    for (const link of related.lookupFields.filter((f) => f.target === object.key)) {
      if ((await acceptingLink(tx, ctx, hooks, related, link.key, [id])).has(id)) creatable.push(`${related.key}.${link.key}`);
    }
  }
  return creatable;
}

/**
 * Which of `ids` the caller may create a `related` record on through its lookup `link`, each
 * checked as `relatedCreates` checks one (the records the link reaches are read once for all).
 */
export async function acceptingLink(tx: Tx, ctx: RecordContext, hooks: RecordHooks, related: CompiledObject, link: string, ids: string[]): Promise<Set<string>> {
  const accepted = new Set<string>();
  if (ids.length === 0 || !ctx.policy.mayEver('create', related.key)) return accepted;
  const drafts: Row[] = [];
  for (const id of ids) drafts.push((await recordAsCreated(tx, ctx, hooks, related, { [link]: id }, newRecordId())).full);
  const resolve = await relatedResolver(tx, ctx, related, drafts, 'create');
  drafts.forEach((full, i) => {
    if (!ctx.policy.can('create', related.key, full, resolve)) return;
    const fields = ctx.policy.fieldsFor('create', related.key, full, resolve);
    if (fields === 'all' || fields.has(link)) accepted.add(ids[i]!);
  });
  return accepted;
}

/** `linkable=visit.lead` of a list of leads: the related object and its lookup to `object` (400 otherwise). */
export function parseLinkable(ctx: RecordContext, object: CompiledObject, linkable: string): { related: CompiledObject; link: string } {
  const [relatedKey, link, ...rest] = linkable.split('.');
  const related = relatedKey ? ctx.compiled.objects.get(relatedKey) : undefined;
  if (!related || !link || rest.length > 0 || related.fields.get(link)?.target !== object.key) {
    throw new ShoalError('bad_request', `linkable: ${linkable} is no lookup of another object to ${object.key} (object.field, e.g. visit.lead)`, { errors: [{ path: '?linkable', message: `not a lookup to ${object.key}` }] });
  }
  return { related, link };
}

/** How many records a linkable list reads at most per page asked for (times `limit`, at most 500). */
const linkableReads = 5;

/**
 * A list page of only the records the caller may create a `related` record on through `link`
 * (what `Shoal-Creatable` would name as `related.link`), read in the list's order: up to
 * `limit` of them, reading at most five times `limit` records; `skipped` counts those read and
 * left out, and `nextCursor` goes on after the last record read.
 */
export async function listLinkable(tx: Tx, ctx: RecordContext, hooks: RecordHooks, object: CompiledObject, request: ParsedListRequest, linkable: { related: CompiledObject; link: string }) {
  if (request.count) throw new ShoalError('bad_request', 'count does not apply to a linkable list', { errors: [{ path: '?count', message: 'not with linkable' }] });
  const budget = Math.min(500, request.limit * linkableReads);
  const data: Row[] = [];
  let skipped = 0;
  let read = 0;
  let cursor = request.cursor;
  for (;;) {
    // Never more than still wanted: every record read and accepted is on this page, none is passed over.
    const want = Math.min(request.limit - data.length, budget - read);
    const page = await listForCaller(tx, ctx, object, { ...request, limit: want, ...(cursor ? { cursor } : {}) });
    read += page.data.length;
    const accepted = await acceptingLink(tx, ctx, hooks, linkable.related, linkable.link, page.data.map((r) => String(r.id)));
    for (const record of page.data) {
      if (accepted.has(String(record.id))) data.push(record);
      else skipped++;
    }
    cursor = page.nextCursor ?? undefined;
    if (!cursor || data.length >= request.limit || read >= budget) break;
  }
  return { data, nextCursor: cursor ?? null, skipped };
}
