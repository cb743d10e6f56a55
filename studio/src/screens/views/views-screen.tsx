import type { ScreenProps } from '../../app/screen-routes.tsx';
import { addItem } from '../../document/section-ops.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDocument } from '../../state/studio-context.tsx';
import { useObjectChoices } from '../../ui/choices.ts';
import { SectionPage } from '../../ui/section-page.tsx';
import { ViewEditor } from './view-editor.tsx';

/** Saved list views: a filter, a sort and columns, shown to chosen roles. */
export function ViewsScreen({ itemKey }: ScreenProps) {
  const { t, label } = useI18n();
  const document = useDocument();
  const objects = useObjectChoices();
  const views = document.views ?? {};
  return (
    <SectionPage
      section="views" screen="views" itemKey={itemKey} items={views}
      title={t('menu.views')} intro={t('views.intro')}
      emptyTitle={t('views.emptyTitle')} emptyDescription={t('views.emptyText')}
      itemTitle={(key) => label(views[key]?.label, key)}
      objects={objects} asksLabel
      create={({ key, object, label: name }) => addItem('views', key, { object, label: name ?? { en: key }, display: 'table' })}
      renderEditor={(key) => <ViewEditor viewKey={key} />}
    />
  );
}
