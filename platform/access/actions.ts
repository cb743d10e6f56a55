/**
 * Actions a role rule may grant. CRUD plus the domain actions of the pools, pipelines and
 * data tools. Each endpoint checks exactly one of them.
 */
export const recordActions = [
  'read', 'create', 'update', 'delete', 'transition', 'claim', 'release', 'extend', 'assign', 'import', 'export',
] as const;
export type RecordAction = (typeof recordActions)[number];

export function isRecordAction(action: string): action is RecordAction {
  return (recordActions as readonly string[]).includes(action);
}
