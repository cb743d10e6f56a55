import { useDroppable } from '@dnd-kit/core';
import { Button, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { ErrorState } from '../../shell/page-states.tsx';
import type { KanbanColumnData } from './use-kanban-data.ts';

interface Props {
  stage: string;
  title: string;
  data: KanbanColumnData | undefined;
  onMore: () => void;
  children: ReactNode;
}

/** One stage: a drop target with its count, its cards and "load more". */
export function KanbanColumn({ stage, title, data, onMore, children }: Props) {
  const { t } = useI18n();
  const { setNodeRef, isOver } = useDroppable({ id: stage });
  return (
    <section ref={setNodeRef} className="shoal-kanban-column" data-over={isOver} aria-label={title}>
      <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 8, fontWeight: 600 }}>
        <span>{title}</span>
        <Typography.Text type="secondary">{data?.total ?? ''}</Typography.Text>
      </div>
      {data?.error !== undefined && <ErrorState error={data.error} />}
      {children}
      {data?.loading && <div style={{ textAlign: 'center' }}><Spin size="small" /></div>}
      {data && !data.loading && data.cursor && <Button block size="small" type="dashed" onClick={onMore}>{t('loadMore')}</Button>}
      {data && !data.loading && data.records.length === 0 && data.error === undefined && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('empty')}</Typography.Text>
      )}
    </section>
  );
}
