import { optionValues } from '../../../../platform/metadata/field-types.ts';
import { offeredReleaseReasons } from '../../../../platform/pools/release-reasons.ts';
import type { Label, MetadataDocument } from '../../../../platform/metadata/metadata-types.ts';
import { labelOf, type UiLocale } from '../../../../runtime/web/src/shared/labels.ts';

/**
 * Where the records of a removed stage or option may go (the review's "Move records to…"): the
 * field the value is in, and the draft's stages or options named as the app names them, with
 * the key beside a name that is not the key itself (已预约 · booked).
 * `owner` is the pipeline (stages) or the select field (options) of the removed value.
 */
export function moveTargets(document: MetadataDocument, section: 'stages' | 'fields', object: string, owner: string, locale: UiLocale): { field: string; targets: Array<{ value: string; label: string }> } {
  const named = (value: string, label: Label | undefined) => namedTarget(value, label, locale);
  if (section === 'stages') {
    const pipeline = document.pipelines?.[owner];
    return { field: pipeline?.field ?? '', targets: (pipeline?.stages ?? []).map((s) => named(s.key, s.label)) };
  }
  const definition = document.objects[object]?.fields[owner];
  const labels = new Map((definition?.options ?? []).map((o) => (typeof o === 'string' ? [o, undefined] : [o.value, o.label] as const)));
  return { field: owner, targets: (definition ? optionValues(definition) : []).map((v) => named(v, labels.get(v))) };
}

/** Where the records released for a reason pool `pool` no longer offers may go: the reasons the draft's pool offers, named likewise. */
export function reasonTargets(document: MetadataDocument, pool: string, locale: UiLocale): Array<{ value: string; label: string }> {
  const definition = document.pools?.[pool];
  return definition ? offeredReleaseReasons(definition).map((r) => namedTarget(r.key, r.label, locale)) : [];
}

function namedTarget(value: string, label: Label | undefined, locale: UiLocale): { value: string; label: string } {
  const text = labelOf(label, locale, value);
  return { value, label: text === value ? value : `${text} · ${value}` };
}
