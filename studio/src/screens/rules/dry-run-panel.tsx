import { ExperimentOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, type UserSummary } from '../../api/studio-api.ts';
import { errorMessage } from '../../api/error-message.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSnapshot, useStudio } from '../../state/studio-context.tsx';
import { perUserRows, recordsLeftOut, ruleCapValues, type DryRunStats, type PerUserRow } from '../../../../runtime/web/src/shared/assignment-outcome.ts';
import { reasonMessage, type Unassigned } from './unassigned-reasons.ts';

interface Allocation {
  recordId: string;
  userId: string;
  priority?: number;
}

interface DryRun {
  allocations?: Allocation[];
  unassigned?: Unassigned[];
  stats?: DryRunStats;
}

interface Conflict {
  rules: [string, string];
  object: string;
  winner: string;
  records: number;
  sample?: string[];
}

type Outcome = { state: 'idle' } | { state: 'running' } | { state: 'done'; result: DryRun } | { state: 'unavailable' } | { state: 'error'; message: string };
type Conflicts = { state: 'loading' | 'unavailable' | 'error' } | { state: 'done'; data: Conflict[] };

const notFound = (e: unknown) => e instanceof ApiError && e.status === 404;

/** What the live rule would allocate now (nothing is assigned), and where rules compete for records. */
export function DryRunPanel({ ruleKey }: { ruleKey: string }) {
  const { t, label } = useI18n();
  const { api } = useStudio();
  const { live } = useSnapshot();
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const [conflicts, setConflicts] = useState<Conflicts>({ state: 'loading' });
  const [users, setUsers] = useState<Map<string, UserSummary>>(new Map());
  const [titles, setTitles] = useState<Map<string, string>>(new Map());
  const [page, setPage] = useState(1);
  const [unassignedPage, setUnassignedPage] = useState(1);
  const isLive = Boolean(live?.document.assignmentRules?.[ruleKey]);
  const rule = live?.document.assignmentRules?.[ruleKey];
  const object = rule?.object;
  const ruleTitle = (key: string) => label(live?.document.assignmentRules?.[key]?.title, key);
  const titleField = object ? live?.document.objects[object]?.titleField : undefined;

  useEffect(() => {
    api.ruleConflicts().then(
      (data) => setConflicts({ state: 'done', data: ((data as { data?: Conflict[] }).data ?? []).filter((c) => c.rules.includes(ruleKey)) }),
      (e) => setConflicts({ state: notFound(e) ? 'unavailable' : 'error' }),
    );
    api.allUsers().then((all) => setUsers(new Map(all.map((u) => [u.id, u]))), () => undefined);
  }, [api, ruleKey]);

  const run = async () => {
    setOutcome({ state: 'running' });
    setPage(1);
    setUnassignedPage(1);
    try {
      setOutcome({ state: 'done', result: (await api.dryRun(ruleKey)) as DryRun });
    } catch (e) {
      setOutcome(notFound(e) ? { state: 'unavailable' } : { state: 'error', message: errorMessage(e, t) });
    }
  };
  const name = (id: string) => users.get(id)?.name ?? id;
  const result = outcome.state === 'done' ? outcome.result : undefined;
  // The titles of the records on the pages shown (a run may allocate 100,000).
  const shownIds = [
    ...(result?.allocations ?? []).slice((page - 1) * 10, page * 10),
    ...(result?.unassigned ?? []).slice((unassignedPage - 1) * 10, unassignedPage * 10),
  ].map((a) => a.recordId).filter((id) => !titles.has(id));
  const wanted = shownIds.join(',');
  useEffect(() => {
    if (!object || !titleField || wanted === '') return;
    const ids = wanted.split(',');
    let current = true;
    api.recordsById(object, ids).then((r) => {
      if (!current) return;
      setTitles((prev) => {
        const next = new Map(prev);
        for (const id of ids) next.set(id, id);
        for (const row of r.data) if (row[titleField] !== undefined && row[titleField] !== null) next.set(String(row.id), String(row[titleField]));
        return next;
      });
    }, () => undefined);
    return () => { current = false; };
  }, [api, object, titleField, wanted]);
  const perUser = perUserRows(result?.stats);
  // Counted by the server, also when the records themselves are left out (too many to list).
  const reasons = result?.stats?.unassignedByReason ?? [];
  const caps = live ? ruleCapValues(live.document, ruleKey) : {};
  const reasonText = (u: Pick<Unassigned, 'reason' | 'caps'>) => {
    const m = reasonMessage(u, caps, t);
    return t(m.key, m.vars);
  };
  const recordTitle = (id: string) => <span title={id}>{titles.get(id) ?? id}</span>;
  return (
    <Card size="small" style={{ marginTop: 16 }} title={<Space><ExperimentOutlined />{t('rules.dryRun')}</Space>}
      extra={<Button onClick={run} loading={outcome.state === 'running'} disabled={!isLive}>{t('rules.runDry')}</Button>}>
      <Typography.Paragraph type="secondary">{t('rules.dryRunHelp')}</Typography.Paragraph>
      {!isLive && <Alert type="info" showIcon title={t('rules.afterPublish')} />}
      {outcome.state === 'unavailable' && <Alert type="warning" showIcon title={t('rules.notAvailable')} />}
      {outcome.state === 'error' && <Alert type="error" showIcon title={outcome.message} />}
      {result && (
        <>
          <Descriptions size="small" column={3} items={[
            { key: 'c', label: t('rules.candidates'), children: result.stats?.candidates ?? '—' },
            { key: 'u', label: t('rules.receivers'), children: result.stats?.users ?? perUser.length },
            { key: 'n', label: t('rules.allocations'), children: result.stats?.allocated ?? result.allocations?.length ?? 0 },
            { key: 'v', label: t('rules.variance'), children: result.stats?.variance ?? '—' },
            { key: 's', label: t('rules.spread'), children: result.stats?.spread ?? '—' },
            { key: 'p', label: t('rules.priority'), children: rule?.priority ?? '—' },
            { key: 'x', label: t('rules.unassigned'), span: 2, children: reasons.length === 0 ? 0 : <Space wrap data-testid="dry-run-reasons">{reasons.map((g) => <Tag key={`${g.reason}:${g.caps ?? ''}`}>{reasonText(g)}: {g.count}</Tag>)}</Space> },
          ]} />
          <Table<PerUserRow> size="small" rowKey="userId" pagination={perUser.length > 20 ? { pageSize: 20 } : false} dataSource={perUser} data-testid="dry-run-per-user"
            columns={[
              { title: t('rules.user'), key: 'u', render: (_: unknown, r: PerUserRow) => name(r.userId) },
              { title: t('rules.allocatedNow'), dataIndex: 'allocated', key: 'a' },
              { title: t('rules.totalAfter'), dataIndex: 'totalAfter', key: 't' },
            ]} />
          {recordsLeftOut(result) && (
            <Alert type="info" showIcon style={{ marginTop: 8 }} data-testid="dry-run-not-listed"
              title={t('rules.tooManyToList', { count: (result.stats?.allocated ?? 0) + (result.stats?.unassigned ?? 0) })} />
          )}
          {result.allocations && <Table<Allocation> size="small" rowKey={(r) => `${r.recordId}:${r.userId}`} pagination={{ pageSize: 10, current: page, onChange: setPage, showSizeChanger: false }} dataSource={result.allocations ?? []} style={{ marginTop: 8 }}
            data-testid="dry-run-allocations"
            columns={[
              { title: t('rules.record'), key: 'r', render: (_: unknown, r: Allocation) => recordTitle(r.recordId) },
              { title: t('rules.user'), key: 'u', render: (_: unknown, r: Allocation) => name(r.userId) },
              { title: <span title={t('rules.queuePositionHelp')}>{t('rules.queuePosition')}</span>, dataIndex: 'priority', key: 'p' },
            ]} />}
          {(result.unassigned?.length ?? 0) > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>{t('rules.unassignedRecords')}</Typography.Title>
              <Table<Unassigned> size="small" rowKey="recordId" dataSource={result.unassigned} data-testid="dry-run-unassigned"
                pagination={{ pageSize: 10, current: unassignedPage, onChange: setUnassignedPage, showSizeChanger: false, hideOnSinglePage: true }}
                columns={[
                  { title: t('rules.record'), key: 'r', render: (_: unknown, u: Unassigned) => recordTitle(u.recordId) },
                  { title: t('rules.reason'), key: 'why', render: (_: unknown, u: Unassigned) => reasonText(u) },
                ]} />
            </>
          )}
        </>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('rules.conflicts')}</Typography.Title>
      {conflicts.state === 'unavailable' && <Alert type="info" showIcon title={t('rules.conflictsNotAvailable')} />}
      {conflicts.state === 'error' && <Alert type="error" showIcon title={t('rules.conflictsFailed')} />}
      {conflicts.state === 'done' && (
        <Table size="small" pagination={false} rowKey={(c) => c.rules.join('|')} dataSource={conflicts.data} locale={{ emptyText: t('rules.noConflicts') }}
          columns={[
            { title: t('rules.otherRule'), key: 'other', render: (_: unknown, c: Conflict) => ruleTitle(c.rules.find((r) => r !== ruleKey) ?? '') },
            { title: t('rules.sharedRecords'), dataIndex: 'records', key: 'records' },
            { title: t('rules.winner'), dataIndex: 'winner', key: 'winner', render: (w: string) => <Tag color={w === ruleKey ? 'green' : 'orange'} title={w}>{ruleTitle(w)}</Tag> },
          ]} />
      )}
    </Card>
  );
}
