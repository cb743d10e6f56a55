import { formatAutonumber, optionValues } from '../../../platform/metadata/field-types.ts';
import type { FieldDefinition, MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { labelOf } from '../../../runtime/web/src/shared/labels.ts';
import type { UiLocale } from '../i18n/i18n.tsx';

/**
 * A made-up value of `field`. Text reads as the record ("学员线索 1" for the title field) or the
 * field ("家长姓名 1") in the UI language, never by key, and fits any vertical.
 */
function sampleValue(document: MetadataDocument, object: string, key: string, field: FieldDefinition, n: number, title: boolean, locale: UiLocale): unknown {
  const pick = <T>(items: T[]) => items[n % items.length];
  switch (field.type) {
    case 'text':
    case 'textarea':
      return `${title ? labelOf(document.objects[object]?.label, locale, object) : labelOf(field.label, locale, key)} ${n + 1}`;
    case 'integer': return Math.max(field.min ?? 0, Math.min(field.max ?? 1000, (n + 1) * 7));
    case 'decimal': case 'percent': return Math.min(field.max ?? 100, (n + 1) * 12.5);
    case 'currency': return (n + 1) * 1250;
    case 'boolean': return n % 2 === 0;
    case 'date': return `2026-0${(n % 9) + 1}-1${n % 9}`;
    case 'datetime': return `2026-0${(n % 9) + 1}-1${n % 9}T0${n % 9}:30:00.000Z`;
    case 'email': return `owner${n + 1}@example.com`;
    case 'phone': return `+86 138 0000 00${10 + n}`;
    case 'url': return `https://example.com/${n + 1}`;
    case 'select': return pick(optionValues(field));
    case 'multiselect': return optionValues(field).slice(0, 1 + (n % 2));
    // A linked record by its title, as a list shows it ("Vehicle 1"), not by key.
    case 'lookup': {
      const target = field.object ?? 'record';
      const name = target === 'user' ? `BD ${n + 1}` : `${labelOf(document.objects[target]?.label, locale, target)} ${n + 1}`;
      return { id: `${target}-${n + 1}`, $title: name };
    }
    case 'stage': return pick((document.pipelines?.[field.pipeline ?? '']?.stages ?? []).map((s) => s.key));
    case 'autonumber': return formatAutonumber(field.format, n + 1);
    default: return undefined;
  }
}

/** Made-up records for the list preview of an object that has no live data yet. */
export function sampleRows(document: MetadataDocument, object: string, locale: UiLocale, count = 5): Array<Record<string, unknown>> {
  const definition = document.objects[object];
  const fields = Object.entries(definition?.fields ?? {});
  return Array.from({ length: count }, (_, n) => {
    const row: Record<string, unknown> = { id: `sample-${n + 1}`, owner: { id: `user-${n + 1}`, name: `BD ${n + 1}` }, updatedAt: `2026-11-0${n + 1}T08:00:00.000Z`, createdAt: `2026-10-0${n + 1}T08:00:00.000Z` };
    for (const [key, field] of fields) row[key] = sampleValue(document, object, key, field, n, key === (definition?.titleField ?? 'name'), locale);
    return row;
  });
}
