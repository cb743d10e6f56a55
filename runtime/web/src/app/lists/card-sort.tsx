import { SortAscendingOutlined, SortDescendingOutlined } from '@ant-design/icons';
import { Button, Select, Space, Typography } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';
import { fieldLabel, type ObjectInfo } from '../metadata/object-info.ts';
import { sortable, sortOrderOf } from './list-query.ts';
import type { ListSort } from './record-list.tsx';

/** Cards have no headers to click: the order as a field and a direction to pick. */
export function CardSort({ object, columns, sort }: { object: ObjectInfo; columns: string[]; sort: ListSort }) {
  const { t, locale } = useI18n();
  const first = sort.orderBy.split(',')[0]?.trim().replace(/^[+-]/, '') ?? '';
  // The order a view starts from (last updated first) is offered even when it is no column.
  const keys = [...new Set([...columns, first])].filter((k) => sortable(object.fieldMap.get(k)));
  const current = keys.includes(first) ? first : undefined;
  const descending = sortOrderOf(sort.orderBy, first) === 'descend';
  if (keys.length === 0) return null;
  return (
    <Space size={6} wrap>
      <Typography.Text type="secondary">{t('sortBy')}</Typography.Text>
      <Select aria-label={t('sortBy')} style={{ minWidth: 140 }} value={current} placeholder={t('sortBy')}
        options={keys.map((k) => ({ value: k, label: fieldLabel(object.fieldMap.get(k), locale, k) }))}
        onChange={(key: string) => sort.onChange(descending ? `-${key}` : key)} />
      {current && (
        <Button icon={descending ? <SortDescendingOutlined /> : <SortAscendingOutlined />} onClick={() => sort.onChange(descending ? current : `-${current}`)}>
          {t(descending ? 'descending' : 'ascending')}
        </Button>
      )}
    </Space>
  );
}
