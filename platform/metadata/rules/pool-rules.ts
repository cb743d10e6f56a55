import { leavesOf } from '../../filter/filter-ast.ts';
import { userScope } from '../../filter/filter-fields.ts';
import { parseFilter } from '../../filter/parse-filter.ts';
import { isValidTimeZone } from '../../time/zoned-time.ts';
import { cronProblem } from '../../jobs/cron.ts';
import { systemReleaseReason } from '../../pools/release-reasons.ts';
import type { PoolDefinition } from '../metadata-types.ts';
import { entries, ptr, type ValidationContext } from './validation-context.ts';

/** Pools: object, filters (where / exempt / members), visit object, hidden fields, time zone, release reasons. */
export function checkPools(ctx: ValidationContext): void {
  const enabled = ctx.document.components?.enabled;
  for (const [key, pool] of entries(ctx.document.pools)) {
    const at = ptr('pools', key);
    const model = ctx.models.get(pool.object);
    if (!model) {
      ctx.add(`${at}/object`, `refers to an object that does not exist (${pool.object})`);
      continue;
    }
    ctx.checkFilter(pool.where, model.scope, `${at}/where`, { allowVariables: false });
    // Which pool holds a record is what `where` decides: it cannot depend on it.
    if (pool.where !== undefined) {
      for (const leaf of leavesOf(parseFilter(pool.where, model.scope, { basePointer: `${at}/where`, allowVariables: false }).node)) {
        if (!leaf.via && leaf.field.key === 'pool') ctx.add(leaf.pointer, 'cannot name pool: which pool holds a record is what this filter decides');
      }
    }
    ctx.checkFilter(pool.exempt, model.scope, `${at}/exempt`, { allowVariables: false });
    ctx.checkFilter(pool.members, userScope(), `${at}/members`, { allowVariables: false });
    (pool.hiddenWhilePublic ?? []).forEach((f, i) => {
      const field = model.fields.get(f);
      if (!field || field.system) ctx.add(`${at}/hiddenWhilePublic/${i}`, `${pool.object} has no field ${f}`);
    });
    const roles = pool.admins?.roles;
    (Array.isArray(roles) ? roles : roles === undefined ? [] : [roles]).forEach((r, i) => {
      if (!ctx.roleExists(r)) ctx.add(Array.isArray(roles) ? `${at}/admins/roles/${i}` : `${at}/admins/roles`, `is not a role (${r})`);
    });
    if (pool.timeZone !== undefined && !isValidTimeZone(pool.timeZone)) ctx.add(`${at}/timeZone`, `is not a time zone (${pool.timeZone})`);
    if (pool.sweepSchedule !== undefined) {
      const problem = cronProblem(pool.sweepSchedule);
      if (problem) ctx.add(`${at}/sweepSchedule`, problem);
    }
    if (pool.visit) {
      const visit = ctx.models.get(pool.visit.object);
      if (!visit) ctx.add(`${at}/visit/object`, `refers to an object that does not exist (${pool.visit.object})`);
      else {
        const link = visit.fields.get(pool.visit.field);
        if (!link || link.type !== 'lookup' || link.target !== pool.object) {
          ctx.add(`${at}/visit/field`, `must be a lookup from ${pool.visit.object} to ${pool.object}`);
        }
        const time = visit.fields.get(pool.visit.at);
        if (!time || !['date', 'datetime', 'timestamp'].includes(time.kind)) {
          ctx.add(`${at}/visit/at`, `must be a date or date-time field of ${pool.visit.object}`);
        }
      }
    }
    checkReleaseReasons(ctx, pool, at);
    if (pool.releaseIfNoVisitDays && !pool.visit) ctx.add(`${at}/releaseIfNoVisitDays`, 'needs a visit object (pools.*.visit) to know when a lead was last visited');
    // As assignment rules need their component: with pools on and visits off, no visit would
    // move the clock and every hold would go back as not visited (it is ignored then).
    else if (pool.releaseIfNoVisitDays && enabled?.includes('pools') && !enabled.includes('visits')) {
      ctx.add(`${at}/releaseIfNoVisitDays`, 'needs the visits component enabled (components.enabled: visits), which records visits; or leave it out');
    }
  }
}

/**
 * A pool's own release reasons: each key once (a release stores only the key), none the system
 * stores (`systemReleaseReason`: a person's reason would read as if the sweep had released the
 * record, or an assignment had taken it), each with words.
 */
function checkReleaseReasons(ctx: ValidationContext, pool: PoolDefinition, at: string): void {
  const seen = new Set<string>();
  (Array.isArray(pool.releaseReasons) ? pool.releaseReasons : []).forEach((reason, i) => {
    const system = systemReleaseReason(reason.key);
    if (system) ctx.add(`${at}/releaseReasons/${i}/key`, `${reason.key} is ${system}; choose another key`);
    else if (seen.has(reason.key)) ctx.add(`${at}/releaseReasons/${i}/key`, `${reason.key} is already a reason of this pool (keys are what a release stores: each once)`);
    seen.add(reason.key);
    const words = typeof reason.label === 'string' ? [reason.label] : Object.values(reason.label ?? {});
    if (!words.some((w) => typeof w === 'string' && w.trim())) ctx.add(`${at}/releaseReasons/${i}/label`, 'needs words the release dialog can show (a label in at least one language)');
    // A language given blank would show a blank button to its readers (the fallbacks skip only a missing one).
    else if (typeof reason.label === 'object' && reason.label !== null) {
      for (const [lang, w] of Object.entries(reason.label)) {
        if (typeof w === 'string' && !w.trim()) ctx.add(`${at}/releaseReasons/${i}/label/${lang}`, 'is blank: give words in this language or leave it out');
      }
    }
  });
}
