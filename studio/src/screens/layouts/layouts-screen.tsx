import type { ScreenProps } from '../../app/screen-routes.tsx';
import { addLayout } from '../../document/layout-ops.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDocument } from '../../state/studio-context.tsx';
import { useObjectChoices } from '../../ui/choices.ts';
import { SectionPage } from '../../ui/section-page.tsx';
import { LayoutEditor } from './layout-editor.tsx';

/** Page layouts per object: list columns, form sections, detail page components. */
export function LayoutsScreen({ itemKey }: ScreenProps) {
  const { t, label } = useI18n();
  const document = useDocument();
  const objects = useObjectChoices();
  const layouts = document.layouts ?? {};
  return (
    <SectionPage
      section="layouts" screen="layouts" itemKey={itemKey} items={layouts} keyIsObject
      title={t('menu.layouts')} intro={t('layouts.intro')}
      emptyTitle={t('layouts.emptyTitle')} emptyDescription={t('layouts.emptyText')}
      itemTitle={(key) => label(document.objects[key]?.label, key)}
      objects={objects}
      create={({ object }) => addLayout(object!)}
      renderEditor={(key) => <LayoutEditor object={key} />}
    />
  );
}
