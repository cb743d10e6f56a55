import { Alert, Button, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { ObjectInfo } from '../metadata/object-info.ts';
import type { Refusal } from './bulk-results.ts';
import type { ApiRecord } from './use-record-pages.ts';

/** What an action on ticked rows could not do: a heading (2 of 5 claimed; 3 not:) and why, by reason. */
export interface BulkReport {
  title: string;
  refusals: Refusal[];
}

/** Shows a report over the list (undefined: takes it away). */
export type ReportBulk = (report: BulkReport | undefined) => void;

/** What a button of the bulk bar acts on: the ticked records of an object, and where it reports what it could not do. */
export interface BulkActionProps {
  object: ObjectInfo;
  selected: ApiRecord[];
  report: ReportBulk;
}

interface Props {
  /** How many rows are ticked: the bar shows while there are any. */
  count: number;
  onClear: () => void;
  /** The actions the caller may take on the ticked rows (their buttons and dialogs). */
  children: (report: ReportBulk) => ReactNode;
}

/** Names of a reason's records shown before "and 12 more". */
const namesShown = 10;

/**
 * The bar over a list with ticked rows: how many, the actions, and "clear". What an action could
 * not do stays above the list after the rows are unticked, until closed or the next action.
 */
export function BulkBar({ count, onClear, children }: Props) {
  const { t, locale } = useI18n();
  const [report, setReport] = useState<BulkReport | undefined>(undefined);
  const names = (titles: string[]) => {
    const shown = titles.slice(0, namesShown).join(locale === 'zh' ? '、' : ', ');
    return titles.length > namesShown ? `${shown} ${t('bulkMore', { count: titles.length - namesShown })}` : shown;
  };
  return (
    <>
      {report && (
        <Alert type="warning" showIcon closable onClose={() => setReport(undefined)} style={{ marginBottom: 8 }} role="alert" title={report.title}
          description={(
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {report.refusals.map((r) => <li key={r.reason}>{locale === 'zh' ? `${r.reason}：${names(r.titles)}` : `${names(r.titles)}: ${r.reason}`}</li>)}
            </ul>
          )} />
      )}
      {count > 0 && (
        <div className="shoal-bulk-bar" role="region" aria-label={t('selectedCount', { count })}>
          <Space wrap size={8}>
            <Typography.Text strong>{t('selectedCount', { count })}</Typography.Text>
            {children(setReport)}
            <Button onClick={onClear}>{t('clearSelection')}</Button>
          </Space>
        </div>
      )}
    </>
  );
}
