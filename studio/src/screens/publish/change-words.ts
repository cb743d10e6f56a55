import type { MetadataDocument } from '../../../../platform/metadata/metadata-types.ts';
import { labelOf } from '../../../../runtime/web/src/shared/labels.ts';
import type { MetaChange } from '../../api/studio-api.ts';
import { itemName, propName } from '../../document/item-names.ts';
import type { DataMigration } from '../../document/migrations.ts';
import { enMessages } from '../../i18n/en-messages.ts';
import type { MessageKey, Translate, UiLocale } from '../../i18n/i18n.tsx';

export { itemName, objectName } from '../../document/item-names.ts';

const sections: Record<string, MessageKey> = {
  document: 'publish.section.document',
  objects: 'publish.section.objects',
  fields: 'publish.section.fields',
  pipelines: 'publish.section.pipelines',
  stages: 'publish.section.stages',
  pools: 'publish.section.pools',
  releaseReasons: 'publish.section.releaseReasons',
  layouts: 'publish.section.layouts',
  views: 'publish.section.views',
  roles: 'publish.section.roles',
  assignmentRules: 'publish.section.assignmentRules',
  components: 'publish.section.components',
};

/** The section of a change in words ("Assignment rule"), not its document key. */
export function sectionName(section: string, t: Translate): string {
  const key = sections[section];
  return key ? t(key) : section;
}

/** Names in a change's detail: the changed item's (a field's label, a rule's title) and other objects'. */
export interface ChangeNames {
  item: string;
  object: (key: string) => string;
}

/**
 * The server's detail of a change in the UI language, for every shape
 * platform/metadata/diff-metadata.ts writes ("new object lead", "field phone removed; …",
 * "label, required changed"), naming items by their labels; an unknown shape stays as the server wrote it.
 */
export function changeDetail(change: Pick<MetaChange, 'section' | 'action' | 'key' | 'detail'>, t: Translate, names: ChangeNames = { item: change.key, object: (k) => k }): string {
  const { detail, section } = change;
  const name = names.item;
  const type = (key: string) => (`type.${key}` in enMessages ? t(`type.${key}` as MessageKey) : key);
  const props = (list: string) => t('publish.detail.propsChanged', { props: list.split(', ').map((p) => propName(section, p, t)).join(', ') });
  const patterns: Array<[RegExp, (m: RegExpExecArray) => string]> = [
    [/^changed$/, () => t('publish.detail.changed')],
    [/^name, language or time zone changed$/, () => t('publish.detail.settings')],
    [/^enabled: (.*)$/, (m) => t('publish.detail.components', { list: m[1]! })],
    [/^fields reordered$/, () => t('publish.detail.reordered')],
    [/^pools of (\S+) reordered; /, (m) => t('publish.detail.poolsReordered', { object: names.object(m[1]!) })],
    [/^new object \S+$/, () => t('publish.detail.newObject', { name })],
    [/^object \S+ removed; its records become unreachable$/, () => t('publish.detail.objectRemoved', { name })],
    [/^new (\w+) field \S+$/, (m) => t('publish.detail.newField', { name, type: type(m[1]!) })],
    [/^field \S+ removed; its values are no longer shown$/, () => t('publish.detail.fieldRemoved', { name })],
    [/^(\S+) renamed to (\S+); values move with it$/, (m) => t('publish.detail.fieldRenamed', { from: m[1]!, to: m[2]! })],
    [/^type (\w+) → (\w+)( \(every value stays valid\))?$/, (m) => t(m[3] ? 'publish.detail.typeWidened' : 'publish.detail.type', { from: type(m[1]!), to: type(m[2]!) })],
    [/^\S+ becomes unique; duplicated values must be fixed first$/, () => t('publish.detail.unique', { name })],
    [/^\S+ now points at (\S+); its values point at (\S+) records$/, (m) => t('publish.detail.repointed', { name, to: names.object(m[1]!), from: names.object(m[2]!) })],
    [/^option (.+) of \S+ removed$/, (m) => t('publish.detail.optionRemoved', { name, value: m[1]! })],
    [/^option (.+) renamed to (.+)$/, (m) => t('publish.detail.optionRenamed', { value: m[1]!, to: m[2]! })],
    [/^stage \S+ removed; records in it keep a stage that no longer exists$/, () => t('publish.detail.stageRemoved', { name })],
    [/^stage (\S+) renamed to (\S+)$/, (m) => t('publish.detail.stageRenamed', { from: m[1]!, to: m[2]! })],
    [/^pool \S+ removed; private holds in it end$/, () => t('publish.detail.poolRemoved', { name })],
    [/^release reason \S+ of \S+ removed; records released for it keep it, read by its last words$/, () => t('publish.detail.reasonRemoved', { name })],
    [/^release reason \S+ of \S+ moved to \S+$/, () => t('publish.detail.reasonMoved', { name })],
    [new RegExp(`^${escape(change.key)} added$`), () => t('publish.detail.added', { name })],
    [new RegExp(`^${escape(change.key)} removed$`), () => t('publish.detail.removed', { name })],
    [/^([A-Za-z]\w*(?:, [A-Za-z]\w*)*) changed$/, (m) => props(m[1]!)],
    [/^([A-Za-z]\w*(?:, [A-Za-z]\w*)*) changed; private holds in it expire by the new holdDays, counted from their claim plus the days they were extended$/,
      (m) => t('publish.detail.holdsRedated', { changed: props(m[1]!) })],
  ];
  for (const [pattern, words] of patterns) {
    const match = pattern.exec(detail);
    if (match) return words(match);
  }
  return detail;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A publish refusal's headline in the UI language, by its code ('invalid_metadata' …); one of another code as the server wrote it. */
export function refusalTitle(code: string, message: string, t: Translate): string {
  const key = `publish.refusal.${code}`;
  return key in enMessages ? t(key as MessageKey) : message;
}

/** How a data migration names what it moves: objects and fields by their labels, options and stages by label and key. */
export interface MigrationNames {
  object: (key: string) => string;
  field: (object: string, key: string) => string;
  value: (object: string, field: string, value: string) => string;
  pool: (key: string) => string;
  /** A release reason of a pool by its words and key, as `value` names an option. */
  reason: (pool: string, key: string) => string;
}

/** Names from the draft first, then the live version (where a renamed option or a removed field still is). */
export function migrationNames(documents: Array<MetadataDocument | undefined>, locale: UiLocale): MigrationNames {
  const valueLabel = (object: string, field: string, value: string) => {
    for (const document of documents) {
      const definition = document?.objects[object]?.fields[field];
      if (!definition) continue;
      const label = definition.type === 'stage'
        ? document!.pipelines?.[definition.pipeline ?? '']?.stages.find((s) => s.key === value)?.label
        : definition.options?.map((o) => (typeof o === 'string' ? { value: o } : o)).find((o) => o.value === value)?.label;
      if (label !== undefined) return labelOf(label, locale, value);
    }
    return undefined;
  };
  const withKey = (label: string | undefined, key: string) => (label && label !== key ? `${label} (${key})` : key);
  return {
    object: (key) => itemName({ section: 'objects', key }, documents, locale),
    field: (object, key) => itemName({ section: 'fields', key, object }, documents, locale),
    value: (object, field, value) => withKey(valueLabel(object, field, value), value),
    pool: (key) => itemName({ section: 'pools', key }, documents, locale),
    reason: (pool, key) => withKey(itemName({ section: 'releaseReasons', key: `${pool}:${key}` }, documents, locale), key),
  };
}

/**
 * A data migration in words, by names: '学员线索：字段“家长姓名” jiaZhangXingMing → jiaZhang（数据随之迁移）',
 * '学员线索 · 课程意向：少儿英语 (shaoEr) → 少儿英语 (shaoErYingYu)'. Keys stay where a rename is of keys.
 */
export function describeMigration(t: Translate, m: DataMigration, names: MigrationNames): string {
  if (m.op === 'moveReleaseReason') return t('migration.moveReleaseReason', { pool: names.pool(m.pool), from: names.reason(m.pool, m.from), to: names.reason(m.pool, m.to) });
  const object = names.object(m.object);
  if (m.op === 'renameField') return t('migration.renameField', { object, field: names.field(m.object, m.to), from: m.from, to: m.to });
  const field = names.field(m.object, m.field);
  if (m.op === 'renameOption') return t('migration.renameOption', { object, field, from: names.value(m.object, m.field, m.from), to: names.value(m.object, m.field, m.to) });
  return t(m.clearInvalid ? 'migration.changeTypeClear' : 'migration.changeType', { object, field });
}
