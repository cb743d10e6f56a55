import { Alert } from 'antd';
import { Link, tenantPath } from '../../app/router.ts';
import { rolesWithoutRules } from '../../document/role-grants.ts';
import { useT } from '../../i18n/i18n.tsx';
import { useDocument, useStudio } from '../../state/studio-context.tsx';
import { useRoleName } from '../../ui/choices.ts';

/**
 * Before publishing: roles that grant nothing (no rule yet), each a link to its screen. A person
 * given such a role sees an empty app; publishing stays possible (the rules may come later).
 */
export function EmptyRolesAlert() {
  const t = useT();
  const { tenant } = useStudio();
  const roleName = useRoleName();
  const empty = rolesWithoutRules(useDocument());
  if (empty.length === 0) return null;
  return (
    <Alert type="warning" showIcon data-testid="empty-roles" title={t('publish.emptyRoles', { n: empty.length })}
      description={(
        <ul style={{ margin: 0 }}>
          {empty.map((role) => {
            const href = tenantPath(tenant, `roles/${role}`);
            return <li key={role}><Link to={href}>{t('publish.emptyRole', { role: roleName(role) })}</Link></li>;
          })}
        </ul>
      )} />
  );
}
