import type { Label } from '../../shared/labels.ts';
import type { ApiRecord } from '../lists/use-record-pages.ts';
import type { ObjectInfo } from '../metadata/object-info.ts';
import { RecordFunnelCard } from './record-funnel-card.tsx';
import { StageHistoryCard } from './stage-history-card.tsx';

/** A layout's `{ chart }` component: its own chunk with echarts, loaded when a page has one. */
export function RecordChart({ chart, object, record, label }: { chart: 'funnel' | 'history'; object: ObjectInfo; record: ApiRecord; label?: Label | undefined }) {
  return chart === 'history'
    ? <StageHistoryCard object={object} record={record} label={label} />
    : <RecordFunnelCard object={object} record={record} label={label} />;
}
