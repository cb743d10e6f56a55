import { fieldKeyPattern, reservedFieldKeys, type MetadataDocument, type ObjectDefinition, type RoleRule } from '../../../platform/metadata/metadata-types.ts';
import { listedRoleRules } from '../../../platform/metadata/role-definition.ts';
import { mutate, type Edit } from './draft-state.ts';
import { holderRoles } from './rule-recipients.ts';

/** What a new visit object for a pool would be: its key, its lookup to the pool's object, and the roles given visits on their own records. */
export interface VisitObjectPlan {
  key: string;
  /** The lookup to the pool's object: named as that object is, unless the key is not free for a field. */
  field: string;
  /** The field that holds when the visit was. */
  at: string;
  /** Roles that hold the pool's records: each may read and add visits on the records it owns. */
  roles: string[];
}

/** The plan for `poolKey`'s visit object: key visit (visit2 … when taken), a lookup to the pool's object, a visit time. */
export function visitObjectPlan(document: MetadataDocument, poolKey: string): VisitObjectPlan | undefined {
  const pool = document.pools?.[poolKey];
  if (!pool || !document.objects[pool.object]) return undefined;
  let key = 'visit';
  for (let n = 2; document.objects[key]; n++) key = `visit${n}`;
  const field = fieldKeyPattern.test(pool.object) && !reservedFieldKeys.includes(pool.object) && pool.object !== 'visitedAt' && pool.object !== 'notes' ? pool.object : 'record';
  return { key, field, at: 'visitedAt', roles: holderRoles(document, pool.object) };
}

/**
 * Adds a visit object for a pool's no-visit release and selects it: 拜访记录 / Visit with a
 * required lookup to the pool's object (labelled as that object), a required 拜访时间 and 拜访内容;
 * the roles that hold the pool's records may read and add visits on the ones they own, so their
 * visits can stop the release.
 */
export function addVisitObject(poolKey: string): Edit {
  return mutate((d) => {
    const plan = visitObjectPlan(d, poolKey);
    const pool = d.pools?.[poolKey];
    if (!plan || !pool) return;
    const target = d.objects[pool.object]!;
    const visit: ObjectDefinition = {
      label: { en: 'Visit', zh: '拜访记录' },
      pluralLabel: { en: 'Visits', zh: '拜访记录' },
      fields: {
        [plan.field]: { type: 'lookup', object: pool.object, label: target.label, required: true },
        [plan.at]: { type: 'datetime', label: { en: 'Visited at', zh: '拜访时间' }, required: true },
        notes: { type: 'textarea', label: { en: 'Notes', zh: '拜访内容' } },
      },
    };
    d.objects[plan.key] = visit;
    pool.visit = { object: plan.key, field: plan.field, at: plan.at };
    for (const role of plan.roles) {
      const rule: RoleRule = { object: plan.key, actions: ['read', 'create'], where: { [`${plan.field}.owner`]: '$user.id' } };
      listedRoleRules(d.roles![role]!).push(rule);
    }
  });
}
