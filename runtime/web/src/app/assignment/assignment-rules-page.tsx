import { ExperimentOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, List, Popconfirm, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { keyLabel } from '../../shared/labels.ts';
import { listedRecordsLimit, perUserRows, recordsLeftOut, type AssignmentOutcome } from '../../shared/assignment-outcome.ts';
import { errorText } from '../data/api-errors.ts';
import { jobFinished } from '../data/jobs.ts';
import { useJob } from '../data/use-job.ts';
import { useAsync } from '../data/use-async.ts';
import { peopleNames } from '../dashboards/dashboard-data.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { dateTime } from '../metadata/format-value.ts';
import { componentEnabled, objectLabel } from '../metadata/object-info.ts';
import { paths } from '../routing/app-routes.ts';
import { Link } from '../routing/link.tsx';
import { workOrderSearch, type WorkQueue } from '../work-orders/work-order-types.ts';
import { useSession } from '../session/tenant-session.tsx';
import { EmptyState, ErrorState, LoadingState } from '../shell/page-states.tsx';
import { AllocationDetails } from './allocation-details.tsx';
import { jobFailureText, outcomeSummary, reasonText, ruleCapValues, type AssignmentJob, type RuleStatus } from './assignment-text.ts';

/**
 * `/assignment-rules`: the rules the caller may run (a pool's manager, a dispatcher, an admin),
 * each with when it runs by itself and when it last ran. 预览 shows what a run would do now —
 * who gets how many, what each then holds, and why the rest stays unassigned — without
 * assigning anything; 立即分配 runs it for real (records become their people's private records,
 * each with a work order), after a confirmation.
 */
export function AssignmentRulesPage() {
  const { t } = useI18n();
  const { api } = useSession();
  const rules = useAsync(() => api.get<{ data: RuleStatus[] }>('/assignment-rules').then((r) => r.data.filter((rule) => rule.mayRun !== false)), [api]);
  return (
    <section aria-labelledby="rules-title">
      <div className="shoal-page-head">
        <Typography.Title level={2} id="rules-title" style={{ fontSize: 20 }}>{t('assignmentRules')}</Typography.Title>
        {rules.data && <Typography.Text type="secondary">{t('ruleCount', { count: rules.data.length })}</Typography.Text>}
      </div>
      {rules.loading && !rules.data && <LoadingState />}
      {rules.error !== undefined && <ErrorState error={rules.error} onRetry={rules.reload} what={t('assignmentRules')} />}
      {rules.data?.length === 0 && <EmptyState text={t('noRulesToRun')} />}
      <div className="shoal-card-list">
        {rules.data?.map((rule) => <RuleCard key={rule.key} rule={rule} onRan={rules.reload} />)}
      </div>
    </section>
  );
}

/** A preview or a run, with the people's names and, after a run, whose work-order queues the viewer may open. */
type Outcome = { kind: 'preview' | 'run'; result: AssignmentOutcome; names: Map<string, string>; queues: Set<string> };

function RuleCard({ rule, onRan }: { rule: RuleStatus; onRan: () => void }) {
  const { t, locale } = useI18n();
  const { api, document, objectMap, format, me } = useSession();
  const { message } = App.useApp();
  // A preview or a run under way (a run until its job ends: `runJob` below).
  const [busy, setBusy] = useState<'preview' | 'run' | undefined>();
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [showRuns, setShowRuns] = useState(false);
  const title = keyLabel(document.assignmentRules?.[rule.key]?.title ?? (rule.title as never), locale, rule.key);
  const pool = rule.pool ? document.pools?.[rule.pool] : undefined;
  const objectName = objectLabel(objectMap.get(rule.object), locale, true) || rule.object;

  // A real run goes to the background (a run of 100,000 records takes seconds): followed here until
  // it ends, also after the page was left and opened again (the rule lists it as pending).
  const mine = rule.pending?.find((run) => run.actor?.id === me.id);
  const others = rule.pending?.find((run) => run.actor?.id !== me.id);
  const [runJob, setRunJob] = useState<string | undefined>(mine?.job);
  if (mine && runJob === undefined && busy === undefined && !outcome && !failure) setRunJob(mine.job);
  const running = busy === 'run' || runJob !== undefined;
  const followed = useJob<AssignmentJob>(runJob);

  const show = async (kind: 'preview' | 'run', result: AssignmentOutcome) => {
    const [names, queues] = await Promise.all([
      peopleNames(api, Object.keys(result.stats?.perUser ?? {})).catch(() => new Map<string, string>()),
      kind === 'run' && componentEnabled(document, 'workOrders')
        ? api.get<{ data: WorkQueue[] }>('/work-orders/queues').then((r) => new Set(r.data.map((q) => q.userId)), () => new Set<string>())
        : new Set<string>(),
    ]);
    setOutcome({ kind, result, names, queues });
    if (kind === 'run') {
      const receivers = perUserRows(result.stats).filter((p) => p.allocated > 0).length;
      void message.success(t('ruleRan', { count: result.stats?.allocated ?? 0, users: receivers }));
      onRan();
    }
  };

  useEffect(() => {
    const { job, error, gaveUp } = followed;
    // While the job cannot be read the card keeps asking (and says so below): it ends here only
    // with the run, or when the job cannot be followed at all.
    if (!runJob || (!jobFinished(job) && !gaveUp)) return;
    setRunJob(undefined);
    if (gaveUp || !job) {
      // The run may well go on: say so rather than that it failed, and where its end will show.
      setBusy(undefined);
      setFailure(t('ruleRunUnknown', { reason: errorText(error, locale) }));
      onRan();
      return;
    }
    if (job.state === 'failed') {
      setBusy(undefined);
      setFailure(jobFailureText(job, locale, t));
      onRan();
      return;
    }
    setBusy('run');
    void show('run', { stats: job.result?.stats ?? {} }).finally(() => setBusy(undefined));
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [followed.job, followed.gaveUp, runJob]);

  const go = async (kind: 'preview' | 'run') => {
    setBusy(kind);
    setFailure(undefined);
    setOutcome(undefined);
    try {
      if (kind === 'run') {
        const answer = await api.post<{ job: string }>(`/assignment-rules/${encodeURIComponent(rule.key)}/run`, { background: true });
        setRunJob(answer.job);
        return;
      }
      // Who gets how many and why the rest stays; which record goes to whom only while they are
      // few enough to send (a preview may cover 100,000 records).
      await show(kind, await api.post<AssignmentOutcome>(`/assignment-rules/${encodeURIComponent(rule.key)}/run`, { dryRun: true, summaryAbove: listedRecordsLimit }));
      setBusy(undefined);
    } catch (error) {
      setFailure(errorText(error, locale, (iso) => dateTime(iso, format)));
      setBusy(undefined);
    }
  };

  const runButton = (
    <Button type="primary" icon={<ThunderboltOutlined />} loading={running} disabled={!rule.active || busy === 'preview' || (others !== undefined && !runJob)}>{t('ruleRunNow')}</Button>
  );
  return (
    <Card
      size="small"
      title={<Space wrap size={8}><span>{title}</span><Tag color={rule.active ? 'green' : 'default'}>{t(rule.active ? 'ruleActive' : 'ruleInactive')}</Tag></Space>}
      extra={(
        <Space wrap>
          <Button icon={<ExperimentOutlined />} loading={busy === 'preview'} disabled={running} onClick={() => void go('preview')}>{t('rulePreview')}</Button>
          {rule.active && !(others && !runJob)
            ? <Popconfirm title={t('ruleRunConfirm')} okText={t('ruleRunNow')} cancelText={t('cancel')} okButtonProps={{ autoFocus: true }} onConfirm={() => go('run')}>{runButton}</Popconfirm>
            : <Tooltip title={t(rule.active ? 'ruleRunUnderWayHint' : 'ruleInactiveHint')}>{runButton}</Tooltip>}
        </Space>
      )}
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} items={[
        { key: 'pool', label: t('rulePool'), children: pool ? `${keyLabel(pool.label, locale, rule.pool!)} · ${objectName}` : objectName },
        { key: 'match', label: t('ruleMatch'), children: t(`ruleMatch_${rule.match}`) },
        { key: 'next', label: t('ruleNextRun'), children: rule.nextRunAt ? dateTime(rule.nextRunAt, format) : t(rule.schedule ? 'ruleNoNextRun' : 'ruleNoSchedule') },
        { key: 'last', label: t('ruleLastRun'), children: rule.lastRunAt ? t('ruleLastRunText', { time: dateTime(rule.lastRunAt, format), count: rule.lastAllocations ?? 0 }) : t('ruleNeverRun') },
      ]} />
      {runJob && <RunProgress job={followed.job} />}
      {runJob && followed.error !== undefined && (
        <Alert type="warning" showIcon style={{ marginTop: 12 }} role="alert" title={t('ruleRunUnreadable', { reason: errorText(followed.error, locale) })} />
      )}
      {others && !runJob && (
        <Alert
          type="info" showIcon style={{ marginTop: 12 }} role="status"
          title={t('ruleRunByOther', { name: others.actor?.name ?? '?', time: dateTime(others.createdAt, format) })}
          action={<Button size="small" onClick={onRan}>{t('ruleRunsRefresh')}</Button>}
        />
      )}
      {failure && <Alert type="error" showIcon style={{ marginTop: 12 }} title={failure} />}
      {outcome && <OutcomeView ruleKey={rule.key} object={rule.object} outcome={outcome} />}
      <Button type="link" style={{ paddingInline: 0, marginTop: 4 }} aria-expanded={showRuns} onClick={() => setShowRuns(!showRuns)}>{t('ruleRuns')}</Button>
      {/* Keyed by the last run and the run under way: a run by hand shows at once, as pending while it goes. */}
      {/* On a line of its own: beside the button it read "Recent runsNever run". */}
      {showRuns && <div><RecentRuns key={`${rule.lastRunAt ?? ''}:${runJob ?? ''}`} ruleKey={rule.key} /></div>}
    </Card>
  );
}

/** A run under way: queued, then running, with how long it has been going. */
function RunProgress({ job }: { job: AssignmentJob | undefined }) {
  const { t } = useI18n();
  const since = job?.startedAt ?? job?.createdAt;
  const seconds = since ? Math.max(0, Math.round((Date.now() - Date.parse(since)) / 1000)) : 0;
  return (
    <Alert
      type="info" showIcon icon={<Spin size="small" />} style={{ marginTop: 12 }} role="status"
      title={job?.state === 'running' ? t('ruleRunning', { seconds }) : t('ruleRunQueued')}
      description={t('ruleRunBackgroundHint')}
    />
  );
}

interface RunView { id: string; createdAt: string; trigger: 'manual' | 'schedule'; actor: { id: string; name: string } | null; allocations: number }
interface PendingRunView { job: string; state: 'queued' | 'running'; createdAt: string; actor: { id: string; name: string } | null }

/** The rule's last real runs: when, by whom (or its schedule), how many records. */
function RecentRuns({ ruleKey }: { ruleKey: string }) {
  const { t } = useI18n();
  const { api, format } = useSession();
  const runs = useAsync(() => api.get<{ data: RunView[]; pending?: PendingRunView[] }>(`/assignment-rules/${encodeURIComponent(ruleKey)}/runs`, { limit: 5 }), [api, ruleKey]);
  if (runs.loading && !runs.data) return <LoadingState rows={2} />;
  if (runs.error !== undefined) return <ErrorState error={runs.error} onRetry={runs.reload} />;
  const pending = runs.data?.pending ?? [];
  if (!runs.data?.data.length && !pending.length) return <Typography.Text type="secondary">{t('ruleNeverRun')}</Typography.Text>;
  return (
    <>
      {/* Runs started in the background, by anyone, that have not ended yet. */}
      {pending.length > 0 && (
        <List
          size="small" dataSource={pending} rowKey="job"
          renderItem={(run) => (
            <List.Item extra={<Button size="small" type="link" onClick={runs.reload}>{t('ruleRunsRefresh')}</Button>}>
              <Space size={8}>
                <Tag color="processing">{t(run.state === 'running' ? 'ruleRunStateRunning' : 'ruleRunStateQueued')}</Tag>
                {t('ruleRunStarted', { time: dateTime(run.createdAt, format) })}
                {run.actor && <Typography.Text type="secondary">{t('ruleRunStartedBy', { name: run.actor.name })}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      )}
      <List
        size="small" dataSource={runs.data?.data ?? []} rowKey="id"
        renderItem={(run) => (
          <List.Item>
            {t('ruleLastRunText', { time: dateTime(run.createdAt, format), count: run.allocations })}
            {' · '}
            <Typography.Text type="secondary">{run.actor ? t('ruleRunBy', { name: run.actor.name }) : t('ruleRunBySchedule')}</Typography.Text>
          </List.Item>
        )}
      />
    </>
  );
}

function OutcomeView({ ruleKey, object, outcome }: { ruleKey: string; object: string; outcome: Outcome }) {
  const { t, locale } = useI18n();
  const { document, tenant, me } = useSession();
  // After a real run, each person opens their work-order queue, where the viewer may look at it.
  const queueOf = (userId: string) => (outcome.queues.has(userId)
    ? `${paths.workOrders(tenant)}${workOrderSearch({ assignee: userId, state: 'open' }, me.id)}` : undefined);
  const { result, names } = outcome;
  const stats = result.stats ?? {};
  const allocated = stats.allocated ?? 0;
  // Who gets most first; those who get none last, by what they hold.
  const people = perUserRows(stats).sort((a, b) => b.allocated - a.allocated || a.totalAfter - b.totalAfter);
  const reasons = stats.unassignedByReason ?? [];
  const caps = ruleCapValues(document, ruleKey);
  return (
    <div style={{ marginTop: 12 }} aria-label={t(outcome.kind === 'preview' ? 'rulePreviewTitle' : 'ruleRunTitle')} role="region">
      <Alert
        type={outcome.kind === 'preview' ? 'info' : 'success'} showIcon
        title={t(outcome.kind === 'preview' ? 'rulePreviewTitle' : 'ruleRunTitle')}
        description={outcomeSummary(stats, locale, t)}
      />
      {people.length > 0 && (
        <Table
          size="small" style={{ marginTop: 8 }} rowKey="userId" dataSource={people}
          pagination={people.length > 10 ? { pageSize: 10, size: 'small' } : false}
          columns={[
            { key: 'person', title: t('rulePerson'), render: (_: unknown, row) => {
              const name = names.get(row.userId) ?? row.userId;
              const queue = queueOf(row.userId);
              return queue ? <Link to={queue}>{name}</Link> : name;
            } },
            { key: 'allocated', title: t('ruleAllocated'), dataIndex: 'allocated', align: 'right' },
            { key: 'after', title: t('ruleTotalAfter'), dataIndex: 'totalAfter', align: 'right' },
          ]}
        />
      )}
      {reasons.length > 0 && (
        <Table
          size="small" style={{ marginTop: 8 }} rowKey={(g) => `${g.reason}:${(g.caps ?? []).join(',')}`} dataSource={reasons} pagination={false}
          columns={[
            { key: 'reason', title: t('ruleReason'), render: (_: unknown, g) => reasonText(g, caps, t) },
            { key: 'count', title: t('ruleReasonCount'), dataIndex: 'count', align: 'right' },
          ]}
        />
      )}
      <AllocationDetails object={object} result={result} names={names} caps={caps} />
      {/* A preview of more records than are sent (a background run's result has counts only). */}
      {outcome.kind === 'preview' && recordsLeftOut(result) && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('ruleAllocationsTooMany', { count: allocated + (stats.unassigned ?? 0) })}</Typography.Paragraph>
      )}
    </div>
  );
}
