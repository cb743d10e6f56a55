import { Card, Segmented, Table, Typography } from 'antd';
import { useState } from 'react';
import { defaultTimeZone, type PipelineDefinition } from '../../../../../platform/metadata/metadata-types.ts';
import { useAsync } from '../data/use-async.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatTotal } from '../metadata/format-value.ts';
import { paths } from '../routing/app-routes.ts';
import { Link } from '../routing/link.tsx';
import type { ObjectInfo } from '../metadata/object-info.ts';
import { useSession } from '../session/tenant-session.tsx';
import { ErrorState, LoadingState } from '../shell/page-states.tsx';
import { chartGroupLimit, groupCounts, possibleOwners, peopleNames, wonPeriods, wonWhere, type WonPeriod } from './dashboard-data.ts';
import { ranked } from './stats.ts';

interface Row { id: string; name: string; value: number; count: number; amount: number | undefined }

const periodNames = { month: 'thisMonth', quarter: 'thisQuarter', year: 'thisYear', all: 'allTime' } as const;

/**
 * Who won the most in a period (this month, quarter, year or all time), by when the records were
 * won, that is entered a won stage (by amount where the object has a money field, else by count);
 * a name opens exactly the records counted for that person.
 */
export function LeaderboardPanel({ object, pipeline }: { object: ObjectInfo; pipeline: PipelineDefinition }) {
  const { api, format, tenant, document } = useSession();
  const { t } = useI18n();
  // Without `stageEnteredAt` (an older server) there is no telling when a record was won.
  const dated = object.fieldMap.has('stageEnteredAt');
  const [period, setPeriod] = useState<WonPeriod>(dated ? 'quarter' : 'all');
  const money = object.fields.find((f) => f.type === 'currency' && f.readable);
  const won = pipeline.stages.filter((s) => s.kind === 'won').map((s) => s.key);
  const stageField = object.stageField ?? 'stage';
  const where = wonWhere(stageField, won, period, document.timeZone ?? defaultTimeZone);
  const { data: loaded, error, loading } = useAsync(async () => {
    const { rows, exact, truncated } = await groupCounts(api, object.key, 'owner', where, {
      ...(money ? { sumField: money.key } : {}), values: () => possibleOwners(api, object.key),
    });
    const names = await peopleNames(api, rows.map((r) => r.key));
    const useAmount = !!money && exact;
    const people = ranked(rows.filter((r) => r.key).map((r): Row => ({
      id: r.key, name: names.get(r.key) ?? r.key.slice(0, 8), count: r.count, amount: r.sum, value: useAmount ? r.sum ?? 0 : r.count,
    })));
    return { people, truncated };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, object.key, money?.key, JSON.stringify(where)]);
  const data = loaded?.people;
  // The first three as gold, silver and bronze discs: medal emoji need a font many desktops lack (they showed as □).
  const medals = ['#c9a227', '#9aa0a6', '#b0723f'];
  const rank = (i: number) => (medals[i]
    ? <span style={{ display: 'inline-block', minWidth: 20, height: 20, lineHeight: '20px', borderRadius: 10, background: medals[i], color: '#fff', textAlign: 'center', fontWeight: 600, fontSize: 12 }}>{i + 1}</span>
    : i + 1);
  return (
    <Card size="small" title={`${t('leaderboard')} · ${t(periodNames[period])}`}>
      {/* Under the title, not beside it: in a dashboard column the four periods left the title no room ("Leaderbo…"). */}
      {dated && <Segmented size="small" aria-label={t('period')} value={period} onChange={(v) => setPeriod(v as WonPeriod)} style={{ marginBottom: 8, maxWidth: '100%', overflowX: 'auto' }}
        options={wonPeriods.map((p) => ({ value: p, label: t(periodNames[p]) }))} />}
      {loading && <LoadingState rows={4} />}
      {error !== undefined && <ErrorState error={error} />}
      {data && (
        <>
          <Table<Row> size="small" rowKey="id" pagination={false} dataSource={data} locale={{ emptyText: t('noneWonInPeriod') }}
            columns={[
              { key: 'rank', title: '#', width: 48, render: (_, __, i) => rank(i) },
              { key: 'name', title: t('person'), render: (_, r) => <Link to={paths.list(tenant, object.key, undefined, { owner: r.id, ...where })} title={t('openCountedList')}>{r.name}</Link> },
              { key: 'count', title: t('wonCount'), dataIndex: 'count', align: 'right' },
              ...(money ? [{ key: 'amount', title: t('wonAmount'), align: 'right' as const, render: (_: unknown, r: Row) => (r.amount === undefined ? '—' : formatTotal(money, r.amount, format)) }] : []),
            ]} />
          {dated && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('rankedByWonAt')}</Typography.Text>}
          {/* The aggregate keeps the largest groups by count: past them, people who won fewer are missing. */}
          {loaded?.truncated && <Typography.Text type="warning" style={{ display: 'block', fontSize: 12 }}>{t('groupsTruncated', { count: chartGroupLimit })}</Typography.Text>}
        </>
      )}
    </Card>
  );
}
