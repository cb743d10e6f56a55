import { Button, Checkbox, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { MetaChange } from '../../api/studio-api.ts';
import { fieldChoiceLabel } from '../../document/field-names.ts';
import { typeConvertible, type DataMigration } from '../../document/migrations.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSnapshot } from '../../state/studio-context.tsx';
import { describeMigration, itemName, migrationNames } from './change-words.ts';
import { moveTargets, reasonTargets } from './move-targets.ts';

/**
 * What the owner can do about one change that touches data: the migration that keeps the data
 * (rename a field, move records to another option or stage, convert a type) when one fits.
 */
export function MigrationPrompt({ change, onAdd }: { change: MetaChange; onAdd: (m: DataMigration) => void }) {
  const { t, locale } = useI18n();
  const { draft, live } = useSnapshot();
  const [clearInvalid, setClearInvalid] = useState(false);
  const document = draft.document;
  const object = change.object ?? '';
  if (change.migration) return <Tag color="orange">{describeMigration(t, change.migration, migrationNames([document, live?.document], locale))}</Tag>;
  if (!change.affectedRecords) return null;

  if (change.section === 'fields' && change.action === 'changed' && change.detail.startsWith('type')) {
    const from = live?.document.objects[object]?.fields[change.key]?.type;
    const to = document.objects[object]?.fields[change.key]?.type;
    if (from && to && !typeConvertible(from, to)) {
      return <Typography.Text type="danger" data-testid="cannot-convert">{t('migration.cannotConvert', { type: t(`type.${to}`) })}</Typography.Text>;
    }
    return (
      <Space orientation="vertical" size={2}>
        <Checkbox checked={clearInvalid} onChange={(e) => setClearInvalid(e.target.checked)}>{t('migration.clearInvalid')}</Checkbox>
        <Button size="small" type="primary" onClick={() => onAdd({ op: 'changeType', object, field: change.key, clearInvalid })}>{t('migration.convert')}</Button>
      </Space>
    );
  }
  if (change.section === 'fields' && change.action === 'removed' && change.path.endsWith(`/fields/${change.key}`)) {
    const type = live?.document.objects[object]?.fields[change.key]?.type;
    const candidates = Object.entries(document.objects[object]?.fields ?? {})
      .filter(([k, f]) => f.type === type && !live?.document.objects[object]?.fields[k]).map(([k, f]) => ({ value: k, label: fieldChoiceLabel(f.label, k, locale) }));
    if (candidates.length === 0 || type === 'stage') return null;
    return (
      <Select size="small" style={{ minWidth: 200 }} placeholder={t('migration.renamedTo')} options={candidates} aria-label={t('migration.renamedToOf', { field: change.key })}
        onChange={(to: string) => onAdd({ op: 'renameField', object, from: change.key, to })} />
    );
  }
  if ((change.section === 'fields' || change.section === 'stages') && change.action === 'removed' && change.key.includes(':')) {
    const [owner, value] = change.key.split(':') as [string, string];
    const { field, targets } = moveTargets(document, change.section, object, owner, locale);
    return (
      <Select size="small" style={{ minWidth: 200 }} placeholder={t('migration.moveTo')} options={targets} aria-label={t('migration.moveToOf', { value })}
        onChange={(to: string) => onAdd({ op: 'renameOption', object, field, from: value, to })} />
    );
  }
  if (change.section === 'releaseReasons' && change.action === 'removed') {
    const [pool, reason] = change.key.split(':') as [string, string];
    const name = itemName(change, [document, live?.document], locale);
    return (
      <Space orientation="vertical" size={2}>
        <Select size="small" style={{ minWidth: 200 }} placeholder={t('migration.moveTo')} options={reasonTargets(document, pool, locale)} aria-label={t('migration.moveToOf', { value: name })}
          onChange={(to: string) => onAdd({ op: 'moveReleaseReason', pool, from: reason, to })} />
        <Typography.Text type="secondary" data-testid="reason-kept">{t('migration.reasonKept', { name })}</Typography.Text>
      </Space>
    );
  }
  if (change.affects?.kind === 'breaks') return <Typography.Text type="warning" data-testid="breaks-rule">{t('migration.breaksRule')}</Typography.Text>;
  if (change.affects?.kind === 'duplicates') return <Typography.Text type="warning">{t('migration.duplicates')}</Typography.Text>;
  return null;
}
