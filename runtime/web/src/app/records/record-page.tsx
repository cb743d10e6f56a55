import { ArrowLeftOutlined, DeleteOutlined } from '@ant-design/icons';
import { App, Button, Card, Grid, Popconfirm, Typography } from 'antd';
import { lazy, Suspense, useCallback } from 'react';
import type { DetailComponent } from '../../../../../platform/metadata/metadata-types.ts';
import { errorText, isStatus } from '../data/api-errors.ts';
import { useAsync } from '../data/use-async.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { ApiRecord } from '../lists/use-record-pages.ts';
import { FieldCell } from '../lists/field-cell.tsx';
import { recordTitle } from '../metadata/format-value.ts';
import { componentEnabled, objectLabel, type ObjectInfo } from '../metadata/object-info.ts';
import { PoolActionsPanel } from '../pools/pool-actions-panel.tsx';
import { paths } from '../routing/app-routes.ts';
import { Link } from '../routing/link.tsx';
import { cameFrom, leaveGonePage, navigate } from '../routing/router.ts';
import { useSession } from '../session/tenant-session.tsx';
import { backLink } from '../shell/navigation-model.ts';
import { ErrorState, LoadingState, NotFoundPage } from '../shell/page-states.tsx';
import { useNavigation } from '../shell/use-navigation.ts';
import { chartShown } from './record-chart-plan.ts';
import { DeletedRecord } from './deleted-record.tsx';
import { RecordDetails } from './record-details.tsx';
import { RecordTimeline } from './record-timeline.tsx';
import { RecordWorkOrders } from './record-work-orders.tsx';
import { RelatedList } from './related-list.tsx';
import { StageBar } from './stage-bar.tsx';
import { useDeletedToast } from './undo-delete.tsx';

// Charts bring echarts: loaded only for a page whose layout has one (as the dashboards do).
const RecordChart = lazy(() => import('./record-chart.tsx').then((m) => ({ default: m.RecordChart })));

/** `/o/{object}/{id}`: the record, assembled from `layouts.<object>.detail.components`. */
export function RecordPage({ object: objectKey, id }: { object: string; id: string }) {
  const { objectMap, tenant } = useSession();
  const object = objectMap.get(objectKey);
  if (!object) return <NotFoundPage tenant={tenant} />;
  return <RecordView object={object} id={id} />;
}

function RecordView({ object, id }: { object: ObjectInfo; id: string }) {
  const { api, tenant, document, format, objectMap } = useSession();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const expand = object.fields.filter((f) => f.readable && f.target).map((f) => f.key).join(',');
  const { data: answer, error, loading, reload } = useAsync(() => api.getWithHeaders<ApiRecord>(`/records/${object.key}/${id}`, { expand, include: 'creatable' }), [api, object.key, id, expand]);
  const record = answer?.data;
  // What the caller's roles let them do to this record (a BD may read a public lead, not change it).
  const allow = new Set((answer?.headers.get('allow') ?? 'GET').split(',').map((m) => m.trim().toUpperCase()));
  // Which related records they may add to it (`visit.lead`): a BD may add a visit to their own lead, not to a public one.
  const creatable = new Set((answer?.headers.get('shoal-creatable') ?? '').split(',').map((c) => c.trim()).filter(Boolean));
  // ← (and a delete) go back to the list or queue the record was opened from (where it was left), else to its object's list.
  const from = cameFrom();
  const back = backLink(from, useNavigation(), tenant, { path: paths.list(tenant, object.key), label: objectLabel(object, locale, true) });
  const deletedToast = useDeletedToast();
  const remove = useCallback(async () => {
    try {
      await api.delete(`/records/${object.key}/${id}`);
      // Deleting is soft: a way back while the toast shows (a delete by mistake is otherwise for the API to undo).
      deletedToast({ object: object.key, ids: [id], onUndone: (restored) => { if (restored.length > 0) navigate(paths.record(tenant, object.key, id)); } });
      // Back from the list then goes where it went before the record was opened, not to the record gone.
      void leaveGonePage(back.path);
    } catch (failure) {
      void message.error(errorText(failure, locale));
    }
  }, [api, object.key, id, tenant, message, locale, back.path, deletedToast]);

  if (loading && !record) return <LoadingState />;
  // A record the caller may not read answers 404 like one that does not exist: both are "nothing here",
  // unless its history says it was deleted (a bookmark, a link, Forward after the delete).
  if (isStatus(error, 404)) return <DeletedRecord object={object} id={id} back={back} onRestored={reload} />;
  if (error !== undefined || !record) return <ErrorState error={error} onRetry={reload} />;
  const components = detailComponents(object, document.layouts?.[object.key]?.detail?.components, componentEnabled(document, 'workOrders'))
    .filter((c) => typeof c !== 'object' || !('chart' in c) || chartShown(c.chart, object, document, objectMap));
  const side = new Set(screens.lg ? ['timeline', 'workOrders'] : []);
  const render = (component: DetailComponent, i: number) => {
    if (typeof component === 'object' && 'related' in component) {
      return <RelatedList key={i} parent={object} parentId={record.id} parentVersion={record.version} related={component.related} creatable={creatable} {...(component.field ? { field: component.field } : {})} {...(component.label ? { label: component.label } : {})} />;
    }
    if (typeof component === 'object') {
      return (
        <Suspense key={i} fallback={<Card size="small" loading style={{ marginBottom: 12 }} />}>
          <RecordChart chart={component.chart} object={object} record={record} label={component.label} />
        </Suspense>
      );
    }
    switch (component) {
      case 'stageBar': return <StageBar key={i} object={object} record={record} onMoved={reload} />;
      case 'poolActions': return <PoolActionsPanel key={i} object={object} record={record} onChanged={reload} />;
      case 'form': return <RecordDetails key={i} object={object} record={record} mayUpdate={allow.has('PATCH')} onSaved={reload} />;
      case 'timeline': return <RecordTimeline key={i} object={object} id={record.id} version={record.version} />;
      case 'workOrders': return <RecordWorkOrders key={i} object={object.key} id={record.id} />;
      default: return null;
    }
  };
  const isSide = (c: DetailComponent) => typeof c === 'string' && side.has(c);
  const stage = object.stageField ? object.fieldMap.get(object.stageField) : undefined;

  return (
    <article aria-labelledby="record-title">
      <div className="shoal-page-head">
        <Link to={back.path} returning={back.path === from} aria-label={t('backTo', { page: back.label })}><ArrowLeftOutlined /> {back.label}</Link>
      </div>
      <div className="shoal-page-head">
        <Typography.Title level={2} id="record-title" style={{ fontSize: 20, overflowWrap: 'anywhere' }}>{recordTitle(object, record, format)}</Typography.Title>
        {stage && <FieldCell field={stage} value={record[stage.key]} format={format} />}
        <span className="shoal-spacer" />
        {object.actions.includes('delete') && allow.has('DELETE') && (
          <Popconfirm title={t('confirmDelete')} okText={t('delete')} cancelText={t('cancel')} okButtonProps={{ danger: true }} cancelButtonProps={{ autoFocus: true }} onConfirm={() => void remove()}>
            <Button danger icon={<DeleteOutlined />}>{t('delete')}</Button>
          </Popconfirm>
        )}
      </div>
      <div style={{ display: 'grid', gap: 12, gridTemplateColumns: side.size ? 'minmax(0, 2fr) minmax(0, 1fr)' : 'minmax(0, 1fr)' }}>
        <div>{components.map((c, i) => (isSide(c) ? null : render(c, i)))}</div>
        {side.size > 0 && <aside>{components.map((c, i) => (isSide(c) ? render(c, i) : null))}</aside>}
      </div>
    </article>
  );
}

/** The layout's components, or a sensible page when the layout names none. */
function detailComponents(object: ObjectInfo, declared: DetailComponent[] | undefined, workOrders: boolean): DetailComponent[] {
  const list = declared ?? [
    ...(object.stageField ? ['stageBar'] : []), ...(object.pools.length > 0 ? ['poolActions'] : []), 'form', 'timeline',
  ];
  return list.filter((c) => c !== 'workOrders' || workOrders);
}
