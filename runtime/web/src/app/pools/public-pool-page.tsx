import { Button, Card, Space, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FilterJson } from '../../shared/filter-builder/filter-builder-types.ts';
import { FilterBuilder } from '../../shared/filter-builder/filter-builder.tsx';
import { keyLabel } from '../../shared/labels.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { combineWhere, listRequest, searchPlaceholder, searchWhere } from '../lists/list-query.ts';
import { LoadMore } from '../lists/load-more.tsx';
import { conditionCount } from '../lists/filter-summary.ts';
import { useKeptPlace, useReturnedPlace } from '../lists/list-place.ts';
import { orderFits } from '../lists/list-url-state.ts';
import { RecordList } from '../lists/record-list.tsx';
import { useKeptInAddress, useOpeningAddress } from '../lists/use-list-address.ts';
import { useRecordPages, type ApiRecord } from '../lists/use-record-pages.ts';
import { filterFieldsFor } from '../metadata/filter-fields.ts';
import { recordTitle } from '../metadata/format-value.ts';
import { useArrival } from '../routing/router.ts';
import { useSession } from '../session/tenant-session.tsx';
import { isPoolAdmin } from '../shell/navigation-model.ts';
import { ErrorState } from '../shell/page-states.tsx';
import { ListToolbarLite } from './list-toolbar-lite.tsx';
import { deniedPool, PoolNoAccess, PoolPageGate, type WorkedPool } from './pool-page-gate.tsx';
import { hiddenWhilePublic, publicPoolColumns } from './pool-columns.ts';
import { ClaimButton } from './claim-button.tsx';
import { PublicPoolBulkActions } from './bulk-pool-actions.tsx';
import { poolApi } from './pool-api.ts';
import { usePoolActions } from './use-pool-actions.tsx';

/**
 * `/pools/{p}/public` (公海): filter, sort, and claim; pool administrators also assign. The
 * filter, search and order are kept in the address, for Back and a copied link.
 */
export function PublicPoolPage({ pool }: { pool: string }) {
  const arrival = useArrival();
  return <PoolPageGate pool={pool}>{(worked) => <PublicPool key={arrival} {...worked} />}</PoolPageGate>;
}

function PublicPool({ poolKey, pool, object }: WorkedPool) {
  const { api, document, objectMap, me, search, resolve, format } = useSession();
  const { t, locale } = useI18n();
  const defaultOrder = '-createdAt';
  const opening = useOpeningAddress();
  const [orderBy, setOrderBy] = useState(() => orderFits(object, opening.orderBy, defaultOrder));
  const [where, setWhere] = useState<FilterJson | undefined>(() => combineWhere(opening.where));
  const [text, setText] = useState(opening.q ?? '');
  useKeptInAddress({ where, q: text, orderBy }, { orderBy: defaultOrder });
  // Open where there is room for it; on a phone the pool's leads come first.
  const [filterOpen, setFilterOpen] = useState(() => window.matchMedia('(min-width: 768px)').matches);
  const hidden = useMemo(() => hiddenWhilePublic(pool, me.roles), [pool, me.roles]);
  const columns = useMemo(() => publicPoolColumns(object, document, hidden), [object, document, hidden]);
  // A field the pool hides while public matches no public lead: it is not offered as a condition.
  const fields = useMemo(() => filterFieldsFor(object, objectMap, locale).filter((f) => !hidden.has(f.key)), [object, objectMap, locale, hidden]);
  const combined = combineWhere(where, searchWhere(object, text));
  const query = listRequest(object, { columns, orderBy, display: 'table', ...(combined ? { where: combined } : {}) }, { count: false });
  const key = JSON.stringify(query);
  const fetchPage = useCallback((cursor: string | undefined, limit?: number) => poolApi(api, poolKey).listPublic({
    ...query, fields: query.fields?.join(','), expand: query.expand?.join(','), cursor, limit: limit ?? query.limit,
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }), [api, poolKey, key]);
  // The count beside the first page, not with it (a large pool counts slower than it pages).
  const fetchTotal = useCallback(() => poolApi(api, poolKey).listPublic({ ...(query.where ? { where: query.where } : {}), limit: 1, fields: 'id', count: true }).then((p) => p.total),
  // eslint-disable-next-line react-hooks/exhaustive-deps
  [api, poolKey, JSON.stringify(query.where ?? null)]);
  // Back (or a lead's ←) to 公海: the rows it had loaded, scrolled to where it was.
  const returned = useReturnedPlace();
  const pages = useRecordPages(fetchPage, [fetchPage], fetchTotal, returned?.rows);
  useKeptPlace(pages, returned);
  // Claimed or assigned, or found claimed by someone else first: no longer in the public pool.
  const actions = usePoolActions(poolKey, pool.object, (before) => pages.replace(before.id, null), (gone) => pages.replace(gone.id, null), { linkClaimed: true });
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  useEffect(() => setSelectedIds([]), [key]);
  if (deniedPool(pages.error)) return <PoolNoAccess />;
  // The pool's administrators assign (the server lets them whatever their role actions), as tenant admins do.
  const admin = isPoolAdmin(pool, me.roles);
  const selected = pages.records.filter((r) => selectedIds.includes(r.id));
  const left = (ids: string[]) => {
    for (const id of ids) pages.replace(id, null);
    setSelectedIds([]);
  };
  const canClaim = object.actions.includes('claim');
  // Each row's buttons say which record they act on (领取「…」): a screen reader's list of buttons is otherwise 领取, 领取, 领取…
  const rowActions = (record: ApiRecord) => {
    const name = recordTitle(object, record, format);
    return (
      <Space size={4} align="start">
        {canClaim && <ClaimButton size="small" cooldownUntil={record.cooldownUntil} busy={actions.busyId === record.id} recordName={name} onClaim={() => void actions.claim(record)} />}
        {admin && <Button size="small" disabled={actions.busyId === record.id} aria-label={t('actionOn', { action: t('assign'), name })} onClick={() => actions.assign(record)}>{t('assign')}</Button>}
      </Space>
    );
  };
  return (
    <section aria-labelledby="pool-title">
      <div className="shoal-page-head">
        <Typography.Title level={2} id="pool-title" style={{ fontSize: 20 }}>{t('publicPool')} · {keyLabel(pool.label, locale, poolKey)}</Typography.Title>
        {pages.total !== undefined && <Typography.Text type="secondary">{t('total', { count: pages.total })}</Typography.Text>}
      </div>
      <ListToolbarLite searchLabel={searchPlaceholder(object, locale)} searchText={text} onSearch={setText}
        filterOpen={filterOpen} onToggleFilter={() => setFilterOpen((o) => !o)} filterCount={conditionCount(where)} />
      {filterOpen && (
        <Card size="small" title={t('filters')} style={{ marginBottom: 12 }} extra={<Button size="small" onClick={() => setWhere(undefined)}>{t('clearFilter')}</Button>}>
          <FilterBuilder value={where} onChange={setWhere} fields={fields} locale={locale} searchRecords={search} resolveRecords={resolve} />
        </Card>
      )}
      {pages.error !== undefined && <ErrorState error={pages.error} onRetry={pages.reload} what={t('publicPool')} />}
      {(admin || canClaim) && <PublicPoolBulkActions poolKey={poolKey} object={object} selected={selected} onClear={() => setSelectedIds([])} onDone={left} claim={canClaim} assign={admin} />}
      <RecordList object={object} columns={columns} records={pages.records} loading={pages.loading}
        sort={{ orderBy, fallback: defaultOrder, onChange: setOrderBy }} actions={canClaim || admin ? rowActions : undefined}
        {...(admin || canClaim ? { selection: { ids: selectedIds, onChange: setSelectedIds } } : {})} />
      <LoadMore hasMore={pages.hasMore} loading={pages.loadingMore} onMore={pages.loadMore} shown={pages.records.length} total={pages.total} />
      {actions.element}
    </section>
  );
}
