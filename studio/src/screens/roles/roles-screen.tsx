import type { ScreenProps } from '../../app/screen-routes.tsx';
import { roleRules } from '../../../../platform/metadata/role-definition.ts';
import { itemName } from '../../document/item-names.ts';
import { addRole } from '../../document/section-ops.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDocument } from '../../state/studio-context.tsx';
import { SectionPage } from '../../ui/section-page.tsx';
import { RoleEditor } from './role-editor.tsx';

/**
 * Roles: who may do what to which records and fields (deny by default, rules unioned). A role is
 * added by its name (主管), its key made from it (zhuGuan), as objects and fields are.
 */
export function RolesScreen({ itemKey }: ScreenProps) {
  const { t, locale } = useI18n();
  const document = useDocument();
  const roles = document.roles ?? {};
  const summary = (key: string) => {
    const rules = roles[key] ? roleRules(roles[key]) : [];
    return rules === 'all' ? t('roles.fullAccess') : t('roles.rules', { n: rules.length });
  };
  return (
    <SectionPage
      section="roles" screen="roles" itemKey={itemKey} items={roles}
      title={t('menu.roles')} intro={t('roles.intro')}
      emptyTitle={t('roles.emptyTitle')} emptyDescription={t('roles.emptyText')}
      itemTitle={(key) => itemName({ section: 'roles', key }, [document], locale)}
      itemSummary={summary}
      asksLabel labelOptional
      create={({ key, label }) => addRole(key, label)}
      renderEditor={(key) => <RoleEditor roleKey={key} />}
    />
  );
}
