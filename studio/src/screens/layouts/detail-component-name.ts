import type { DetailComponent } from '../../../../platform/metadata/metadata-types.ts';
import { fieldName } from '../../document/field-names.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useDocument } from '../../state/studio-context.tsx';

/** The name of a detail page component, as the editor's palette and the preview show it. */
export function useDetailComponentName(): (component: DetailComponent) => string {
  const { t, label, locale } = useI18n();
  const document = useDocument();
  return (c) => {
    if (typeof c === 'string') return t(`layouts.c.${c}` as MessageKey);
    if ('related' in c) {
      const object = label(document.objects[c.related]?.label, c.related);
      return c.field ? t('layouts.c.relatedOf', { object, field: fieldName(document, c.related, c.field, locale) }) : t('layouts.c.related', { object });
    }
    return t(`layouts.c.chart.${c.chart}`);
  };
}
