import { HistoryOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PendingRun, RuleRun, RuleStatus, RunJob } from '../../api/studio-api.ts';
import { errorMessage } from '../../api/error-message.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSnapshot, useStudio, useTenantTime } from '../../state/studio-context.tsx';

type Log = { state: 'loading' } | { state: 'error' } | { state: 'done'; runs: RuleRun[]; pending: PendingRun[]; nextCursor: string | null; loadingMore?: boolean };

/**
 * The live rule's state (active, next scheduled run), "Run now" for a real run, and its run log:
 * each run by its schedule or by whom, as of when, and what it did.
 */
export function RunsPanel({ ruleKey }: { ruleKey: string }) {
  const { t } = useI18n();
  const { api } = useStudio();
  const { live } = useSnapshot();
  const { message } = App.useApp();
  const [status, setStatus] = useState<RuleStatus | undefined>(undefined);
  const [log, setLog] = useState<Log>({ state: 'loading' });
  const [running, setRunning] = useState(false);
  const isLive = Boolean(live?.document.assignmentRules?.[ruleKey]);
  const when = useTenantTime();

  const load = useCallback(async () => {
    if (!isLive) return;
    const [rules, runs] = await Promise.allSettled([api.assignmentRules(), api.ruleRuns(ruleKey)]);
    setStatus(rules.status === 'fulfilled' ? rules.value.data.find((r) => r.key === ruleKey) : undefined);
    setLog(runs.status === 'fulfilled' ? { state: 'done', runs: runs.value.data, pending: runs.value.pending ?? [], nextCursor: runs.value.nextCursor } : { state: 'error' });
  }, [api, ruleKey, isLive]);
  useEffect(() => { void load(); }, [load]);

  const more = async () => {
    if (log.state !== 'done' || !log.nextCursor) return;
    setLog({ ...log, loadingMore: true });
    try {
      const page = await api.ruleRuns(ruleKey, log.nextCursor);
      setLog({ ...log, runs: [...log.runs, ...page.data], nextCursor: page.nextCursor, loadingMore: false });
    } catch {
      setLog({ ...log, loadingMore: false });
    }
  };

  // A real run goes to the background (a rule over 100,000 records takes seconds): followed until it ends.
  const mounted = useRef(true);
  useEffect(() => () => { mounted.current = false; }, []);
  const runNow = async () => {
    setRunning(true);
    try {
      const { job } = await api.runRule(ruleKey);
      void load();
      let state: RunJob | undefined;
      while (mounted.current && (!state || (state.state !== 'done' && state.state !== 'failed'))) {
        await new Promise((resolve) => setTimeout(resolve, state ? 1000 : 300));
        state = await api.job(job);
      }
      if (!state) return;
      if (state.state === 'done') void message.success(t('rules.runDone', { count: state.result?.stats?.allocated ?? 0, left: state.result?.stats?.unassigned ?? 0 }));
      else void message.error(t('rules.runFailed', { message: state.errors[0]?.message ?? '' }));
      await load();
    } catch (e) {
      void message.error(t('rules.runFailed', { message: errorMessage(e, t) }));
    } finally {
      if (mounted.current) setRunning(false);
    }
  };

  return (
    <Card size="small" style={{ marginTop: 16 }} data-testid="rule-runs" title={<Space><HistoryOutlined />{t('rules.runs')}</Space>}
      extra={(
        <Popconfirm title={t('rules.runNowConfirm')} onConfirm={() => void runNow()} okText={t('rules.runNow')} cancelText={t('common.cancel')} disabled={!isLive || status?.active === false}>
          <Button icon={<PlayCircleOutlined />} loading={running} disabled={!isLive || status?.active === false}>{t('rules.runNow')}</Button>
        </Popconfirm>
      )}>
      <Typography.Paragraph type="secondary">{t('rules.runsHelp')}</Typography.Paragraph>
      {!isLive && <Alert type="info" showIcon title={t('rules.runsAfterPublish')} />}
      {isLive && status && (
        <Descriptions size="small" column={2} style={{ marginBottom: 12 }} items={[
          { key: 'state', label: t('rules.state'), children: <Tag color={status.active ? 'green' : 'default'}>{t(status.active ? 'rules.active' : 'rules.inactive')}</Tag> },
          { key: 'next', label: t('rules.nextRun'), children: !status.schedule ? t('rules.noSchedule') : status.nextRunAt ? when(status.nextRunAt) : t('rules.noNextRun') },
        ]} />
      )}
      {log.state === 'error' && <Alert type="error" showIcon title={t('rules.runsNotAvailable')} />}
      {log.state === 'done' && log.pending.map((run) => (
        <Alert
          key={run.job} type="info" showIcon style={{ marginBottom: 8 }} data-testid="rule-run-pending"
          title={t(run.state === 'running' ? 'rules.runRunning' : 'rules.runQueued', { when: when(run.startedAt ?? run.createdAt), who: run.actor?.name ?? '' })}
          action={<Button size="small" onClick={() => void load()}>{t('rules.refresh')}</Button>}
        />
      ))}
      {isLive && log.state !== 'error' && (
        <Table<RuleRun> size="small" rowKey="id" pagination={false} loading={log.state === 'loading'} dataSource={log.state === 'done' ? log.runs : []}
          locale={{ emptyText: t('rules.noRuns') }}
          columns={[
            { title: t('rules.when'), key: 'when', render: (_: unknown, r: RuleRun) => when(r.createdAt) },
            { title: t('rules.trigger'), key: 'by', render: (_: unknown, r: RuleRun) => (r.actor ? r.actor.name : <Tag>{t('rules.bySchedule')}</Tag>) },
            { title: t('rules.asOf'), key: 'asOf', render: (_: unknown, r: RuleRun) => when(r.asOf) },
            { title: t('rules.candidates'), dataIndex: 'candidates', key: 'candidates' },
            { title: t('rules.assigned'), dataIndex: 'allocations', key: 'allocations' },
            { title: t('rules.unassigned'), dataIndex: 'unassigned', key: 'unassigned' },
            { title: t('rules.spread'), dataIndex: 'spread', key: 'spread' },
          ]} />
      )}
      {log.state === 'done' && log.nextCursor && (
        <Button type="link" onClick={() => void more()} loading={log.loadingMore}>{t('rules.moreRuns')}</Button>
      )}
    </Card>
  );
}
