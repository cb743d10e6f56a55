import { Button, Segmented, Select, Space, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { keyLabel } from '../../shared/labels.ts';
import { useAsync, type AsyncState } from '../data/use-async.ts';
import { ExtendButton } from './extend-button.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { listRequest, searchPlaceholder, searchWhere } from '../lists/list-query.ts';
import { LoadMore } from '../lists/load-more.tsx';
import { useKeptPlace, useReturnedPlace } from '../lists/list-place.ts';
import { listAddressQuery } from '../lists/list-url-state.ts';
import { RecordList } from '../lists/record-list.tsx';
import { useKeptInAddress, useOpeningAddress } from '../lists/use-list-address.ts';
import { useRecordPages, type ApiRecord } from '../lists/use-record-pages.ts';
import { pipelineOf } from '../metadata/object-info.ts';
import { countWhere, peopleNames, poolMembers } from '../dashboards/dashboard-data.ts';
import { paths } from '../routing/app-routes.ts';
import { navigate, useArrival, useLocation } from '../routing/router.ts';
import { recordTitle } from '../metadata/format-value.ts';
import { useSession } from '../session/tenant-session.tsx';
import { isPoolAdmin, mayExtendHold } from '../shell/navigation-model.ts';
import { ErrorState } from '../shell/page-states.tsx';
import { Countdown } from './countdown.tsx';
import { ListToolbarLite } from './list-toolbar-lite.tsx';
import { deniedPool, PoolNoAccess, PoolPageGate, type WorkedPool } from './pool-page-gate.tsx';
import { heldCount } from './held-counts.ts';
import { myPoolColumns } from './pool-columns.ts';
import { poolApi } from './pool-api.ts';
import { usePoolActions } from './use-pool-actions.tsx';
import { MyPoolBulkActions } from './bulk-pool-actions.tsx';

/** The days of "going back soon": a week, what a BD plans visits over. */
const soonDays = 7;

/**
 * `/pools/{p}/mine` (私海): what I hold, what goes back to the public pool first, why, and when;
 * or only what goes back within a week, and how many. A pool administrator picks whose
 * (`?owner=` a member, or `any`: every holder's they may read, with who holds each): what the
 * team lets go back first. The search and the week's switch are kept in the address (`?q=…&soon=1`).
 */
export function MyPoolPage({ pool }: { pool: string }) {
  return <PoolPageGate pool={pool}>{(worked) => <MyPool {...worked} />}</PoolPageGate>;
}

/** Whom a pool administrator may pick, and the list, opened afresh from its address at each arrival (another's, Back). */
function MyPool(worked: WorkedPool) {
  const { api, me } = useSession();
  const { pool, poolKey } = worked;
  const arrival = useArrival();
  const admin = isPoolAdmin(pool, me.roles);
  // Whom to pick: the pool's members, and whoever else holds its records (one who left, an administrator).
  const people = useAsync(async () => {
    if (!admin) return new Map<string, string>();
    const [members, holdings] = await Promise.all([poolMembers(api, pool), poolApi(api, poolKey).holdings()]);
    const others = holdings.data.map((h) => h.userId).filter((id) => !members.has(id) && id !== me.id);
    const names = await peopleNames(api, others);
    return new Map([...members, ...others.map((id) => [id, names.get(id) ?? id.slice(0, 8)] as const)]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, admin, poolKey, me.id, JSON.stringify([pool.members, pool.admins])]);
  return <MyPoolList key={arrival} {...worked} people={people} />;
}

function MyPoolList({ poolKey, pool, object, people }: WorkedPool & { people: AsyncState<Map<string, string>> }) {
  const { api, document, me, tenant, format } = useSession();
  const { t, locale } = useI18n();
  const { search } = useLocation();
  const opening = useOpeningAddress();
  const [text, setText] = useState(opening.q ?? '');
  const [soonWanted, setSoonWanted] = useState(opening.soon ?? false);
  useKeptInAddress({ q: text, soon: soonWanted }, {});
  // A pool that releases nothing by itself (no hold, visit or win deadline) has no switch to what goes back soon.
  const releases = !!(pool.holdDays || pool.releaseIfNoVisitDays || pool.releaseIfNotWonDays);
  const soon = releases && soonWanted;
  const admin = isPoolAdmin(pool, me.roles);
  // Whose private pool: mine, a member's or everyone's (`any`); only an administrator may pick.
  // One who may not claim (a manager who assigns) holds nothing by himself: he starts at everyone's.
  const startAt = admin && !object.actions.includes('claim') ? 'any' : me.id;
  const whose = (admin && search.get('owner')?.toLowerCase()) || startAt;
  const owner = whose === me.id ? undefined : whose;
  const mineColumns = useMemo(() => myPoolColumns(object, document, pool), [object, document, pool]);
  // Someone else's, or everyone's: who holds each record comes first.
  const columns = useMemo(() => (owner && object.fieldMap.get('owner')?.readable !== false ? ['owner', ...mineColumns] : mineColumns), [owner, object, mineColumns]);
  const where = searchWhere(object, text);
  // Lookups (the hotel, who holds it) come expanded, with their titles.
  const { fields, expand } = listRequest(object, { columns, orderBy: '-createdAt', display: 'table' });
  const hasWonStage = !!pipelineOf(object, document)?.stages.some((s) => s.kind === 'won');
  const key = JSON.stringify([where, fields, soon, owner]);
  const fetchPage = useCallback((cursor: string | undefined, limit?: number) => poolApi(api, poolKey).listMine({
    where, limit: limit ?? 50, fields: fields?.join(','), expand: expand?.join(','), cursor, releaseWithinDays: soon ? soonDays : undefined, owner,
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }), [api, poolKey, key]);
  // Held against the limit (one person's), or how many private records everyone holds.
  // (Everyone's is counted by a plain count where the pool field is readable, not by sorting the pool by release.)
  const poolReadable = object.fieldMap.get('pool')?.readable ?? false;
  const countHeld = useCallback(() => (owner !== 'any'
    ? heldCount(api, poolKey, owner ?? me.id)
    : poolReadable ? countWhere(api, pool.object, { pool: poolKey, poolState: 'private' })
      : poolApi(api, poolKey).listMine({ limit: 1, fields: 'id', count: true, owner }).then((r) => r.total)), [api, poolKey, owner, me.id, poolReadable, pool.object]);
  // Back (or a lead's ←) to 私海: the rows it had loaded, scrolled to where it was.
  const returned = useReturnedPlace();
  const pages = useRecordPages(fetchPage, [fetchPage], countHeld, returned?.rows);
  useKeptPlace(pages, returned);
  // How many go back within the week (of those the search finds), beside the switch to list only them.
  const dueSoon = useAsync(async () => (releases ? (await poolApi(api, poolKey).listMine({ where, limit: 1, fields: 'id', count: true, releaseWithinDays: soonDays, owner })).total : undefined),
  // eslint-disable-next-line react-hooks/exhaustive-deps
  [api, poolKey, releases, JSON.stringify(where), owner]);
  // An extension keeps the lead but moves its release: reload for the new order and countdown.
  const actions = usePoolActions(poolKey, pool.object, (before, after) => {
    if (after.poolState === 'private' && (owner === 'any' || after.owner === whose)) pages.reload();
    else pages.replace(before.id, null);
    dueSoon.reload();
  }, (gone) => { pages.replace(gone.id, null); dueSoon.reload(); });
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  useEffect(() => setSelectedIds([]), [key]);
  const released = (ids: string[]) => {
    for (const id of ids) pages.replace(id, null);
    setSelectedIds([]);
    dueSoon.reload();
  };
  if (deniedPool(pages.error)) return <PoolNoAccess />;
  const canExtend = mayExtendHold(pool, me.roles, !owner);
  const show = (next: string) => navigate(`${paths.myPool(tenant, poolKey)}${listAddressQuery(new URLSearchParams(next === startAt ? {} : { owner: next }), { q: text, soon: soonWanted }, {})}`);
  // A member by name: from those to pick, else from the rows (their holder, expanded), else "this member".
  const listedHolder = owner ? pages.records.map((r) => r.owner).find((o): o is { id: string; name: string } => typeof o === 'object' && o !== null && (o as { id?: string }).id === owner) : undefined;
  const whoseName = owner === 'any' ? t('poolOfEveryone') : owner ? people.data?.get(owner) ?? listedHolder?.name ?? t('thisMember') : undefined;
  // A record nothing releases (won, exempt) has no hold to extend, nor one extended as often as the pool allows.
  // Each row's buttons say which record they act on (释放「…」), not one more 释放 among many.
  const rowActions = (record: ApiRecord) => {
    const name = recordTitle(object, record, format);
    return (
      <Space size={4}>
        {canExtend && typeof record.releaseAt === 'string' && record.extensionsLeft !== 0 && (
          <ExtendButton small releaseAt={record.releaseAt} releaseDueTo={record.releaseDueTo} loading={actions.busyId === record.id} recordName={name} onExtend={() => void actions.extend(record)} />
        )}
        <Button size="small" danger disabled={actions.busyId === record.id} aria-label={t('actionOn', { action: t('release'), name })} onClick={() => actions.release(record)}>{t('release')}</Button>
      </Space>
    );
  };
  const countdown = {
    key: '$release',
    title: t('releaseCountdown'),
    render: (r: ApiRecord) => (typeof r.releaseAt === 'string'
      ? <Countdown to={r.releaseAt} reason={typeof r.releaseDueTo === 'string' ? r.releaseDueTo : null} />
      : <Typography.Text type="secondary">{t('exemptFromRelease')}</Typography.Text>),
  };
  return (
    <section aria-labelledby="mine-title">
      <div className="shoal-page-head">
        <Typography.Title level={2} id="mine-title" style={{ fontSize: 20 }}>{t('myPool')} · {keyLabel(pool.label, locale, poolKey)}{whoseName ? ` · ${whoseName}` : ''}</Typography.Title>
        {pages.total !== undefined && (
          <Typography.Text type="secondary">
            {owner === 'any' ? t('holdingAll', { count: pages.total })
              : owner ? t(pool.maxPerOwner !== undefined ? 'theyHoldOf' : 'theyHold', { name: whoseName ?? '', count: pages.total, limit: pool.maxPerOwner ?? 0 })
              : pool.maxPerOwner !== undefined ? t('holdingOf', { count: pages.total, limit: pool.maxPerOwner }) : t('holding', { count: pages.total })}
            {/* The count is the limit's, which won records are out of: 20 of 200 beside 24 cards. */}
            {owner !== 'any' && hasWonStage && t('wonNotCounted')}
          </Typography.Text>
        )}
        <Typography.Text type="secondary">{t('sortedByExpiry')}</Typography.Text>
      </div>
      <Space wrap size={8} align="start">
        {admin && (
          <Select
            aria-label={t('poolOfWhom')} style={{ minWidth: 200, marginBottom: 12 }} value={whose} onChange={show}
            showSearch={{ optionFilterProp: 'label' }} loading={people.loading}
            options={[
              { value: me.id, label: t('poolOfMine') },
              { value: 'any', label: t('poolOfEveryone') },
              ...[...(people.data ?? new Map<string, string>())].filter(([id]) => id !== me.id).map(([id, name]) => ({ value: id, label: name })),
              // Someone the address names whom the list above lacks (yet).
              ...(owner && owner !== 'any' && !people.data?.has(owner) ? [{ value: owner, label: whoseName ?? owner }] : []),
            ]}
          />
        )}
        {releases && <Segmented aria-label={t('show')} value={soon ? 'soon' : 'all'} onChange={(value) => setSoonWanted(value === 'soon')} style={{ marginBottom: 12 }}
          options={[
            { value: 'all', label: t('allHeld') },
            { value: 'soon', label: `${t('dueBackWithin', { days: soonDays })}${typeof dueSoon.data === 'number' ? ` · ${dueSoon.data}` : ''}` },
          ]} />}
        <ListToolbarLite searchLabel={searchPlaceholder(object, locale)} searchText={text} onSearch={setText} />
      </Space>
      {pages.error !== undefined && <ErrorState error={pages.error} onRetry={pages.reload} what={t('myPool')} />}
      <MyPoolBulkActions poolKey={poolKey} object={object} selected={pages.records.filter((r) => selectedIds.includes(r.id))} onClear={() => setSelectedIds([])} onDone={released} />
      <RecordList object={object} columns={columns} records={pages.records} loading={pages.loading} extraColumns={[countdown]} actions={rowActions} selection={{ ids: selectedIds, onChange: setSelectedIds }}
        emptyText={soon ? t('nothingDueBack', { days: soonDays }) : owner ? t('othersPoolEmpty') : t('myPoolEmpty')} />
      <LoadMore hasMore={pages.hasMore} loading={pages.loadingMore} onMore={pages.loadMore} shown={pages.records.length} total={soon ? dueSoon.data : undefined} />
      {actions.element}
    </section>
  );
}
