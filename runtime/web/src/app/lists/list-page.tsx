import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Typography } from 'antd';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import type { FilterJson } from '../../shared/filter-builder/filter-builder-types.ts';
import { FilterBuilder } from '../../shared/filter-builder/filter-builder.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { filterFieldsFor } from '../metadata/filter-fields.ts';
import { fieldLabel, type ObjectInfo } from '../metadata/object-info.ts';
import { paths } from '../routing/app-routes.ts';
import { navigate, useLocation } from '../routing/router.ts';
import { useSession } from '../session/tenant-session.tsx';
import { ErrorState, LoadingState, NotFoundPage } from '../shell/page-states.tsx';
import { canSearch, combineWhere, listRequest, nextOrderBy, searchWhere } from './list-query.ts';
import { personalKey, resolveView, savedViewsOf } from './list-views.ts';
import { LoadMore } from './load-more.tsx';
import { ListToolbar } from './list-toolbar.tsx';
import { loadPersonalViews, savePersonalViews, type PersonalView } from './personal-views.ts';
import { RecordList } from './record-list.tsx';
import { useRecordPages, type Page } from './use-record-pages.ts';

const KanbanBoard = lazy(() => import('./kanban/kanban-board.tsx').then((m) => ({ default: m.KanbanBoard })));

/** `/app/{t}/o/{object}?view=…`: a list of records by a saved, personal or default view. */
export function ListPage({ object: objectKey }: { object: string }) {
  const session = useSession();
  const { search } = useLocation();
  const object = session.objectMap.get(objectKey);
  if (!object) return <NotFoundPage tenant={session.tenant} />;
  const viewKey = search.get('view') ?? undefined;
  return <ObjectList key={viewKey ?? ''} object={object} viewKey={viewKey} />;
}

function ObjectList({ object, viewKey }: { object: ObjectInfo; viewKey: string | undefined }) {
  const session = useSession();
  const { t, locale } = useI18n();
  const { tenant, me, document, api } = session;
  const [personal, setPersonal] = useState<PersonalView[]>(() => loadPersonalViews(tenant, me.id, object.key));
  const view = useMemo(() => resolveView(object, document, me.roles, viewKey, personal, locale), [object, document, me.roles, viewKey, personal, locale]);
  const choices = [...savedViewsOf(document, object.key, me.roles, locale), ...personal.map((p) => ({ key: personalKey(p.id), label: p.label, personal: true }))];
  const [userWhere, setUserWhere] = useState<FilterJson | undefined>(undefined);
  const [text, setText] = useState('');
  const [orderBy, setOrderBy] = useState(view.orderBy);
  const [display, setDisplay] = useState(view.display);
  const [filterOpen, setFilterOpen] = useState(false);
  const fields = useMemo(() => filterFieldsFor(object, session.objectMap, locale), [object, session.objectMap, locale]);
  const where = combineWhere(view.where, userWhere, searchWhere(object, text));
  const spec = { columns: view.columns, orderBy, display, ...(where ? { where } : {}) };
  const request = listRequest(object, spec, { count: false });
  const requestKey = JSON.stringify(request);

  const fetchPage = useCallback((cursor: string | undefined): Promise<Page> => (display === 'kanban'
    ? Promise.resolve({ data: [], nextCursor: null })
    : api.post<Page>(`/records/${object.key}/query`, { ...request, ...(cursor ? { cursor } : {}) })),
  // eslint-disable-next-line react-hooks/exhaustive-deps
  [api, object.key, requestKey, display]);
  const fetchTotal = useCallback((): Promise<number | undefined> => (display === 'kanban'
    ? Promise.resolve(undefined)
    : api.post<Page>(`/records/${object.key}/query`, { ...(where ? { where } : {}), limit: 1, fields: [], count: true }).then((p) => p.total)),
  // eslint-disable-next-line react-hooks/exhaustive-deps
  [api, object.key, JSON.stringify(where ?? null), display]);
  const pages = useRecordPages(fetchPage, [requestKey, display], fetchTotal);

  const saveView = (label: string) => {
    const id = Math.random().toString(36).slice(2, 10);
    const combined = combineWhere(view.where, userWhere);
    const next = [...personal, { id, label, ...(combined ? { where: combined } : {}), orderBy, columns: view.columns, display }];
    savePersonalViews(tenant, me.id, object.key, next);
    setPersonal(next);
    navigate(paths.list(tenant, object.key, personalKey(id)));
  };
  const deleteView = view.personal ? () => {
    const next = personal.filter((p) => personalKey(p.id) !== view.key);
    savePersonalViews(tenant, me.id, object.key, next);
    setPersonal(next);
    navigate(paths.list(tenant, object.key));
  } : undefined;
  const titleField = object.titleField ? object.fieldMap.get(object.titleField) : undefined;

  return (
    <section aria-labelledby="list-title">
      <div className="shoal-page-head">
        <Typography.Title level={2} id="list-title" style={{ fontSize: 20 }}>{view.label}</Typography.Title>
        {pages.total !== undefined && display === 'table' && <Typography.Text type="secondary">{t('total', { count: pages.total })}</Typography.Text>}
        <span className="shoal-spacer" />
        {object.actions.includes('create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(paths.create(tenant, object.key))}>{t('create')}</Button>
        )}
      </div>
      <ListToolbar
        view={view}
        choices={choices}
        onView={(key) => navigate(paths.list(tenant, object.key, key))}
        searchLabel={canSearch(object) ? fieldLabel(titleField, locale) : undefined}
        onSearch={setText}
        filterCount={userWhere ? Object.keys(userWhere).length : 0}
        filterOpen={filterOpen}
        onToggleFilter={() => setFilterOpen((o) => !o)}
        display={display}
        onDisplay={object.stageField && object.fieldMap.get(object.stageField)?.readable ? setDisplay : undefined}
        onSaveView={saveView}
        onDeleteView={deleteView}
      />
      {filterOpen && (
        <Card size="small" style={{ marginBottom: 12 }} title={t('filters')}
          extra={<Button size="small" onClick={() => setUserWhere(undefined)}>{t('clearFilter')}</Button>}>
          <FilterBuilder value={userWhere} onChange={setUserWhere} fields={fields} locale={locale} allowVariables
            searchRecords={session.search} resolveRecords={session.resolve} />
        </Card>
      )}
      {display === 'kanban' ? (
        <Suspense fallback={<LoadingState />}>
          <KanbanBoard object={object} where={where} orderBy={orderBy} columns={view.columns} />
        </Suspense>
      ) : (
        <>
          {pages.error !== undefined && <ErrorState error={pages.error} onRetry={pages.reload} />}
          <RecordList object={object} columns={view.columns} records={pages.records} loading={pages.loading}
            orderBy={orderBy} onSort={(key) => setOrderBy(nextOrderBy(orderBy, key, view.orderBy))} />
          <LoadMore hasMore={pages.hasMore} loading={pages.loadingMore} onMore={pages.loadMore} shown={pages.records.length} total={pages.total} />
        </>
      )}
    </section>
  );
}
