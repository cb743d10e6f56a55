import type { MetadataDocument } from '../../../../platform/metadata/metadata-types.ts';

/** The rules of the same object that run before and after `ruleKey` (lower priority runs first). */
export function priorityNeighbours(document: MetadataDocument, ruleKey: string): { after: string[]; before: string[] } {
  const rules = document.assignmentRules ?? {};
  const rule = rules[ruleKey];
  if (!rule) return { after: [], before: [] };
  const mine = rule.priority ?? 0;
  const same = Object.entries(rules).filter(([k, r]) => k !== ruleKey && r.object === rule.object);
  return {
    after: same.filter(([, r]) => (r.priority ?? 0) < mine).map(([k]) => k),
    before: same.filter(([, r]) => (r.priority ?? 0) > mine).map(([k]) => k),
  };
}
