import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Typography } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { FilterJson } from '../../shared/filter-builder/filter-builder-types.ts';
import { FilterBuilder } from '../../shared/filter-builder/filter-builder.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { filterFieldsFor } from '../metadata/filter-fields.ts';
import { componentEnabled, visibleColumns, type ObjectInfo } from '../metadata/object-info.ts';
import { paths } from '../routing/app-routes.ts';
import { navigate, rewriteAddress, useArrival, useLocation } from '../routing/router.ts';
import { useSession } from '../session/tenant-session.tsx';
import { ErrorState, LoadingState, NotFoundPage } from '../shell/page-states.tsx';
import { bulkAllowed, RecordBulkActions } from './bulk-record-actions.tsx';
import { ColumnPicker } from './column-picker.tsx';
import { csvActions } from './csv/csv-transfer.ts';
import { ExportButton } from './csv/export-button.tsx';
import { ImportDialog } from './csv/import-dialog.tsx';
import { conditionCount, filterSummary } from './filter-summary.ts';
import { combineWhere, listRequest, searchPlaceholder, searchWhere, type ListSpec } from './list-query.ts';
import { personalKey, personalViewChanged, personalViewOf, resolveView, savedViewsOf, startingSpec } from './list-views.ts';
import { useKeptPlace, useReturnedPlace } from './list-place.ts';
import { orderFits } from './list-url-state.ts';
import { LoadMore } from './load-more.tsx';
import { ListToolbar } from './list-toolbar.tsx';
import { changePersonalView, createPersonalView, deletePersonalView, fetchPersonalViews, renamePersonalView, reorderPersonalViews, type PersonalView } from './personal-views.ts';
import { withoutStaleFields } from './stale-view-fields.ts';
import { StaleViewNote } from './stale-view-note.tsx';
import { useKeptInAddress, useOpeningAddress } from './use-list-address.ts';
import { usePersonalViews } from './use-personal-views.ts';
import { errorText } from '../data/api-errors.ts';
import { ApiError } from '../../shared/api-client.ts';
import { RecordList } from './record-list.tsx';
import { useRecordPages, type Page } from './use-record-pages.ts';

const KanbanBoard = lazy(() => import('./kanban/kanban-board.tsx').then((m) => ({ default: m.KanbanBoard })));

/**
 * `/app/{t}/o/{object}?view=…`: a list of records by a saved, personal or default view, with the
 * filter, search, order, columns and display the user set in its address (`list-url-state.ts`).
 */
export function ListPage({ object: objectKey }: { object: string }) {
  const session = useSession();
  const { search } = useLocation();
  const arrival = useArrival();
  const object = session.objectMap.get(objectKey);
  const mine = usePersonalViews(objectKey);
  const viewKey = search.get('view') ?? undefined;
  const moved = viewKey?.startsWith('my:') ? mine.movedIds.get(viewKey.slice(3)) : undefined;
  // An address naming a view by the id this browser gave it before it moved to the server.
  useEffect(() => { if (moved) navigate(paths.list(session.tenant, objectKey, personalKey(moved)), { replace: true }); }, [moved, session.tenant, objectKey]);
  if (!object) return <NotFoundPage tenant={session.tenant} />;
  // Any other list shows at once; one of the user's own views waits for them.
  if (viewKey?.startsWith('my:') && !mine.views) return mine.error !== undefined ? <ErrorState error={mine.error} onRetry={mine.reload} /> : <LoadingState />;
  return <ObjectList key={arrival} object={object} viewKey={viewKey} personal={mine.views ?? []} viewsLoaded={mine.views !== undefined || mine.error !== undefined} setPersonal={mine.setViews} />;
}

interface ObjectListProps {
  object: ObjectInfo;
  viewKey: string | undefined;
  personal: PersonalView[];
  /** Whether `personal` has been read: a view saved before would be lost when the read lands. */
  viewsLoaded: boolean;
  setPersonal: (views: PersonalView[]) => void;
}

function ObjectList({ object, viewKey, personal, viewsLoaded, setPersonal }: ObjectListProps) {
  const session = useSession();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { tenant, me, document, api } = session;
  // The user's views as the object stands now: what a view names that is gone or hidden is left out, and said.
  const checked = useMemo(() => personal.map((p) => withoutStaleFields(p, object, session.objectMap, locale)), [personal, object, session.objectMap, locale]);
  const view = useMemo(() => resolveView(object, document, me.roles, viewKey, checked.map((c) => c.view), locale), [object, document, me.roles, viewKey, checked, locale]);
  const choices = [...savedViewsOf(document, object.key, me.roles, locale), ...personal.map((p) => ({ key: personalKey(p.id), label: p.label, personal: true }))];
  const start = useMemo(() => startingSpec(view), [view]);
  // What the address says (a dashboard's figure, a list left for a record) over what the view starts with.
  const opening = useOpeningAddress();
  const [userWhere, setUserWhere] = useState<FilterJson | undefined>(() => (opening.where ? combineWhere(opening.where) : start.draft.where));
  const [text, setText] = useState(opening.q ?? '');
  const [orderBy, setOrderBy] = useState(() => orderFits(object, opening.orderBy, start.draft.orderBy));
  const [columns, setColumns] = useState(() => (opening.columns ? visibleColumns(object, opening.columns) : start.draft.columns));
  const [display, setDisplay] = useState(() => (opening.display === 'table' || (opening.display === 'kanban' && object.stageField) ? opening.display : start.draft.display));
  const [filterOpen, setFilterOpen] = useState(conditionCount(opening.where) > 0);
  const [importing, setImporting] = useState(false);
  // `?import=<job>`: opened from the notification that an import ended, its results are shown once.
  const { pathname, search } = useLocation();
  const reviewedImport = search.get('import') ?? undefined;
  const closeImport = () => {
    setImporting(false);
    if (!reviewedImport) return;
    const rest = new URLSearchParams(search);
    rest.delete('import');
    const query = rest.toString();
    rewriteAddress(pathname, query ? `?${query}` : '');
  };
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const fields = useMemo(() => filterFieldsFor(object, session.objectMap, locale), [object, session.objectMap, locale]);
  const draft: ListSpec = { orderBy, columns, display, ...(userWhere ? { where: userWhere } : {}) };
  const where = combineWhere(start.fixedWhere, userWhere, searchWhere(object, text));
  const request = listRequest(object, { ...draft, ...(where ? { where } : {}) }, { count: false });
  const requestKey = JSON.stringify(request);
  useKeptInAddress({ ...draft, q: text }, start.draft);

  const fetchPage = useCallback((cursor: string | undefined, limit?: number): Promise<Page> => (display === 'kanban'
    ? Promise.resolve({ data: [], nextCursor: null })
    : api.post<Page>(`/records/${object.key}/query`, { ...request, ...(cursor ? { cursor } : {}), ...(limit ? { limit } : {}) })),
  // eslint-disable-next-line react-hooks/exhaustive-deps
  [api, object.key, requestKey, display]);
  const fetchTotal = useCallback((): Promise<number | undefined> => (display === 'kanban'
    ? Promise.resolve(undefined)
    : api.post<Page>(`/records/${object.key}/query`, { ...(where ? { where } : {}), limit: 1, fields: [], count: true }).then((p) => p.total)),
  // eslint-disable-next-line react-hooks/exhaustive-deps
  [api, object.key, JSON.stringify(where ?? null), display]);
  // Back (or a record's ←) to the list: the rows it had loaded, scrolled to where it was.
  const returned = useReturnedPlace();
  const pages = useRecordPages(fetchPage, [requestKey, display], fetchTotal, returned?.rows);
  useKeptPlace(pages, returned);
  // Ticks belong to the rows on screen: another filter or order starts without any.
  useEffect(() => setSelectedIds([]), [requestKey]);

  // A write the server refused leaves everything as it was on screen (the filter, the name typed), and says why.
  const refused = (error: unknown): false => {
    const reason = error instanceof ApiError && error.code === 'duplicate' ? t('viewNameTaken') : errorText(error, locale);
    void message.error(t('viewNotSaved', { reason }));
    return false;
  };
  const current = personal.find((p) => personalKey(p.id) === view.key);
  const saveView = async (label: string): Promise<boolean> => {
    const combined = combineWhere(start.fixedWhere, userWhere);
    try {
      const created = await createPersonalView(api, object.key, personalViewOf('', label, { ...draft, ...(combined ? { where: combined } : {}) }));
      setPersonal([...personal, created]);
      navigate(paths.list(tenant, object.key, personalKey(created.id)));
      return true;
    } catch (error) {
      return refused(error);
    }
  };
  const saveChanges = current && personalViewChanged(view, draft) ? async () => {
    try {
      const saved = await changePersonalView(api, object.key, personalViewOf(current.id, current.label, draft));
      setPersonal(personal.map((p) => (p.id === saved.id ? saved : p)));
      void message.success(t('viewSaved'));
    } catch (error) {
      refused(error);
    }
  } : undefined;
  const renameView = current ? async (label: string): Promise<boolean> => {
    try {
      const renamed = await renamePersonalView(api, object.key, current.id, label);
      setPersonal(personal.map((p) => (p.id === renamed.id ? renamed : p)));
      return true;
    } catch (error) {
      return refused(error);
    }
  } : undefined;
  const shownChecked = checked.find((c) => personalKey(c.view.id) === view.key);
  const resaveWithoutStale = async () => {
    if (!shownChecked) return;
    try {
      const saved = await changePersonalView(api, object.key, shownChecked.view);
      setPersonal(personal.map((p) => (p.id === saved.id ? saved : p)));
      void message.success(t('viewSavedWithout'));
    } catch (error) {
      refused(error);
    }
  };
  const reorderViews = viewsLoaded ? async (keys: string[]): Promise<boolean> => {
    try {
      setPersonal(await reorderPersonalViews(api, object.key, keys.map((key) => personal.find((p) => personalKey(p.id) === key)!.id)));
      void message.success(t('viewOrderSaved'));
      return true;
    } catch (error) {
      void message.error(t('viewOrderNotSaved', { reason: errorText(error, locale) }));
      // Views added or deleted elsewhere since they were read: the menu and the dialog show them as they are now.
      if (error instanceof ApiError && error.code === 'conflict') setPersonal(await fetchPersonalViews(api, object.key).catch(() => personal));
      return false;
    }
  } : undefined;
  const deleteView = current ? async () => {
    try {
      await deletePersonalView(api, object.key, current.id);
      setPersonal(personal.filter((p) => p.id !== current.id));
      navigate(paths.list(tenant, object.key));
    } catch (error) {
      void message.error(errorText(error, locale));
    }
  } : undefined;
  const csv = csvActions(object, document);
  const canAssign = componentEnabled(document, 'pools') && object.pools.length > 0 && object.actions.includes('assign') && display === 'table';
  const selected = pages.records.filter((r) => selectedIds.includes(r.id));
  const bulk = display === 'table' ? bulkAllowed(object, canAssign) : undefined;

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
        searchLabel={searchPlaceholder(object, locale)}
        searchText={text}
        onSearch={setText}
        filterCount={conditionCount(userWhere)}
        filterOpen={filterOpen}
        onToggleFilter={() => setFilterOpen((o) => !o)}
        display={display}
        onDisplay={object.stageField && object.fieldMap.get(object.stageField)?.readable ? setDisplay : undefined}
        onSaveView={viewsLoaded ? saveView : undefined}
        onSaveChanges={saveChanges}
        onRenameView={renameView}
        onDeleteView={deleteView}
        onReorderViews={reorderViews}
      >
        <ColumnPicker object={object} columns={columns} viewColumns={view.columns} onChange={setColumns} />
        {csv.canExport && <ExportButton object={object.key} list={{ ...(where ? { where } : {}), orderBy, columns }} />}
        {csv.canImport && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>{t('importCsv')}</Button>}
      </ListToolbar>
      {shownChecked && shownChecked.stale.length > 0 && (
        <StaleViewNote key={view.key} stale={shownChecked.stale} storageKey={`shoal.staleView.${tenant}.${me.id}.${shownChecked.view.id}`} onResave={resaveWithoutStale} />
      )}
      {filterOpen && (
        <Card size="small" style={{ marginBottom: 12 }} title={t('filters')}
          extra={<Button size="small" onClick={() => setUserWhere(undefined)}>{t('clearFilter')}</Button>}>
          {start.fixedWhere && (
            <div style={{ marginBottom: 12 }} role="group" aria-label={t('viewConditions')}>
              <Typography.Text strong>{t('viewConditions')}</Typography.Text>
              <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
                {filterSummary(start.fixedWhere, fields, locale).map((line, i) => <li key={i}>{line}</li>)}
              </ul>
              <Typography.Text type="secondary">{t('viewConditionsHint')}</Typography.Text>
            </div>
          )}
          <FilterBuilder value={userWhere} onChange={setUserWhere} fields={fields} locale={locale} allowVariables
            searchRecords={session.search} resolveRecords={session.resolve} />
        </Card>
      )}
      {display === 'kanban' ? (
        <Suspense fallback={<LoadingState />}>
          <KanbanBoard object={object} where={where} orderBy={orderBy} columns={columns} />
        </Suspense>
      ) : (
        <>
          {pages.error !== undefined && <ErrorState error={pages.error} onRetry={pages.reload} />}
          {bulk && (
            <RecordBulkActions object={object} allowed={bulk} selected={selected} onClear={() => setSelectedIds([])}
              onDone={() => { setSelectedIds([]); pages.reload(); }} />
          )}
          <RecordList object={object} columns={columns} records={pages.records} loading={pages.loading}
            sort={{ orderBy, fallback: view.orderBy, onChange: setOrderBy }}
            {...(bulk ? { selection: { ids: selectedIds, onChange: setSelectedIds } } : {})} />
          <LoadMore hasMore={pages.hasMore} loading={pages.loadingMore} onMore={pages.loadMore} shown={pages.records.length} total={pages.total} />
        </>
      )}
      {csv.canImport && <ImportDialog object={object} open={importing} onClose={closeImport} onImported={pages.reload} review={reviewedImport} />}
    </section>
  );
}
