import { isRecordAction, recordActions } from '../../access/actions.ts';
import { roleRules, roleRulesPath } from '../role-definition.ts';
import { entries, ptr, type ValidationContext } from './validation-context.ts';

/** Roles: objects exist, actions are known, conditions parse, field allowlists name real fields. */
export function checkRoles(ctx: ValidationContext): void {
  for (const [roleKey, role] of entries(ctx.document.roles)) {
    const rules = roleRules(role);
    if (rules === 'all') continue;
    rules.forEach((rule, i) => {
      const at = ptr('roles', roleKey, ...roleRulesPath(role), i);
      const objects = Array.isArray(rule.object) ? rule.object : [rule.object];
      rule.actions.forEach((action, j) => {
        if (!isRecordAction(action)) ctx.add(`${at}/actions/${j}`, `is not an action (${action}); known actions: ${recordActions.join(', ')}`);
      });
      objects.forEach((objectKey, j) => {
        const model = ctx.models.get(objectKey);
        const objectAt = Array.isArray(rule.object) ? `${at}/object/${j}` : `${at}/object`;
        if (!model) {
          ctx.add(objectAt, `refers to an object that does not exist (${objectKey})`);
          return;
        }
        ctx.checkFilter(rule.where, model.scope, `${at}/where`);
        (rule.fields ?? []).forEach((f, k) => {
          if (!model.fields.has(f)) ctx.add(`${at}/fields/${k}`, `${objectKey} has no field ${f}`);
        });
      });
    });
  }
}
