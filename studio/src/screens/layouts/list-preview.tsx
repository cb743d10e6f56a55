import { Alert, Table } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { fieldName } from '../../document/field-names.ts';
import { previewCell } from '../../document/preview-cells.ts';
import { sampleRows } from '../../document/sample-rows.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDocument, useSnapshot, useStudio } from '../../state/studio-context.tsx';

/** The generated list with live records (a published object) or made-up rows (a new one). */
export function ListPreview({ object }: { object: string }) {
  const { t, locale } = useI18n();
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
    // People are named as the app names them (it looks their names up; /records gives ids).
    Promise.all([api.records(object, 5, lookups), api.allUsers().catch(() => [])]).then(([r, users]) => {
      if (!current) return;
      const names = new Map(users.map((u) => [u.id, u.name]));
      const userKeys = Object.keys(liveFields).filter((k) => liveFields[k]?.type === 'lookup' && liveFields[k]?.object === 'user');
      setRows(r.data.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => (
        typeof v === 'string' && names.has(v) && (userKeys.includes(k) || ['owner', 'createdBy', 'updatedBy', 'releasedBy'].includes(k)) ? [k, { id: v, name: names.get(v) }] : [k, v]
      )))));
    }, () => { if (current) setRows([]); });
    return () => { current = false; };
  }, [api, object, isLive]); // the columns' lookups are read once per object; edits re-render the cells
  const sample = !isLive || (rows !== null && rows.length === 0);
  const data = sample ? sampleRows(document, object, locale) : rows ?? [];
  const format = useMemo(() => previewCell(document, locale), [document, locale]);
  const columns = document.layouts?.[object]?.list?.columns ?? Object.keys(document.objects[object]?.fields ?? {}).slice(0, 5);
  return (
    <>
      <Alert type={sample ? 'info' : 'success'} showIcon title={sample ? t('layouts.sampleRows') : t('layouts.liveRows')} style={{ marginBottom: 8 }} />
      <Table size="small" rowKey={(r) => String(r.id)} pagination={false} dataSource={data} scroll={{ x: true }} loading={isLive && rows === null}
        columns={columns.map((key) => ({ key, title: fieldName(document, object, key, locale), dataIndex: key, render: (v: unknown) => format(object, key, v), ellipsis: true }))} />
    </>
  );
}
