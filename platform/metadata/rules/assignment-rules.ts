import { userScope } from '../../filter/filter-fields.ts';
import { cronProblem } from '../../jobs/cron.ts';
import { parseOrderBy } from '../order-by.ts';
import { entries, ptr, type ValidationContext } from './validation-context.ts';

/** Assignment rules: object and pool agree, recall filters parse, schedule and lifetime are sane. */
export function checkAssignmentRules(ctx: ValidationContext): void {
  const enabled = ctx.document.components?.enabled;
  for (const [key, rule] of entries(ctx.document.assignmentRules)) {
    const at = ptr('assignmentRules', key);
    if (enabled && !enabled.includes('assignment')) ctx.add(at, 'assignment rules need the assignment component enabled');
    const model = ctx.models.get(rule.object);
    if (!model) {
      ctx.add(`${at}/object`, `refers to an object that does not exist (${rule.object})`);
      continue;
    }
    if (rule.pool !== undefined) {
      const pool = ctx.document.pools?.[rule.pool];
      if (!pool) ctx.add(`${at}/pool`, `refers to a pool that does not exist (${rule.pool})`);
      else if (pool.object !== rule.object) ctx.add(`${at}/pool`, `pool ${rule.pool} holds ${pool.object}, not ${rule.object}`);
    } else {
      // A pooled record is given out as a pool assignment (a private hold with its clocks and
      // limits); a rule without the pool would make holds no clock releases.
      const holder = entries(ctx.document.pools).find(([, pool]) => pool.object === rule.object);
      if (holder) ctx.add(`${at}/pool`, `${rule.object} records live in pool ${holder[0]}: a rule that gives them out must name it (pool: ${holder[0]})`);
    }
    ctx.checkFilter(rule.records?.include, model.scope, `${at}/records/include`, { allowVariables: false });
    ctx.checkFilter(rule.records?.exclude, model.scope, `${at}/records/exclude`, { allowVariables: false });
    ctx.checkFilter(rule.users?.where, userScope(), `${at}/users/where`, { allowVariables: false });
    if (rule.schedule !== undefined) {
      const zone = rule.pool ? ctx.document.pools?.[rule.pool]?.timeZone : undefined;
      const problem = cronProblem(rule.schedule, zone ?? ctx.document.timeZone ?? 'UTC');
      if (problem) ctx.add(`${at}/schedule`, problem);
    }
    if (rule.activeFrom && rule.activeUntil && rule.activeFrom > rule.activeUntil) {
      ctx.add(`${at}/activeUntil`, `must not be before activeFrom (${rule.activeFrom})`);
    }
    if (rule.workOrderPriority) {
      const { errors } = parseOrderBy(rule.workOrderPriority.field, model.scope, { allowPaths: true });
      for (const message of errors) ctx.add(`${at}/workOrderPriority/field`, message);
    }
  }
}
