import { Alert, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { MetadataDocument } from '../../../../platform/metadata/metadata-types.ts';
import { fieldName } from '../../document/field-names.ts';
import { sampleRows } from '../../document/sample-rows.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDocument, useSnapshot, useStudio } from '../../state/studio-context.tsx';

/** A cell as the app would show it: option labels for selects, the title of an expanded lookup. */
function cell(document: MetadataDocument, object: string, key: string, value: unknown, label: (l: unknown, f: string) => string): React.ReactNode {
  if (value === null || value === undefined) return '';
  const field = document.objects[object]?.fields[key];
  const optionLabel = (v: unknown) => {
    const option = field?.options?.find((o) => (typeof o === 'string' ? o : o.value) === v);
    return option && typeof option === 'object' ? label(option.label, option.value) : String(v);
  };
  if (Array.isArray(value)) return value.map((v) => <Tag key={String(v)}>{optionLabel(v)}</Tag>);
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'object') {
    const title = document.objects[field?.object ?? '']?.titleField;
    const record = value as Record<string, unknown>;
    return String((title && record[title]) ?? record.id ?? '');
  }
  return field?.type === 'select' ? optionLabel(value) : String(value);
}

/** The generated list with live records (a published object) or made-up rows (a new one). */
export function ListPreview({ object }: { object: string }) {
  const { t, label, locale } = useI18n();
  const { api } = useStudio();
  const document = useDocument();
  const { live } = useSnapshot();
  const isLive = Boolean(live?.document.objects[object]);
  const [rows, setRows] = useState<Array<Record<string, unknown>> | null>(null);
  useEffect(() => {
    if (!isLive) return;
    let current = true;
    const liveFields = live?.document.objects[object]?.fields ?? {};
    const lookups = (document.layouts?.[object]?.list?.columns ?? []).filter((c) => liveFields[c]?.type === 'lookup' && liveFields[c]?.object !== 'user');
    api.records(object, 5, lookups).then((r) => { if (current) setRows(r.data); }, () => { if (current) setRows([]); });
    return () => { current = false; };
  }, [api, object, isLive]); // the columns' lookups are read once per object; edits re-render the cells
  const sample = !isLive || (rows !== null && rows.length === 0);
  const data = sample ? sampleRows(document, object) : rows ?? [];
  const columns = document.layouts?.[object]?.list?.columns ?? Object.keys(document.objects[object]?.fields ?? {}).slice(0, 5);
  return (
    <>
      <Alert type={sample ? 'info' : 'success'} showIcon title={sample ? t('layouts.sampleRows') : t('layouts.liveRows')} style={{ marginBottom: 8 }} />
      <Table size="small" rowKey={(r) => String(r.id)} pagination={false} dataSource={data} scroll={{ x: true }} loading={isLive && rows === null}
        columns={columns.map((key) => ({ key, title: fieldName(document, object, key, locale), dataIndex: key, render: (v: unknown) => cell(document, object, key, v, (l, f) => label(l as never, f)), ellipsis: true }))} />
    </>
  );
}
