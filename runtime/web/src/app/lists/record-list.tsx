import { Card, Checkbox, Grid, Space, Table, Typography, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { formatValue, recordTitle } from '../metadata/format-value.ts';
import { fieldLabel, type FieldInfo, type ObjectInfo } from '../metadata/object-info.ts';
import { paths } from '../routing/app-routes.ts';
import { Link } from '../routing/link.tsx';
import { useSession } from '../session/tenant-session.tsx';
import { CardSort } from './card-sort.tsx';
import { FieldCell } from './field-cell.tsx';
import { nextOrderBy, sortable, sortOrderOf } from './list-query.ts';
import type { ApiRecord } from './use-record-pages.ts';

export interface ExtraColumn {
  key: string;
  title: string;
  render: (record: ApiRecord) => ReactNode;
}

/** The list's order and how to change it (`fallback`: what a third click on a header returns to). */
export interface ListSort {
  orderBy: string;
  fallback: string;
  onChange: (orderBy: string) => void;
}

/** Rows ticked for an action on several at once. */
export interface ListSelection {
  ids: string[];
  onChange: (ids: string[]) => void;
}

interface Props {
  object: ObjectInfo;
  columns: string[];
  records: ApiRecord[];
  loading: boolean;
  sort?: ListSort;
  selection?: ListSelection;
  extraColumns?: ExtraColumn[];
  actions?: (record: ApiRecord) => ReactNode;
  emptyText?: string;
}

/** Records as a table on wide screens and as cards on phones; the title links to the record. */
export function RecordList(props: Props) {
  const screens = Grid.useBreakpoint();
  return screens.md ? <RecordTable {...props} /> : <RecordCards {...props} />;
}

function linkColumn(object: ObjectInfo, columns: string[]): string | undefined {
  return object.titleField && columns.includes(object.titleField) ? object.titleField : columns[0];
}

/**
 * Free text and lookups (a lead's name, its hotel's) are as wide as this at most, cut with "…"
 * (the whole text on hover): written out in full they pushed the columns a manager checks a
 * team by (holder, hold expiry, last visit) off a desk screen, to be scrolled to row by row.
 */
const titleWidth = 240;
const textWidth = 180;
const cappedTypes = new Set(['text', 'textarea', 'lookup', 'email', 'url']);
const capped = (field: FieldInfo | undefined) => !!field && cappedTypes.has(field.type);

function RecordTable({ object, columns, records, loading, sort, selection, extraColumns = [], actions, emptyText }: Props) {
  const { t } = useI18n();
  const { tenant, format } = useSession();
  const link = linkColumn(object, columns);
  const tableColumns: TableColumnsType<ApiRecord> = columns.map((key) => {
    const field = object.fieldMap.get(key);
    const canSort = !!sort && sortable(field);
    return {
      key,
      dataIndex: key,
      title: fieldLabel(field, format.locale, key),
      ellipsis: true,
      ...(canSort ? { sorter: true, sortOrder: sortOrderOf(sort.orderBy, key), sortDirections: ['ascend', 'descend', 'ascend'] as Array<'ascend' | 'descend'> } : {}),
      render: (value: unknown, record: ApiRecord) => {
        const cell = key === link
          ? <Link to={paths.record(tenant, object.key, record.id)}><FieldCell record={record} field={field} value={value} format={format} /></Link>
          : <FieldCell record={record} field={field} value={value} format={format} linkTenant={tenant} />;
        return capped(field)
          ? <div className="shoal-cell-capped" style={{ maxWidth: key === link ? titleWidth : textWidth }} title={formatValue(field, value, format)}>{cell}</div>
          : cell;
      },
    };
  });
  // Extra columns (the pool countdown) matter most: right after the title, never scrolled away.
  const at = link ? columns.indexOf(link) + 1 : 0;
  tableColumns.splice(at, 0, ...extraColumns.map((extra) => ({ key: extra.key, title: extra.title, render: (_: unknown, r: ApiRecord) => extra.render(r) })));
  if (actions) tableColumns.push({ key: '$actions', title: t('actions'), fixed: 'right', render: (_: unknown, r: ApiRecord) => actions(r) });
  return (
    <Table<ApiRecord>
      rowKey="id"
      size="middle"
      columns={tableColumns}
      dataSource={records}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: emptyText ?? t('noRecords') }}
      {...(selection ? {
        rowSelection: {
          selectedRowKeys: selection.ids, onChange: (keys) => selection.onChange(keys.map(String)), preserveSelectedRowKeys: true,
          // Named by the record, in the reader's language (antd's own: "Select row 3", "Select all").
          getCheckboxProps: (record) => ({ 'aria-label': t('selectRecord', { title: recordTitle(object, record, format) }) }),
          getTitleCheckboxProps: () => ({ 'aria-label': t('selectAll') }),
        },
      } : {})}
      onChange={(_pagination, _filters, sorter) => {
        const key = Array.isArray(sorter) ? sorter[0]?.columnKey : sorter.columnKey;
        if (typeof key === 'string' && sort) sort.onChange(nextOrderBy(sort.orderBy, key, sort.fallback));
      }}
    />
  );
}

function RecordCards({ object, columns, records, loading, sort, selection, extraColumns = [], actions, emptyText }: Props) {
  const { t } = useI18n();
  const { tenant, format } = useSession();
  const link = linkColumn(object, columns);
  const sorter = sort && <CardSort object={object} columns={columns} sort={sort} />;
  if (!loading && records.length === 0) return <>{sorter}<Card><Typography.Text type="secondary">{emptyText ?? t('noRecords')}</Typography.Text></Card></>;
  const tick = (id: string, on: boolean) => selection?.onChange(on ? [...selection.ids, id] : selection.ids.filter((k) => k !== id));
  return (
    <div className="shoal-card-list" aria-busy={loading}>
      {sorter}
      {records.map((record) => (
        <Card key={record.id} size="small"
          title={(
            <>
              {selection && <Checkbox style={{ marginInlineEnd: 8 }} checked={selection.ids.includes(record.id)} aria-label={t('selectRecord', { title: recordTitle(object, record, format) })} onChange={(e) => tick(record.id, e.target.checked)} />}
              <Link to={paths.record(tenant, object.key, record.id)}>{link ? <FieldCell record={record} field={object.fieldMap.get(link)} value={record[link]} format={format} /> : recordTitle(object, record, format)}</Link>
            </>
          )}
          extra={actions?.(record)}>
          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
            {extraColumns.map((extra) => (
              <div key={extra.key} className="shoal-card-row">
                <Typography.Text type="secondary">{extra.title}</Typography.Text>
                <span className="shoal-card-value">{extra.render(record)}</span>
              </div>
            ))}
            {/* Every column the list shows, as the column picker says: a lead's hold and last visit too, not the first five. */}
            {columns.filter((c) => c !== link).map((key) => (
              <div key={key} className="shoal-card-row">
                <Typography.Text type="secondary">{fieldLabel(object.fieldMap.get(key), format.locale, key)}</Typography.Text>
                <span className="shoal-card-value"><FieldCell record={record} field={object.fieldMap.get(key)} value={record[key]} format={format} linkTenant={tenant} /></span>
              </div>
            ))}
          </Space>
        </Card>
      ))}
    </div>
  );
}
