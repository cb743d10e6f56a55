import type { Label, MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { roleLabel } from '../../../platform/metadata/role-definition.ts';
import { poolReleaseReasons } from '../../../platform/pools/release-reasons.ts';
import { labelOf } from '../../../runtime/web/src/shared/labels.ts';
import { enMessages } from '../i18n/en-messages.ts';
import type { MessageKey, Translate, UiLocale } from '../i18n/i18n.tsx';
import type { FormTarget } from './pointer-route.ts';

/** An item of the document as the server's diff and problems name it: its section, key and object. */
export interface ItemRef {
  section: string;
  key: string;
  object?: string;
}

/**
 * An item by its name in the UI language: an object's or field's label, a stage's, a pipeline's,
 * pool's, view's or role's label, a rule's title (from the first document that has it: the draft, or the
 * live version when it was removed); its key when it has no name.
 */
export function itemName(change: ItemRef, documents: Array<MetadataDocument | undefined>, locale: UiLocale): string {
  const { find, fallback } = nameOf(change);
  for (const document of documents) {
    const label = document ? find(document) : undefined;
    if (label !== undefined) return labelOf(label, locale, fallback);
  }
  return fallback;
}

/**
 * An item's name before and after a change that renamed it (its label or, for a rule, its title),
 * in the UI language: `documents` are the newer and the older version. Nothing when the name is
 * the same in this language (or the item is in only one of them).
 */
export function nameChange(change: ItemRef, documents: [MetadataDocument | undefined, MetadataDocument | undefined], locale: UiLocale): { from: string; to: string } | undefined {
  // A layout or a field order is named after its object: a renamed object is its own change.
  if (change.section === 'layouts' || change.key.endsWith(':order')) return undefined;
  const { find, fallback } = nameOf(change);
  const [newer, older] = documents.map((d) => (d ? find(d) : undefined));
  if (newer === undefined || older === undefined) return undefined;
  const from = labelOf(older, locale, fallback);
  const to = labelOf(newer, locale, fallback);
  return from === to ? undefined : { from, to };
}

/** Where a document holds an item's name, and what to call it without one (its key). */
function nameOf(change: ItemRef): { find: (d: MetadataDocument) => Label | undefined; fallback: string } {
  const [head = change.key, tail] = change.key.split(':');
  switch (change.section) {
    case 'objects':
    case 'layouts':
      return { find: (d) => d.objects[change.key]?.label, fallback: change.key };
    case 'fields':
      return tail === 'order'
        ? { find: (d) => d.objects[change.object ?? '']?.label, fallback: head }
        : { find: (d) => d.objects[change.object ?? '']?.fields[head]?.label, fallback: head };
    case 'stages':
      return { find: (d) => d.pipelines?.[head]?.stages.find((s) => s.key === tail)?.label, fallback: tail ?? head };
    case 'pipelines':
      return { find: (d) => d.pipelines?.[change.key]?.label, fallback: change.key };
    case 'pools':
      return { find: (d) => d.pools?.[change.key]?.label, fallback: change.key };
    case 'releaseReasons':
      return { find: (d) => releaseReasonLabel(d, head, tail ?? ''), fallback: tail ?? head };
    case 'views':
      return { find: (d) => d.views?.[change.key]?.label, fallback: change.key };
    case 'assignmentRules':
      return { find: (d) => d.assignmentRules?.[change.key]?.title, fallback: change.key };
    case 'roles':
      return { find: (d) => roleLabel(d.roles?.[change.key]), fallback: change.key };
    default:
      return { find: () => undefined, fallback: change.key };
  }
}

/** The words of reason `key` of pool `pool` in a document: offered (its own or the built-in ones) or offered once. */
function releaseReasonLabel(document: MetadataDocument, pool: string, key: string): Label | undefined {
  const definition = document.pools?.[pool];
  if (!definition) return undefined;
  return poolReleaseReasons(definition).find((r) => r.key === key)?.label;
}

/** An object's name in the UI language, for details that name other objects ("now points at Vehicle"). */
export function objectName(documents: Array<MetadataDocument | undefined>, locale: UiLocale): (key: string) => string {
  return (key) => itemName({ section: 'objects', key }, documents, locale);
}

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

/** Where the editors keep the name of a property of each section (`pools.holdDays`, `opt.maxLength` …), first match wins. */
const propPrefixes: Record<string, string[]> = {
  objects: ['objects', 'common'],
  fields: ['fields', 'opt', 'common'],
  pipelines: ['pipelines', 'common'],
  pools: ['pools', 'common'],
  layouts: ['layouts', 'common'],
  views: ['views', 'layouts', 'common'],
  roles: ['roles', 'common'],
  settings: ['settings', 'common'],
};

/** What the editors call property `prop` of an item of `section` (`pools.holdDays` → 保护期), the property itself where they have no name for it. */
export function propName(section: string, prop: string, t: Translate): string {
  if (section === 'assignmentRules') return ruleParts[prop] ? t(ruleParts[prop]!) : prop;
  if (prop === 'label' || prop === 'description') return t(`common.${prop}`);
  const key = (propPrefixes[section] ?? []).map((p) => `${p}.${prop}`).find((k) => k in enMessages);
  return key ? t(key as MessageKey) : prop;
}

const elementWords: Record<string, MessageKey> = {
  stages: 'pipelines.stages', transitions: 'pipelines.transitions', list: 'layouts.list', form: 'layouts.form', detail: 'layouts.detail',
};

/**
 * Where a pointer's form item is, in words: "Pipelines › Lead funnel › Stages › tasting › Label",
 * items by their names in the UI language (from the draft, else the live version), not by keys.
 */
export function describeTarget(t: Translate, target: FormTarget, documents: Array<MetadataDocument | undefined>, locale: UiLocale): string {
  const parts: string[] = [t(`menu.${target.screen}`)];
  const section = target.screen === 'rules' ? 'assignmentRules' : target.screen;
  if (target.key !== undefined) parts.push(itemName({ section, key: target.key }, documents, locale));
  if (target.element !== undefined) {
    parts.push(target.screen === 'objects' ? itemName({ section: 'fields', key: target.element, object: target.key }, documents, locale)
      : elementWords[target.element] ? t(elementWords[target.element]!) : target.element);
  }
  if (target.index !== undefined) {
    const stage = target.screen === 'pipelines' && target.element === 'stages' ? documents[0]?.pipelines?.[target.key ?? '']?.stages[target.index] : undefined;
    parts.push(stage ? itemName({ section: 'stages', key: `${target.key}:${stage.key}` }, documents, locale) : `#${target.index + 1}`);
  }
  if (target.prop !== undefined) parts.push(propWords(section, target.prop, t));
  return parts.join(' › ');
}

/**
 * A property path under an item by the editors' names: releaseIfNoVisitDays → 未拜访释放,
 * visit/field → 关联字段 (the path's parts joined, else its first part named and the rest as is).
 */
function propWords(section: string, prop: string, t: Translate): string {
  const [first = prop, ...rest] = prop.split('/');
  const joined = [first, ...rest.filter((p) => !/^\d+$/.test(p)).map((p) => p.charAt(0).toUpperCase() + p.slice(1))].join('');
  const whole = propName(section, joined, t);
  if (whole !== joined) return whole;
  return [propName(section, first, t), ...rest.map((p) => (/^\d+$/.test(p) ? `#${Number(p) + 1}` : p))].join(' › ');
}

/**
 * A role as a picker or a list shows it: its name with its key beside it ("主管 (zhuGuan)"), the
 * key alone for a role without a name (`admin`, `bd`). The key stays in sight because people,
 * API keys and filters (`{ roles: zhuGuan }`) hold roles by their keys.
 *
 * @example roleChoiceLabel('zhuGuan', [document], 'zh') // "主管 (zhuGuan)"
 */
export function roleChoiceLabel(key: string, documents: Array<MetadataDocument | undefined>, locale: UiLocale): string {
  const name = itemName({ section: 'roles', key }, documents, locale);
  return name === key ? key : `${name} (${key})`;
}
