import { ArrowDownOutlined, ArrowUpOutlined, InsertRowRightOutlined } from '@ant-design/icons';
import { Button, Checkbox, Popover, Space } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';
import type { ObjectInfo } from '../metadata/object-info.ts';
import { columnChoices, moveColumn, toggleColumn } from './list-columns.ts';

interface Props {
  object: ObjectInfo;
  columns: string[];
  viewColumns: string[];
  onChange: (columns: string[]) => void;
}

/** Which columns the list shows, and in which order; "as the view has them" undoes it. */
export function ColumnPicker({ object, columns, viewColumns, onChange }: Props) {
  const { t, locale } = useI18n();
  const choices = columnChoices(object, columns, locale);
  const content = (
    <div style={{ maxHeight: 'min(480px, 60vh)', overflow: 'auto', minWidth: 220 }} role="group" aria-label={t('columns')}>
      <Button size="small" type="link" style={{ padding: 0, marginBottom: 4 }} disabled={columns.join() === viewColumns.join()} onClick={() => onChange(viewColumns)}>
        {t('resetColumns')}
      </Button>
      {choices.map((choice) => (
        <div key={choice.key} style={{ display: 'flex', alignItems: 'center', gap: 4, padding: '2px 0' }}>
          <Checkbox checked={choice.shown} style={{ flex: 1 }} onChange={(e) => onChange(toggleColumn(columns, choice.key, e.target.checked))}>{choice.label}</Checkbox>
          {choice.shown && (
            <Space size={0}>
              <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={`${choice.label} ↑`} disabled={columns[0] === choice.key}
                onClick={() => onChange(moveColumn(columns, choice.key, -1))} />
              <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={`${choice.label} ↓`} disabled={columns[columns.length - 1] === choice.key}
                onClick={() => onChange(moveColumn(columns, choice.key, 1))} />
            </Space>
          )}
        </div>
      ))}
    </div>
  );
  return (
    <Popover trigger="click" placement="bottomLeft" content={content}>
      <Button icon={<InsertRowRightOutlined />}>{t('columns')}</Button>
    </Popover>
  );
}
