import { fieldTypes, systemFieldKeys, type MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { otherStageField } from '../document/field-type-ops.ts';
import { fieldChoiceLabel, fieldName } from '../document/field-names.ts';
import { roleChoiceLabel } from '../document/item-names.ts';
import { useI18n, type Translate, type UiLocale } from '../i18n/i18n.tsx';
import { useDocument, useSnapshot } from '../state/studio-context.tsx';

export interface Choice {
  value: string;
  label: string;
}

/** The tenant's default languages, named in their own language. */
export const localeChoices: Choice[] = [{ value: 'zh-CN', label: '中文 (zh-CN)' }, { value: 'en', label: 'English (en)' }];

/**
 * Field types as select options for field `key` of `object` (a new field without `key`). Stage is
 * disabled, and says why, when the object has another stage field: it has one pipeline.
 */
export function fieldTypeChoices(document: MetadataDocument, object: string, key: string | undefined, t: Translate): Array<Choice & { disabled?: boolean }> {
  const stageField = otherStageField(document, object, key);
  return fieldTypes.map((type) => (type === 'stage' && stageField
    ? { value: type, label: t('fields.stageTaken', { field: stageField }), disabled: true }
    : { value: type, label: t(`type.${type}`) }));
}

/** Objects as select options: "Shop (shop)". */
export function useObjectChoices(withUser = false): Choice[] {
  const document = useDocument();
  const { label, t } = useI18n();
  const choices = Object.entries(document.objects).map(([key, o]) => ({ value: key, label: `${label(o.label, key)} (${key})` }));
  return withUser ? [...choices, { value: 'user', label: `${t('common.user')} (user)` }] : choices;
}

/** The pipelines of `object` as select options, named as the pipelines screen names them: "销售流程 (salesPipeline)". */
export function pipelineChoices(document: MetadataDocument, object: string, locale: UiLocale): Choice[] {
  return Object.entries(document.pipelines ?? {}).filter(([, p]) => p.object === object)
    .map(([key, p]) => ({ value: key, label: fieldChoiceLabel(p.label, key, locale) }));
}

/** Fields of an object as select options, "Owner (owner)"; `system` adds the engine's fields (owner, createdAt …). */
export function fieldChoices(document: MetadataDocument, object: string | undefined, locale: UiLocale, options: { system?: boolean; filter?: (type: string) => boolean } = {}): Choice[] {
  const fields = Object.entries(document.objects[object ?? '']?.fields ?? {})
    .filter(([, f]) => !options.filter || options.filter(f.type))
    .map(([key, f]) => ({ value: key, label: fieldChoiceLabel(f.label, key, locale) }));
  if (!options.system) return fields;
  const pooled = Object.values(document.pools ?? {}).some((p) => p.object === object);
  const system = systemFieldKeys.filter((k) => pooled || !['poolState', 'claimedAt', 'holdExpiresAt', 'lastVisitAt', 'releasedAt', 'releaseReason'].includes(k));
  return [...fields, ...system.map((k) => ({ value: k, label: `${fieldName(document, object, k, locale)} (${k})` }))];
}

export function useFieldChoices(object: string | undefined, options: { system?: boolean; filter?: (type: string) => boolean } = {}): Choice[] {
  const document = useDocument();
  const { locale } = useI18n();
  return fieldChoices(document, object, locale, options);
}

/** Roles as select options, by name with the key beside it: "主管 (zhuGuan)", "admin". */
export function roleChoices(document: MetadataDocument, locale: UiLocale): Choice[] {
  const keys = new Set(['admin', ...Object.keys(document.roles ?? {})]);
  return [...keys].map((k) => ({ value: k, label: roleChoiceLabel(k, [document], locale) }));
}

/** What a role is called wherever the studio shows one a person or key holds: "主管 (zhuGuan)" (the draft's name, else the live one's). */
export function useRoleName(): (key: string) => string {
  const { draft, live } = useSnapshot();
  const { locale } = useI18n();
  return (key) => roleChoiceLabel(key, [draft.document, live?.document], locale);
}

export function useRoleChoices(): Choice[] {
  const document = useDocument();
  const { locale } = useI18n();
  return roleChoices(document, locale);
}
