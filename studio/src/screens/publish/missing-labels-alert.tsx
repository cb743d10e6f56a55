import { Alert } from 'antd';
import { Link, tenantPath } from '../../app/router.ts';
import { describeTarget } from '../../document/item-names.ts';
import { missingLabels } from '../../document/missing-labels.ts';
import { pointerTarget, targetRoute } from '../../document/pointer-route.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDocument, useSnapshot, useStudio } from '../../state/studio-context.tsx';

const shown = 12;

/**
 * Before publishing: the new or relabelled items without a label in the tenant's language, each
 * a link to its label input. Publishing stays possible; the app would show the other language
 * or a name made from the key.
 */
export function MissingLabelsAlert() {
  const { t, locale } = useI18n();
  const { tenant } = useStudio();
  const document = useDocument();
  const { live } = useSnapshot();
  const { language, pointers } = missingLabels(document, live?.document);
  if (pointers.length === 0) return null;
  return (
    <Alert type="warning" showIcon data-testid="missing-labels"
      title={t(language === 'zh' ? 'publish.missingZh' : 'publish.missingEn', { n: pointers.length })}
      description={(
        <ul style={{ margin: 0 }}>
          {pointers.slice(0, shown).map((pointer) => {
            const target = pointerTarget(pointer);
            const href = tenantPath(tenant, targetRoute(target));
            return <li key={pointer}><Link to={href}>{describeTarget(t, target, [document, live?.document], locale)}</Link></li>;
          })}
          {pointers.length > shown && <li>{t('publish.missingMore', { n: pointers.length - shown })}</li>}
        </ul>
      )} />
  );
}
