import type { CompiledObject } from '../metadata/compile-metadata.ts';
import type { Tx } from '../storage/storage.ts';
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
      const { full } = await recordAsCreated(tx, ctx, hooks, related, { [link.key]: id }, newRecordId());
      const resolve = await relatedResolver(tx, ctx, related, [full], 'create');
      if (!ctx.policy.can('create', related.key, full, resolve)) continue;
      const fields = ctx.policy.fieldsFor('create', related.key, full, resolve);
      if (fields === 'all' || fields.has(link.key)) creatable.push(`${related.key}.${link.key}`);
    }
  }
  return creatable;
}
