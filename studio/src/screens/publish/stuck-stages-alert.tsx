import { Alert } from 'antd';
import { Link, tenantPath } from '../../app/router.ts';
import { fieldName } from '../../document/field-names.ts';
import { itemName } from '../../document/item-names.ts';
import { stuckStages } from '../../document/role-grants.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDocument, useStudio } from '../../state/studio-context.tsx';

/**
 * Before publishing: stages a role may move records into but never can, because it may not write
 * a field the stage requires (the app asks for it, the server refuses). Publishing stays possible.
 */
export function StuckStagesAlert() {
  const { t, locale } = useI18n();
  const { tenant } = useStudio();
  const document = useDocument();
  const stuck = stuckStages(document);
  if (stuck.length === 0) return null;
  return (
    <Alert type="warning" showIcon data-testid="stuck-stages" title={t('publish.stuck', { n: stuck.length })}
      description={(
        <ul style={{ margin: 0 }}>
          {stuck.map((s) => {
            const href = tenantPath(tenant, `pipelines/${s.pipeline}`);
            const object = document.pipelines?.[s.pipeline]?.object;
            const words = t('publish.stuckItem', {
              role: s.role, stage: itemName({ section: 'stages', key: `${s.pipeline}:${s.stage}` }, [document], locale),
              fields: s.fields.map((f) => fieldName(document, object, f, locale)).join(', '),
            });
            return <li key={`${s.pipeline}:${s.stage}:${s.role}`}><Link to={href}>{words}</Link></li>;
          })}
        </ul>
      )} />
  );
}
