import { Card, Typography } from 'antd';
import { useMemo } from 'react';
import type { PoolDefinition } from '../../../../../platform/metadata/metadata-types.ts';
import { keyLabel } from '../../shared/labels.ts';
import { useAsync } from '../data/use-async.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { paths } from '../routing/app-routes.ts';
import { navigate } from '../routing/router.ts';
import { useSession } from '../session/tenant-session.tsx';
import { poolApi } from '../pools/pool-api.ts';
import { isPoolAdmin } from '../shell/navigation-model.ts';
import { ErrorState, LoadingState } from '../shell/page-states.tsx';
import { Chart } from './chart.tsx';
import { everyoneCounted, groupCounts, heldWhere, poolMembers, possibleOwners, peopleNames } from './dashboard-data.ts';
import { spread } from './stats.ts';

/**
 * Private leads of this pool held per person, counted as the pool's limit counts them (won ones
 * left out), the mean, and how unevenly they are spread (variance); a bar opens that person's
 * held records. A pool administrator sees the loads the server counts for the limit
 * (`/holdings`, the assign dialog's 持有 n/200: also leads of people whose records they may not
 * read) and every member holding none at 0. Anyone else sees only the leads they may read, and no
 * one at 0: whether a member they cannot see the leads of holds none, they cannot know.
 */
export function WorkloadPanel({ poolKey, pool }: { poolKey: string; pool: PoolDefinition }) {
  const { api, tenant, document, objectMap, me } = useSession();
  const { t, locale } = useI18n();
  const object = objectMap.get(pool.object);
  const held = heldWhere(poolKey, pool, document, object?.stageField ?? undefined, object?.fieldMap.get('pool')?.readable ?? false);
  const admin = isPoolAdmin(pool, me.roles);
  const { data, error, loading } = useAsync(async () => {
    const [rows, members] = admin
      ? await Promise.all([
        poolApi(api, poolKey).holdings().then((answer) => answer.data.map((row) => ({ key: row.userId, count: row.held }))),
        poolMembers(api, pool.members),
      ])
      : [(await groupCounts(api, pool.object, 'owner', held, { values: () => possibleOwners(api, pool.object) })).rows, new Map<string, string>()];
    const names = await peopleNames(api, rows.map((r) => r.key).filter((id) => !members.has(id)));
    return everyoneCounted(rows, members, names);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, admin, pool.object, poolKey, JSON.stringify(pool.members)]);
  const stats = spread((data ?? []).map((r) => r.value));
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: (data ?? []).map((r) => r.name), axisLabel: { interval: 0, rotate: (data?.length ?? 0) > 6 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{
      type: 'bar', name: t('holdingsPerUser'), data: (data ?? []).map((r) => r.value),
      // Every bar says its number: an idle member's 0 is read, not guessed from a missing bar.
      label: { show: true, position: 'top' },
      markLine: { symbol: 'none', data: [{ type: 'average', name: t('mean') }], label: { position: 'insideEndTop', formatter: `${t('mean')} {c}` } },
    }],
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }), [data, locale]);
  const idle = (data ?? []).filter((r) => r.value === 0).length;
  return (
    <Card size="small" title={`${t('workload')} · ${t('holdingsPerUser')}${t('wonNotCounted')} · ${keyLabel(pool.label, locale, poolKey)}`}>
      {loading && <LoadingState rows={4} />}
      {error !== undefined && <ErrorState error={error} />}
      {data && (
        <>
          <Chart option={option} height={240} label={t('workload')}
            onPick={(i) => { const row = data[i]; if (row) navigate(paths.list(tenant, pool.object, undefined, { owner: row.id, ...held })); }} />
          <Typography.Text type="secondary">
            {t('variance', { value: stats.variance.toFixed(1), std: stats.std.toFixed(1) })}
            {idle > 0 && ` · ${t('idleMembers', { count: idle })}`}
          </Typography.Text>
        </>
      )}
    </Card>
  );
}
