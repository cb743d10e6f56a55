import type { ScreenProps } from '../../app/screen-routes.tsx';
import { addItem } from '../../document/section-ops.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDocument } from '../../state/studio-context.tsx';
import { SectionPage } from '../../ui/section-page.tsx';
import { RoleEditor } from './role-editor.tsx';

/** Roles: who may do what to which records and fields (deny by default, rules unioned). */
export function RolesScreen({ itemKey }: ScreenProps) {
  const { t, label } = useI18n();
  const document = useDocument();
  const roles = document.roles ?? {};
  return (
    <SectionPage
      section="roles" screen="roles" itemKey={itemKey} items={roles}
      title={t('menu.roles')} intro={t('roles.intro')}
      emptyTitle={t('roles.emptyTitle')} emptyDescription={t('roles.emptyText')}
      titleIsSummary
      itemTitle={(key) => { const role = roles[key]; return role && !Array.isArray(role) ? label(role.label, t('roles.fullAccess')) : t('roles.rules', { n: Array.isArray(role) ? role.length : 0 }); }}
      create={({ key }) => addItem('roles', key, [])}
      renderEditor={(key) => <RoleEditor roleKey={key} />}
    />
  );
}
