import type { MetaChange } from '../../api/studio-api.ts';
import type { MessageKey, Translate } from '../../i18n/i18n.tsx';

const sections: Record<string, MessageKey> = {
  document: 'publish.section.document',
  objects: 'publish.section.objects',
  fields: 'publish.section.fields',
  pipelines: 'publish.section.pipelines',
  stages: 'publish.section.stages',
  pools: 'publish.section.pools',
  layouts: 'publish.section.layouts',
  views: 'publish.section.views',
  roles: 'publish.section.roles',
  assignmentRules: 'publish.section.assignmentRules',
  components: 'publish.section.components',
};

/** The rule editor's names for the parts of an assignment rule the server's diff names by key. */
const ruleParts: Record<string, MessageKey> = {
  title: 'rules.title',
  object: 'common.object',
  pool: 'rules.pool',
  enabled: 'rules.enabled',
  records: 'rules.records',
  users: 'rules.users',
  match: 'rules.match',
  priority: 'rules.priority',
  schedule: 'rules.cron',
  activeFrom: 'rules.activeFrom',
  activeUntil: 'rules.activeUntil',
  workOrderPriority: 'rules.workOrderPriority',
};

/** The section of a change in words ("Assignment rule"), not its document key. */
export function sectionName(section: string, t: Translate): string {
  const key = sections[section];
  return key ? t(key) : section;
}

/**
 * The server's detail of a change in the UI language where its shape is known
 * (platform/metadata/diff-metadata.ts: "users, records changed", "x added"); other details
 * stay as the server wrote them. `itemName` names the changed item (a rule's title).
 */
export function changeDetail(change: Pick<MetaChange, 'section' | 'action' | 'key' | 'detail'>, t: Translate, itemName = change.key): string {
  const { detail } = change;
  if (detail === 'changed') return t('publish.detail.changed');
  if (detail === `${change.key} added`) return t('publish.detail.added', { name: itemName });
  if (detail === `${change.key} removed`) return t('publish.detail.removed', { name: itemName });
  const props = /^([A-Za-z]\w*(?:, [A-Za-z]\w*)*) changed$/.exec(detail);
  if (!props || change.section !== 'assignmentRules') return detail;
  const names = props[1]!.split(', ').map((p) => (ruleParts[p] ? t(ruleParts[p]!) : p));
  return t('publish.detail.propsChanged', { props: names.join(', ') });
}
