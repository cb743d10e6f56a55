import { Alert, Button, List, Typography } from 'antd';
import { paths } from '../../../../runtime/web/src/app/routing/app-routes.ts';
import { itemName } from '../../document/item-names.ts';
import type { DataMigration } from '../../document/migrations.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSnapshot, useStudio } from '../../state/studio-context.tsx';
import type { Unconvertible } from './unconvertible-values.ts';

/**
 * A publish refused because some records' values cannot take a field's new type, in the
 * owner's words: which field, which values (each opening its record in the app), and the
 * way on: fix them there, or convert clearing them.
 */
export function UnconvertibleAlert({ conversions, onClear }: { conversions: Unconvertible[]; onClear: (m: DataMigration) => void }) {
  const { t, locale } = useI18n();
  const { tenant } = useStudio();
  const { draft, live } = useSnapshot();
  return (
    <>
      {conversions.map(({ migration, examples }) => {
        const documents = [draft.document, live?.document];
        const field = itemName({ section: 'fields', key: migration.field, object: migration.object }, documents, locale);
        const type = draft.document.objects[migration.object]?.fields[migration.field]?.type;
        return (
          <Alert key={`${migration.object}.${migration.field}`} type="error" showIcon data-testid="unconvertible"
            title={t('publish.unconvertible', { object: itemName({ section: 'objects', key: migration.object }, documents, locale), field, type: type ? t(`type.${type}`) : '' })}
            description={(
              <>
                <List size="small" dataSource={examples} renderItem={(e) => (
                  <List.Item>
                    <Typography.Link href={paths.record(tenant, migration.object, e.id)} target="_blank">
                      {typeof e.value === 'string' ? e.value : JSON.stringify(e.value)}
                    </Typography.Link>
                  </List.Item>
                )} />
                <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }}>{t('publish.unconvertibleHelp')}</Typography.Paragraph>
                <Button onClick={() => onClear(migration)}>{t('publish.unconvertibleClear')}</Button>
              </>
            )} />
        );
      })}
    </>
  );
}
