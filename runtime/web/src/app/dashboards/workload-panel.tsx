import { App, Card, Typography } from 'antd';
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
import { escapeHtml } from '../records/stage-history-chart.ts';
import { Chart } from './chart.tsx';
import { chartGroupLimit, everyoneCounted, groupCounts, heldWhere, poolMembers, possibleOwners, peopleNames, withHidden, type PersonLoad } from './dashboard-data.ts';
import { spread } from './stats.ts';

/**
 * Private leads of this pool held per person, counted as the pool's limit counts them (won ones
 * left out), the mean, and how unevenly they are spread (variance); a bar opens that person's
 * held records. A pool administrator sees the loads the server counts for the limit
 * (`/holdings`, the assign dialog's 持有 n/200: also leads of people whose records they may not
 * read) and every member holding none at 0 (not its administrators: a manager assigns, he is no
 * idle BD); where they may not read some of a person's leads, the
 * bar's tooltip and the note under the chart say how many, and its click says so rather than
 * opening a list shorter than the bar (or none, where they read none of them). Anyone else sees
 * only the leads they may read, and no one at 0: whether a member they cannot see the leads of
 * holds none, they cannot know.
 */
export function WorkloadPanel({ poolKey, pool }: { poolKey: string; pool: PoolDefinition }) {
  const { api, tenant, document, objectMap, me } = useSession();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const object = objectMap.get(pool.object);
  const held = heldWhere(poolKey, pool, document, object?.stageField ?? undefined, object?.fieldMap.get('pool')?.readable ?? false);
  const admin = isPoolAdmin(pool, me.roles);
  const { data: loaded, error, loading } = useAsync(async () => {
    const readable = () => groupCounts(api, pool.object, 'owner', held, { values: () => possibleOwners(api, pool.object) });
    if (!admin) {
      const { rows, truncated } = await readable();
      return { people: withHidden(everyoneCounted(rows, new Map(), await peopleNames(api, rows.map((r) => r.key))), undefined), truncated };
    }
    const [rows, members, visible] = await Promise.all([
      poolApi(api, poolKey).holdings().then((answer) => answer.data.map((row) => ({ key: row.userId, count: row.held }))),
      poolMembers(api, pool),
      readable(),
    ]);
    const names = await peopleNames(api, rows.map((r) => r.key).filter((id) => !members.has(id)));
    // Past the most groups, a person left out is not one whose leads are all hidden: no hidden counts then.
    return { people: withHidden(everyoneCounted(rows, members, names), visible.truncated ? undefined : visible.rows), truncated: visible.truncated };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, admin, pool.object, poolKey, JSON.stringify([pool.members, pool.admins])]);
  const data = loaded?.people;
  const stats = spread((data ?? []).map((r) => r.value));
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis', formatter: (items: Array<{ dataIndex: number }>) => barTooltip(data?.[items[0]?.dataIndex ?? -1], t) },
    // The mean's label sits right of the chart, not over a bar's number as high as it (平均 22 over 21).
    grid: { left: 8, right: 64, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: (data ?? []).map((r) => r.name), axisLabel: { interval: 0, rotate: (data?.length ?? 0) > 6 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{
      type: 'bar', name: t('holdingsPerUser'), data: (data ?? []).map((r) => r.value),
      // Every bar says its number: an idle member's 0 is read, not guessed from a missing bar.
      label: { show: true, position: 'top' },
      markLine: { symbol: 'none', data: [{ type: 'average', name: t('mean') }], label: { position: 'end', formatter: `${t('mean')}\n{c}` } },
    }],
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }), [data, locale]);
  const idle = (data ?? []).filter((r) => r.value === 0).length;
  const hidden = (data ?? []).reduce((sum, r) => sum + r.hidden, 0);
  const pick = (row: PersonLoad | undefined) => {
    if (!row) return;
    if (row.hidden > 0 && row.hidden >= row.value) {
      void message.info(t('workloadAllHidden', { name: row.name, count: row.value }));
      return;
    }
    navigate(paths.list(tenant, pool.object, undefined, { owner: row.id, ...held }));
    if (row.hidden > 0) void message.info(t('workloadPartlyHidden', { name: row.name, count: row.value, visible: row.value - row.hidden, hidden: row.hidden }));
  };
  return (
    <Card size="small" title={`${t('workload')} · ${t('holdingsPerUser')}${t('wonNotCounted')} · ${keyLabel(pool.label, locale, poolKey)}`}>
      {loading && <LoadingState rows={4} />}
      {error !== undefined && <ErrorState error={error} />}
      {data && (
        <>
          <Chart option={option} height={240} label={t('workload')}
            onPick={(i) => pick(data[i])} />
          <Typography.Text type="secondary">
            {t('variance', { value: stats.variance.toFixed(1), std: stats.std.toFixed(1) })}
            {idle > 0 && ` · ${t('idleMembers', { count: idle })}`}
            {hidden > 0 && ` · ${t('workloadHiddenNote', { count: hidden })}`}
            {loaded?.truncated && ` · ${t('groupsTruncated', { count: chartGroupLimit })}`}
          </Typography.Text>
        </>
      )}
    </Card>
  );
}

/** A bar's tooltip: the person, what they hold, and how many of those the viewer may not read (escaped: names are data). */
function barTooltip(row: PersonLoad | undefined, t: ReturnType<typeof useI18n>['t']): string {
  if (!row) return '';
  const lines = [escapeHtml(row.name), `${t('holdingsPerUser')}: ${row.value}`];
  if (row.hidden > 0) lines.push(t('workloadHiddenOfBar', { count: row.hidden }));
  return lines.join('<br/>');
}
