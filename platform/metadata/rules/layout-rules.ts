import { parseOrderBy } from '../order-by.ts';
import { entries, ptr, type ValidationContext } from './validation-context.ts';
import type { ObjectModel } from '../object-model.ts';

/** Layouts and saved views: objects exist, listed fields exist, sorts and filters parse. */
export function checkLayoutsAndViews(ctx: ValidationContext): void {
  for (const [objectKey, layout] of entries(ctx.document.layouts)) {
    const at = ptr('layouts', objectKey);
    const model = ctx.models.get(objectKey);
    if (!model) {
      ctx.add(at, `is a layout for an object that does not exist (${objectKey})`);
      continue;
    }
    checkColumns(ctx, model, layout.list?.columns, `${at}/list/columns`);
    checkSort(ctx, model, layout.list?.orderBy, `${at}/list/orderBy`);
    (layout.form?.sections ?? []).forEach((section, i) => {
      section.fields.forEach((f, j) => {
        const field = model.fields.get(f);
        if (!field) ctx.add(`${at}/form/sections/${i}/fields/${j}`, `${objectKey} has no field ${f}`);
        else if (field.system && f !== 'owner') ctx.add(`${at}/form/sections/${i}/fields/${j}`, `${f} is set by the system and cannot be on a form`);
      });
    });
    (layout.detail?.components ?? []).forEach((component, i) => {
      const cAt0 = `${at}/detail/components/${i}`;
      if (component === 'stageBar' && !model.stageField) ctx.add(cAt0, `a stage bar needs a stage field; ${objectKey} has none`);
      if (component === 'poolActions' && model.poolKeys.length === 0) ctx.add(cAt0, `pool actions need a pool; no pool holds ${objectKey}`);
      if (component === 'workOrders' && !componentOn(ctx, 'workOrders')) ctx.add(cAt0, 'the workOrders component is not enabled');
      if (typeof component !== 'object' || !('related' in component)) return;
      const related = ctx.models.get(component.related);
      const cAt = `${at}/detail/components/${i}`;
      if (!related) {
        ctx.add(`${cAt}/related`, `refers to an object that does not exist (${component.related})`);
        return;
      }
      const links = [...related.fields.values()].filter((f) => f.type === 'lookup' && f.target === objectKey);
      if (component.field ? !links.some((l) => l.key === component.field) : links.length === 0) {
        ctx.add(cAt, `${component.related} has no lookup to ${objectKey}${component.field ? ` named ${component.field}` : ''}`);
      }
    });
  }
  for (const [key, view] of entries(ctx.document.views)) {
    const at = ptr('views', key);
    const model = ctx.models.get(view.object);
    if (!model) {
      ctx.add(`${at}/object`, `refers to an object that does not exist (${view.object})`);
      continue;
    }
    ctx.checkFilter(view.where, model.scope, `${at}/where`);
    checkSort(ctx, model, view.orderBy, `${at}/orderBy`);
    checkColumns(ctx, model, view.columns, `${at}/columns`);
    if (view.display === 'kanban' && !model.stageField) ctx.add(`${at}/display`, `a kanban needs a stage field; ${view.object} has none`);
    (view.roles ?? []).forEach((r, i) => {
      if (!ctx.roleExists(r)) ctx.add(`${at}/roles/${i}`, `is not a role (${r})`);
    });
  }
}

function componentOn(ctx: ValidationContext, key: string): boolean {
  const enabled = ctx.document.components?.enabled;
  return !enabled || enabled.includes(key);
}

function checkColumns(ctx: ValidationContext, model: ObjectModel, columns: string[] | undefined, at: string): void {
  (columns ?? []).forEach((c, i) => {
    if (!model.fields.has(c)) ctx.add(`${at}/${i}`, `${model.key} has no field ${c}`);
  });
}

function checkSort(ctx: ValidationContext, model: ObjectModel, orderBy: string | undefined, at: string): void {
  if (orderBy === undefined) return;
  const { errors } = parseOrderBy(orderBy, model.scope);
  for (const message of errors) ctx.add(at, message);
}
